//! A chart drawn by plotters as SVG, with regions over it that tell their figures on hover
//! (text nodes, so untrusted names are escaped).

use leptos::prelude::*;

/// A region of a drawn chart that tells its figures on hover (chart pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Left, top, width, height.
    pub rect: (f64, f64, f64, f64),
    /// What it tells.
    pub title: String,
}

/// A chart drawn at a width: plotters' SVG and the regions that tell their figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// The SVG.
    pub svg: String,
    /// Its size, pixels.
    pub size: (u32, u32),
    /// The regions, left to right.
    pub hits: Vec<Hit>,
}

/// A drawn chart: plotters' SVG and, over it, the regions that tell their figures on hover.
#[component]
pub fn DrawnChart(drawn: Drawn, #[prop(optional)] testid: &'static str) -> impl IntoView {
    let (w, h) = drawn.size;
    let hits = drawn
        .hits
        .into_iter()
        .map(|hit| {
            let (x, y, width, height) = hit.rect;
            view! {
                <rect class="chart-hit" data-testid=testid x=x y=y width=width height=height>
                    <title>{hit.title}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <div class="chart-plot" inner_html=drawn.svg></div>
        <svg class="chart-overlay" viewBox=format!("0 0 {w} {h}") width=w height=h>
            {hits}
        </svg>
    }
}

/// The arrowhead at the end of a map's edges (`url(#ID)`), coloured by its `class`.
#[component]
pub fn ArrowMarker(id: &'static str, class: &'static str) -> impl IntoView {
    view! {
        <defs>
            <marker
                id=id
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerUnits="userSpaceOnUse"
                markerWidth="11"
                markerHeight="11"
                orient="auto-start-reverse"
            >
                <path d="M0,0 L10,5 L0,10 z" class=class />
            </marker>
        </defs>
    }
}
