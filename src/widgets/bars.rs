//! Horizontal bar charts of the analyses, as wide as their box: plotters draws the bars and
//! the value axis (round ticks); labels, values and tooltips are text nodes over its drawing
//! (activity names and values are untrusted input: Leptos escapes them). Labels are broken
//! between words on up to two lines, never cut mid-word, and each row's `<title>` holds the
//! whole label. On a narrow chart a label stands above its bar, across the whole width.

use casemap_engine::filter::Filter;
use casemap_engine::format;
use leptos::prelude::*;
use plotters::prelude::*;

use crate::i18n::*;
use crate::state::use_app_state;
use crate::widgets::plot::{Axis, FONT, GRID, TEAL, Ticked, finish, text_width, use_width};

/// Space between the label column and the bars, pixels.
const LABEL_GAP: f64 = 8.0;
/// Above the first bar, pixels.
const BARS_TOP: u32 = 6;
/// Below the last bar: the value axis and its tick labels, pixels.
const BARS_AXIS: u32 = 24;
/// A bar's thickness, pixels.
const BAR_THICKNESS: f64 = 16.0;
/// Lines a bar's label may take.
const LABEL_LINES: usize = 2;
/// A text line in the label column, pixels.
const LINE_HEIGHT: f64 = 14.0;

/// Below this width a bar's label stands above its bar, across the whole width.
const STACKED_BELOW: f64 = 520.0;

/// One row of a drawn bar chart: where it is (chart pixels), its label as shown (whole words
/// on at most two lines) and where its bar is.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// Top of the row.
    pub top: f64,
    /// Height of the row.
    pub height: f64,
    /// The label's lines.
    pub lines: Vec<String>,
    /// Where the bar ends (x).
    pub end: f64,
    /// The bar's middle (y).
    pub bar_middle: f64,
}

/// A horizontal bar chart drawn at a width: plotters' SVG of the bars and the value axis, and
/// the rows, whose labels and values the page writes over it (as text nodes: labels are
/// untrusted input).
#[derive(Debug, Clone, PartialEq)]
pub struct BarsDrawing {
    /// The SVG (bars, grid, axis).
    pub svg: String,
    /// Its width and height, pixels.
    pub size: (u32, u32),
    /// Labels stand above their bars (a narrow chart) rather than left of them.
    pub stacked: bool,
    /// Where labels are anchored (x): their right end beside the bars, their left end above.
    pub label_x: f64,
    /// Where the bars start (x).
    pub plot_left: f64,
    /// One per item, top first.
    pub rows: Vec<BarRow>,
}

/// A horizontal bar chart of labelled values, `width` pixels wide: labels broken between words
/// on up to two lines, never cut mid-word (left of the bars, or above them on a narrow chart),
/// and bars on a value axis with round ticks.
///
/// # Errors
/// When plotters cannot draw (it reports a message).
pub fn bars_svg(items: &[(String, f64)], axis: Axis, width: u32) -> Result<BarsDrawing, String> {
    let n = items.len().max(1);
    let w = f64::from(width.max(200));
    let stacked = w < STACKED_BELOW;
    let widest = items.iter().map(|(label, _)| text_width(label)).fold(0.0, f64::max);
    let label_w = if stacked { w - 2.0 * LABEL_GAP } else { widest.min(w * 0.34).max(40.0).ceil() };
    let lines: Vec<Vec<String>> =
        items.iter().map(|(label, _)| format::wrap(label, label_w, LABEL_LINES, &text_width)).collect();
    let most_lines = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64;
    let row = if stacked {
        most_lines * LINE_HEIGHT + BAR_THICKNESS + 12.0
    } else {
        (most_lines * LINE_HEIGHT + 12.0).max(26.0)
    };
    let height = BARS_TOP + (n as f64 * row).ceil() as u32 + BARS_AXIS;
    let lo = items.iter().map(|(_, v)| *v).fold(0.0, f64::min);
    let hi = items.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    let plot_left = if stacked { LABEL_GAP } else { label_w + 2.0 * LABEL_GAP };
    // The last tick's label may be centred on the axis' end: leave room for its half.
    let (rough, _) = axis.open_ticks(lo, hi, w - plot_left - 40.0);
    let right = (text_width(&axis.tick(rough.last(), &rough)) / 2.0 + 6.0).ceil();
    let (ticks, end) = axis.open_ticks(lo, hi, w - plot_left - right);
    // A bar's place in its row (units of rows, from the row's bottom): centred beside its
    // label, or at the bottom under it.
    let (bar_low, bar_high) = if stacked {
        (4.0 / row, (4.0 + BAR_THICKNESS) / row)
    } else {
        ((row - BAR_THICKNESS) / 2.0 / row, (row + BAR_THICKNESS) / 2.0 / row)
    };
    let mut svg = String::new();
    let mut rows = Vec::with_capacity(items.len());
    let bars_left;
    {
        let root = SVGBackend::with_string(&mut svg, (w as u32, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(BARS_TOP)
            .margin_right(right as u32)
            .x_label_area_size(BARS_AXIS)
            .y_label_area_size(plot_left as u32)
            .build_cartesian_2d(Ticked::new(ticks.first()..end, ticks.values.clone()), 0f64..n as f64)
            .map_err(|e| e.to_string())?;
        let tick_label = |v: &f64| axis.tick(*v, &ticks);
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .y_labels(0)
            .bold_line_style(GRID.mix(0.3))
            .axis_style(GRID)
            .label_style(FONT)
            .x_label_formatter(&tick_label);
        if stacked {
            // Labels run across the left edge: no y axis line through them.
            mesh.disable_y_axis();
        }
        mesh.draw().map_err(|e| e.to_string())?;
        chart
            .draw_series(items.iter().enumerate().map(|(i, (_, v))| {
                let y = (n - 1 - i) as f64;
                Rectangle::new([(0.0f64.max(ticks.first()), y + bar_low), (*v, y + bar_high)], TEAL.mix(0.85).filled())
            }))
            .map_err(|e| e.to_string())?;
        for (i, ((_, v), lines)) in items.iter().zip(lines).enumerate() {
            let y = |units: f64| f64::from(chart.backend_coord(&(0.0, units)).1);
            let top = y((n - i) as f64);
            let bottom = y((n - 1 - i) as f64);
            let bar_middle = y((n - 1 - i) as f64 + (bar_low + bar_high) / 2.0);
            let end = f64::from(chart.backend_coord(&(*v, 0.0)).0);
            rows.push(BarRow { top, height: bottom - top, lines, end, bar_middle });
        }
        bars_left = f64::from(chart.backend_coord(&(ticks.first(), 0.0)).0);
        root.present().map_err(|e| e.to_string())?;
    }
    let label_x = if stacked { bars_left } else { bars_left - LABEL_GAP };
    Ok(BarsDrawing { svg: finish(svg), size: (w as u32, height), stacked, label_x, plot_left: bars_left, rows })
}

/// A bar chart in a figure, with a title, as wide as its box. Each row shows its whole label
/// and value on hover; with `filters` (one per bar), clicking a row (or Enter on it) adds its
/// filter to the chain.
#[component]
pub fn BarChart(
    /// Test id.
    testid: &'static str,
    /// Title (translated).
    title: String,
    /// Labelled values, in the order shown (top first).
    items: Vec<(String, f64)>,
    /// What the values are: it decides the axis' ticks and how values read.
    format: Axis,
    /// What clicking each bar keeps.
    #[prop(optional)]
    filters: Vec<Option<Filter>>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let width = use_width(node);
    let clickable = filters.iter().any(Option::is_some);
    let items = StoredValue::new(items);
    let filters = StoredValue::new(filters);
    let drawing = move || {
        let width = width.get()?;
        match items.with_value(|items| bars_svg(items, format, width)) {
            Ok(drawing) => {
                Some(view! { <BarsView drawing items=items.get_value() axis=format filters=filters.get_value() /> })
            }
            Err(e) => {
                web_sys::console::error_1(&format!("casemap: chart: {e}").into());
                None
            }
        }
    };
    view! {
        <figure class="chart bar-chart" class:clickable=clickable data-testid=testid>
            <figcaption>
                <span class="chart-title">{title}</span>
            </figcaption>
            <div class="chart-svg" node_ref=node>
                {drawing}
            </div>
        </figure>
    }
}

/// A drawn bar chart: plotters' SVG, and over it the rows with their labels, values and
/// tooltips (text nodes, escaped), which are also what a click or a key chooses.
#[component]
fn BarsView(
    drawing: BarsDrawing,
    items: Vec<(String, f64)>,
    axis: Axis,
    filters: Vec<Option<Filter>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let (w, h) = drawing.size;
    let (label_x, plot_left, stacked) = (drawing.label_x, drawing.plot_left, drawing.stacked);
    let rows = drawing
        .rows
        .into_iter()
        .zip(items)
        .zip(filters.into_iter().chain(std::iter::repeat(None)))
        .map(|((row, (label, value)), filter)| {
            let clickable = filter.is_some();
            let filter = StoredValue::new(filter);
            let shown = axis.value(value);
            let title = move || {
                let hint =
                    if clickable { format!("\n{}", t_string!(i18n, analyses.click_to_filter)) } else { String::new() };
                format!("{label}: {shown}{hint}")
            };
            // Beside the bar, the label's lines are centred on it; above it, they start at the
            // row's top.
            let count = row.lines.len() as f64;
            let first_line = if stacked {
                row.top + 4.0 + LINE_HEIGHT / 2.0
            } else {
                row.bar_middle - (count - 1.0) / 2.0 * LINE_HEIGHT
            };
            let lines = row
                .lines
                .into_iter()
                .enumerate()
                .map(|(j, line)| {
                    let y = first_line + j as f64 * LINE_HEIGHT;
                    view! {
                        <tspan x=label_x y=y>
                            {line}
                        </tspan>
                    }
                })
                .collect_view();
            // The value inside a long bar, else just after it.
            let value_text = axis.value(value);
            let inside = row.end - plot_left >= text_width(&value_text) + 12.0;
            let value_x = if inside { row.end - 6.0 } else { row.end + 6.0 };
            let choose = move || {
                if let Some(filter) = filter.get_value() {
                    state.add_filter(filter);
                }
            };
            view! {
                <g
                    class="bar-row"
                    class:clickable=clickable
                    data-testid="bar-row"
                    tabindex=if clickable { "0" } else { "-1" }
                    role=clickable.then_some("button")
                    on:click=move |_| choose()
                    on:keydown=move |event: web_sys::KeyboardEvent| {
                        if matches!(event.key().as_str(), "Enter" | " ") && clickable {
                            event.prevent_default();
                            choose();
                        }
                    }
                >
                    <title>{title}</title>
                    <rect class="bar-hit" x="0" y=row.top width=w height=row.height></rect>
                    <text class="bar-label" class:stacked=stacked data-testid="bar-label">
                        {lines}
                    </text>
                    <text class="bar-value" class:inside=inside x=value_x y=row.bar_middle>
                        {value_text}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <div class="chart-plot" inner_html=drawing.svg></div>
        <svg class="chart-overlay" viewBox=format!("0 0 {w} {h}") width=w height=h>
            {rows}
        </svg>
    }
}
