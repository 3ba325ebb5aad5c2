//! Who works on the cases: handoffs between agents and teams, and the workload of each agent
//! and team, with automations (auto-replies, auto-closures) listed apart from the people.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::handoffs::HandoffReport;
use casemap_engine::service::workload::{Load, WorkloadReport};
use leptos::prelude::*;

use super::{
    I18n, by_label, column_of, count_axis, duration_axis, duration_text, pct, percent_text, resolution_unknown,
    value_filter,
};
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::views::trend::LineChart;
use crate::views::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the handoffs analysis.
pub(super) fn handoffs(i18n: I18n, r: HandoffReport, lang: Lang) -> AnyView {
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
            Some((if b.or_more { format!("{}+", b.handoffs) } else { b.handoffs.to_string() }, b.resolution?.median))
        })
        .collect();
    // Resolution times are unknown without a recognised resolution: no cost per handoff.
    let unknown = resolution_unknown(&r.needs);
    let chains: Vec<Row> = r
        .chains
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::Text(c.teams.join(" → ")),
                Cell::Count(c.cases),
                Cell::Duration(c.median_resolution_s.filter(|_| !unknown)),
            ])
        })
        .collect();
    let (per_handoff, per_handoff_note) = if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else {
        (duration_text(r.seconds_per_handoff, lang), String::new())
    };
    let reassignments = r.reassignments_per_case;
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure testid="fig-handoffs" label=t_string!(i18n, kpis.handoffs).to_string() value=r.handoffs_per_case.map_or_else(|| "–".into(), |h| format::decimal(h, 2, lang)) />
            <Figure testid="fig-team-changes" label=t_string!(i18n, handoffs.team_changes).to_string() value=r.team_changes_per_case.map_or_else(|| "–".into(), |h| format::decimal(h, 2, lang)) />
            <Figure testid="fig-ping-pong" label=t_string!(i18n, handoffs.ping_pong).to_string() value=format::count(r.ping_pong_cases, lang) note=percent_text(pct(r.ping_pong), lang) />
            <Figure testid="fig-single-owner" label=t_string!(i18n, handoffs.single_owner).to_string() value=percent_text(pct(r.single_owner), lang) />
            {reassignments.map(|x| view! {
                <Figure testid="fig-reassignments" label=t_string!(i18n, handoffs.reassignments).to_string() value=format::decimal(x, 2, lang) note=t_string!(i18n, handoffs.reassignments_note).to_string() />
            })}
            <Figure testid="fig-per-handoff" label=t_string!(i18n, handoffs.cost).to_string() value=per_handoff note=per_handoff_note />
        </div>
        {(!unknown).then(|| view! { <BarChart testid="chart-handoffs" title=t_string!(i18n, handoffs.by_count).to_string() items=buckets format=duration_axis(lang) /> })}
        <h3>{t!(i18n, handoffs.network)}</h3>
        {(automated > 0).then(|| view! { <p class="muted" data-testid="automated-handoffs">{t_string!(i18n, handoffs.automated, count = automated, n = format::count(automated, lang)).to_string()}</p> })}
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

/// The automations that did events, apart from the agents: they are no people to balance work
/// between.
fn automations(i18n: I18n, loads: &[Load], lang: Lang) -> Option<AnyView> {
    let rows: Vec<Row> = loads
        .iter()
        .map(|l| {
            Row::filtering(
                vec![Cell::Text(l.name.clone()), Cell::Count(l.events), Cell::Count(l.cases)],
                Some(Filter::Resources { resources: vec![l.name.clone()], exclude: false, events: false }),
            )
        })
        .collect();
    (!rows.is_empty()).then(|| {
        let headers = vec![
            t_string!(i18n, workload.automation).to_string(),
            t_string!(i18n, workload.events).to_string(),
            t_string!(i18n, analyses.cases).to_string(),
        ];
        view! {
            <section class="automations" data-testid="automations">
                <h3>{t!(i18n, workload.automations)}</h3>
                <p class="muted">{t!(i18n, workload.automations_note)}</p>
                <DataTable testid="table-automations" headers=headers rows=rows lang=lang />
            </section>
        }
        .into_any()
    })
}

/// The body of the workload analysis.
pub(super) fn workload(i18n: I18n, r: WorkloadReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    // Without a recognised resolution, neither resolution times nor open cases are known.
    let unknown = resolution_unknown(&r.needs);
    let automation_names: String = r.automations.iter().take(3).map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ");
    let load_rows = |loads: &[Load], agents: bool| -> Vec<Row> {
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
                        Cell::Times(l.comparable_index.filter(|_| !unknown)),
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
    let chart: Vec<(String, f64)> = r.agents.iter().take(15).map(|l| (l.name.clone(), l.events as f64)).collect();
    let wip: Vec<(String, Option<f64>)> = r.wip.iter().map(|d| (d.day.clone(), Some(d.open as f64))).collect();
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure testid="fig-busiest" label=t_string!(i18n, workload.busiest, count = format::count(r.busiest_agents, lang)).to_string() value=percent_text(r.busiest_share, lang) />
            <Figure testid="fig-agents" label=t_string!(i18n, workload.agents).to_string() value=format::count(r.agents.len() as u64, lang) />
            {(!r.automations.is_empty()).then(|| view! {
                <Figure testid="fig-automations" label=t_string!(i18n, workload.automations).to_string() value=format::count(r.automations.len() as u64, lang)
                    note=automation_names />
            })}
        </div>
        <BarChart testid="chart-workload" title=t_string!(i18n, workload.chart).to_string() items=chart.clone() format=count_axis(lang) filters=by_label(&chart, |l| Some(Filter::Resources { resources: vec![l.to_owned()], exclude: false, events: false })) />
        {if unknown {
            view! { <p class="muted" data-testid="wip-unknown">{t!(i18n, workload.wip_unknown)}</p> }.into_any()
        } else {
            view! {
                <LineChart testid="chart-wip" title=t_string!(i18n, workload.wip).to_string() points=wip axis=count_axis(lang) />
            }.into_any()
        }}
        <p class="muted">{t!(i18n, workload.comparable_hint)}</p>
        <DataTable testid="table-agents" headers=headers(t_string!(i18n, roles.resource).to_string()) rows=load_rows(&r.agents, true) lang=lang />
        {(!r.teams.is_empty()).then(|| view! {
            <DataTable testid="table-teams" headers=headers(t_string!(i18n, roles.team).to_string()) rows=load_rows(&r.teams, false) lang=lang />
        })}
        {automations(i18n, &r.automations, lang)}
    }
    .into_any()
}
