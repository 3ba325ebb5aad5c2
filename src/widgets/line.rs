//! Line charts of values per period (a day, a week, a month), as wide as their box.
//!
//! Each point tells, on hover, its period and its figure. A point marked weak (a rate or
//! median over fewer than [`FEW_CASES`] cases, or a period the log covers only in part) is
//! drawn faint (a hollow dot, the line to it dashed) and does not set the scale: a week of
//! three old cases cannot lead the chart. Such a point above the scale sits at its top as a
//! faint triangle.

use casemap_engine::service::kpis::FEW_CASES;
use leptos::prelude::*;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::i18n::*;
use crate::widgets::drawn::{Drawn, DrawnChart, Hit};
use crate::widgets::plot::{Axis, TEAL, Ticked, finish, house_mesh, plot_area, text_width, use_width};

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

/// A line of values per period (a day, a week), as wide as its box, with a title; each point
/// tells its period and value on hover. With `cases`, the values are rates over that many
/// cases per period: a point over few cases is drawn faint, and a note says why.
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
    /// Per period, the cases its value rests on.
    #[prop(optional)]
    cases: Option<Vec<u64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::context::use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    let width = use_width(node);
    let sampled = cases.is_some();
    let points: Vec<TrendPoint> = points
        .into_iter()
        .enumerate()
        .map(|(n, (start, value))| {
            let cases = cases.as_ref().and_then(|c| c.get(n).copied());
            TrendPoint { start, value, cases, sampled, partial: false }
        })
        .collect();
    let faint = points.iter().any(|p| p.value.is_some() && p.weak());
    let chart = move || {
        let width = width.get()?;
        let lang = lang();
        let tip = |p: &TrendPoint| {
            let mut text = format!("{}: {}", p.start, p.value.map_or_else(|| "–".to_owned(), |v| axis.value(v)));
            if let Some(cases) = p.cases {
                let cases = casemap_engine::format::count(cases, lang);
                text.push('\n');
                text.push_str(&t_string!(i18n, analyses.n_cases, count = cases).to_string());
            }
            if p.weak() {
                text.push('\n');
                text.push_str(&t_string!(i18n, kpis.few_cases, least = FEW_CASES.to_string()).to_string());
            }
            text
        };
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
            <figcaption>
                <span class="chart-title">{title}</span>
            </figcaption>
            <div class="chart-svg" node_ref=node>
                {chart}
            </div>
            {faint.then(|| view! { <FaintNote /> })}
        </figure>
    }
}

/// The note under a trend with faint points: what makes a point faint.
#[component]
pub fn FaintNote() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="chart-note" data-testid="trend-faint">
            <span class="swatch swatch-faint"></span>
            {t_string!(i18n, kpis.faint_points, least = FEW_CASES.to_string()).to_string()}
        </p>
    }
}
