//! The trend chart of one KPI per week or month, as wide as its box.
//!
//! Each point tells, on hover, its period, its figure and the cases it rests on. A rate or
//! median over fewer than [`FEW_CASES`] cases, or a point whose period the log covers only in
//! part, is drawn faint (a hollow dot, the line to it dashed) and does not set the scale: a
//! week of three old cases cannot lead the chart. Such a point above the scale sits at its
//! top as a faint triangle. [`LineChart`] draws any other series per period (open cases per
//! day) the same way.

use casemap_engine::service::kpis::{FEW_CASES, Kpis};
use leptos::prelude::*;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::views::charts::{Drawn, DrawnChart, Hit};
use crate::views::kpis::Kpi;
use crate::views::plot::{Axis, TEAL, Ticked, finish, house_mesh, plot_area, text_width, use_width};

/// Chart height, pixels.
const HEIGHT: u32 = 260;

/// One point of a trend: its period, figure, the cases it rests on, and whether the log covers
/// its period only in part.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// First day of the period.
    pub start: String,
    /// The KPI, if the period has it.
    pub value: Option<f64>,
    /// Cases created in the period (for KPIs of cases).
    pub cases: Option<u64>,
    /// The figure is a rate or a median over those cases (so that few cases make it weak).
    pub sampled: bool,
    /// The log covers the period only in part.
    pub partial: bool,
}

impl TrendPoint {
    /// A faint point: few cases, or a period covered in part.
    pub fn weak(&self) -> bool {
        self.partial || self.sampled && self.cases.is_some_and(|n| n < FEW_CASES)
    }
}

/// The axis of a KPI's values.
pub fn kpi_axis(kpi: Kpi, lang: casemap_engine::format::Lang) -> Axis {
    match kpi {
        Kpi::Cases => Axis::Count(lang),
        Kpi::Resolution | Kpi::Acknowledgement => Axis::Duration(lang),
        Kpi::Handoffs => Axis::Decimal(lang),
        _ => Axis::Percent(lang),
    }
}

/// A KPI per period as a line chart, `width` pixels wide; periods without a value leave a gap.
/// `tip(point)` is a point's tooltip.
///
/// # Errors
/// When plotters cannot draw.
pub fn trend_svg(
    points: &[TrendPoint],
    axis: Axis,
    width: u32,
    tip: &dyn Fn(&TrendPoint) -> String,
) -> Result<Option<Drawn>, String> {
    let known: Vec<(usize, f64, bool)> =
        points.iter().enumerate().filter_map(|(i, p)| p.value.map(|v| (i, v, p.weak()))).collect();
    if known.is_empty() {
        return Ok(None);
    }
    // The scale follows the points that rest on enough cases (all of them if none does).
    let sure = known.iter().filter(|(_, _, weak)| !weak).map(|(_, v, _)| *v);
    let top = if known.iter().any(|(_, _, weak)| !weak) {
        sure.fold(0.0, f64::max)
    } else {
        known.iter().map(|k| k.1).fold(0.0, f64::max)
    };
    let low = known.iter().map(|k| k.1).fold(0.0, f64::min);
    let (w, h) = (width.max(200), HEIGHT);
    let y_ticks = axis.y_ticks(low, if top > low { top } else { low + 1.0 }, f64::from(h - 52));
    let y_label =
        (y_ticks.values.iter().map(|v| text_width(&axis.tick(*v, &y_ticks))).fold(0.0, f64::max) + 14.0).ceil();
    let n = points.len();
    // A date under the last period may reach past the axis' end by half its width.
    let right = (text_width("2025-01-06") / 2.0).ceil() + 4.0;
    let plot_w = f64::from(w) - y_label - right - 12.0;
    let every = (plot_w / (text_width("2025-01-06") + 20.0)).floor().max(1.0) as usize;
    let x_keys: Vec<f64> = (0..n).step_by(n.div_ceil(every).max(1)).map(|i| i as f64).collect();
    let ceiling = y_ticks.last();
    let mut svg = String::new();
    let mut hits = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let mut chart = plot_area(
            &root,
            (12, right as u32),
            (28, y_label as u32),
            Ticked::new(-0.5..n as f64 - 0.5, x_keys),
            Ticked::new(y_ticks.first()..ceiling, y_ticks.values.clone()),
        )?;
        house_mesh(&mut chart.configure_mesh())
            .x_label_formatter(&|v| {
                points.get(v.round().max(0.0) as usize).map(|p| p.start.clone()).unwrap_or_default()
            })
            .y_label_formatter(&|v| axis.tick(*v, &y_ticks))
            .draw()
            .map_err(|e| e.to_string())?;
        let at = |i: usize, v: f64| (i as f64, v.min(ceiling));
        // Lines between neighbouring periods with values: dashed and faint next to a weak point.
        for pair in known.windows(2).filter(|pair| pair[1].0 == pair[0].0 + 1) {
            let segment = vec![at(pair[0].0, pair[0].1), at(pair[1].0, pair[1].1)];
            if pair[0].2 || pair[1].2 {
                chart
                    .draw_series([DashedPathElement::new(segment, 4, 3, TEAL.mix(0.45).stroke_width(2))])
                    .map_err(|e| e.to_string())?;
            } else {
                chart.draw_series([PathElement::new(segment, TEAL.stroke_width(2))]).map_err(|e| e.to_string())?;
            }
        }
        for &(i, v, weak) in &known {
            let point = at(i, v);
            if v > ceiling {
                // Off the scale (a weak point): a faint triangle at the top.
                let (x, y) = chart.backend_coord(&point);
                root.draw(&Polygon::new(vec![(x - 5, y + 4), (x + 5, y + 4), (x, y - 4)], TEAL.mix(0.4).filled()))
                    .map_err(|e| e.to_string())?;
            } else if weak {
                chart.draw_series([Circle::new(point, 3, TEAL.mix(0.6).stroke_width(1))]).map_err(|e| e.to_string())?;
            } else {
                chart.draw_series([Circle::new(point, 3, TEAL.filled())]).map_err(|e| e.to_string())?;
            }
        }
        for (i, p) in points.iter().enumerate() {
            let (left, top) = chart.backend_coord(&(i as f64 - 0.5, ceiling));
            let (right, bottom) = chart.backend_coord(&(i as f64 + 0.5, y_ticks.first()));
            let rect = (f64::from(left), f64::from(top), f64::from(right - left), f64::from(bottom - top));
            hits.push(Hit { rect, title: tip(p) });
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(Some(Drawn { svg: finish(svg), size: (w, h), hits }))
}

/// The trend of the chosen KPI, per week or per month.
#[component]
pub fn KpiTrend(
    /// The KPIs with their trends.
    kpis: Kpis,
    /// The KPI shown.
    chosen: RwSignal<Kpi>,
    /// Per month rather than per week.
    monthly: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    let width = use_width(node);
    let kpis = StoredValue::new(kpis);
    let points = move || -> Vec<TrendPoint> {
        let kpi = chosen.get();
        kpis.with_value(|k| {
            if monthly.get() { &k.months } else { &k.weeks }
                .iter()
                .map(|p| TrendPoint {
                    start: p.start.clone(),
                    value: kpi.value(&p.kpis),
                    cases: Some(p.kpis.cases),
                    // A count of cases rests on no sample: only a rate or a median over few cases is weak.
                    sampled: kpi != Kpi::Cases,
                    partial: p.partial,
                })
                .collect()
        })
    };
    let faint = move || points().iter().any(|p| p.value.is_some() && p.weak());
    let chart = move || {
        let (width, lang, kpi) = (width.get()?, lang(), chosen.get());
        let period = if monthly.get() { t_string!(i18n, kpis.month_of) } else { t_string!(i18n, kpis.week_of) };
        let tip = |p: &TrendPoint| {
            let value = p.value.map_or_else(|| "–".to_owned(), |v| kpi.format(v, lang));
            let cases = casemap_engine::format::count(p.cases.unwrap_or(0), lang);
            let mut text =
                t_string!(i18n, kpis.point_tip, period = period, start = p.start.clone(), value = value, cases = cases)
                    .to_string();
            if p.partial {
                text.push('\n');
                text.push_str(t_string!(i18n, kpis.partial_period));
            } else if p.weak() {
                text.push('\n');
                text.push_str(&t_string!(i18n, kpis.few_cases, least = FEW_CASES.to_string()).to_string());
            }
            text
        };
        match trend_svg(&points(), kpi_axis(kpi, lang), width, &tip) {
            Ok(drawn) => drawn.map(|drawn| view! { <DrawnChart drawn testid="trend-point" /> }),
            Err(e) => {
                web_sys::console::error_1(&format!("casemap: chart: {e}").into());
                None
            }
        }
    };
    view! {
        <figure class="chart trend-chart" data-testid="kpi-trend">
            <figcaption>
                <span class="chart-title">{move || t_string!(i18n, kpis.trend, kpi = chosen.get().name(i18n)).to_string()}</span>
                <span class="segmented">
                    <button type="button" aria-pressed=move || (!monthly.get()).to_string() data-testid="trend-weeks" on:click=move |_| monthly.set(false)>{t!(i18n, kpis.weekly)}</button>
                    <button type="button" aria-pressed=move || monthly.get().to_string() data-testid="trend-months" on:click=move |_| monthly.set(true)>{t!(i18n, kpis.monthly)}</button>
                </span>
            </figcaption>
            <div class="chart-svg" node_ref=node>{chart}</div>
            {move || faint().then(|| view! {
                <p class="chart-note" data-testid="trend-faint">
                    <span class="swatch swatch-faint"></span>
                    {t_string!(i18n, kpis.faint_points, least = FEW_CASES.to_string()).to_string()}
                </p>
            })}
        </figure>
    }
}

/// A line of values per period (a day, a week), as wide as its box, with a title; each point
/// tells its period and value on hover.
#[component]
pub fn LineChart(
    /// Test id.
    testid: &'static str,
    /// Title (translated).
    title: String,
    /// Periods and their values (`None`: a gap).
    points: Vec<(String, Option<f64>)>,
    /// What the values are.
    axis: Axis,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let width = use_width(node);
    let points: Vec<TrendPoint> = points
        .into_iter()
        .map(|(start, value)| TrendPoint { start, value, cases: None, sampled: false, partial: false })
        .collect();
    let chart = move || {
        let width = width.get()?;
        let tip =
            |p: &TrendPoint| format!("{}: {}", p.start, p.value.map_or_else(|| "–".to_owned(), |v| axis.value(v)));
        match trend_svg(&points, axis, width, &tip) {
            Ok(drawn) => drawn.map(|drawn| view! { <DrawnChart drawn testid="line-point" /> }),
            Err(e) => {
                web_sys::console::error_1(&format!("casemap: chart: {e}").into());
                None
            }
        }
    };
    view! {
        <figure class="chart trend-chart" data-testid=testid>
            <figcaption><span class="chart-title">{title}</span></figcaption>
            <div class="chart-svg" node_ref=node>{chart}</div>
        </figure>
    }
}
