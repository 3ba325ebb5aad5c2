//! Workload: the events and cases of each agent and team, how comparable their loads are, the
//! open cases per day, and the automations (auto-replies, auto-closures) apart from the people.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::workload::{Load, WorkloadReport};
use leptos::prelude::*;

use super::common::{I18n, by_label, column_of, count_axis, percent_text, resolution_unknown, value_filter};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{BarChart, Cell, DataTable, Figure, LineChart, NeedsNotice, Row};

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
        let headers = texts![i18n; workload.automation, workload.events, analyses.cases];
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
            <Figure
                testid="fig-busiest"
                label=t_string!(i18n, workload.busiest, count = format::count(r.busiest_agents, lang)).to_string()
                value=percent_text(r.busiest_share, lang)
            />
            <Figure
                testid="fig-agents"
                label=t_string!(i18n, workload.agents).to_string()
                value=format::count(r.agents.len() as u64, lang)
            />
            {(!r.automations.is_empty())
                .then(|| {
                    view! {
                        <Figure
                            testid="fig-automations"
                            label=t_string!(i18n, workload.automations).to_string()
                            value=format::count(r.automations.len() as u64, lang)
                            note=automation_names
                        />
                    }
                })}
        </div>
        <BarChart
            testid="chart-workload"
            title=t_string!(i18n, workload.chart).to_string()
            items=chart.clone()
            format=count_axis(lang)
            filters=by_label(
                &chart,
                |l| Some(Filter::Resources {
                    resources: vec![l.to_owned()],
                    exclude: false,
                    events: false,
                }),
            )
        />
        {if unknown {
            view! {
                <p class="muted" data-testid="wip-unknown">
                    {t!(i18n, workload.wip_unknown)}
                </p>
            }
                .into_any()
        } else {
            view! {
                <LineChart
                    testid="chart-wip"
                    title=t_string!(i18n, workload.wip).to_string()
                    points=wip
                    axis=count_axis(lang)
                />
            }
                .into_any()
        }}
        <p class="muted">{t!(i18n, workload.comparable_hint)}</p>
        <DataTable
            testid="table-agents"
            headers=headers(t_string!(i18n, roles.resource).to_string())
            rows=load_rows(&r.agents, true)
            lang=lang
        />
        <DataTable
            hide_empty=true
            testid="table-teams"
            headers=headers(t_string!(i18n, roles.team).to_string())
            rows=load_rows(&r.teams, false)
            lang=lang
        />
        {automations(i18n, &r.automations, lang)}
    }
    .into_any()
}
