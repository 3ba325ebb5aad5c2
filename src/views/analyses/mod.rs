//! The service analyses: a list of questions on the left, the open one on the right with its
//! definition, figures, a chart and ranked tables. Rows that stand for a value (a channel, an
//! activity, a path, an agent) add a filter when clicked.

use casemap_engine::format::Lang;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport, FilterChoices};
use crate::state::{AppState, use_app_state};

mod acknowledgement;
mod bottlenecks;
mod channels;
mod common;
mod conformance;
mod csat;
mod drivers;
mod escalations;
mod fcr;
mod handoffs;
mod misclassification;
mod priority;
mod rework;
mod sla;
mod sla_rules;
mod vocabulary;
mod workload;

use vocabulary::VocabularyEditor;

use common::I18n;

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
        AnalysisKind::Conformance => t_string!(i18n, analyses.conformance),
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
        AnalysisKind::Conformance => t_string!(i18n, analyses.def_conformance),
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
                <button
                    type="button"
                    class="nav-item nav-extra"
                    data-testid="analysis-vocabulary"
                    aria-current=move || vocabulary_open.get().then_some("page")
                    on:click=move |_| {
                        state.request_choices();
                        vocabulary_open.set(true);
                    }
                >
                    {t!(i18n, vocabulary.title)}
                </button>
            </nav>
            <div class="analyses-body">
                {move || {
                    if vocabulary_open.get() {
                        view! { <VocabularyEditor /> }.into_any()
                    } else {
                        view! { <Section /> }.into_any()
                    }
                }}
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
            None => view! {
                // The ideal process stays in view while the cases are checked against it.
                {(kind == AnalysisKind::Conformance)
                    .then(|| {
                        view! {
                            <conformance::IdealPicker />
                            <conformance::AlignProgress />
                        }
                    })}
                // The alignments' progress, once shown, says what is being computed.
                <Show when=move || !a.aligning.with(|x| x.is_some_and(|x| x.stopped || x.total > 0))>
                    <p class="muted" data-testid="analysis-loading">
                        {t!(i18n, analyses.loading)}
                    </p>
                </Show>
            }
            .into_any(),
            Some(report) => {
                let choices = a.choices.get();
                render(i18n, state, report, choices.as_ref(), lang)
            }
        };
        view! {
            <section class="panel analysis" data-testid=format!("analysis-view-{}", kind.key())>
                <h2 class="panel-title">{title(i18n, kind)}</h2>
                <p class="definition" data-testid="definition">
                    {definition(i18n, kind)}
                </p>
                {body}
            </section>
        }
    }
}

/// The body of one analysis, drawn by the view of its report. The match names every report:
/// a new analysis without a view does not compile.
fn render(i18n: I18n, state: AppState, report: AnalysisReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    match report {
        AnalysisReport::Kpis(_) => ().into_any(),
        AnalysisReport::Bottlenecks(r) => bottlenecks::bottlenecks(i18n, r, lang),
        AnalysisReport::Sla(r) => sla::sla(i18n, r, choices, lang),
        AnalysisReport::Handoffs(r) => handoffs::handoffs(i18n, r, lang),
        AnalysisReport::Rework(r) => rework::rework(i18n, r, lang),
        AnalysisReport::Escalations(r) => escalations::escalations(i18n, r, choices, lang),
        AnalysisReport::Fcr(r) => fcr::fcr(i18n, state, r, choices, lang),
        AnalysisReport::Priority(r) => priority::priority(i18n, r, choices, lang),
        AnalysisReport::Channels(r) => channels::channels(i18n, r, choices, lang),
        AnalysisReport::Workload(r) => workload::workload(i18n, r, choices, lang),
        AnalysisReport::Acknowledgement(r) => acknowledgement::acknowledgement(i18n, r, choices, lang),
        AnalysisReport::Misclassification(r) => misclassification::misclassification(i18n, r, choices, lang),
        AnalysisReport::Csat(r) => csat::csat(i18n, r, choices, lang),
        AnalysisReport::Drivers(r) => drivers::drivers(i18n, r, choices, lang),
        AnalysisReport::Conformance(r) => conformance::conformance(i18n, state, *r, lang),
    }
}
