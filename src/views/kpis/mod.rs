//! The overview's KPI cards (each with its weekly trend line and its definition a hover or a
//! keyboard focus away) and a trend chart of one KPI per week or month (drawn by [`trend`]). A KPI that rests on
//! something the log or the vocabulary lacks shows "–" and says why, never a confident 0 %.

use casemap_engine::format::{self, Lang};
use casemap_engine::service::kpis::{FEW_CASES, TrendPoint};
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport};
use crate::state::use_app_state;
use crate::views::endings::Endings;
use crate::widgets::Figure;

mod kpi;
mod trend;

pub use kpi::Kpi;
use trend::KpiTrend;

/// One KPI card: a button that charts the KPI's trend, described by its definition, which
/// shows on hover and on keyboard focus (Escape hides it again).
#[component]
fn KpiCard(
    kpi: Kpi,
    /// The card's figure.
    label: String,
    value: String,
    note: String,
    trend: Vec<Option<f64>>,
    /// The definition (translated).
    definition: String,
    /// The KPI the trend chart shows.
    chosen: RwSignal<Kpi>,
) -> impl IntoView {
    let dismissed = RwSignal::new(false);
    let id = format!("kpi-def-{}", kpi.code());
    view! {
        <div class="kpi-card" class:dismissed=move || dismissed.get() on:mouseenter=move |_| dismissed.set(false)>
            <button
                type="button"
                class="figure-button"
                class:chosen=move || chosen.get() == kpi
                aria-pressed=move || (chosen.get() == kpi).to_string()
                aria-describedby=id.clone()
                data-testid=format!("kpi-{}", kpi.code())
                on:click=move |_| chosen.set(kpi)
                on:focus=move |_| dismissed.set(false)
                on:keydown=move |event: web_sys::KeyboardEvent| {
                    if event.key() == "Escape" {
                        dismissed.set(true);
                    }
                }
            >
                <Figure testid="kpi" label=label value=value note=note trend=trend />
            </button>
            <p role="tooltip" id=id class="kpi-definition" data-testid=format!("kpi-definition-{}", kpi.code())>
                {definition}
            </p>
        </div>
    }
}

/// The KPI cards and the trend chart.
#[component]
pub fn KpiPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    let chosen = RwSignal::new(Kpi::Resolution);
    let monthly = RwSignal::new(false);
    move || {
        let Some(AnalysisReport::Kpis(kpis)) = a.report(AnalysisKind::Kpis) else {
            return view! {
                <section class="panel">
                    <p class="muted">{t!(i18n, kpis.loading)}</p>
                </section>
            }
            .into_any();
        };
        let lang = lang();
        // How the resolution differs from the case duration, with both figures when known.
        let case_duration = a.overview.with(|o| o.as_ref().and_then(|o| o.durations).map(|d| d.median));
        let resolution_here = kpis.values.median_resolution_s.zip(case_duration).map(|(resolution, duration)| {
            t_string!(
                i18n,
                kpis.def_resolution_here,
                resolution = format::duration(resolution, lang),
                duration = format::duration(duration, lang)
            )
            .to_string()
        });
        let cards = Kpi::ALL
            .iter()
            .map(|&kpi| {
                let value = kpi.value(&kpis.values);
                // Weeks the log covers in part, or rates of few cases, are left out: no false dips.
                let sure = |w: &TrendPoint| !w.partial && (kpi == Kpi::Cases || w.kpis.cases >= FEW_CASES);
                let trend: Vec<Option<f64>> =
                    kpis.weeks.iter().map(|w| kpi.value(&w.kpis).filter(|_| sure(w))).collect();
                let (shown, note) = match value {
                    Some(v) => (kpi.format(v, lang), kpi.note(&kpis, i18n, lang).unwrap_or_default()),
                    None => ("–".to_owned(), kpi.reason(&kpis, i18n)),
                };
                let mut definition = kpi.definition(i18n);
                if let (Kpi::Resolution, Some(here)) = (kpi, &resolution_here) {
                    // Chinese sentences follow each other without a space.
                    definition = format!("{definition}{}{here}", if lang == Lang::Zh { "" } else { " " });
                }
                view! { <KpiCard kpi label=kpi.name(i18n) value=shown note trend definition chosen /> }
            })
            .collect_view();
        // A KPI without values over time says why instead of an empty chart.
        let trend_data = StoredValue::new(kpis.clone());
        let trend_empty = move || {
            let kpi = chosen.get();
            trend_data.with_value(|k| {
                let points = if monthly.get() { &k.months } else { &k.weeks };
                (!points.iter().any(|p| kpi.value(&p.kpis).is_some())).then(|| {
                    view! {
                        <p class="muted trend-empty" data-testid="trend-empty">
                            {kpi.reason(k, i18n)}
                        </p>
                    }
                })
            })
        };
        // Each card says what its figure lacks (no list of needs above them); the endings say
        // it for resolution, with a way to mark one.
        let endings = StoredValue::new(kpis.clone());
        view! {
            <section class="panel" data-testid="kpi-panel">
                <div class="panel-head">
                    <h2 class="panel-title">{t!(i18n, kpis.title)}</h2>
                </div>
                {(!kpis.open_known).then(|| view! { <Endings kpis=endings.get_value() /> })}
                <div class="figures kpi-cards">{cards}</div>
                {kpis.open_known.then(|| view! { <Endings kpis=endings.get_value() /> })}
                <KpiTrend kpis=kpis.clone() chosen=chosen monthly=monthly />
                {trend_empty}
            </section>
        }
        .into_any()
    }
}
