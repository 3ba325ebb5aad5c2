//! The overview's KPI cards (each with its weekly trend line and its definition a hover or a
//! keyboard focus away) and a trend chart of one KPI per week or month. A KPI that rests on
//! something the log or the vocabulary lacks shows "–" and says why, never a confident 0 %.

use casemap_engine::format::{self, Lang};
use casemap_engine::service::kpis::{KpiValues, Kpis};
use casemap_engine::service::{Need, Step};
use leptos::prelude::*;
use plotters::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport};
use crate::state::use_app_state;
use crate::views::endings::Endings;
use crate::views::widgets::Figure;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The KPIs shown, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kpi {
    /// Cases.
    Cases,
    /// Median resolution time.
    Resolution,
    /// SLA compliance.
    Sla,
    /// First-contact resolution.
    Fcr,
    /// Reopen rate.
    Reopen,
    /// Escalation rate.
    Escalation,
    /// Handoffs per case.
    Handoffs,
    /// Rework rate.
    Rework,
    /// Median time to first acknowledgement.
    Acknowledgement,
}

impl Kpi {
    const ALL: [Kpi; 9] = [
        Kpi::Cases,
        Kpi::Resolution,
        Kpi::Sla,
        Kpi::Fcr,
        Kpi::Reopen,
        Kpi::Escalation,
        Kpi::Handoffs,
        Kpi::Rework,
        Kpi::Acknowledgement,
    ];

    fn code(self) -> &'static str {
        match self {
            Kpi::Cases => "cases",
            Kpi::Resolution => "resolution",
            Kpi::Sla => "sla",
            Kpi::Fcr => "fcr",
            Kpi::Reopen => "reopen",
            Kpi::Escalation => "escalation",
            Kpi::Handoffs => "handoffs",
            Kpi::Rework => "rework",
            Kpi::Acknowledgement => "acknowledgement",
        }
    }

    fn name(self, i18n: I18n) -> String {
        match self {
            Kpi::Cases => t_string!(i18n, kpis.cases),
            Kpi::Resolution => t_string!(i18n, kpis.resolution),
            Kpi::Sla => t_string!(i18n, kpis.sla),
            Kpi::Fcr => t_string!(i18n, kpis.fcr),
            Kpi::Reopen => t_string!(i18n, kpis.reopen),
            Kpi::Escalation => t_string!(i18n, kpis.escalation),
            Kpi::Handoffs => t_string!(i18n, kpis.handoffs),
            Kpi::Rework => t_string!(i18n, kpis.rework),
            Kpi::Acknowledgement => t_string!(i18n, kpis.acknowledgement),
        }
        .to_string()
    }

    /// What the KPI is, as the engine defines it (`service::kpis`).
    fn definition(self, i18n: I18n) -> String {
        match self {
            Kpi::Cases => t_string!(i18n, kpis.def_cases),
            Kpi::Resolution => t_string!(i18n, kpis.def_resolution),
            Kpi::Sla => t_string!(i18n, kpis.def_sla),
            Kpi::Fcr => t_string!(i18n, kpis.def_fcr),
            Kpi::Reopen => t_string!(i18n, kpis.def_reopen),
            Kpi::Escalation => t_string!(i18n, kpis.def_escalation),
            Kpi::Handoffs => t_string!(i18n, kpis.def_handoffs),
            Kpi::Rework => t_string!(i18n, kpis.def_rework),
            Kpi::Acknowledgement => t_string!(i18n, kpis.def_acknowledgement),
        }
        .to_string()
    }

    /// The KPI's value among `v`.
    pub fn value(self, v: &KpiValues) -> Option<f64> {
        match self {
            Kpi::Cases => Some(v.cases as f64),
            Kpi::Resolution => v.median_resolution_s,
            Kpi::Sla => v.sla_compliance,
            Kpi::Fcr => v.fcr_rate,
            Kpi::Reopen => v.reopen_rate,
            Kpi::Escalation => v.escalation_rate,
            Kpi::Handoffs => v.handoffs_per_case,
            Kpi::Rework => v.rework_rate,
            Kpi::Acknowledgement => v.median_ack_s,
        }
    }

    /// A value as people read it.
    pub fn format(self, value: f64, lang: Lang) -> String {
        match self {
            Kpi::Cases => format::count(value.round() as u64, lang),
            Kpi::Resolution | Kpi::Acknowledgement => format::duration(value, lang),
            Kpi::Handoffs => format::decimal(value, 2, lang),
            _ => format::percent(value, lang),
        }
    }

    /// Why the KPI has no value, in words: what the log or the vocabulary lacks for it.
    fn reason(self, kpis: &Kpis, i18n: I18n) -> String {
        let v = &kpis.values;
        let lacks = |need: Need| kpis.needs.contains(&need);
        if v.cases == 0 {
            return t_string!(i18n, kpis.no_cases).to_string();
        }
        match self {
            Kpi::Resolution | Kpi::Fcr if !kpis.open_known => t_string!(i18n, kpis.why_resolution),
            Kpi::Fcr
                if lacks(Need::Activity(Step::WaitingForCustomer))
                    && lacks(Need::Resource)
                    && lacks(Need::Activity(Step::Reopened)) =>
            {
                t_string!(i18n, kpis.why_fcr_parts)
            }
            Kpi::Resolution | Kpi::Fcr => t_string!(i18n, kpis.why_unresolved),
            Kpi::Sla if lacks(Need::SlaDue) => t_string!(i18n, kpis.why_sla),
            Kpi::Sla => t_string!(i18n, kpis.why_sla_undecided),
            Kpi::Reopen => t_string!(i18n, kpis.why_reopen),
            Kpi::Escalation => t_string!(i18n, kpis.why_escalation),
            Kpi::Handoffs => t_string!(i18n, kpis.why_agent),
            Kpi::Acknowledgement => t_string!(i18n, kpis.why_ack),
            Kpi::Cases | Kpi::Rework => t_string!(i18n, kpis.no_cases),
        }
        .to_string()
    }

    /// The line under a value: what it rests on, or a second figure.
    fn note(self, kpis: &Kpis, i18n: I18n, lang: Lang) -> Option<String> {
        let v = &kpis.values;
        match self {
            Kpi::Cases if kpis.open_known => {
                Some(t_string!(i18n, kpis.open, count = format::count(kpis.open, lang)).to_string())
            }
            Kpi::Cases => Some(t_string!(i18n, kpis.open_unknown).to_string()),
            Kpi::Resolution => {
                v.p90_resolution_s.map(|p| t_string!(i18n, kpis.p90, time = format::duration(p, lang)).to_string())
            }
            Kpi::Fcr => {
                // The parts the log can tell, when it cannot tell them all.
                let lacks = |need: Need| kpis.needs.contains(&need);
                let parts: Vec<String> = [
                    (Need::Activity(Step::WaitingForCustomer), t_string!(i18n, fcr.one_contact).to_string()),
                    (Need::Resource, t_string!(i18n, fcr.one_agent).to_string()),
                    (Need::Activity(Step::Reopened), t_string!(i18n, fcr.no_reopen).to_string()),
                ]
                .into_iter()
                .filter(|(need, _)| !lacks(*need))
                .map(|(_, part)| part)
                .collect();
                let separator = if lang == Lang::Zh { "、" } else { ", " };
                (parts.len() < 3).then(|| t_string!(i18n, kpis.fcr_parts, parts = parts.join(separator)).to_string())
            }
            Kpi::Handoffs => v
                .reassignments_per_case
                .map(|r| t_string!(i18n, kpis.reassignments, value = format::decimal(r, 2, lang)).to_string()),
            _ => None,
        }
    }
}

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
            return view! { <section class="panel"><p class="muted">{t!(i18n, kpis.loading)}</p></section> }.into_any();
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
                let trend: Vec<Option<f64>> = kpis.weeks.iter().map(|w| kpi.value(&w.kpis)).collect();
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
        let kpi = chosen.get();
        let points: Vec<(String, Option<f64>)> = if monthly.get() { &kpis.months } else { &kpis.weeks }
            .iter()
            .map(|p| (p.start.clone(), kpi.value(&p.kpis)))
            .collect();
        // A KPI without values over time says why instead of an empty chart.
        let trend = if points.iter().any(|p| p.1.is_some()) {
            let svg = trend_svg(&points, &|v| kpi.format(v, lang)).unwrap_or_default();
            view! { <div class="chart-svg" inner_html=svg></div> }.into_any()
        } else {
            view! { <p class="muted trend-empty" data-testid="trend-empty">{kpi.reason(&kpis, i18n)}</p> }.into_any()
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
                <figure class="chart trend-chart" data-testid="kpi-trend">
                    <figcaption>
                        <span class="chart-title">{move || t_string!(i18n, kpis.trend, kpi = chosen.get().name(i18n)).to_string()}</span>
                        <span class="segmented">
                            <button type="button" aria-pressed=move || (!monthly.get()).to_string() data-testid="trend-weeks" on:click=move |_| monthly.set(false)>{t!(i18n, kpis.weekly)}</button>
                            <button type="button" aria-pressed=move || monthly.get().to_string() data-testid="trend-months" on:click=move |_| monthly.set(true)>{t!(i18n, kpis.monthly)}</button>
                        </span>
                    </figcaption>
                    {trend}
                </figure>
            </section>
        }
        .into_any()
    }
}

const WIDTH: u32 = 1080;
const HEIGHT: u32 = 260;
const LINE: RGBColor = RGBColor(15, 118, 110);
const GRID: RGBColor = RGBColor(160, 170, 180);

/// A KPI per period as a line chart (plotters' SVG backend); periods without a value leave a
/// gap.
///
/// # Errors
/// When plotters cannot draw.
pub fn trend_svg(points: &[(String, Option<f64>)], format: &dyn Fn(f64) -> String) -> Result<String, String> {
    let values: Vec<f64> = points.iter().filter_map(|p| p.1).collect();
    if values.is_empty() {
        return Ok(String::new());
    }
    let top = values.iter().copied().fold(f64::MIN, f64::max);
    let top = if top > 0.0 { top * 1.15 } else { 1.0 };
    let n = points.len().max(2) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(80)
            .build_cartesian_2d(0f64..n - 1.0, 0f64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(GRID.mix(0.15))
            .bold_line_style(GRID.mix(0.3))
            .axis_style(GRID)
            .label_style(("sans-serif", 12))
            .x_labels(8)
            .y_labels(5)
            .x_label_formatter(&|v| points.get(v.round().max(0.0) as usize).map(|p| p.0.clone()).unwrap_or_default())
            .y_label_formatter(&|v| format(*v))
            .draw()
            .map_err(|e| e.to_string())?;
        // One line per run of periods with values.
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for (i, (_, v)) in points.iter().enumerate() {
            match v {
                Some(v) => run.push((i as f64, *v)),
                None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                None => {}
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        for run in runs {
            chart.draw_series(LineSeries::new(run.clone(), LINE.stroke_width(2))).map_err(|e| e.to_string())?;
            chart.draw_series(run.into_iter().map(|p| Circle::new(p, 3, LINE.filled()))).map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg.replace("#000000", "currentColor"))
}
