//! The service analyses: a list of questions on the left, the open one on the right with its
//! definition, figures, a chart and ranked tables. Rows that stand for a value (a channel, an
//! activity, a path, an agent) add a filter when clicked.

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::drivers::{DriverOutcome, Feature};
use casemap_engine::service::fcr::SegmentRate;
use casemap_engine::service::priority::Verdict;
use casemap_engine::service::sla::{BusinessHours, Compliance, Endpoint, SlaRule, SlaSource};
use casemap_engine::service::vocabulary::Matcher;
use casemap_engine::service::{Distribution, Rate, Step};
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport, FilterChoices};
use crate::state::{AppState, use_app_state};
use crate::views::trend::LineChart;
use crate::views::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row, step_name};

type I18n = leptos_i18n::I18nContext<Locale>;

/// The analyses listed, in order (the KPIs are on the overview, not in this list).
const LISTED: &[AnalysisKind] = AnalysisKind::ALL.split_at(1).1;

fn code(kind: AnalysisKind) -> &'static str {
    match kind {
        AnalysisKind::Kpis => "kpis",
        AnalysisKind::Bottlenecks => "bottlenecks",
        AnalysisKind::Sla => "sla",
        AnalysisKind::Handoffs => "handoffs",
        AnalysisKind::Rework => "rework",
        AnalysisKind::Escalations => "escalations",
        AnalysisKind::Fcr => "fcr",
        AnalysisKind::Priority => "priority",
        AnalysisKind::Channels => "channels",
        AnalysisKind::Workload => "workload",
        AnalysisKind::Acknowledgement => "acknowledgement",
        AnalysisKind::Misclassification => "misclassification",
        AnalysisKind::Csat => "csat",
        AnalysisKind::Drivers => "drivers",
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
    let vocabulary_open = RwSignal::new(false);
    let nav = LISTED
        .iter()
        .map(|&kind| {
            view! {
                <li>
                    <button
                        type="button"
                        class="nav-item"
                        data-testid=format!("analysis-{}", code(kind))
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
            <section class="panel analysis" data-testid=format!("analysis-view-{}", code(kind))>
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
    match key {
        "priority" => t_string!(i18n, roles.priority),
        "channel" => t_string!(i18n, roles.channel),
        "case_type" => t_string!(i18n, roles.case_type),
        "team" => t_string!(i18n, roles.team),
        _ => t_string!(i18n, roles.resource),
    }
    .to_string()
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

fn feature_label(i18n: I18n, feature: &Feature) -> String {
    match feature {
        Feature::Value { column, value } => {
            t_string!(i18n, drivers.f_value, column = column.clone(), value = value.clone()).to_string()
        }
        Feature::Team { team } => t_string!(i18n, drivers.f_team, team = team.clone()).to_string(),
        Feature::Activity { activity } => t_string!(i18n, drivers.f_activity, activity = activity.clone()).to_string(),
        Feature::Handoffs { at_least } => t_string!(i18n, drivers.f_handoffs, count = *at_least).to_string(),
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
        AnalysisReport::Bottlenecks(r) => {
            let transition = |t: &casemap_engine::service::bottlenecks::Transition| {
                Row::filtering(
                    vec![
                        Cell::Text(format!("{} → {}", t.from, t.to)),
                        Cell::Count(t.frequency),
                        Cell::Duration(Some(t.waiting.median)),
                        Cell::Duration(Some(t.waiting.total)),
                        Cell::Share(t.share_of_case_time),
                    ],
                    Some(Filter::FollowedBy {
                        from: t.from.clone(),
                        to: t.to.clone(),
                        directly: true,
                        within_s: None,
                        exclude: false,
                    }),
                )
            };
            let headers = vec![
                t_string!(i18n, analyses.transition).to_string(),
                t_string!(i18n, analyses.times).to_string(),
                t_string!(i18n, analyses.median_wait).to_string(),
                t_string!(i18n, analyses.total_wait).to_string(),
                t_string!(i18n, analyses.share_of_time).to_string(),
            ];
            let chart: Vec<(String, f64)> =
                r.by_total.iter().take(10).map(|t| (format!("{} → {}", t.from, t.to), t.waiting.total)).collect();
            let chart_filters: Vec<Option<Filter>> = r
                .by_total
                .iter()
                .take(10)
                .map(|t| {
                    Some(Filter::FollowedBy {
                        from: t.from.clone(),
                        to: t.to.clone(),
                        directly: true,
                        within_s: None,
                        exclude: false,
                    })
                })
                .collect();
            let activities: Vec<Row> = r
                .activities
                .iter()
                .map(|w| {
                    Row::filtering(
                        vec![
                            Cell::Text(w.activity.clone()),
                            Cell::Duration(w.waiting.map(|s| s.median)),
                            Cell::Duration(w.waiting.map(|s| s.total)),
                            Cell::Share(w.share_of_case_time),
                            Cell::Duration(w.working.map(|s| s.median)),
                        ],
                        Some(Filter::Activities { activities: vec![w.activity.clone()], mode: Presence::Any }),
                    )
                })
                .collect();
            let stuck: Vec<Row> = r
                .stuck
                .iter()
                .map(|s| {
                    Row::filtering(
                        vec![
                            Cell::Text(s.case.clone()),
                            Cell::Text(s.last_activity.clone()),
                            Cell::Duration(Some(s.idle_s)),
                            Cell::Duration(Some(s.age_s)),
                        ],
                        Some(Filter::Cases { ids: vec![s.case.clone()], exclude: false }),
                    )
                })
                .collect();
            let ww = r.waiting_working;
            view! {
                <div class="figures">
                    <Figure testid="fig-total-time" label=t_string!(i18n, analyses.total_case_time).to_string() value=format::duration(r.total_case_time_s, lang) />
                    <Figure testid="fig-open" label=t_string!(i18n, analyses.open_cases).to_string() value=format::count(r.open, lang) />
                    {ww.map(|w| view! {
                        <Figure testid="fig-working" label=t_string!(i18n, analyses.working_share).to_string() value=percent_text(w.median_working_share, lang)
                            note=t_string!(i18n, analyses.working_waiting, working = format::duration(w.working_s, lang), waiting = format::duration(w.waiting_s, lang)).to_string() />
                    })}
                </div>
                {ww.is_none().then(|| view! { <p class="muted" data-testid="needs-start">{t!(i18n, analyses.needs_start_times)}</p> })}
                <BarChart testid="chart-bottlenecks" title=t_string!(i18n, analyses.longest_total).to_string() items=chart format=duration_axis(lang) filters=chart_filters />
                <h3>{t!(i18n, analyses.by_total)}</h3>
                <DataTable testid="table-by-total" headers=headers.clone() rows=r.by_total.iter().map(transition).collect() lang=lang />
                <h3>{t!(i18n, analyses.by_median)}</h3>
                <DataTable testid="table-by-median" headers=headers rows=r.by_median.iter().map(transition).collect() lang=lang />
                <h3>{t!(i18n, analyses.activity_waits)}</h3>
                <DataTable testid="table-activities" headers=vec![
                    t_string!(i18n, analyses.activity).to_string(), t_string!(i18n, analyses.median_wait_before).to_string(),
                    t_string!(i18n, analyses.total_wait_before).to_string(), t_string!(i18n, analyses.share_of_time).to_string(),
                    t_string!(i18n, analyses.median_working).to_string()] rows=activities lang=lang />
                <h3>{t!(i18n, analyses.stuck)}</h3>
                {if stuck.is_empty() {
                    view! { <p class="muted" data-testid="no-stuck">{t!(i18n, analyses.none_stuck)}</p> }.into_any()
                } else {
                    view! { <DataTable testid="table-stuck" headers=vec![
                        t_string!(i18n, analyses.case).to_string(), t_string!(i18n, analyses.last_activity).to_string(),
                        t_string!(i18n, analyses.idle).to_string(), t_string!(i18n, analyses.age).to_string()] rows=stuck lang=lang /> }.into_any()
                }}
            }
            .into_any()
        }
        AnalysisReport::Sla(r) => {
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
                                compliance_row(
                                    i18n,
                                    &row.value,
                                    &row.compliance,
                                    segment_filter(choices, key, &row.value),
                                )
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
                    rows.iter()
                        .filter_map(|row| Some((row.value.clone()?, row.compliance.compliance?)))
                        .take(12)
                        .collect()
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
            let rules: Vec<Row> = r
                .rules
                .iter()
                .map(|rule| compliance_row(i18n, &Some(rule.name.clone()), &rule.compliance, None))
                .collect();
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
            view! {
                <NeedsNotice needs=r.needs.clone() />
                {(!source.is_empty()).then(|| view! { <p class="muted" data-testid="sla-source">{source}</p> })}
                <div class="figures">
                    <Figure testid="fig-sla-compliance" label=t_string!(i18n, sla.compliance).to_string() value=percent_text(r.overall.compliance, lang) />
                    <Figure testid="fig-sla-met" label=t_string!(i18n, sla.met).to_string() value=format::count(r.overall.met, lang) />
                    <Figure testid="fig-sla-breached" label=t_string!(i18n, sla.breached).to_string() value=format::count(r.overall.breached, lang) />
                    <Figure testid="fig-sla-pending" label=t_string!(i18n, sla.pending).to_string() value=format::count(r.overall.pending, lang) />
                    {hot.map(|hot| view! {
                        <Figure testid="fig-hot-potato" label=t_string!(i18n, sla.hot_potato).to_string()
                            value=percent_text(pct(hot.with_reassignment), lang)
                            note=t_string!(i18n, sla.hot_potato_note, with = format::count(hot.with_reassignment.of, lang), other = percent_text(pct(hot.without_reassignment), lang)).to_string() />
                    })}
                </div>
                <SlaRules />
                {(!rules.is_empty()).then(|| view! { <DataTable testid="table-sla-rules" headers=compliance_headers(t_string!(i18n, sla.rule).to_string()) rows=rules lang=lang /> })}
                <BarChart testid="chart-sla" title=t_string!(i18n, sla.by_priority).to_string() items=chart.clone() format=percent_axis(lang) filters=sla_filters />
                {segments.into_iter().map(|(name, rows)| view! {
                    <h3>{t_string!(i18n, sla.by_segment, segment = name.clone()).to_string()}</h3>
                    <DataTable testid="table-sla-segment" headers=compliance_headers(name) rows=rows lang=lang />
                }).collect_view()}
                {(!after.is_empty()).then(|| view! {
                    <h3>{t!(i18n, sla.breaches_after)}</h3>
                    <DataTable testid="table-breaches-after" headers=vec![t_string!(i18n, analyses.activity).to_string(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, analyses.share).to_string()] rows=after lang=lang />
                })}
                <h3>{move || t_string!(i18n, sla.at_risk, count = format::count(r.at_risk_total, lang)).to_string()}</h3>
                {(!risk.is_empty()).then(|| view! {
                    <DataTable testid="table-at-risk" headers=vec![t_string!(i18n, analyses.case).to_string(), t_string!(i18n, sla.deadline).to_string(), t_string!(i18n, sla.left).to_string(), t_string!(i18n, analyses.last_activity).to_string()] rows=risk lang=lang />
                })}
            }
            .into_any()
        }
        AnalysisReport::Handoffs(r) => {
            let pair_rows = |pairs: &[casemap_engine::service::handoffs::Handover], team: bool| -> Vec<Row> {
                pairs
                    .iter()
                    .filter(|p| !p.automated)
                    .take(30)
                    .map(|p| {
                        let filter = if team {
                            None
                        } else {
                            Some(Filter::Resources {
                                resources: vec![p.from.clone(), p.to.clone()],
                                exclude: false,
                                events: false,
                            })
                        };
                        Row::filtering(
                            vec![
                                Cell::Text(p.from.clone()),
                                Cell::Text(p.to.clone()),
                                Cell::Count(p.count),
                                Cell::Duration(Some(p.median_pickup_s)),
                            ],
                            filter,
                        )
                    })
                    .collect()
            };
            let automated: u64 = r.pairs.iter().filter(|p| p.automated).map(|p| p.count).sum();
            let pair_headers = vec![
                t_string!(i18n, handoffs.from).to_string(),
                t_string!(i18n, handoffs.to).to_string(),
                t_string!(i18n, analyses.times).to_string(),
                t_string!(i18n, handoffs.pickup).to_string(),
            ];
            let buckets: Vec<(String, f64)> = r
                .by_handoffs
                .iter()
                .filter_map(|b| {
                    Some((
                        if b.or_more { format!("{}+", b.handoffs) } else { b.handoffs.to_string() },
                        b.resolution?.median,
                    ))
                })
                .collect();
            let chains: Vec<Row> = r
                .chains
                .iter()
                .map(|c| {
                    Row::new(vec![
                        Cell::Text(c.teams.join(" → ")),
                        Cell::Count(c.cases),
                        Cell::Duration(c.median_resolution_s),
                    ])
                })
                .collect();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-handoffs" label=t_string!(i18n, kpis.handoffs).to_string() value=r.handoffs_per_case.map_or_else(|| "–".into(), |h| format::decimal(h, 2, lang)) />
                    <Figure testid="fig-team-changes" label=t_string!(i18n, handoffs.team_changes).to_string() value=r.team_changes_per_case.map_or_else(|| "–".into(), |h| format::decimal(h, 2, lang)) />
                    <Figure testid="fig-ping-pong" label=t_string!(i18n, handoffs.ping_pong).to_string() value=format::count(r.ping_pong_cases, lang) note=percent_text(pct(r.ping_pong), lang) />
                    <Figure testid="fig-single-owner" label=t_string!(i18n, handoffs.single_owner).to_string() value=percent_text(pct(r.single_owner), lang) />
                    <Figure testid="fig-per-handoff" label=t_string!(i18n, handoffs.cost).to_string() value=duration_text(r.seconds_per_handoff, lang) />
                </div>
                <BarChart testid="chart-handoffs" title=t_string!(i18n, handoffs.by_count).to_string() items=buckets format=duration_axis(lang) />
                <h3>{t!(i18n, handoffs.network)}</h3>
                {(automated > 0).then(|| view! { <p class="muted" data-testid="automated-handoffs">{t_string!(i18n, handoffs.automated, count = format::count(automated, lang)).to_string()}</p> })}
                <DataTable testid="table-handovers" headers=pair_headers.clone() rows=pair_rows(&r.pairs, false) lang=lang />
                {(!r.team_pairs.is_empty()).then(|| view! {
                    <h3>{t!(i18n, handoffs.team_network)}</h3>
                    <DataTable testid="table-team-handovers" headers=pair_headers rows=pair_rows(&r.team_pairs, true) lang=lang />
                })}
                {(!chains.is_empty()).then(|| view! {
                    <h3>{t!(i18n, handoffs.chains)}</h3>
                    <DataTable testid="table-chains" headers=vec![t_string!(i18n, handoffs.teams).to_string(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, analyses.median_resolution).to_string()] rows=chains lang=lang />
                })}
            }
            .into_any()
        }
        AnalysisReport::Rework(r) => {
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
                    <Figure testid="fig-with-rework" label=t_string!(i18n, rework.with).to_string() value=duration_text(median(&r.with_rework), lang) />
                    <Figure testid="fig-without-rework" label=t_string!(i18n, rework.without).to_string() value=duration_text(median(&r.without_rework), lang) />
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
                    <Figure testid="fig-escalation-rate" label=t_string!(i18n, kpis.escalation).to_string() value=percent_text(r.rate.and_then(pct), lang) note=r.rate.map(|x| t_string!(i18n, analyses.n_cases, count = format::count(x.count, lang)).to_string()).unwrap_or_default() />
                    <Figure testid="fig-escalated" label=t_string!(i18n, escalations.escalated).to_string() value=duration_text(median(&r.escalated), lang) />
                    <Figure testid="fig-not-escalated" label=t_string!(i18n, escalations.not_escalated).to_string() value=duration_text(median(&r.not_escalated), lang) />
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
                    <Figure testid="fig-fcr" label=t_string!(i18n, kpis.fcr).to_string() value=percent_text(r.rate.and_then(pct), lang) note=r.rate.map(|x| t_string!(i18n, fcr.of_resolved, count = format::count(x.count, lang), total = format::count(x.of, lang)).to_string()).unwrap_or_default() />
                    <Figure testid="fig-one-contact" label=t_string!(i18n, fcr.one_contact).to_string() value=percent_text(pct(r.one_contact), lang) />
                    <Figure testid="fig-one-agent" label=t_string!(i18n, fcr.one_agent).to_string() value=percent_text(pct(r.one_agent), lang) />
                    <Figure testid="fig-no-reopen" label=t_string!(i18n, fcr.no_reopen).to_string() value=percent_text(pct(r.no_reopen), lang) />
                </div>
                <BarChart testid="chart-fcr" title=t_string!(i18n, fcr.by_channel).to_string() items=chart format=percent_axis(lang) filters=fcr_filters />
                {(!channel_rows.is_empty()).then(|| view! { <DataTable testid="table-fcr-channel" headers=headers(t_string!(i18n, roles.channel).to_string()) rows=channel_rows lang=lang /> })}
                {(!type_rows.is_empty()).then(|| view! { <DataTable testid="table-fcr-type" headers=headers(t_string!(i18n, roles.case_type).to_string()) rows=type_rows lang=lang /> })}
            }
            .into_any()
        }
        AnalysisReport::Priority(r) => {
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
                {(!r.rows.is_empty()).then(|| view! { <p class="verdict" data-testid="priority-verdict">{verdict}</p> })}
                <BarChart testid="chart-priority" title=t_string!(i18n, priority.chart).to_string() items=chart.clone() format=duration_axis(lang) filters=by_label(&chart, |l| value_filter(&column, &Some(l.to_owned()))) />
                {(!rows.is_empty()).then(|| view! {
                    <DataTable testid="table-priority" headers=vec![
                        t_string!(i18n, roles.priority).to_string(), t_string!(i18n, analyses.cases).to_string(), t_string!(i18n, analyses.median_resolution).to_string(),
                        t_string!(i18n, analyses.mean_resolution).to_string(), t_string!(i18n, kpis.acknowledgement).to_string(), t_string!(i18n, kpis.sla).to_string(),
                        t_string!(i18n, kpis.escalation).to_string()] rows=rows lang=lang />
                })}
            }
            .into_any()
        }
        AnalysisReport::Channels(r) => {
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
                <BarChart testid="chart-channels" title=t_string!(i18n, channels.chart).to_string() items=chart.clone() format=duration_axis(lang) filters=by_label(&chart, |l| value_filter(&column, &Some(l.to_owned()))) />
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
        AnalysisReport::Workload(r) => {
            let load_rows = |loads: &[casemap_engine::service::workload::Load], agents: bool| -> Vec<Row> {
                loads
                    .iter()
                    .take(50)
                    .map(|l| {
                        let filter = if agents {
                            Some(Filter::Resources { resources: vec![l.name.clone()], exclude: false, events: false })
                        } else {
                            value_filter(&column_of(choices, ServiceField::Team), &Some(l.name.clone()))
                        };
                        Row::filtering(
                            vec![
                                Cell::Text(l.name.clone()),
                                Cell::Count(l.events),
                                Cell::Count(l.cases),
                                Cell::Number(Some(l.cases_per_week), 1),
                                Cell::Share(l.share),
                                Cell::Times(l.comparable_index),
                                Cell::Duration(l.median_working_s),
                            ],
                            filter,
                        )
                    })
                    .collect()
            };
            let headers = |first: String| {
                vec![
                    first,
                    t_string!(i18n, workload.events).to_string(),
                    t_string!(i18n, analyses.cases).to_string(),
                    t_string!(i18n, workload.per_week).to_string(),
                    t_string!(i18n, analyses.share).to_string(),
                    t_string!(i18n, workload.comparable).to_string(),
                    t_string!(i18n, analyses.median_working).to_string(),
                ]
            };
            let chart: Vec<(String, f64)> =
                r.agents.iter().take(15).map(|l| (l.name.clone(), l.events as f64)).collect();
            let wip: Vec<(String, Option<f64>)> = r.wip.iter().map(|d| (d.day.clone(), Some(d.open as f64))).collect();
            view! {
                <NeedsNotice needs=r.needs.clone() />
                <div class="figures">
                    <Figure testid="fig-busiest" label=t_string!(i18n, workload.busiest, count = format::count(r.busiest_agents, lang)).to_string() value=percent_text(r.busiest_share, lang) />
                    <Figure testid="fig-agents" label=t_string!(i18n, workload.agents).to_string() value=format::count(r.agents.len() as u64, lang) />
                </div>
                <BarChart testid="chart-workload" title=t_string!(i18n, workload.chart).to_string() items=chart.clone() format=count_axis(lang) filters=by_label(&chart, |l| Some(Filter::Resources { resources: vec![l.to_owned()], exclude: false, events: false })) />
                <LineChart testid="chart-wip" title=t_string!(i18n, workload.wip).to_string() points=wip axis=count_axis(lang) />
                <p class="muted">{t!(i18n, workload.comparable_hint)}</p>
                <DataTable testid="table-agents" headers=headers(t_string!(i18n, roles.resource).to_string()) rows=load_rows(&r.agents, true) lang=lang />
                {(!r.teams.is_empty()).then(|| view! {
                    <DataTable testid="table-teams" headers=headers(t_string!(i18n, roles.team).to_string()) rows=load_rows(&r.teams, false) lang=lang />
                })}
            }
            .into_any()
        }
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
                    <Figure testid="fig-ack-median" label=t_string!(i18n, ack.median).to_string() value=duration_text(median(&r.acknowledgement), lang) note=t_string!(i18n, ack.p90_note, time = duration_text(r.acknowledgement.map(|d| d.p90), lang)).to_string() />
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
        AnalysisReport::Misclassification(r) => {
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
                .map(|d| (d.features.iter().map(|f| feature_label(i18n, f)).collect::<Vec<_>>().join(" + "), d.lift))
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
                                d.features.iter().map(|f| feature_label(i18n, f)).collect::<Vec<_>>().join(" + "),
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
                        note=t_string!(i18n, drivers.base_note, count = format::count(r.base.count, lang), total = format::count(r.base.of, lang)).to_string() />
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
            .map(|s| view! { <option value=format!("step:{}", s.key())>{move || t_string!(i18n, sla.any_step, step = step_name(i18n, s)).to_string()}</option> })
            .collect_view();
        let named = activities
            .into_iter()
            .map(|v| view! { <option value=format!("activity:{}", v.value)>{v.value.clone()}</option> })
            .collect_view();
        view! { {fixed} {steps} {named} }
    };
    view! {
        <details class="sla-rules" data-testid="sla-rules">
            <summary>{move || t_string!(i18n, sla.rules_title, count = format::count(rules().len() as u64, lang())).to_string()}</summary>
            <p class="muted">{t!(i18n, sla.rules_hint)}</p>
            <ul class="rule-list">
                {move || rules().into_iter().enumerate().map(|(i, rule)| {
                    let text = t_string!(i18n, sla.rule_text, from = endpoint_name(&rule.from), to = endpoint_name(&rule.to),
                        within = rule.within_s.map(|w| format::duration(w, lang())).unwrap_or_default()).to_string();
                    view! {
                        <li data-testid="sla-rule">
                            <strong>{rule.name.clone()}</strong>" · "{text}
                            {(!rule.per_priority.is_empty()).then(|| {
                                let parts: Vec<String> = rule.per_priority.iter().map(|(p, s)| format!("{p} {}", format::duration(*s, lang()))).collect();
                                view! { " (" {parts.join(", ")} ")" }
                            })}
                            {rule.business_hours.is_some().then(|| view! { " · " {t!(i18n, sla.business_hours)} })}
                            <button type="button" class="chip-remove" aria-label=move || t_string!(i18n, filters.remove, what = rule.name.clone()).to_string()
                                on:click=move |_| state.edit_setup(|s| { s.options.sla_rules.remove(i); })>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="form-row">
                <label class="field"><span>{t!(i18n, sla.rule_name)}</span><input type="text" data-testid="sla-rule-name" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) /></label>
                <label class="field"><span>{t!(i18n, sla.rule_from)}</span><select data-testid="sla-rule-from" on:change=move |e| from.set(event_target_value(&e))>{move || options("created")}</select></label>
                <label class="field"><span>{t!(i18n, sla.rule_to)}</span><select data-testid="sla-rule-to" on:change=move |e| to.set(event_target_value(&e))>{move || options("resolved")}</select></label>
                <label class="field"><span>{t!(i18n, sla.rule_hours)}</span><input type="number" min="0" step="any" data-testid="sla-rule-hours" prop:value=move || within.get() on:input=move |e| within.set(event_target_value(&e)) /></label>
                <label class="check"><input type="checkbox" data-testid="sla-rule-business" prop:checked=move || business.get() on:change=move |_| business.update(|b| *b = !*b) />{t!(i18n, sla.business_hours)}</label>
                <button type="button" class="button button-secondary button-small" data-testid="sla-rule-add" on:click=add>{t!(i18n, sla.add_rule)}</button>
            </div>
            {move || {
                let values = priorities();
                (!values.is_empty()).then(|| view! {
                    <div class="form-row per-priority" data-testid="sla-rule-priorities">
                        <span class="muted">{t!(i18n, sla.per_priority)}</span>
                        {values.into_iter().map(|value| {
                            let key = value.clone();
                            let shown = value.clone();
                            view! {
                                <label class="field"><span>{value.clone()}</span>
                                    <input type="number" min="0" step="any" class="narrow" data-testid="sla-rule-priority-hours"
                                        prop:value=move || per_priority.with(|p| p.iter().find(|(k, _)| *k == shown).map(|(_, h)| h.clone()).unwrap_or_default())
                                        on:input=move |e| {
                                            let hours = event_target_value(&e);
                                            let key = key.clone();
                                            per_priority.update(|p| {
                                                p.retain(|(k, _)| *k != key);
                                                p.push((key, hours));
                                            });
                                        } />
                                </label>
                            }
                        }).collect_view()}
                    </div>
                })
            }}
        </details>
    }
}

/// The vocabulary: which activity names count as which service step, editable; the
/// activities of this log that each step recognises are listed beside it.
#[component]
fn VocabularyEditor() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    move || {
        let vocabulary = a.setup.with(|s| s.vocabulary.clone());
        let matcher = Matcher::new(&vocabulary);
        let activities: Vec<String> = a
            .choices
            .with(|c| c.as_ref().map(|c| c.activities.iter().map(|v| v.value.clone()).collect()).unwrap_or_default());
        let unrecognised: Vec<String> = activities.iter().filter(|n| matcher.step(n).is_none()).cloned().collect();
        let rows = Step::ALL
            .iter()
            .map(|&step| {
                let patterns: Vec<String> = vocabulary.steps.iter().filter(|s| s.step == step).flat_map(|s| s.patterns.clone()).collect();
                let matched: Vec<String> = activities.iter().filter(|n| matcher.step(n) == Some(step)).cloned().collect();
                let text = patterns.join(", ");
                view! {
                    <tr data-testid="vocabulary-step">
                        <th scope="row">{step_name(i18n, step)}</th>
                        <td>
                            <textarea rows="2" class="patterns" data-testid=format!("patterns-{}", step.key()) prop:value=text
                                on:change=move |e| {
                                    let new: Vec<String> = event_target_value(&e).split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
                                    state.edit_setup(|s| {
                                        s.vocabulary.steps.retain(|x| x.step != step);
                                        s.vocabulary.steps.push(casemap_engine::service::vocabulary::StepPatterns { step, patterns: new });
                                    });
                                }></textarea>
                        </td>
                        <td class="matched" data-testid="vocabulary-matched">{matched.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel analysis" data-testid="vocabulary-view">
                <h2 class="panel-title">{t!(i18n, vocabulary.title)}</h2>
                <p class="definition">{t!(i18n, vocabulary.lead)}</p>
                <div class="table-scroll">
                    <table class="table vocabulary">
                        <thead><tr><th>{t!(i18n, vocabulary.step)}</th><th>{t!(i18n, vocabulary.patterns)}</th><th>{t!(i18n, vocabulary.matched)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="muted" data-testid="vocabulary-unrecognised">{t_string!(i18n, vocabulary.unrecognised, activities = unrecognised.join(", ")).to_string()}</p>
                <button type="button" class="button button-secondary button-small" data-testid="vocabulary-reset" on:click=move |_| state.edit_setup(|s| s.vocabulary = Default::default())>{t!(i18n, vocabulary.reset)}</button>
            </section>
        }
    }
}
