//! Figure cards: a label, a value, an optional note and a small trend line.

use leptos::prelude::*;

/// A figure card: a label, a value, and an optional line below.
#[component]
pub fn Figure(
    /// Test id.
    testid: &'static str,
    /// The label (translated).
    label: String,
    /// The value, formatted.
    value: String,
    /// A line under the value.
    #[prop(optional)]
    note: Option<String>,
    /// A small trend line (values per period; `None` where a period has none).
    #[prop(optional)]
    trend: Option<Vec<Option<f64>>>,
) -> impl IntoView {
    view! {
        <div class="figure" data-testid=testid>
            <span class="figure-label">{label}</span>
            <span class="figure-value" data-testid="figure-value">
                {value}
            </span>
            {note.map(|n| view! { <span class="figure-note">{n}</span> })}
            {trend.filter(|t| t.iter().flatten().count() >= 2).map(|t| view! { <Sparkline values=t /> })}
        </div>
    }
}

/// A tiny line of values, scaled to its own range (no axes: a shape, not a chart).
#[component]
pub fn Sparkline(values: Vec<Option<f64>>) -> impl IntoView {
    let (w, h) = (120.0, 28.0);
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let (lo, hi) = known.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = if values.len() > 1 { w / (values.len() - 1) as f64 } else { w };
    let mut d = String::new();
    let mut pen_down = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let (x, y) = (i as f64 * step, h - 2.0 - (v - lo) / span * (h - 4.0));
                d.push_str(&format!("{}{x:.1},{y:.1} ", if pen_down { "L" } else { "M" }));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    view! {
        <svg class="sparkline" viewBox=format!("0 0 {w} {h}") preserveAspectRatio="none" aria-hidden="true">
            <path d=d />
        </svg>
    }
}
