//! What the page's charts share: they are drawn at the width of their box (measured, so that
//! their text keeps its size on a phone instead of shrinking with a scaled SVG), their axes
//! step by round values ([`casemap_engine::ticks`]), and every text is 12 px.
//!
//! plotters' SVG backend writes a text's size as its size / 1.24; the stylesheet sets every
//! chart text to 12 px (`.chart-svg text`), the size plotters measured it at (the CSP allows
//! plotters to measure exactly 12 and 13 px: see index.html).

use casemap_engine::format::{self, Lang};
use casemap_engine::ticks::{self, Ticks};
use leptos::html;
use leptos::prelude::*;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::style::{IntoFont, RGBColor};

/// The font of every chart text (family and the size plotters measures it at).
pub const FONT: (&str, u32) = ("sans-serif", 12);
/// Bars and lines.
pub const TEAL: RGBColor = RGBColor(15, 118, 110);
/// The second series (open cases).
pub const AMBER: RGBColor = RGBColor(217, 119, 6);
/// Grid lines and axes.
pub const GRID: RGBColor = RGBColor(160, 170, 180);

/// The width of `text` in chart pixels, as the browser lays it out (plotters measures it on
/// the page; natively it estimates).
pub fn text_width(text: &str) -> f64 {
    FONT.into_font().box_size(text).map_or(text.chars().count() as f64 * 7.0, |(w, _)| f64::from(w))
}

/// plotters' SVG with its black text and lines in the page's text colour, so charts follow the
/// light or dark theme.
pub fn finish(svg: String) -> String {
    svg.replace("#000000", "currentColor")
}

/// The width (CSS pixels) of the box `node`, kept up to date while it is shown; `None` until
/// it is measured. Charts draw themselves at this width.
pub fn use_width(node: NodeRef<html::Div>) -> ReadSignal<Option<u32>> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let (width, set_width) = signal(None::<u32>);
    Effect::new(move |_| {
        let Some(div) = node.get() else { return };
        let measure = {
            let div = div.clone();
            move || {
                let w = div.client_width();
                if w > 0 && width.get_untracked() != Some(w as u32) {
                    set_width.set(Some(w as u32));
                }
            }
        };
        measure();
        let on_resize = Closure::<dyn FnMut()>::new(measure);
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(&div);
        }
        let kept = StoredValue::new_local((observer, on_resize));
        on_cleanup(move || {
            kept.try_with_value(|(observer, _)| observer.as_ref().map(web_sys::ResizeObserver::disconnect));
        });
    });
    width
}

/// What the values of a chart axis are, which decides its ticks and how they read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Durations in seconds (ticks `6 h`, `2 wk`).
    Duration(Lang),
    /// Counts.
    Count(Lang),
    /// Ratios from 0 to 1, as percentages.
    Percent(Lang),
    /// Numbers with a decimal (a mean score).
    Decimal(Lang),
    /// Multipliers (`2×`).
    Times(Lang),
}

impl Axis {
    /// The axis' language.
    pub fn lang(self) -> Lang {
        match self {
            Axis::Duration(l) | Axis::Count(l) | Axis::Percent(l) | Axis::Decimal(l) | Axis::Times(l) => l,
        }
    }

    /// Round ticks from `lo` to `hi` for a horizontal axis `length` pixels long: the first at or
    /// below `lo`, the last at or above `hi`; as many as fit with a gap between their labels.
    pub fn ticks(self, lo: f64, hi: f64, length: f64) -> Ticks {
        self.fitting(lo, hi, length, None)
    }

    /// Round ticks for a horizontal axis that runs exactly from `lo` to `hi`, `length` pixels
    /// long: only the ticks within it, as many as fit.
    pub fn ticks_within(self, lo: f64, hi: f64, length: f64) -> Ticks {
        self.fitting(lo, hi, length, Some((lo, hi)))
    }

    /// The most ticks (at most 8) whose labels keep a gap of 16 pixels on an axis `length`
    /// pixels long; on an axis that runs over `within`, only the ticks inside it.
    fn fitting(self, lo: f64, hi: f64, length: f64, within: Option<(f64, f64)>) -> Ticks {
        let mut fallback = None;
        for most in (2..=8).rev() {
            let mut ticks = self.ticks_at_most(lo, hi, most);
            let (from, to) = match within {
                Some((from, to)) => {
                    let slack = (to - from).abs() * 1e-9;
                    ticks.values.retain(|v| *v >= from - slack && *v <= to + slack);
                    (from, to)
                }
                None => (ticks.first(), ticks.last()),
            };
            let widest = ticks.values.iter().map(|v| text_width(&self.tick(*v, &ticks))).fold(0.0, f64::max);
            let per_step = length * ticks.step / (to - from).max(f64::MIN_POSITIVE);
            if per_step >= widest + 16.0 && ticks.values.len() >= 2 {
                return ticks;
            }
            // The fewest ticks, if none fit.
            fallback = Some(ticks);
        }
        fallback.unwrap_or_else(|| self.ticks_at_most(lo, hi, 2))
    }

    /// Round ticks from `lo` to `hi` for a vertical axis `length` pixels long (labels one line
    /// high may stand closer).
    pub fn y_ticks(self, lo: f64, hi: f64, length: f64) -> Ticks {
        self.ticks_at_most(lo, hi, (length / 44.0).floor() as usize + 1)
    }

    /// Round ticks for a horizontal axis that need not end on a tick: the axis ends at `hi`
    /// (plus a little room) rather than at a round value far beyond it, and only the ticks up
    /// to that end are kept. Returns the ticks and where the axis ends.
    pub fn open_ticks(self, lo: f64, hi: f64, length: f64) -> (Ticks, f64) {
        let covering = self.ticks(lo, hi, length);
        if covering.last() <= hi * 1.1 || hi <= lo {
            let end = covering.last();
            return (covering, end);
        }
        let end = hi + (hi - lo) * 0.04;
        (self.ticks_within(lo, end, length), end)
    }

    fn ticks_at_most(self, lo: f64, hi: f64, most: usize) -> Ticks {
        let most = most.clamp(2, 8);
        match self {
            Axis::Duration(_) => ticks::duration_ticks(lo, hi, most),
            Axis::Count(_) => ticks::count_ticks(lo, hi, most),
            // Shares end at 100 %.
            Axis::Percent(_) => ticks::number_ticks(lo, hi.min(1.0), most),
            Axis::Decimal(_) | Axis::Times(_) => ticks::number_ticks(lo, hi, most),
        }
    }

    /// A tick's label.
    pub fn tick(self, value: f64, ticks: &Ticks) -> String {
        let lang = self.lang();
        match self {
            Axis::Duration(_) => format::duration_tick(value, ticks.unit, lang),
            Axis::Count(_) => format::count(value.round().max(0.0) as u64, lang),
            Axis::Percent(_) => format::percent(value, lang),
            Axis::Decimal(_) => format::decimal(value, ticks.decimals(), lang),
            Axis::Times(_) => format!("{}×", format::decimal(value, ticks.decimals(), lang)),
        }
    }

    /// A value as a figure (on a bar, in a tooltip).
    pub fn value(self, value: f64) -> String {
        let lang = self.lang();
        match self {
            Axis::Duration(_) => format::duration(value, lang),
            Axis::Count(_) => format::count(value.round().max(0.0) as u64, lang),
            Axis::Percent(_) => format::percent(value, lang),
            Axis::Decimal(_) => format::decimal(value, 1, lang),
            Axis::Times(_) => format!("{}×", format::decimal(value, 1, lang)),
        }
    }
}

/// A linear axis from `range` whose grid lines and labels sit exactly at `ticks` (plotters'
/// own `with_key_points` cannot be given label formatters for float axes).
#[derive(Debug, Clone)]
pub struct Ticked {
    range: std::ops::Range<f64>,
    ticks: Vec<f64>,
}

impl Ticked {
    /// An axis over `range` with grid lines and labels at `ticks`.
    pub fn new(range: std::ops::Range<f64>, ticks: Vec<f64>) -> Ticked {
        Ticked { range, ticks }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 {
            return limit.0;
        }
        let share = (value - self.range.start) / span;
        limit.0 + (f64::from(limit.1 - limit.0) * share).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Bold lines and labels at the ticks; no light lines.
        if hint.max_num_points() == 0 || hint.weight().allow_light_points() { Vec::new() } else { self.ticks.clone() }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.clone()
    }
}

/// A chart's plotting area on `root`: `margin` around it (`right` on the right, where the last
/// label may reach past the axis), label areas of `x_area` and `y_area` pixels, and two ticked
/// axes.
///
/// # Errors
/// When plotters cannot lay the area out.
pub fn plot_area<'a, 'b>(
    root: &'a plotters::drawing::DrawingArea<plotters::backend::SVGBackend<'b>, plotters::coord::Shift>,
    (margin, right): (u32, u32),
    (x_area, y_area): (u32, u32),
    x: Ticked,
    y: Ticked,
) -> Result<
    plotters::chart::ChartContext<
        'a,
        plotters::backend::SVGBackend<'b>,
        plotters::coord::cartesian::Cartesian2d<Ticked, Ticked>,
    >,
    String,
> {
    plotters::chart::ChartBuilder::on(root)
        .margin(margin)
        .margin_right(right)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())
}

/// The look of the charts' grids: no vertical lines, faint horizontal ones at the ticks, axes
/// in the grid's colour, every text in [`FONT`].
pub fn house_mesh<'m, 'a, 'b, DB: plotters::backend::DrawingBackend>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, Ticked, Ticked, DB>,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, Ticked, Ticked, DB> {
    use plotters::style::Color;
    mesh.disable_x_mesh().bold_line_style(GRID.mix(0.3)).axis_style(GRID).label_style(FONT).axis_desc_style(FONT)
}
