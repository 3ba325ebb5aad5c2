//! The service analyses: a list of questions on the left, the open one on the right with its
//! definition, figures, a chart and ranked tables. Rows that stand for a value (a channel, an
//! activity, a path, an agent) add a filter when clicked.

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::drivers::{DriverOutcome, Feature};
use casemap_engine::service::fcr::SegmentRate;
use casemap_engine::service::priority::Verdict;
use casemap_engine::service::sla::Compliance;
use casemap_engine::service::{Distribution, Need, Rate, Step};
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport, FilterChoices};
use crate::state::{AppState, use_app_state};
use crate::views::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

mod people;
mod sla;
mod vocabulary;
mod waits;

use vocabulary::VocabularyEditor;

type I18n = leptos_i18n::I18nContext<Locale>;

/// Whether an analysis's figures that rest on resolution are unknown: no activity is
/// recognised as a resolution or a closure (the engine names the step in `needs`).
fn resolution_unknown(needs: &[Need]) -> bool {
    needs.contains(&Need::Activity(Step::Resolved))
}

/// A headline duration that rests on resolution: "–" with the reason when resolution is
/// unknown, else the value (and `note`).
fn resolution_figure(i18n: I18n, unknown: bool, seconds: Option<f64>, note: String, lang: Lang) -> (String, String) {
    if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else {
        (duration_text(seconds, lang), note)
    }
}

/// A headline rate: its percentage and `note`, or "–" with `why` when it has none.
fn rate_figure(rate: Option<f64>, note: String, why: impl FnOnce() -> String, lang: Lang) -> (String, String) {
    match rate {
        Some(r) => (format::percent(r, lang), note),
        None => ("–".to_owned(), why()),
    }
}

fn title(i18n: I18n, kind: AnalysisKind) -> String {
    match kind {
        AnalysisKind::Kpis => t_string!(i18n, kpis.title),
        AnalysisKind::Bottlenecks => t_string!(i18n, analyses.bottlenecks),
        AnalysisKind::Sla => t_string!(i18n, analyses.sla),
        AnalysisKind::Handoffs => t_string!(i18n, analyses.handoffs),
        AnalysisKind::Rework => t_string!(i18n, analyses.rework),
        AnalysisKind::Escalations => t_string!(i18n, analyses.escalations),
        AnalysisKind::Fcr => t_string!(i18n, analyses.fcr),
        AnalysisKind::Priority => t_string!(i18n, analyses.priority),
        AnalysisKind::Channels => t_string!(i18n, analyses.channels),
        AnalysisKind::Workload => t_string!(i18n, analyses.workload),
        AnalysisKind::Acknowledgement => t_string!(i18n, analyses.acknowledgement),
        AnalysisKind::Misclassification => t_string!(i18n, analyses.misclassification),
        AnalysisKind::Csat => t_string!(i18n, analyses.csat),
        AnalysisKind::Drivers => t_string!(i18n, analyses.drivers),
    }
    .to_string()
}

fn definition(i18n: I18n, kind: AnalysisKind) -> String {
    match kind {
        AnalysisKind::Kpis => t_string!(i18n, kpis.title),
        AnalysisKind::Bottlenecks => t_string!(i18n, analyses.def_bottlenecks),
        AnalysisKind::Sla => t_string!(i18n, analyses.def_sla),
        AnalysisKind::Handoffs => t_string!(i18n, analyses.def_handoffs),
        AnalysisKind::Rework => t_string!(i18n, analyses.def_rework),
        AnalysisKind::Escalations => t_string!(i18n, analyses.def_escalations),
        AnalysisKind::Fcr => t_string!(i18n, analyses.def_fcr),
        AnalysisKind::Priority => t_string!(i18n, analyses.def_priority),
        AnalysisKind::Channels => t_string!(i18n, analyses.def_channels),
        AnalysisKind::Workload => t_string!(i18n, analyses.def_workload),
        AnalysisKind::Acknowledgement => t_string!(i18n, analyses.def_acknowledgement),
        AnalysisKind::Misclassification => t_string!(i18n, analyses.def_misclassification),
        AnalysisKind::Csat => t_string!(i18n, analyses.def_csat),
        AnalysisKind::Drivers => t_string!(i18n, analyses.def_drivers),
    }
    .to_string()
}

/// The analyses view.
#[component]
pub fn AnalysesView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    let vocabulary_open = a.vocabulary_open;
    let nav = AnalysisKind::listed()
        .map(|kind| {
            view! {
                <li>
                    <button
                        type="button"
                        class="nav-item"
                        data-testid=format!("analysis-{}", kind.key())
                        aria-current=move || (a.section.get() == kind && !vocabulary_open.get()).then_some("page")
                        on:click=move |_| {
                            vocabulary_open.set(false);
                            state.open_section(kind);
                        }
                    >
                        {move || title(i18n, kind)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="analyses" data-testid="analyses-view">
            <nav class="analyses-nav" aria-label=move || t_string!(i18n, analyses.label).to_string()>
                <ul>{nav}</ul>
                <button type="button" class="nav-item nav-extra" data-testid="analysis-vocabulary" aria-current=move || vocabulary_open.get().then_some("page") on:click=move |_| {
                    state.request_choices();
                    vocabulary_open.set(true);
                }>
                    {t!(i18n, vocabulary.title)}
                </button>
            </nav>
            <div class="analyses-body">
                {move || if vocabulary_open.get() { view! { <VocabularyEditor /> }.into_any() } else { view! { <Section /> }.into_any() }}
            </div>
        </div>
    }
}

/// The open analysis.
#[component]
fn Section() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    move || {
        let kind = a.section.get();
        let lang = lang();
        let body = match a.report(kind) {
            None => {
                view! { <p class="muted" data-testid="analysis-loading">{t!(i18n, analyses.loading)}</p> }.into_any()
            }
            Some(report) => {
                let choices = a.choices.get();
                render(i18n, state, report, choices.as_ref(), lang)
            }
        };
        view! {
            <section class="panel analysis" data-testid=format!("analysis-view-{}", kind.key())>
                <h2 class="panel-title">{title(i18n, kind)}</h2>
                <p class="definition" data-testid="definition">{definition(i18n, kind)}</p>
                {body}
            </section>
        }
    }
}

/// Segment groups in the order they are shown: priority, team, channel, case type, agent.
fn in_order<V>(map: &std::collections::BTreeMap<String, V>) -> Vec<(&String, &V)> {
    let place =
        |key: &str| ["priority", "team", "channel", "case_type", "agent"].iter().position(|k| *k == key).unwrap_or(9);
    let mut list: Vec<(&String, &V)> = map.iter().collect();
    list.sort_by_key(|(key, _)| place(key));
    list
}

/// The column that holds a service field (from the filter choices), for filters on it.
fn column_of(choices: Option<&FilterChoices>, field: ServiceField) -> Option<String> {
    choices?.columns.iter().find(|c| c.field == Some(field)).map(|c| c.name.clone())
}

fn value_filter(column: &Option<String>, value: &Option<String>) -> Option<Filter> {
    Some(Filter::Attribute { column: column.clone()?, values: vec![value.clone()?], exclude: false, events: false })
}

fn none_label(i18n: I18n, value: &Option<String>) -> Cell {
    match value {
        Some(v) => Cell::Text(v.clone()),
        None => Cell::Faint(t_string!(i18n, analyses.no_value).to_string()),
    }
}

fn pct(rate: Rate) -> Option<f64> {
    (rate.of > 0).then_some(rate.rate)
}

fn median(d: &Option<Distribution>) -> Option<f64> {
    d.map(|d| d.median)
}

fn duration_text(seconds: Option<f64>, lang: Lang) -> String {
    seconds.map_or_else(|| "–".to_owned(), |s| format::duration(s, lang))
}

fn percent_text(ratio: Option<f64>, lang: Lang) -> String {
    ratio.map_or_else(|| "–".to_owned(), |r| format::percent(r, lang))
}

fn duration_axis(lang: Lang) -> crate::views::widgets::Axis {
    crate::views::widgets::Axis::Duration(lang)
}

fn percent_axis(lang: Lang) -> crate::views::widgets::Axis {
    crate::views::widgets::Axis::Percent(lang)
}

fn count_axis(lang: Lang) -> crate::views::widgets::Axis {
    crate::views::widgets::Axis::Count(lang)
}

/// One filter per bar of a chart, made from its label.
fn by_label(items: &[(String, f64)], make: impl Fn(&str) -> Option<Filter>) -> Vec<Option<Filter>> {
    items.iter().map(|(label, _)| make(label)).collect()
}

fn segment_rows(i18n: I18n, rows: &[SegmentRate], column: Option<String>) -> (Vec<Row>, Vec<(String, f64)>) {
    let table = rows
        .iter()
        .map(|r| {
            Row::filtering(
                vec![
                    none_label(i18n, &r.value),
                    Cell::Count(r.rate.of),
                    Cell::Count(r.rate.count),
                    Cell::Percent(pct(r.rate)),
                ],
                value_filter(&column, &r.value),
            )
        })
        .collect();
    let chart =
        rows.iter().filter_map(|r| Some((r.value.clone()?, r.rate.rate)).filter(|_| r.rate.of > 0)).take(12).collect();
    (table, chart)
}

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

fn segment_name(i18n: I18n, key: &str) -> String {
    match segment_field(key) {
        Some(field) => crate::views::names::field_name(i18n, field),
        None => t_string!(i18n, roles.resource).to_string(),
    }
}

fn segment_field(key: &str) -> Option<ServiceField> {
    match key {
        "priority" => Some(ServiceField::Priority),
        "channel" => Some(ServiceField::Channel),
        "case_type" => Some(ServiceField::CaseType),
        "team" => Some(ServiceField::Team),
        _ => None,
    }
}

fn segment_filter(choices: Option<&FilterChoices>, key: &str, value: &Option<String>) -> Option<Filter> {
    match segment_field(key) {
        Some(field) => value_filter(&column_of(choices, field), value),
        None => Some(Filter::Resources { resources: vec![value.clone()?], exclude: false, events: false }),
    }
}

fn feature_label(i18n: I18n, choices: Option<&FilterChoices>, feature: &Feature) -> String {
    match feature {
        Feature::Value { column, value } => {
            let column = crate::views::names::label_of_column(i18n, choices, column);
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

/// The body of one analysis.
fn render(i18n: I18n, state: AppState, report: AnalysisReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    match report {
        AnalysisReport::Kpis(_) => ().into_any(),
        AnalysisReport::Bottlenecks(r) => waits::bottlenecks(i18n, r, lang),
        AnalysisReport::Sla(r) => sla::sla(i18n, r, choices, lang),
        AnalysisReport::Handoffs(r) => people::handoffs(i18n, r, lang),
        AnalysisReport::Rework(r) => {
            let unknown = resolution_unknown(&r.needs);
            let with_rework = resolution_figure(i18n, unknown, median(&r.with_rework), String::new(), lang);
            let without_rework = resolution_figure(i18n, unknown, median(&r.without_rework), String::new(), lang);
            let chart: Vec<(String, f64)> = r
                .activities
                .iter()
                .filter(|a| a.cases > 0)
                .take(12)
                .map(|a| (a.activity.clone(), a.cases as f64))
                .collect();
            let rows: Vec<Row> = r
                .activities
                .iter()
                .map(|a| {
                    Row::filtering(
                        vec![
                            Cell::Text(a.activity.clone()),
                            Cell::Count(a.cases),
                            Cell::Count(a.extra_events),
                            Cell::Count(a.self_loops),
                        ],
                        Some(Filter::Activities { activities: vec![a.activity.clone()], mode: Presence::Any }),
                    )
                })
                .collect();
            let before: Vec<Row> = r
                .before_reopen
                .iter()
                .map(|b| Row::new(vec![Cell::Text(b.activity.clone()), Cell::Count(b.count)]))
                .collect();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-rework" label=t_string!(i18n, kpis.rework).to_string() value=percent_text(pct(r.rate), lang) note=t_string!(i18n, analyses.n_cases, count = format::count(r.rate.count, lang)).to_string() />
                    {r.reopened.map(|re| view! { <Figure testid="fig-reopened" label=t_string!(i18n, kpis.reopen).to_string() value=percent_text(pct(re), lang) note=t_string!(i18n, analyses.n_cases, count = format::count(re.count, lang)).to_string() /> })}
                    <Figure testid="fig-with-rework" label=t_string!(i18n, rework.with).to_string() value=with_rework.0 note=with_rework.1 />
                    <Figure testid="fig-without-rework" label=t_string!(i18n, rework.without).to_string() value=without_rework.0 note=without_rework.1 />
                </div>
                <BarChart testid="chart-rework" title=t_string!(i18n, rework.per_activity).to_string() items=chart.clone() format=count_axis(lang) filters=by_label(&chart, |a| Some(Filter::Activities { activities: vec![a.to_owned()], mode: Presence::Any })) />
                <DataTable testid="table-rework" headers=vec![t_string!(i18n, analyses.activity).to_string(), t_string!(i18n, rework.cases).to_string(), t_string!(i18n, rework.extra).to_string(), t_string!(i18n, rework.loops).to_string()] rows=rows lang=lang />
                {(!before.is_empty()).then(|| view! {
                    <h3>{t!(i18n, rework.before_reopen)}</h3>
                    <DataTable testid="table-before-reopen" headers=vec![t_string!(i18n, analyses.activity).to_string(), t_string!(i18n, analyses.times).to_string()] rows=before lang=lang />
                })}
            }
            .into_any()
        }
        AnalysisReport::Escalations(r) => {
            let unknown = resolution_unknown(&r.needs);
            let rate = rate_figure(
                r.rate.and_then(pct),
                r.rate
                    .map(|x| t_string!(i18n, analyses.n_cases, count = format::count(x.count, lang)).to_string())
                    .unwrap_or_default(),
                || t_string!(i18n, kpis.why_escalation).to_string(),
                lang,
            );
            let escalated = resolution_figure(i18n, unknown, median(&r.escalated), String::new(), lang);
            let not_escalated = resolution_figure(i18n, unknown, median(&r.not_escalated), String::new(), lang);
            type Segment = (String, Vec<Row>, Vec<(String, f64)>);
            let segments: Vec<Segment> = in_order(&r.by_segment)
                .into_iter()
                .map(|(key, rows)| {
                    let column = segment_field(key).and_then(|f| column_of(choices, f));
                    let (table, chart) = segment_rows(i18n, rows, column);
                    (segment_name(i18n, key), table, chart)
                })
                .collect();
            let chart = segments.iter().find(|(_, _, c)| !c.is_empty()).map(|(_, _, c)| c.clone()).unwrap_or_default();
            let chart_key = in_order(&r.by_segment)
                .into_iter()
                .map(|(k, _)| k.clone())
                .find(|k| r.by_segment[k].iter().any(|row| row.value.is_some() && row.rate.of > 0));
            let escalation_filters = chart_key
                .map(|key| by_label(&chart, |l| segment_filter(choices, &key, &Some(l.to_owned()))))
                .unwrap_or_default();
            let before: Vec<Row> = r
                .preceded_by
                .iter()
                .map(|b| Row::new(vec![Cell::Text(b.activity.clone()), Cell::Count(b.count)]))
                .collect();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-escalation-rate" label=t_string!(i18n, kpis.escalation).to_string() value=rate.0 note=rate.1 />
                    <Figure testid="fig-escalated" label=t_string!(i18n, escalations.escalated).to_string() value=escalated.0 note=escalated.1 />
                    <Figure testid="fig-not-escalated" label=t_string!(i18n, escalations.not_escalated).to_string() value=not_escalated.0 note=not_escalated.1 />
                    <Figure testid="fig-time-to" label=t_string!(i18n, escalations.time_to).to_string() value=duration_text(median(&r.time_to_escalation), lang) />
                    <Figure testid="fig-wait-before" label=t_string!(i18n, escalations.wait_before).to_string() value=duration_text(median(&r.wait_before), lang) />
                </div>
                <BarChart testid="chart-escalations" title=t_string!(i18n, escalations.rate_by).to_string() items=chart format=percent_axis(lang) filters=escalation_filters />
                {(!before.is_empty()).then(|| view! {
                    <h3>{t!(i18n, escalations.preceded_by)}</h3>
                    <DataTable testid="table-preceded-by" headers=vec![t_string!(i18n, analyses.activity).to_string(), t_string!(i18n, analyses.times).to_string()] rows=before lang=lang />
                })}
                {segments.into_iter().map(|(name, rows, _)| view! {
                    <h3>{t_string!(i18n, escalations.by_segment, segment = name.clone()).to_string()}</h3>
                    <DataTable testid="table-escalation-segment" headers=vec![name, t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, escalations.escalated_cases).to_string(), t_string!(i18n, kpis.escalation).to_string()] rows=rows lang=lang />
                }).collect_view()}
            }
            .into_any()
        }
        AnalysisReport::Fcr(r) => {
            let unknown = resolution_unknown(&r.needs);
            let rate = rate_figure(
                r.rate.and_then(pct),
                r.rate
                    .map(|x| {
                        t_string!(
                            i18n,
                            fcr.of_resolved,
                            count = x.of,
                            part = format::count(x.count, lang),
                            total = format::count(x.of, lang)
                        )
                        .to_string()
                    })
                    .unwrap_or_default(),
                || {
                    if unknown { t_string!(i18n, kpis.why_resolution) } else { t_string!(i18n, kpis.why_fcr_parts) }
                        .to_string()
                },
                lang,
            );
            // A part the log cannot tell holds for every case: no 100 % for it.
            let part = |asked: bool, used: bool, rate: Rate, why: String| {
                let told = !unknown && (used || !asked);
                rate_figure(
                    pct(rate).filter(|_| told),
                    String::new(),
                    || if unknown { t_string!(i18n, kpis.why_resolution).to_string() } else { why },
                    lang,
                )
            };
            let one_contact = part(
                r.asked.one_contact,
                r.used.one_contact,
                r.one_contact,
                t_string!(i18n, fcr.why_contact).to_string(),
            );
            let one_agent =
                part(r.asked.one_agent, r.used.one_agent, r.one_agent, t_string!(i18n, kpis.why_agent).to_string());
            let no_reopen =
                part(r.asked.no_reopen, r.used.no_reopen, r.no_reopen, t_string!(i18n, kpis.why_reopen).to_string());
            let channel_column = column_of(choices, ServiceField::Channel);
            let (channel_rows, chart) = segment_rows(i18n, &r.by_channel, channel_column.clone());
            let fcr_filters = by_label(&chart, |l| value_filter(&channel_column, &Some(l.to_owned())));
            let (type_rows, _) = segment_rows(i18n, &r.by_case_type, column_of(choices, ServiceField::CaseType));
            let part = move |label: String,
                             testid: &'static str,
                             on: bool,
                             used: bool,
                             flip: fn(&mut casemap_engine::service::fcr::FcrParts)| {
                view! {
                    <label class="check" class:muted=!used>
                        <input type="checkbox" data-testid=testid prop:checked=on on:change=move |_| state.edit_setup(|s| flip(&mut s.options.fcr)) />
                        {label}
                    </label>
                }
            };
            let headers = |first: String| {
                vec![
                    first,
                    t_string!(i18n, fcr.resolved).to_string(),
                    t_string!(i18n, fcr.fcr_cases).to_string(),
                    t_string!(i18n, kpis.fcr).to_string(),
                ]
            };
            view! {
                <div class="form-row fcr-parts" data-testid="fcr-parts">
                    <span>{t!(i18n, fcr.parts)}</span>
                    {part(t_string!(i18n, fcr.one_contact).to_string(), "fcr-one-contact", r.asked.one_contact, r.used.one_contact, |p| p.one_contact = !p.one_contact)}
                    {part(t_string!(i18n, fcr.one_agent).to_string(), "fcr-one-agent", r.asked.one_agent, r.used.one_agent, |p| p.one_agent = !p.one_agent)}
                    {part(t_string!(i18n, fcr.no_reopen).to_string(), "fcr-no-reopen", r.asked.no_reopen, r.used.no_reopen, |p| p.no_reopen = !p.no_reopen)}
                </div>
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-fcr" label=t_string!(i18n, kpis.fcr).to_string() value=rate.0 note=rate.1 />
                    <Figure testid="fig-one-contact" label=t_string!(i18n, fcr.one_contact).to_string() value=one_contact.0 note=one_contact.1 />
                    <Figure testid="fig-one-agent" label=t_string!(i18n, fcr.one_agent).to_string() value=one_agent.0 note=one_agent.1 />
                    <Figure testid="fig-no-reopen" label=t_string!(i18n, fcr.no_reopen).to_string() value=no_reopen.0 note=no_reopen.1 />
                </div>
                <BarChart testid="chart-fcr" title=t_string!(i18n, fcr.by_channel).to_string() items=chart format=percent_axis(lang) filters=fcr_filters />
                {(!channel_rows.is_empty()).then(|| view! { <DataTable testid="table-fcr-channel" headers=headers(t_string!(i18n, roles.channel).to_string()) rows=channel_rows lang=lang /> })}
                {(!type_rows.is_empty()).then(|| view! { <DataTable testid="table-fcr-type" headers=headers(t_string!(i18n, roles.case_type).to_string()) rows=type_rows lang=lang /> })}
            }
            .into_any()
        }
        AnalysisReport::Priority(mut r) => {
            // Resolution times and SLA outcomes are unknown without a recognised resolution.
            if resolution_unknown(&r.needs) {
                for row in &mut r.rows {
                    (row.resolution, row.sla.compliance) = (None, None);
                }
            }
            let column = column_of(choices, ServiceField::Priority);
            let (urgent, low) =
                (duration_text(r.most_urgent_median_s, lang), duration_text(r.least_urgent_median_s, lang));
            let verdict = match r.verdict {
                Verdict::Faster => t_string!(i18n, priority.faster, urgent = urgent, low = low).to_string(),
                Verdict::Partly => t_string!(i18n, priority.partly, urgent = urgent, low = low).to_string(),
                Verdict::NotFaster => t_string!(i18n, priority.not_faster, urgent = urgent, low = low).to_string(),
                Verdict::Undecided => t_string!(i18n, priority.undecided).to_string(),
            };
            let chart: Vec<(String, f64)> =
                r.rows.iter().filter_map(|row| Some((row.value.clone()?, row.resolution?.median))).collect();
            let rows: Vec<Row> = r
                .rows
                .iter()
                .map(|row| {
                    Row::filtering(
                        vec![
                            none_label(i18n, &row.value),
                            Cell::Count(row.cases),
                            Cell::Duration(median(&row.resolution)),
                            Cell::Duration(row.resolution.map(|d| d.mean)),
                            Cell::Duration(median(&row.acknowledgement)),
                            Cell::Percent(row.sla.compliance),
                            Cell::Percent(pct(row.escalated)),
                        ],
                        value_filter(&column, &row.value),
                    )
                })
                .collect();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                {(!r.rows.is_empty() && !resolution_unknown(&r.needs)).then(|| view! { <p class="verdict" data-testid="priority-verdict">{verdict}</p> })}
                {(!chart.is_empty()).then(|| view! { <BarChart testid="chart-priority" title=t_string!(i18n, priority.chart).to_string() items=chart.clone() format=duration_axis(lang) filters=by_label(&chart, |l| value_filter(&column, &Some(l.to_owned()))) /> })}
                {(!rows.is_empty()).then(|| view! {
                    <DataTable testid="table-priority" headers=vec![
                        t_string!(i18n, roles.priority).to_string(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, analyses.median_resolution).to_string(),
                        t_string!(i18n, analyses.mean_resolution).to_string(), t_string!(i18n, kpis.acknowledgement).to_string(), t_string!(i18n, kpis.sla).to_string(),
                        t_string!(i18n, kpis.escalation).to_string()] rows=rows lang=lang />
                })}
            }
            .into_any()
        }
        AnalysisReport::Channels(mut r) => {
            if resolution_unknown(&r.needs) {
                for row in &mut r.rows {
                    (row.resolution, row.sla.compliance) = (None, None);
                }
            }
            let column = column_of(choices, ServiceField::Channel);
            let chart: Vec<(String, f64)> =
                r.rows.iter().filter_map(|row| Some((row.value.clone()?, row.resolution?.median))).collect();
            let rows: Vec<Row> = r
                .rows
                .iter()
                .map(|row| {
                    Row::filtering(
                        vec![
                            none_label(i18n, &row.value),
                            Cell::Count(row.cases),
                            Cell::Share(row.share),
                            Cell::Duration(median(&row.resolution)),
                            Cell::Percent(row.sla.compliance),
                            Cell::Percent(row.fcr.and_then(pct)),
                            Cell::Percent(pct(row.escalated)),
                            Cell::Number(row.csat, 2),
                        ],
                        value_filter(&column, &row.value),
                    )
                })
                .collect();
            let variants = r
                .rows
                .iter()
                .map(|row| {
                    let name = row.value.clone().unwrap_or_else(|| t_string!(i18n, analyses.no_value).to_string());
                    let paths = row.top_variants.iter().map(|v| view! {
                        <li><span class="num">{format::count(v.cases, lang)}</span>" · "{v.activities.join(" → ")}</li>
                    }).collect_view();
                    view! { <div class="channel-variants"><h4>{name}</h4><ol>{paths}</ol></div> }
                })
                .collect_view();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-switches" label=t_string!(i18n, channels.switches).to_string()
                        value=r.switches.map_or_else(|| t_string!(i18n, channels.no_switches).to_string(), |s| percent_text(pct(s), lang))
                        note=r.switches.map(|s| t_string!(i18n, analyses.n_cases, count = format::count(s.count, lang)).to_string()).unwrap_or_default() />
                </div>
                {(!chart.is_empty()).then(|| view! { <BarChart testid="chart-channels" title=t_string!(i18n, channels.chart).to_string() items=chart.clone() format=duration_axis(lang) filters=by_label(&chart, |l| value_filter(&column, &Some(l.to_owned()))) /> })}
                {(!rows.is_empty()).then(|| view! {
                    <DataTable testid="table-channels" headers=vec![
                        t_string!(i18n, roles.channel).to_string(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, analyses.share).to_string(),
                        t_string!(i18n, analyses.median_resolution).to_string(), t_string!(i18n, kpis.sla).to_string(), t_string!(i18n, kpis.fcr).to_string(),
                        t_string!(i18n, kpis.escalation).to_string(), t_string!(i18n, roles.csat).to_string()] rows=rows lang=lang />
                    <h3>{t!(i18n, channels.variants)}</h3>
                    <div class="channel-variant-list">{variants}</div>
                })}
            }
            .into_any()
        }
        AnalysisReport::Workload(r) => people::workload(i18n, r, choices, lang),
        AnalysisReport::Acknowledgement(r) => {
            let hist: Vec<(String, f64)> = r
                .histogram
                .iter()
                .map(|b| {
                    let label = if b.from >= 86_400.0 {
                        format!("≥ {}", format::duration(86_400.0, lang))
                    } else {
                        format!("{}–{}", format::duration(b.from, lang), format::duration(b.to, lang))
                    };
                    (label, b.cases as f64)
                })
                .collect();
            let seg_rows =
                |rows: &[casemap_engine::service::acknowledgement::SegmentAck], field: ServiceField| -> Vec<Row> {
                    let column = column_of(choices, field);
                    rows.iter()
                        .map(|s| {
                            Row::filtering(
                                vec![
                                    none_label(i18n, &s.value),
                                    Cell::Count(s.cases),
                                    Cell::Duration(median(&s.acknowledgement)),
                                    Cell::Duration(s.acknowledgement.map(|d| d.p90)),
                                    Cell::Duration(median(&s.first_agent)),
                                ],
                                value_filter(&column, &s.value),
                            )
                        })
                        .collect()
                };
            let headers = |first: String| {
                vec![
                    first,
                    t_string!(i18n, analyses.cases).to_string(),
                    t_string!(i18n, ack.median).to_string(),
                    t_string!(i18n, ack.p90).to_string(),
                    t_string!(i18n, ack.first_agent).to_string(),
                ]
            };
            let within = r.within.clone();
            let limits = ["1 h", "4 h", "1 d", "3 d"];
            let by_channel = seg_rows(&r.by_channel, ServiceField::Channel);
            let by_priority = seg_rows(&r.by_priority, ServiceField::Priority);
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-ack-median" label=t_string!(i18n, ack.median).to_string() value=duration_text(median(&r.acknowledgement), lang)
                        note=r.acknowledgement.map_or_else(|| t_string!(i18n, kpis.why_ack).to_string(), |d| t_string!(i18n, ack.p90_note, time = format::duration(d.p90, lang)).to_string()) />
                    <Figure testid="fig-first-agent" label=t_string!(i18n, ack.first_agent).to_string() value=duration_text(median(&r.first_agent), lang) />
                    {within.iter().zip([3600.0, 4.0 * 3600.0, 86_400.0, 3.0 * 86_400.0]).zip(limits).map(|((rate, limit), id)| view! {
                        <Figure testid="fig-ack-within" label=t_string!(i18n, ack.within, time = format::duration(limit, lang)).to_string() value=percent_text(pct(*rate), lang) note=id.to_owned() />
                    }).collect_view()}
                </div>
                <BarChart testid="chart-ack" title=t_string!(i18n, ack.histogram).to_string() items=hist format=count_axis(lang) />
                {(!by_channel.is_empty()).then(|| view! { <DataTable testid="table-ack-channel" headers=headers(t_string!(i18n, roles.channel).to_string()) rows=by_channel lang=lang /> })}
                {(!by_priority.is_empty()).then(|| view! { <DataTable testid="table-ack-priority" headers=headers(t_string!(i18n, roles.priority).to_string()) rows=by_priority lang=lang /> })}
            }
            .into_any()
        }
        AnalysisReport::Misclassification(mut r) => {
            if resolution_unknown(&r.needs) {
                for c in [&mut r.type_changed, &mut r.rerouted].into_iter().flatten() {
                    (c.changed.resolution, c.unchanged.resolution) = (None, None);
                }
            }
            let comparison = |label: String, c: &casemap_engine::service::misclassification::Comparison| -> Vec<Row> {
                vec![
                    Row::new(vec![
                        Cell::Text(label.clone()),
                        Cell::Text(t_string!(i18n, misclassification.changed).to_string()),
                        Cell::Count(c.changed.cases),
                        Cell::Duration(median(&c.changed.resolution)),
                        Cell::Number(c.changed.handoffs, 2),
                    ]),
                    Row::new(vec![
                        Cell::Text(label),
                        Cell::Text(t_string!(i18n, misclassification.unchanged).to_string()),
                        Cell::Count(c.unchanged.cases),
                        Cell::Duration(median(&c.unchanged.resolution)),
                        Cell::Number(c.unchanged.handoffs, 2),
                    ]),
                ]
            };
            let mut rows = Vec::new();
            if let Some(c) = &r.type_changed {
                rows.extend(comparison(t_string!(i18n, misclassification.type_changed).to_string(), c));
            }
            if let Some(c) = &r.rerouted {
                rows.extend(comparison(t_string!(i18n, misclassification.rerouted).to_string(), c));
            }
            let type_column = column_of(choices, ServiceField::CaseType);
            let (by_type, chart) = segment_rows(i18n, &r.by_case_type, type_column.clone());
            let type_filters = by_label(&chart, |l| value_filter(&type_column, &Some(l.to_owned())));
            let changes: Vec<Row> = r
                .type_changes
                .iter()
                .map(|c| Row::new(vec![Cell::Text(c.from.clone()), Cell::Text(c.to.clone()), Cell::Count(c.count)]))
                .collect();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    {r.type_changed.as_ref().map(|c| view! { <Figure testid="fig-type-changed" label=t_string!(i18n, misclassification.type_changed).to_string() value=percent_text(pct(c.rate), lang) note=t_string!(i18n, analyses.n_cases, count = format::count(c.rate.count, lang)).to_string() /> })}
                    {r.rerouted.as_ref().map(|c| view! { <Figure testid="fig-rerouted" label=t_string!(i18n, misclassification.rerouted).to_string() value=percent_text(pct(c.rate), lang) note=t_string!(i18n, analyses.n_cases, count = format::count(c.rate.count, lang)).to_string() /> })}
                </div>
                {(!rows.is_empty()).then(|| view! {
                    <h3>{t!(i18n, misclassification.cost)}</h3>
                    <DataTable testid="table-misclassification" headers=vec![String::new(), String::new(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, analyses.median_resolution).to_string(), t_string!(i18n, kpis.handoffs).to_string()] rows=rows lang=lang />
                })}
                <BarChart testid="chart-misclassification" title=t_string!(i18n, misclassification.by_type).to_string() items=chart format=percent_axis(lang) filters=type_filters />
                {(!by_type.is_empty()).then(|| view! {
                    <DataTable testid="table-type" headers=vec![t_string!(i18n, roles.case_type).to_string(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, misclassification.changed).to_string(), t_string!(i18n, analyses.share).to_string()] rows=by_type lang=lang />
                })}
                {(!changes.is_empty()).then(|| view! {
                    <h3>{t!(i18n, misclassification.changes)}</h3>
                    <DataTable testid="table-type-changes" headers=vec![t_string!(i18n, handoffs.from).to_string(), t_string!(i18n, handoffs.to).to_string(), t_string!(i18n, analyses.times).to_string()] rows=changes lang=lang />
                })}
            }
            .into_any()
        }
        AnalysisReport::Csat(r) => {
            let sat_rows = |rows: &[casemap_engine::service::csat::Satisfaction],
                            label: &dyn Fn(&Option<String>) -> Cell,
                            filter: &dyn Fn(&Option<String>) -> Option<Filter>|
             -> Vec<Row> {
                rows.iter()
                    .map(|s| {
                        Row::filtering(
                            vec![
                                label(&s.group),
                                Cell::Count(s.cases),
                                Cell::Count(s.satisfied.of),
                                Cell::Number(s.mean, 2),
                                Cell::Percent(pct(s.satisfied)),
                            ],
                            filter(&s.group),
                        )
                    })
                    .collect()
            };
            let plain = |g: &Option<String>| none_label(i18n, g);
            let yes_no = |g: &Option<String>| -> Cell {
                Cell::Text(match g.as_deref() {
                    Some("yes") => t_string!(i18n, csat.reopened).to_string(),
                    Some("no") => t_string!(i18n, csat.not_reopened).to_string(),
                    Some("met") => t_string!(i18n, sla.met).to_string(),
                    Some("breached") => t_string!(i18n, sla.breached).to_string(),
                    Some(other) => other.to_owned(),
                    None => String::new(),
                })
            };
            let channel_column = column_of(choices, ServiceField::Channel);
            let team_column = column_of(choices, ServiceField::Team);
            let no_filter = |_: &Option<String>| None;
            let headers = |first: String| {
                vec![
                    first,
                    t_string!(i18n, analyses.cases).to_string(),
                    t_string!(i18n, csat.responses).to_string(),
                    t_string!(i18n, csat.mean).to_string(),
                    t_string!(i18n, csat.satisfied).to_string(),
                ]
            };
            let chart: Vec<(String, f64)> =
                r.by_channel.iter().filter_map(|s| Some((s.group.clone()?, s.mean?))).collect();
            let variants: Vec<Row> = r
                .by_variant
                .iter()
                .map(|v| {
                    Row::filtering(
                        vec![
                            Cell::Text(v.activities.join(" → ")),
                            Cell::Count(v.satisfaction.cases),
                            Cell::Count(v.satisfaction.satisfied.of),
                            Cell::Number(v.satisfaction.mean, 2),
                            Cell::Percent(pct(v.satisfaction.satisfied)),
                        ],
                        Some(Filter::Variants { variants: vec![v.activities.clone()], exclude: false }),
                    )
                })
                .collect();
            let overall = r.overall.clone();
            let threshold = r.threshold;
            view! {
                <NeedsNotice needs=r.needs.clone() />
                {overall.map(|o| view! {
                    <div class="figures">
                        <Figure testid="fig-csat-mean" label=t_string!(i18n, csat.mean).to_string() value=o.mean.map_or_else(|| "–".into(), |m| format::decimal(m, 2, lang)) />
                        <Figure testid="fig-csat-satisfied" label=t_string!(i18n, csat.satisfied).to_string() value=percent_text(pct(o.satisfied), lang)
                            note=threshold.map(|t| t_string!(i18n, csat.threshold, score = format::decimal(t, 0, lang)).to_string()).unwrap_or_default() />
                        <Figure testid="fig-csat-responses" label=t_string!(i18n, csat.responses).to_string() value=format::count(r.responses.count, lang) note=percent_text(pct(r.responses), lang) />
                    </div>
                })}
                <BarChart testid="chart-csat" title=t_string!(i18n, csat.by_channel).to_string() items=chart.clone() format=crate::views::widgets::Axis::Decimal(lang) filters=by_label(&chart, |l| value_filter(&channel_column, &Some(l.to_owned()))) />
                {(!variants.is_empty()).then(|| view! { <h3>{t!(i18n, csat.by_variant)}</h3><DataTable testid="table-csat-variant" headers=headers(t_string!(i18n, csat.variant).to_string()) rows=variants lang=lang /> })}
                {(!r.by_channel.is_empty()).then(|| view! { <DataTable testid="table-csat-channel" headers=headers(t_string!(i18n, roles.channel).to_string()) rows=sat_rows(&r.by_channel, &plain, &|g| value_filter(&channel_column, g)) lang=lang /> })}
                {(!r.by_team.is_empty()).then(|| view! { <DataTable testid="table-csat-team" headers=headers(t_string!(i18n, roles.team).to_string()) rows=sat_rows(&r.by_team, &plain, &|g| value_filter(&team_column, g)) lang=lang /> })}
                {(!r.by_handoffs.is_empty()).then(|| view! { <DataTable testid="table-csat-handoffs" headers=headers(t_string!(i18n, kpis.handoffs).to_string()) rows=sat_rows(&r.by_handoffs, &plain, &no_filter) lang=lang /> })}
                {(!r.by_reopen.is_empty()).then(|| view! { <DataTable testid="table-csat-reopen" headers=headers(t_string!(i18n, kpis.reopen).to_string()) rows=sat_rows(&r.by_reopen, &yes_no, &no_filter) lang=lang /> })}
                {(!r.by_sla.is_empty()).then(|| view! { <DataTable testid="table-csat-sla" headers=headers(t_string!(i18n, kpis.sla).to_string()) rows=sat_rows(&r.by_sla, &yes_no, &no_filter) lang=lang /> })}
            }
            .into_any()
        }
        AnalysisReport::Drivers(r) => {
            let chart: Vec<(String, f64)> = r
                .drivers
                .iter()
                .take(10)
                .map(|d| {
                    (d.features.iter().map(|f| feature_label(i18n, choices, f)).collect::<Vec<_>>().join(" + "), d.lift)
                })
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
                                d.features
                                    .iter()
                                    .map(|f| feature_label(i18n, choices, f))
                                    .collect::<Vec<_>>()
                                    .join(" + "),
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
            view! {
                <DriverOutcomeChoice outcome=outcome />
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-base-rate" label=t_string!(i18n, drivers.base).to_string() value=percent_text(pct(r.base), lang)
                        note=t_string!(i18n, drivers.base_note, count = r.base.of, part = format::count(r.base.count, lang), total = format::count(r.base.of, lang)).to_string() />
                </div>
                {if rows.is_empty() {
                    view! { <p class="muted" data-testid="no-drivers">{t!(i18n, drivers.none)}</p> }.into_any()
                } else {
                    view! {
                        <BarChart testid="chart-drivers" title=t_string!(i18n, drivers.chart).to_string() items=chart format=crate::views::widgets::Axis::Times(lang) filters=driver_filters />
                        <DataTable testid="table-drivers" headers=vec![t_string!(i18n, drivers.feature).to_string(), t_string!(i18n, drivers.lift).to_string(), t_string!(i18n, drivers.support).to_string(), t_string!(i18n, drivers.rate).to_string()] rows=rows lang=lang />
                    }.into_any()
                }}
            }
            .into_any()
        }
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
            <label class="field"><span>{t!(i18n, drivers.outcome)}</span>
                <select data-testid="drivers-outcome-select" on:change=move |e| set(&event_target_value(&e))>
                    <option value="sla_breach" selected=code == "sla_breach">{t!(i18n, drivers.o_breach)}</option>
                    <option value="longer" selected=code == "longer">{t!(i18n, drivers.o_longer)}</option>
                    <option value="reopen" selected=code == "reopen">{t!(i18n, drivers.o_reopen)}</option>
                    <option value="escalation" selected=code == "escalation">{t!(i18n, drivers.o_escalation)}</option>
                </select>
            </label>
            {(code == "longer").then(|| view! {
                <label class="field"><span>{t!(i18n, drivers.hours)}</span>
                    <input type="number" min="0" step="any" data-testid="drivers-hours" prop:value=move || hours.get()
                        on:input=move |e| hours.set(event_target_value(&e))
                        on:change=move |_| set("longer") />
                </label>
            })}
        </div>
    }
}
