//! SLA compliance: from a due-date column, the user's rules or the tool's own verdict per case,
//! by segment, with what breached cases had last done, late reassignments and open cases at
//! risk (the last three only where deadlines are known).

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::Step;
use casemap_engine::service::sla::{BusinessHours, Compliance, Endpoint, SlaReport, SlaRule, SlaSource};
use leptos::prelude::*;

use super::common::{
    I18n, by_label, column_of, in_order, none_label, pct, percent_axis, percent_text, resolution_unknown,
    segment_filter, segment_name, value_filter,
};
use crate::context::use_lang;
use crate::i18n::*;
use crate::names::step_name;
use crate::protocol::FilterChoices;
use crate::state::use_app_state;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the SLA analysis.
pub(super) fn sla(i18n: I18n, r: SlaReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let source = match r.source {
        Some(SlaSource::DueDate) => t_string!(i18n, sla.from_due_date).to_string(),
        Some(SlaSource::Rules) => t_string!(i18n, sla.from_rules).to_string(),
        Some(SlaSource::Flag) => t_string!(i18n, sla.from_flag).to_string(),
        None => String::new(),
    };
    let segments: Vec<(String, Vec<Row>)> = in_order(&r.by_segment)
        .into_iter()
        .map(|(key, rows)| {
            (
                segment_name(i18n, key),
                rows.iter()
                    .map(|row| {
                        compliance_row(i18n, &row.value, &row.compliance, segment_filter(choices, key, &row.value))
                    })
                    .collect(),
            )
        })
        .collect();
    let chart: Vec<(String, f64)> = r
        .by_segment
        .get("priority")
        .or_else(|| r.by_segment.values().next())
        .map(|rows| {
            rows.iter().filter_map(|row| Some((row.value.clone()?, row.compliance.compliance?))).take(12).collect()
        })
        .unwrap_or_default();
    let sla_filters = if r.by_segment.contains_key("priority") {
        let column = column_of(choices, ServiceField::Priority);
        by_label(&chart, |l| value_filter(&column, &Some(l.to_owned())))
    } else {
        Vec::new()
    };
    let after: Vec<Row> = r
        .breaches_after
        .iter()
        .map(|b| {
            Row::filtering(
                vec![Cell::Text(b.activity.clone()), Cell::Count(b.cases), Cell::Share(b.share)],
                Some(Filter::Activities { activities: vec![b.activity.clone()], mode: Presence::Any }),
            )
        })
        .collect();
    let risk: Vec<Row> = r
        .at_risk
        .iter()
        .map(|x| {
            Row::filtering(
                vec![
                    Cell::Text(x.case.clone()),
                    Cell::Text(x.deadline.replacen('T', " ", 1).trim_end_matches('Z').to_owned()),
                    Cell::Duration(Some(x.left_s)),
                    Cell::Text(x.last_activity.clone()),
                ],
                Some(Filter::Cases { ids: vec![x.case.clone()], exclude: false }),
            )
        })
        .collect();
    let rules: Vec<Row> =
        r.rules.iter().map(|rule| compliance_row(i18n, &Some(rule.name.clone()), &rule.compliance, None)).collect();
    let compliance_headers = |first: String| {
        vec![
            first,
            t_string!(i18n, sla.met).to_string(),
            t_string!(i18n, sla.breached).to_string(),
            t_string!(i18n, sla.pending).to_string(),
            t_string!(i18n, sla.compliance).to_string(),
        ]
    };
    let hot = r.hot_potato;
    // Outcomes measured at a resolution the vocabulary does not find are unknown.
    let unknown = resolution_unknown(&r.needs);
    let (compliance, compliance_note) = if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else if r.source.is_none() {
        ("–".to_owned(), t_string!(i18n, kpis.why_sla).to_string())
    } else {
        (percent_text(r.overall.compliance, lang), String::new())
    };
    // The tool's verdict has no deadlines: nothing is known about cases running late.
    let deadlines = r.source != Some(SlaSource::Flag) && !unknown;
    view! {
        <NeedsNotice needs=r.needs.clone() />
        {(!source.is_empty())
            .then(|| {
                view! {
                    <p class="muted" data-testid="sla-source">
                        {source}
                    </p>
                }
            })}
        <div class="figures">
            <Figure
                testid="fig-sla-compliance"
                label=t_string!(i18n, sla.compliance).to_string()
                value=compliance
                note=compliance_note
            />
            <Figure
                testid="fig-sla-met"
                label=t_string!(i18n, sla.met).to_string()
                value=format::count(r.overall.met, lang)
            />
            <Figure
                testid="fig-sla-breached"
                label=t_string!(i18n, sla.breached).to_string()
                value=format::count(r.overall.breached, lang)
            />
            <Figure
                testid="fig-sla-pending"
                label=t_string!(i18n, sla.pending).to_string()
                value=format::count(r.overall.pending, lang)
            />
            {hot
                .map(|hot| {
                    view! {
                        <Figure
                            testid="fig-hot-potato"
                            label=t_string!(i18n, sla.hot_potato).to_string()
                            value=percent_text(pct(hot.with_reassignment), lang)
                            note=t_string!(
                                i18n, sla.hot_potato_note, count = hot.with_reassignment.of, with = format::count(hot.with_reassignment.of, lang), other = percent_text(pct(hot.without_reassignment), lang)
                            )
                                .to_string()
                        />
                    }
                })}
        </div>
        <SlaRules />
        {(!rules.is_empty())
            .then(|| {
                view! {
                    <DataTable
                        testid="table-sla-rules"
                        headers=compliance_headers(t_string!(i18n, sla.rule).to_string())
                        rows=rules
                        lang=lang
                    />
                }
            })}
        <BarChart
            testid="chart-sla"
            title=t_string!(i18n, sla.by_priority).to_string()
            items=chart.clone()
            format=percent_axis(lang)
            filters=sla_filters
        />
        {segments
            .into_iter()
            .map(|(name, rows)| {
                view! {
                    <h3>{t_string!(i18n, sla.by_segment, segment = name.clone()).to_string()}</h3>
                    <DataTable testid="table-sla-segment" headers=compliance_headers(name) rows=rows lang=lang />
                }
            })
            .collect_view()}
        {(!after.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, sla.breaches_after)}</h3>
                    <DataTable
                        testid="table-breaches-after"
                        headers=vec![
                            t_string!(i18n, analyses.activity).to_string(),
                            t_string!(i18n, analyses.cases).to_string(),
                            t_string!(i18n, analyses.share).to_string(),
                        ]
                        rows=after
                        lang=lang
                    />
                }
            })}
        {deadlines
            .then(|| {
                view! {
                    <h3 data-testid="at-risk-title">
                        {t_string!(i18n, sla.at_risk, count = format::count(r.at_risk_total, lang)).to_string()}
                    </h3>
                    {(!risk.is_empty())
                        .then(|| {
                            view! {
                                <DataTable
                                    testid="table-at-risk"
                                    headers=vec![
                                        t_string!(i18n, analyses.case).to_string(),
                                        t_string!(i18n, sla.deadline).to_string(),
                                        t_string!(i18n, sla.left).to_string(),
                                        t_string!(i18n, analyses.last_activity).to_string(),
                                    ]
                                    rows=risk
                                    lang=lang
                                />
                            }
                        })}
                }
            })}
    }
    .into_any()
}

/// The SLA rules, editable: used when the log has no due-date column (and shown per rule
/// beside it when it has one).
#[component]
fn SlaRules() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    state.request_choices();
    let name = RwSignal::new(String::new());
    let from = RwSignal::new("created".to_owned());
    let to = RwSignal::new("resolved".to_owned());
    let within = RwSignal::new("24".to_owned());
    let business = RwSignal::new(false);
    // Hours per priority value (as written in the file); empty: the general limit.
    let per_priority = RwSignal::new(Vec::<(String, String)>::new());
    let priorities = move || {
        a.choices.with(|c| {
            c.as_ref()
                .and_then(|c| c.columns.iter().find(|col| col.field == Some(ServiceField::Priority)))
                .map(|col| col.values.iter().take(12).map(|v| v.value.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let rules = move || a.setup.with(|s| s.options.sla_rules.clone());
    let endpoint_name = move |e: &Endpoint| match e {
        Endpoint::Created => t_string!(i18n, sla.created).to_string(),
        Endpoint::Resolved => t_string!(i18n, sla.resolution).to_string(),
        Endpoint::Activity(a) => a.clone(),
        Endpoint::Step(s) => step_name(i18n, *s),
    };
    let parse = |code: &str| -> Endpoint {
        match code {
            "created" => Endpoint::Created,
            "resolved" => Endpoint::Resolved,
            other => other
                .strip_prefix("step:")
                .and_then(|s| Step::ALL.iter().find(|x| x.key() == s).copied())
                .map(Endpoint::Step)
                .unwrap_or_else(|| Endpoint::Activity(other.trim_start_matches("activity:").to_owned())),
        }
    };
    let add = move |_| {
        let Ok(hours) = within.get_untracked().replace(',', ".").parse::<f64>() else { return };
        if hours <= 0.0 {
            return;
        }
        let rule = SlaRule {
            name: Some(name.get_untracked()).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| {
                format!(
                    "{} → {}",
                    endpoint_name(&parse(&from.get_untracked())),
                    endpoint_name(&parse(&to.get_untracked()))
                )
            }),
            from: parse(&from.get_untracked()),
            to: parse(&to.get_untracked()),
            within_s: Some(hours * 3600.0),
            per_priority: per_priority
                .get_untracked()
                .into_iter()
                .filter_map(|(p, h)| {
                    h.replace(',', ".").parse::<f64>().ok().filter(|h| *h > 0.0).map(|h| (p, h * 3600.0))
                })
                .collect(),
            business_hours: business.get_untracked().then(BusinessHours::default),
        };
        state.edit_setup(|s| s.options.sla_rules.push(rule));
        name.set(String::new());
    };
    let options = move |first: &'static str| {
        let activities = a.choices.with(|c| c.as_ref().map(|c| c.activities.clone()).unwrap_or_default());
        let fixed = if first == "created" {
            view! { <option value="created">{t!(i18n, sla.created)}</option> }.into_any()
        } else {
            view! { <option value="resolved">{t!(i18n, sla.resolution)}</option> }.into_any()
        };
        let steps = [Step::Acknowledged, Step::Assigned, Step::Escalated, Step::Resolved, Step::Closed]
            .into_iter()
            .map(|s| {
                view! {
                    <option value=format!(
                        "step:{}",
                        s.key(),
                    )>{move || t_string!(i18n, sla.any_step, step = step_name(i18n, s)).to_string()}</option>
                }
            })
            .collect_view();
        let named = activities
            .into_iter()
            .map(|v| view! { <option value=format!("activity:{}", v.value)>{v.value.clone()}</option> })
            .collect_view();
        view! {
            {fixed}
            {steps}
            {named}
        }
    };
    view! {
        <details class="sla-rules" data-testid="sla-rules">
            <summary>
                {move || {
                    t_string!(i18n, sla.rules_title, count = format::count(rules().len() as u64, lang())).to_string()
                }}
            </summary>
            <p class="muted">{t!(i18n, sla.rules_hint)}</p>
            <ul class="rule-list">
                {move || {
                    rules()
                        .into_iter()
                        .enumerate()
                        .map(|(i, rule)| {
                            let text = t_string!(
                                i18n, sla.rule_text, from = endpoint_name(&rule.from), to = endpoint_name(&rule.to),
                        within = rule.within_s.map(|w| format::duration(w, lang())).unwrap_or_default()
                            )
                                .to_string();
                            view! {
                                <li data-testid="sla-rule">
                                    <strong>{rule.name.clone()}</strong>
                                    " · "
                                    {text}
                                    {(!rule.per_priority.is_empty())
                                        .then(|| {
                                            let parts: Vec<String> = rule
                                                .per_priority
                                                .iter()
                                                .map(|(p, s)| format!("{p} {}", format::duration(*s, lang())))
                                                .collect();
                                            view! {
                                                " ("
                                                {parts.join(", ")}
                                                ")"
                                            }
                                        })}
                                    {rule
                                        .business_hours
                                        .is_some()
                                        .then(|| {
                                            view! {
                                                " · "
                                                {t!(i18n, sla.business_hours)}
                                            }
                                        })}
                                    <button
                                        type="button"
                                        class="chip-remove"
                                        aria-label=move || {
                                            t_string!(i18n, filters.remove, what = rule.name.clone()).to_string()
                                        }
                                        on:click=move |_| {
                                            state
                                                .edit_setup(|s| {
                                                    s.options.sla_rules.remove(i);
                                                })
                                        }
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="form-row">
                <label class="field">
                    <span>{t!(i18n, sla.rule_name)}</span>
                    <input
                        type="text"
                        data-testid="sla-rule-name"
                        prop:value=move || name.get()
                        on:input=move |e| name.set(event_target_value(&e))
                    />
                </label>
                <label class="field">
                    <span>{t!(i18n, sla.rule_from)}</span>
                    <select data-testid="sla-rule-from" on:change=move |e| from.set(event_target_value(&e))>
                        {move || options("created")}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, sla.rule_to)}</span>
                    <select data-testid="sla-rule-to" on:change=move |e| to.set(event_target_value(&e))>
                        {move || options("resolved")}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, sla.rule_hours)}</span>
                    <input
                        type="number"
                        min="0"
                        step="any"
                        data-testid="sla-rule-hours"
                        prop:value=move || within.get()
                        on:input=move |e| within.set(event_target_value(&e))
                    />
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="sla-rule-business"
                        prop:checked=move || business.get()
                        on:change=move |_| business.update(|b| *b = !*b)
                    />
                    {t!(i18n, sla.business_hours)}
                </label>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="sla-rule-add"
                    on:click=add
                >
                    {t!(i18n, sla.add_rule)}
                </button>
            </div>
            {move || {
                let values = priorities();
                (!values.is_empty())
                    .then(|| {
                        view! {
                            <div class="form-row per-priority" data-testid="sla-rule-priorities">
                                <span class="muted">{t!(i18n, sla.per_priority)}</span>
                                {values
                                    .into_iter()
                                    .map(|value| {
                                        let key = value.clone();
                                        let shown = value.clone();
                                        view! {
                                            <label class="field">
                                                <span>{value.clone()}</span>
                                                <input
                                                    type="number"
                                                    min="0"
                                                    step="any"
                                                    class="narrow"
                                                    data-testid="sla-rule-priority-hours"
                                                    prop:value=move || {
                                                        per_priority
                                                            .with(|p| {
                                                                p.iter()
                                                                    .find(|(k, _)| *k == shown)
                                                                    .map(|(_, h)| h.clone())
                                                                    .unwrap_or_default()
                                                            })
                                                    }
                                                    on:input=move |e| {
                                                        let hours = event_target_value(&e);
                                                        let key = key.clone();
                                                        per_priority
                                                            .update(|p| {
                                                                p.retain(|(k, _)| *k != key);
                                                                p.push((key, hours));
                                                            });
                                                    }
                                                />
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        }
                    })
            }}
        </details>
    }
}

/// A row of compliance figures: met, breached, pending and the share met.
fn compliance_row(i18n: I18n, value: &Option<String>, c: &Compliance, filter: Option<Filter>) -> Row {
    Row::filtering(
        vec![
            none_label(i18n, value),
            Cell::Count(c.met),
            Cell::Count(c.breached),
            Cell::Count(c.pending),
            Cell::Percent(c.compliance),
        ],
        filter,
    )
}
