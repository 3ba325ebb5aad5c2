//! The overview's charts, drawn with plotters' SVG backend on the page at the width of their
//! box: the distribution of case durations (round bins up to the 99th percentile, then an
//! overflow bar drawn apart) and the cases over time (new cases per week and cases open, a
//! week the log covers only in part drawn faint). Legends are HTML beside the title, so they
//! never cover the data; each bar or week tells its figures on hover.
//!
//! Plotters escapes every text it writes; tooltips are text nodes. Its black text becomes
//! `currentColor`, so the charts follow the page's light or dark theme.

use casemap_engine::discovery::cases::{Bin, CaseStats, Period};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;
use plotters::element::{DashedPathElement, EmptyElement};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use crate::widgets::drawn::{Drawn, DrawnChart, Hit};
use crate::widgets::plot::{
    AMBER, Axis, FONT, GRID, TEAL, Ticked, finish, house_mesh, plot_area, text_width, use_width,
};

/// Chart height on a wide screen and on a narrow one, pixels.
const HEIGHT: (u32, u32) = (290, 250);
/// Below this width a chart is narrow.
const NARROW: u32 = 520;
/// Room for the x axis' labels and its description.
const X_AXIS: u32 = 44;

/// Texts of the charts, already translated.
pub struct ChartText {
    /// x axis of the histogram.
    pub duration: String,
    /// y axis: cases.
    pub cases: String,
}

fn height_for(width: u32) -> u32 {
    if width < NARROW { HEIGHT.1 } else { HEIGHT.0 }
}

/// Room for the y axis' labels: the widest label, its description and a gap.
fn y_area(labels: impl Iterator<Item = String>) -> u32 {
    (labels.map(|l| text_width(&l)).fold(0.0, f64::max) + 30.0).ceil() as u32
}

/// The histogram of case durations as SVG, `width` pixels wide. `tip(bin)` is a bar's tooltip.
///
/// # Errors
/// When plotters cannot draw.
pub fn durations_chart(
    bins: &[Bin],
    text: &ChartText,
    lang: Lang,
    width: u32,
    tip: &dyn Fn(&Bin) -> String,
) -> Result<Drawn, String> {
    let regular: Vec<&Bin> = bins.iter().filter(|b| !b.overflow).collect();
    let overflow = bins.iter().find(|b| b.overflow);
    let (Some(first), Some(last)) = (regular.first(), regular.last()) else {
        return Ok(Drawn { svg: String::new(), size: (width, 0), hits: Vec::new() });
    };
    let (from, cut) = (first.from, last.to);
    let (w, h) = (width.max(200), height_for(width));
    let top = bins.iter().map(|b| b.cases).max().unwrap_or(1).max(1) as f64;
    let counts = Axis::Count(lang);
    let y_ticks = counts.y_ticks(0.0, top, f64::from(h - X_AXIS - 8));
    let y_label = y_area(y_ticks.values.iter().map(|v| counts.tick(*v, &y_ticks)));
    let durations = Axis::Duration(lang);
    // The overflow bar stands in a slot of its own, right of the regular bars. Without one,
    // the last tick may sit at the axis' end: leave room for half its label.
    let layout = |right: u32| {
        let plot_w = f64::from(w - y_label - right);
        let slot_px = if overflow.is_some() { (plot_w * 0.12).clamp(48.0, 96.0) } else { 0.0 };
        (plot_w, slot_px, durations.ticks_within(from, cut, plot_w - slot_px))
    };
    let (_, _, rough) = layout(16);
    let right = if overflow.is_some() {
        16
    } else {
        rough.values.iter().map(|v| text_width(&durations.tick(*v, &rough))).fold(32.0, f64::max) as u32 / 2 + 4
    };
    let (plot_w, slot_px, x_ticks) = layout(right);
    let slot = slot_px * (cut - from) / (plot_w - slot_px);
    let mut svg = String::new();
    let mut hits = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let mut chart = plot_area(
            &root,
            (8, right),
            (X_AXIS, y_label),
            Ticked::new(from..cut + slot, x_ticks.values.clone()),
            Ticked::new(0.0..y_ticks.last(), y_ticks.values.clone()),
        )?;
        house_mesh(&mut chart.configure_mesh())
            .x_label_formatter(&|v| durations.tick(*v, &x_ticks))
            .y_label_formatter(&|v| counts.tick(*v, &y_ticks))
            .x_desc(text.duration.as_str())
            .y_desc(text.cases.as_str())
            .draw()
            .map_err(|e| e.to_string())?;
        let bar =
            |b: &Bin, x0: f64, x1: f64, style: ShapeStyle| Rectangle::new([(x0, 0.0), (x1, b.cases as f64)], style);
        chart
            .draw_series(regular.iter().map(|b| {
                let gap = (b.to - b.from) * 0.08;
                bar(b, b.from + gap, b.to - gap, TEAL.filled())
            }))
            .map_err(|e| e.to_string())?;
        let column = |x0: f64, x1: f64| {
            let (left, top) = chart.backend_coord(&(x0, y_ticks.last()));
            let (right, bottom) = chart.backend_coord(&(x1, 0.0));
            (f64::from(left), f64::from(top), f64::from(right - left), f64::from(bottom - top))
        };
        hits.extend(regular.iter().map(|b| Hit { rect: column(b.from, b.to), title: tip(b) }));
        hits.extend(overflow.map(|b| Hit { rect: column(cut + slot * 0.2, cut + slot), title: tip(b) }));
        if let Some(b) = overflow {
            let (x0, x1) = (cut + slot * 0.3, cut + slot * 0.92);
            chart.draw_series([bar(b, x0, x1, AMBER.mix(0.75).filled())]).map_err(|e| e.to_string())?;
            // A break in the axis before it, its threshold under it and its count over it.
            let at = cut + slot * 0.15;
            let (bx, by) = chart.backend_coord(&(at, 0.0));
            for dx in [-3, 3] {
                root.draw(&PathElement::new(vec![(bx + dx - 3, by + 5), (bx + dx + 3, by - 5)], GRID.stroke_width(1)))
                    .map_err(|e| e.to_string())?;
            }
            let centre = (x0 + x1) / 2.0;
            let under = FONT.into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top));
            let over = FONT.into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Bottom));
            chart
                .draw_series([
                    EmptyElement::at((centre, 0.0))
                        + Text::new(format!("> {}", format::duration(cut, lang)), (0, 6), under),
                    EmptyElement::at((centre, b.cases as f64)) + Text::new(format::count(b.cases, lang), (0, -3), over),
                ])
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(Drawn { svg: finish(svg), size: (w, h), hits })
}

/// Every `k`-th period's middle, so that date labels (about 70 pixels) never touch.
fn date_ticks(n: usize, plot_w: f64) -> Vec<f64> {
    let fit = (plot_w / (text_width("2025-01-06") + 20.0)).floor().max(1.0) as usize;
    let k = n.div_ceil(fit).max(1);
    (0..n).step_by(k).map(|i| i as f64 + 0.5).collect()
}

/// New cases per week (bars) and cases open (line) as SVG, `width` pixels wide; a week the log
/// covers only in part is drawn faint (bar and line). `tip(week)` is a week's tooltip.
///
/// # Errors
/// When plotters cannot draw.
pub fn over_time_chart(
    weeks: &[Period],
    text: &ChartText,
    lang: Lang,
    width: u32,
    tip: &dyn Fn(&Period) -> String,
) -> Result<Drawn, String> {
    let (w, h) = (width.max(200), height_for(width));
    if weeks.is_empty() {
        return Ok(Drawn { svg: String::new(), size: (w, 0), hits: Vec::new() });
    }
    let top = weeks.iter().map(|p| p.arrivals.max(p.active)).max().unwrap_or(1).max(1) as f64;
    let counts = Axis::Count(lang);
    let y_ticks = counts.y_ticks(0.0, top, f64::from(h - X_AXIS - 8));
    let y_label = y_area(y_ticks.values.iter().map(|v| counts.tick(*v, &y_ticks)));
    let n = weeks.len();
    // A date under the last week may reach past the axis' end by half its width.
    let right = (text_width("2025-01-06") / 2.0).ceil() as u32 + 4;
    let plot_w = f64::from(w - y_label - right);
    let mut svg = String::new();
    let mut hits = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let mut chart = plot_area(
            &root,
            (8, right),
            (X_AXIS, y_label),
            Ticked::new(0f64..n as f64, date_ticks(n, plot_w)),
            Ticked::new(0.0..y_ticks.last(), y_ticks.values.clone()),
        )?;
        let label = |v: &f64| weeks.get(v.floor().max(0.0) as usize).map(|p| p.start.clone()).unwrap_or_default();
        house_mesh(&mut chart.configure_mesh())
            .x_label_formatter(&label)
            .y_label_formatter(&|v| counts.tick(*v, &y_ticks))
            .y_desc(text.cases.as_str())
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(weeks.iter().enumerate().map(|(i, p)| {
                let style = if p.partial { TEAL.mix(0.25).filled() } else { TEAL.mix(0.85).filled() };
                Rectangle::new([(i as f64 + 0.12, 0.0), (i as f64 + 0.88, p.arrivals as f64)], style)
            }))
            .map_err(|e| e.to_string())?;
        // Partial weeks: a dashed outline on the faint bar.
        chart
            .draw_series(weeks.iter().enumerate().filter(|(_, p)| p.partial).map(|(i, p)| {
                let (x0, x1, y) = (i as f64 + 0.12, i as f64 + 0.88, p.arrivals as f64);
                DashedPathElement::new(vec![(x0, 0.0), (x0, y), (x1, y), (x1, 0.0)], 3, 3, TEAL.stroke_width(1))
            }))
            .map_err(|e| e.to_string())?;
        // The open cases: solid between whole weeks, dashed and faint into a partial one.
        let point = |i: usize| (i as f64 + 0.5, weeks[i].active as f64);
        for i in 1..n {
            let segment = vec![point(i - 1), point(i)];
            if weeks[i - 1].partial || weeks[i].partial {
                chart
                    .draw_series([DashedPathElement::new(segment, 4, 3, AMBER.mix(0.6).stroke_width(2))])
                    .map_err(|e| e.to_string())?;
            } else {
                chart.draw_series([PathElement::new(segment, AMBER.stroke_width(2))]).map_err(|e| e.to_string())?;
            }
        }
        if n == 1 {
            chart.draw_series([Circle::new(point(0), 3, AMBER.filled())]).map_err(|e| e.to_string())?;
        }
        for (i, p) in weeks.iter().enumerate() {
            let (left, top) = chart.backend_coord(&(i as f64, y_ticks.last()));
            let (right, bottom) = chart.backend_coord(&(i as f64 + 1.0, 0.0));
            let rect = (f64::from(left), f64::from(top), f64::from(right - left), f64::from(bottom - top));
            hits.push(Hit { rect, title: tip(p) });
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(Drawn { svg: finish(svg), size: (w, h), hits })
}

/// Case statistics with their charts.
#[component]
pub fn OverviewCharts() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let overview = state.analysis.overview;
    move || {
        overview.with(|stats| {
            let Some(stats) = stats else {
                return view! {
                    <section class="panel">
                        <p class="muted">{t!(i18n, charts.loading)}</p>
                    </section>
                }
                .into_any();
            };
            view! { <ChartsOf stats=stats.clone() /> }.into_any()
        })
    }
}

/// The two charts of a selection's case statistics.
#[component]
fn ChartsOf(stats: CaseStats) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let durations_box = NodeRef::<leptos::html::Div>::new();
    let weeks_box = NodeRef::<leptos::html::Div>::new();
    let durations_width = use_width(durations_box);
    let weeks_width = use_width(weeks_box);
    let stats = StoredValue::new(stats);
    let text = move || ChartText {
        duration: t_string!(i18n, charts.durations_axis).to_string(),
        cases: t_string!(i18n, charts.cases_axis).to_string(),
    };
    let summary = move || {
        let lang = lang();
        stats.with_value(|s| s.durations).map(|d| {
            t_string!(
                i18n,
                charts.summary,
                median = format::duration(d.median, lang),
                mean = format::duration(d.mean, lang),
                p90 = format::duration(d.p90, lang)
            )
            .to_string()
        })
    };
    let overflow_note = move || {
        let lang = lang();
        stats.with_value(|s| s.duration_histogram.iter().find(|b| b.overflow).copied()).map(|b| {
            let note = t_string!(
                i18n,
                charts.overflow_note,
                from = format::duration(b.from, lang),
                to = format::duration(b.to, lang),
                count = format::count(b.cases, lang)
            );
            view! {
                <p class="chart-note" data-testid="overflow-note">
                    {note.to_string()}
                </p>
            }
        })
    };
    let durations = move || {
        let (width, lang) = (durations_width.get()?, lang());
        let tip = |b: &Bin| {
            let count = format::count(b.cases, lang);
            if b.overflow {
                let (from, to) = (format::duration(b.from, lang), format::duration(b.to, lang));
                t_string!(i18n, charts.overflow_tip, from = from, to = to, count = count).to_string()
            } else {
                let (from, to) = (format::duration(b.from, lang), format::duration(b.to, lang));
                t_string!(i18n, charts.bin_tip, from = from, to = to, count = count).to_string()
            }
        };
        let drawn = stats.with_value(|s| durations_chart(&s.duration_histogram, &text(), lang, width, &tip));
        chart_or_log(drawn, "duration-bar")
    };
    let partial = stats.with_value(|s| s.weeks.iter().any(|p| p.partial));
    let weeks = move || {
        let (width, lang) = (weeks_width.get()?, lang());
        let tip = |p: &Period| {
            let line = t_string!(
                i18n,
                charts.week_tip,
                start = p.start.clone(),
                arrivals = format::count(p.arrivals, lang),
                active = format::count(p.active, lang)
            )
            .to_string();
            if p.partial { format!("{line}\n{}", t_string!(i18n, charts.partial_week)) } else { line }
        };
        let drawn = stats.with_value(|s| over_time_chart(&s.weeks, &text(), lang, width, &tip));
        chart_or_log(drawn, "week")
    };
    view! {
        <section class="charts">
            <figure class="panel chart" data-testid="chart-durations">
                <figcaption>
                    <span class="chart-title">{t!(i18n, charts.durations)}</span>
                    <span class="muted" data-testid="duration-summary">
                        {summary}
                    </span>
                </figcaption>
                <p class="chart-definition" data-testid="duration-definition">
                    {t!(i18n, charts.duration_definition)}
                </p>
                <div class="chart-svg" node_ref=durations_box>
                    {durations}
                </div>
                {overflow_note}
            </figure>
            <figure class="panel chart" data-testid="chart-over-time">
                <figcaption>
                    <span class="chart-title">{t!(i18n, charts.over_time)}</span>
                    <span class="legend">
                        <span>
                            <span class="swatch swatch-bars"></span>
                            {t!(i18n, charts.arrivals)}
                        </span>
                        <span>
                            <span class="swatch swatch-line"></span>
                            {t!(i18n, charts.active)}
                        </span>
                        {partial
                            .then(|| {
                                view! {
                                    <span data-testid="partial-legend">
                                        <span class="swatch swatch-partial"></span>
                                        {t!(i18n, charts.partial_week)}
                                    </span>
                                }
                            })}
                    </span>
                </figcaption>
                <div class="chart-svg" node_ref=weeks_box>
                    {weeks}
                </div>
            </figure>
        </section>
    }
}

/// A drawn chart's view, or nothing (and the reason on the console) when plotters failed.
fn chart_or_log(drawn: Result<Drawn, String>, testid: &'static str) -> Option<AnyView> {
    match drawn {
        Ok(drawn) => Some(view! { <DrawnChart drawn testid /> }.into_any()),
        Err(e) => {
            web_sys::console::error_1(&format!("casemap: chart: {e}").into());
            None
        }
    }
}
