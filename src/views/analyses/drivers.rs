//! Drivers: the attribute values and path features under which the chosen outcome (an SLA
//! breach, a long case, a reopening, an escalation) is most frequent, ranked by lift.

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::drivers::{DriverOutcome, DriversReport, Feature};
use leptos::prelude::*;

use super::common::{I18n, column_of, pct, percent_text};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::state::use_app_state;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the drivers analysis.
pub(super) fn drivers(i18n: I18n, r: DriversReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let chart: Vec<(String, f64)> = r
        .drivers
        .iter()
        .take(10)
        .map(|d| (d.features.iter().map(|f| feature_label(i18n, choices, f)).collect::<Vec<_>>().join(" + "), d.lift))
        .collect();
    let driver_filters: Vec<Option<Filter>> = r
        .drivers
        .iter()
        .take(10)
        .map(|d| (d.features.len() == 1).then(|| feature_filter(choices, &d.features[0])).flatten())
        .collect();
    let rows: Vec<Row> = r
        .drivers
        .iter()
        .map(|d| {
            let filter = (d.features.len() == 1).then(|| feature_filter(choices, &d.features[0])).flatten();
            Row::filtering(
                vec![
                    Cell::Text(
                        d.features.iter().map(|f| feature_label(i18n, choices, f)).collect::<Vec<_>>().join(" + "),
                    ),
                    Cell::Times(Some(d.lift)),
                    Cell::Count(d.rate.of),
                    Cell::Percent(Some(d.rate.rate)),
                ],
                filter,
            )
        })
        .collect();
    let outcome = r.outcome;
    let (part, total) = (format::count(r.base.count, lang), format::count(r.base.of, lang));
    let base_note = t_string!(i18n, drivers.base_note, count = r.base.of, part = part, total = total).to_string();
    view! {
        <DriverOutcomeChoice outcome=outcome />
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure
                testid="fig-base-rate"
                label=t_string!(i18n, drivers.base).to_string()
                value=percent_text(pct(r.base), lang)
                note=base_note
            />
        </div>
        {if rows.is_empty() {
            view! {
                <p class="muted" data-testid="no-drivers">
                    {t!(i18n, drivers.none)}
                </p>
            }
                .into_any()
        } else {
            view! {
                <BarChart
                    testid="chart-drivers"
                    title=t_string!(i18n, drivers.chart).to_string()
                    items=chart
                    format=crate::widgets::Axis::Times(lang)
                    filters=driver_filters
                />
                <DataTable
                    testid="table-drivers"
                    headers=texts![i18n; drivers.feature, drivers.lift, drivers.support, drivers.rate]
                    rows=rows
                    lang=lang
                />
            }
                .into_any()
        }}
    }
    .into_any()
}

fn feature_label(i18n: I18n, choices: Option<&FilterChoices>, feature: &Feature) -> String {
    match feature {
        Feature::Value { column, value } => {
            let column = crate::names::label_of_column(i18n, choices, column);
            t_string!(i18n, drivers.f_value, column = column, value = value.clone()).to_string()
        }
        Feature::Team { team } => t_string!(i18n, drivers.f_team, team = team.clone()).to_string(),
        Feature::Activity { activity } => t_string!(i18n, drivers.f_activity, activity = activity.clone()).to_string(),
        Feature::Handoffs { at_least } => {
            t_string!(i18n, drivers.f_handoffs, count = *at_least, n = *at_least).to_string()
        }
        Feature::PingPong => t_string!(i18n, drivers.f_ping_pong).to_string(),
        Feature::Escalated => t_string!(i18n, drivers.f_escalated).to_string(),
        Feature::Reopened => t_string!(i18n, drivers.f_reopened).to_string(),
        Feature::Rework => t_string!(i18n, drivers.f_rework).to_string(),
        Feature::TypeChanged => t_string!(i18n, drivers.f_type_changed).to_string(),
        Feature::Rerouted => t_string!(i18n, drivers.f_rerouted).to_string(),
    }
}

fn feature_filter(choices: Option<&FilterChoices>, feature: &Feature) -> Option<Filter> {
    match feature {
        Feature::Value { column, value } => Some(Filter::Attribute {
            column: column.clone(),
            values: vec![value.clone()],
            exclude: false,
            events: false,
        }),
        Feature::Team { team } => Some(Filter::Attribute {
            column: column_of(choices, ServiceField::Team)?,
            values: vec![team.clone()],
            exclude: false,
            events: false,
        }),
        Feature::Activity { activity } => {
            Some(Filter::Activities { activities: vec![activity.clone()], mode: Presence::Any })
        }
        _ => None,
    }
}

/// The outcome whose drivers are shown.
#[component]
fn DriverOutcomeChoice(outcome: DriverOutcome) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let hours = RwSignal::new(match outcome {
        DriverOutcome::LongerThan { seconds } => format!("{:.0}", seconds / 3600.0),
        _ => "72".to_owned(),
    });
    let code = match outcome {
        DriverOutcome::SlaBreach => "sla_breach",
        DriverOutcome::LongerThan { .. } => "longer",
        DriverOutcome::Reopen => "reopen",
        DriverOutcome::Escalation => "escalation",
    };
    let set = move |code: &str| {
        let hours = hours.get_untracked().replace(',', ".").parse::<f64>().unwrap_or(72.0).max(0.0);
        let chosen = match code {
            "sla_breach" => DriverOutcome::SlaBreach,
            "reopen" => DriverOutcome::Reopen,
            "escalation" => DriverOutcome::Escalation,
            _ => DriverOutcome::LongerThan { seconds: hours * 3600.0 },
        };
        state.edit_setup(|s| s.options.drivers = Some(chosen));
    };
    view! {
        <div class="form-row" data-testid="drivers-outcome">
            <label class="field">
                <span>{t!(i18n, drivers.outcome)}</span>
                <select data-testid="drivers-outcome-select" on:change=move |e| set(&event_target_value(&e))>
                    <option value="sla_breach" selected=code == "sla_breach">
                        {t!(i18n, drivers.o_breach)}
                    </option>
                    <option value="longer" selected=code == "longer">
                        {t!(i18n, drivers.o_longer)}
                    </option>
                    <option value="reopen" selected=code == "reopen">
                        {t!(i18n, drivers.o_reopen)}
                    </option>
                    <option value="escalation" selected=code == "escalation">
                        {t!(i18n, drivers.o_escalation)}
                    </option>
                </select>
            </label>
            {(code == "longer")
                .then(|| {
                    view! {
                        <label class="field">
                            <span>{t!(i18n, drivers.hours)}</span>
                            <input
                                type="number"
                                min="0"
                                step="any"
                                data-testid="drivers-hours"
                                prop:value=move || hours.get()
                                on:input=move |e| hours.set(event_target_value(&e))
                                on:change=move |_| set("longer")
                            />
                        </label>
                    }
                })}
        </div>
    }
}
