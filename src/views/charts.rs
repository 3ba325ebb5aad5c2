//! The overview's charts, drawn with plotters' SVG backend on the page: the distribution of
//! case durations and the cases over time (new cases per week and cases open). Legends are
//! HTML beside the title, so they never cover the data.
//!
//! Plotters escapes every text it writes. Its black text becomes `currentColor`, so the
//! charts follow the page's light or dark theme.

use casemap_engine::discovery::cases::{CaseStats, Period};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;
use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::types::{RangedCoordf64, RangedCoordu64};
use plotters::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;

const WIDTH: u32 = 540;
const HEIGHT: u32 = 290;
const BARS: RGBColor = RGBColor(15, 118, 110);
const LINE: RGBColor = RGBColor(217, 119, 6);
const GRID: RGBColor = RGBColor(160, 170, 180);

/// Texts of the charts, already translated.
pub struct ChartText {
    /// x axis of the histogram.
    pub duration: String,
    /// y axis: cases.
    pub cases: String,
}

fn finish(svg: String) -> String {
    svg.replace("#000000", "currentColor")
}

/// The look shared by the charts: no vertical grid, faint horizontal lines, the two font sizes
/// the CSP allows plotters to measure (see index.html).
fn house_style<'m, 'a, 'b, X, Y, DB>(mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = u64>,
    DB: DrawingBackend,
{
    mesh.disable_x_mesh()
        .light_line_style(GRID.mix(0.15))
        .bold_line_style(GRID.mix(0.3))
        .axis_style(GRID)
        .label_style(("sans-serif", 12))
        .axis_desc_style(("sans-serif", 13))
}

/// The plotting area of a chart: `x` across, counts up to `top` (plus a tenth of headroom).
fn plot_area<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    x: std::ops::Range<f64>,
    top: u64,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordu64>>, String> {
    ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(x, 0u64..top + top / 10 + 1)
        .map_err(|e| e.to_string())
}

/// The histogram of case durations as SVG.
pub fn durations_chart(stats: &CaseStats, text: &ChartText, lang: Lang) -> Result<String, String> {
    let bins = &stats.duration_histogram;
    let (Some(first), Some(last)) = (bins.first(), bins.last()) else { return Ok(String::new()) };
    let top = bins.iter().map(|b| b.cases).max().unwrap_or(1).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let mut chart = plot_area(&root, first.from..last.to, top)?;
        house_style(&mut chart.configure_mesh())
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&|v| format::duration(*v, lang))
            .y_label_formatter(&|v| format::count(*v, lang))
            .x_desc(text.duration.as_str())
            .y_desc(text.cases.as_str())
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(bins.iter().map(|b| {
                let gap = (b.to - b.from) * 0.08;
                Rectangle::new([(b.from + gap, 0), (b.to - gap, b.cases)], BARS.filled())
            }))
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(finish(svg))
}

/// New cases per week (bars) and cases open (line) as SVG.
pub fn over_time_chart(weeks: &[Period], text: &ChartText, lang: Lang) -> Result<String, String> {
    if weeks.is_empty() {
        return Ok(String::new());
    }
    let top = weeks.iter().map(|w| w.arrivals.max(w.active)).max().unwrap_or(1).max(1);
    let n = weeks.len() as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let mut chart = plot_area(&root, 0f64..n, top)?;
        let label = |v: &f64| weeks.get(v.floor().max(0.0) as usize).map(|w| w.start.clone()).unwrap_or_default();
        house_style(&mut chart.configure_mesh())
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| format::count(*v, lang))
            .y_desc(text.cases.as_str())
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(weeks.iter().enumerate().map(|(i, w)| {
                Rectangle::new([(i as f64 + 0.12, 0), (i as f64 + 0.88, w.arrivals)], BARS.mix(0.85).filled())
            }))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(LineSeries::new(
                weeks.iter().enumerate().map(|(i, w)| (i as f64 + 0.5, w.active)),
                LINE.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(finish(svg))
}

/// Case statistics with their charts.
#[component]
pub fn OverviewCharts() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let overview = state.analysis.overview;
    move || {
        let lang = lang();
        overview.with(|stats| {
            let Some(stats) = stats else {
                return view! { <section class="panel"><p class="muted">{t!(i18n, charts.loading)}</p></section> }
                    .into_any();
            };
            let text = ChartText {
                duration: t_string!(i18n, charts.durations_axis).to_string(),
                cases: t_string!(i18n, charts.cases_axis).to_string(),
            };
            let summary = stats.durations.map(|d| {
                t_string!(
                    i18n,
                    charts.summary,
                    median = format::duration(d.median, lang),
                    mean = format::duration(d.mean, lang),
                    p90 = format::duration(d.p90, lang)
                )
                .to_string()
            });
            let durations = durations_chart(stats, &text, lang).unwrap_or_else(|e| {
                web_sys::console::error_1(&format!("casemap: chart: {e}").into());
                String::new()
            });
            let over_time = over_time_chart(&stats.weeks, &text, lang).unwrap_or_default();
            view! {
                <section class="charts">
                    <figure class="panel chart" data-testid="chart-durations">
                        <figcaption>
                            <span class="chart-title">{t!(i18n, charts.durations)}</span>
                            <span class="muted" data-testid="duration-summary">{summary}</span>
                        </figcaption>
                        <p class="chart-note" data-testid="duration-definition">{t!(i18n, charts.duration_definition)}</p>
                        <div class="chart-svg" inner_html=durations></div>
                    </figure>
                    <figure class="panel chart" data-testid="chart-over-time">
                        <figcaption>
                            <span class="chart-title">{t!(i18n, charts.over_time)}</span>
                            <span class="legend">
                                <span><span class="swatch swatch-bars"></span>{t!(i18n, charts.arrivals)}</span>
                                <span><span class="swatch swatch-line"></span>{t!(i18n, charts.active)}</span>
                            </span>
                        </figcaption>
                        <div class="chart-svg" inner_html=over_time></div>
                    </figure>
                </section>
            }
            .into_any()
        })
    }
}
