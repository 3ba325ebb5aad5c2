//! The overview's KPI cards (each with its weekly trend line) and a trend chart of one KPI
//! per week or month.

use casemap_engine::format::{self, Lang};
use casemap_engine::service::kpis::KpiValues;
use leptos::prelude::*;
use plotters::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport};
use crate::state::use_app_state;
use crate::views::widgets::{Figure, NeedsNotice};

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
        let cards = Kpi::ALL
            .iter()
            .map(|&kpi| {
                let value = kpi.value(&kpis.values);
                let trend: Vec<Option<f64>> = kpis.weeks.iter().map(|w| kpi.value(&w.kpis)).collect();
                let note = match kpi {
                    Kpi::Resolution => kpis.values.p90_resolution_s.map(|p| t_string!(i18n, kpis.p90, time = format::duration(p, lang)).to_string()),
                    Kpi::Cases => Some(t_string!(i18n, kpis.open, count = format::count(kpis.open, lang)).to_string()),
                    _ => value.is_none().then(|| t_string!(i18n, kpis.unavailable).to_string()),
                };
                view! {
                    <button type="button" class="figure-button" class:chosen=move || chosen.get() == kpi on:click=move |_| chosen.set(kpi) data-testid=format!("kpi-{}", kpi.code())>
                        <Figure
                            testid="kpi"
                            label=kpi.name(i18n)
                            value=value.map_or_else(|| "–".to_owned(), |v| kpi.format(v, lang))
                            note=note.unwrap_or_default()
                            trend=trend
                        />
                    </button>
                }
            })
            .collect_view();
        let kpi = chosen.get();
        let points: Vec<(String, Option<f64>)> = if monthly.get() { &kpis.months } else { &kpis.weeks }
            .iter()
            .map(|p| (p.start.clone(), kpi.value(&p.kpis)))
            .collect();
        let svg = trend_svg(&points, &|v| kpi.format(v, lang)).unwrap_or_default();
        let resolution_note = (!kpis.resolution_from_activities).then(|| {
            view! {
                <p class="notice notice-warning" data-testid="resolution-note">{t!(i18n, kpis.resolution_from_end)}</p>
            }
        });
        view! {
            <section class="panel" data-testid="kpi-panel">
                <div class="panel-head">
                    <h2 class="panel-title">{t!(i18n, kpis.title)}</h2>
                </div>
                {resolution_note}
                <NeedsNotice needs=kpis.needs.clone() />
                <div class="figures">{cards}</div>
                <figure class="chart trend-chart" data-testid="kpi-trend">
                    <figcaption>
                        <span class="chart-title">{move || t_string!(i18n, kpis.trend, kpi = chosen.get().name(i18n)).to_string()}</span>
                        <span class="segmented">
                            <button type="button" aria-pressed=move || (!monthly.get()).to_string() data-testid="trend-weeks" on:click=move |_| monthly.set(false)>{t!(i18n, kpis.weekly)}</button>
                            <button type="button" aria-pressed=move || monthly.get().to_string() data-testid="trend-months" on:click=move |_| monthly.set(true)>{t!(i18n, kpis.monthly)}</button>
                        </span>
                    </figcaption>
                    <div class="chart-svg" inner_html=svg></div>
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
