//! Conformance: the cases against the ideal process. The ideal process comes four ways
//! ([`ideal`]); the results are PM4Py's fitness figures, the share of conforming cases and its
//! weekly trend, the deviations ranked by cases with what they cost (a row keeps its cases),
//! accepted deviations, who deviates, the service rules ([`rules`]) and the model drawn
//! ([`drawing`]) with its BPMN and PNML for download.

use casemap_engine::conformance::Method;
use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::service::conformance::{ConformanceAnalysis, ConformanceReport, Deviation, Deviator, Outcomes};
use leptos::prelude::*;

use super::common::{I18n, pct, percent_axis, rate_figure, segment_name};
use crate::context::texts;
use crate::download::save_text;
use crate::i18n::*;
use crate::state::AppState;
use crate::widgets::{Cell, DataTable, Figure, GroupTable, GroupTables, LineChart, Row};

mod accept;
mod drawing;
mod ideal;
mod progress;
mod rules;

use accept::AcceptList;
use drawing::ModelDiagram;
pub(super) use ideal::IdealPicker;
pub(super) use progress::AlignProgress;
use rules::RulesCheck;

/// The body of the conformance analysis.
pub(super) fn conformance(i18n: I18n, state: AppState, r: ConformanceReport, lang: Lang) -> AnyView {
    let model = model_section(i18n, &r, lang);
    let results = match (&r.analysis, &r.problem) {
        (Some(analysis), _) => results(i18n, state, analysis, &r, model, lang),
        (None, problem) => view! {
            <p class="notice notice-warning" data-testid="conformance-problem">
                {t_string!(
                    i18n, conformance.problem, message = problem.as_ref().map(|p| p.message.clone()).unwrap_or_default()
                )
                    .to_string()}
            </p>
            {model}
        }
        .into_any(),
    };
    view! {
        <IdealPicker />
        {results}
    }
    .into_any()
}

/// A button that downloads one form of the model.
fn download_button(
    testid: &'static str,
    label: &'static str,
    file: &'static str,
    text: Option<String>,
) -> impl IntoView {
    text.map(|text| {
        view! {
            <button
                type="button"
                class="button button-secondary button-small"
                data-testid=testid
                on:click=move |_| {
                    let _ = save_text(file, &text, "application/xml");
                }
            >
                {label}
            </button>
        }
    })
}

/// The model: its size, its drawing and its downloads.
fn model_section(i18n: I18n, r: &ConformanceReport, lang: Lang) -> AnyView {
    let size = r.analysis.as_ref().map(|a| {
        t_string!(
            i18n,
            conformance.model_size,
            places = format::count(a.model.places as u64, lang),
            transitions = format::count(a.model.transitions as u64, lang),
            silent = format::count(a.model.silent_transitions as u64, lang)
        )
        .to_string()
    });
    let drawing = match r.drawing.clone() {
        Some(drawing) => {
            let passes = r.analysis.as_ref().map(|a| (a.passes.clone(), a.fitness.cases));
            view! { <ModelDiagram drawing passes lang /> }.into_any()
        }
        None => view! { <p class="muted">{t!(i18n, conformance.no_drawing)}</p> }.into_any(),
    };
    view! {
        <section class="conformance-model" data-testid="conformance-model">
            <h3>{t!(i18n, conformance.model_title)}</h3>
            {size.map(|s| view! { <p class="muted">{s}</p> })}
            {drawing}
            <div class="form-row">
                <span>{t!(i18n, conformance.export)}</span>
                {download_button("export-bpmn", "BPMN", "ideal-process.bpmn", r.bpmn.clone())}
                {download_button("export-pnml", "PNML", "ideal-process.pnml", r.pnml.clone())}
            </div>
        </section>
    }
    .into_any()
}

/// The ten most frequent variants with their fitness and deviations (paths are long, and the
/// variants view lists them all); a row keeps its cases.
fn variant_rows(i18n: I18n, a: &ConformanceAnalysis) -> Vec<Row> {
    a.variants
        .iter()
        .take(VARIANT_ROWS)
        .map(|v| {
            let deviations = if v.deviations.is_empty() {
                Cell::Faint(if v.fitness == 1.0 { "–".to_owned() } else { String::new() })
            } else {
                Cell::Text(
                    v.deviations
                        .iter()
                        .map(|(kind, activity)| format!("{}: {activity}", kind_name(i18n, *kind)))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            };
            Row::filtering(
                vec![
                    Cell::Text(v.activities.join(" → ")),
                    Cell::Count(v.cases),
                    Cell::Number(Some(v.fitness), 3),
                    deviations,
                ],
                Some(Filter::Variants { variants: vec![v.activities.clone()], exclude: false }),
            )
        })
        .collect()
}

/// Variants listed with their fitness.
const VARIANT_ROWS: usize = 10;

/// A deviation kind in words.
fn kind_name(i18n: I18n, kind: Deviation) -> String {
    match kind {
        Deviation::Skipped => t_string!(i18n, conformance.skipped),
        Deviation::Extra => t_string!(i18n, conformance.extra),
        Deviation::OutOfOrder => t_string!(i18n, conformance.out_of_order),
    }
    .to_string()
}

/// The cost cells of a group of cases: cases, median resolution, SLA breach and reopen rates.
fn outcome_cells(o: &Outcomes) -> Vec<Cell> {
    vec![
        Cell::Count(o.cases),
        Cell::Duration(o.median_resolution_s),
        Cell::Percent(o.sla_breach.and_then(pct)),
        Cell::Percent(o.reopened.and_then(pct)),
    ]
}

fn deviator_rows(list: &[Deviator]) -> Vec<Row> {
    list.iter()
        .map(|d| Row::new(vec![Cell::Text(d.name.clone()), Cell::Count(d.deviating.of), Cell::Share(d.deviating.rate)]))
        .collect()
}

fn results(
    i18n: I18n,
    state: AppState,
    a: &ConformanceAnalysis,
    r: &ConformanceReport,
    model: AnyView,
    lang: Lang,
) -> AnyView {
    let conforming = rate_figure(
        pct(a.conforming),
        t_string!(
            i18n,
            conformance.conforming_note,
            count = format::count(a.conforming.count, lang),
            of = format::count(a.conforming.of, lang)
        )
        .to_string(),
        String::new,
        lang,
    );
    let decimals = |x: f64| format::decimal(x, 3, lang);
    let method = match a.method {
        Method::Alignments => t_string!(i18n, conformance.alignments),
        Method::TokenReplay => t_string!(i18n, conformance.token_replay),
    }
    .to_string();
    let weeks: Vec<(String, Option<f64>)> = a.weeks.iter().map(|w| (w.start.clone(), pct(w.conforming))).collect();
    let week_cases: Vec<u64> = a.weeks.iter().map(|w| w.conforming.of).collect();
    // The conforming cases first: what each deviation's cost is read against.
    let mut rows = vec![Row::new(
        [
            vec![Cell::Faint(t_string!(i18n, conformance.conforming_row).to_string()), Cell::Faint(String::new())],
            outcome_cells(&a.conforming_outcomes),
        ]
        .concat(),
    )];
    rows.extend(a.deviations.iter().zip(&r.deviation_filters).map(|(d, filter)| {
        let kind = kind_name(i18n, d.kind);
        let kind = if d.accepted { format!("{kind} ({})", t_string!(i18n, conformance.accepted)) } else { kind };
        Row::filtering(
            [vec![Cell::Text(kind), Cell::Text(d.activity.clone())], outcome_cells(&d.with)].concat(),
            Some(filter.clone()),
        )
    }));
    let headers = texts![
        i18n; conformance.kind, analyses.activity, analyses.cases, conformance.median_resolution,
        conformance.sla_breach, conformance.reopened
    ];
    let groups = texts![i18n; analyses.cases, conformance.deviating];
    let variant_rows = variant_rows(i18n, a);
    let variant_headers =
        texts![i18n; conformance.path, analyses.cases, conformance.fitness, conformance.deviation_list];
    let deviators = vec![
        GroupTable {
            testid: "table-deviating-agents",
            group: segment_name(i18n, "agent"),
            rows: deviator_rows(&a.by_agent),
        },
        GroupTable {
            testid: "table-deviating-teams",
            group: segment_name(i18n, "team"),
            rows: deviator_rows(&a.by_team),
        },
    ];
    let acceptable: Vec<(Deviation, String)> =
        a.deviations.iter().filter(|d| !d.accepted).map(|d| (d.kind, d.activity.clone())).collect();
    view! {
        <div class="figures">
            <Figure
                testid="fig-conforming"
                label=t_string!(i18n, conformance.conforming).to_string()
                value=conforming.0
                note=conforming.1
            />
            <Figure
                testid="fig-fitness"
                label=t_string!(i18n, conformance.fitness).to_string()
                value=decimals(a.fitness.log)
                note=method
            />
            <Figure
                testid="fig-case-fitness"
                label=t_string!(i18n, conformance.average_case).to_string()
                value=decimals(a.fitness.average_case)
            />
            <Figure
                testid="fig-fitting"
                label=t_string!(i18n, conformance.fitting).to_string()
                value=format::percent(a.fitness.fitting_percent / 100.0, lang)
                note=t_string!(i18n, analyses.n_cases, count = format::count(a.fitness.fitting_cases, lang)).to_string()
            />
        </div>
        {(weeks.len() > 1)
            .then(|| {
                view! {
                    <LineChart
                        testid="chart-conforming-weeks"
                        title=t_string!(i18n, conformance.trend).to_string()
                        points=weeks
                        axis=percent_axis(lang)
                        cases=week_cases
                    />
                }
            })}
        {model}
        <DataTable
            testid="table-deviations"
            heading=t_string!(i18n, conformance.deviations).to_string()
            headers=headers
            rows=rows
            lang=lang
        />
        <DataTable
            testid="table-variant-fitness"
            hide_empty=true
            heading=t_string!(i18n, conformance.variants).to_string()
            headers=variant_headers
            rows=variant_rows
            lang=lang
        />
        <AcceptList state acceptable accepted=state.analysis.setup.get_untracked().options.conformance.accepted />
        <GroupTables tables=deviators columns=groups lang=lang />
        <RulesCheck results=a.rules.clone() filters=r.rule_filters.clone() />
    }
    .into_any()
}
