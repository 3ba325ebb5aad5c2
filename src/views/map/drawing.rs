//! The map's SVG: edges under nodes, every name as text (Leptos escapes it), and the glide of
//! nodes that moved between two slider steps.

use casemap_engine::discovery::cases::CaseQuery;
use casemap_engine::discovery::dfg::Node;
use std::collections::{HashMap, HashSet};

use casemap_engine::discovery::draw::{DrawnEdge, DrawnNode, MapDrawing, NodeKind, edge_color, node_class, node_fill};
use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::Lang;
use casemap_engine::service::conformance::{ConformanceReport, Deviation};
use leptos::prelude::*;

use super::Hover;
use crate::i18n::*;
use crate::protocol::MapView;
use crate::state::AppState;

/// The deviations from the ideal process the map marks: per drawn edge, whether the model
/// does not allow it; per activity, the cases in which it was an extra step (or out of order).
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    /// By the drawing's edge index.
    pub outside: Vec<bool>,
    /// By activity name.
    pub extra: HashMap<String, u64>,
}

impl Marks {
    /// The marks of a map from a conformance report.
    pub(super) fn of(map: &MapView, report: &ConformanceReport) -> Marks {
        let mut extra: HashMap<String, u64> = HashMap::new();
        for d in report.analysis.iter().flat_map(|a| &a.deviations) {
            if d.kind != Deviation::Skipped && !d.accepted {
                *extra.entry(d.activity.clone()).or_default() += d.cases.len() as u64;
            }
        }
        let allowed: Option<HashSet<(Option<&str>, Option<&str>)>> =
            report.follows.as_ref().map(|f| f.iter().map(|(a, b)| (a.as_deref(), b.as_deref())).collect());
        let outside = map
            .drawing
            .edges
            .iter()
            .map(|e| {
                let Some(allowed) = &allowed else { return false };
                let dfg = &map.dfg.edges[e.edge];
                let step = |node: Node, name: &str| matches!(node, Node::Activity(_)).then(|| name.to_owned());
                let (a, b) = (step(dfg.from, &e.from), step(dfg.to, &e.to));
                !allowed.contains(&(a.as_deref(), b.as_deref()))
            })
            .collect();
        Marks { outside, extra }
    }
}

/// The SVG content of a drawing: edges under nodes.
pub(super) fn draw(
    drawing: &MapDrawing,
    marks: Option<Marks>,
    hover: RwSignal<Option<Hover>>,
    state: AppState,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> impl IntoView + use<> {
    let performance = drawing.measure.is_performance();
    let marks = marks.unwrap_or_default();
    let edges = drawing
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| draw_edge(i, e, marks.outside.get(i).copied().unwrap_or(false), hover, state, i18n))
        .collect_view();
    let nodes = drawing
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| draw_node(i, n, marks.extra.get(&n.name).copied(), performance, hover, state, i18n))
        .collect_view();
    view! {
        <g class="edges">{edges}</g>
        <g class="nodes">{nodes}</g>
    }
}

/// One edge: its line, its label and a wider invisible line that takes the pointer; a click
/// lists the cases along it.
fn draw_edge(
    i: usize,
    e: &DrawnEdge,
    outside: bool,
    hover: RwSignal<Option<Hover>>,
    state: AppState,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> impl IntoView + use<> {
    let (from, to) = (e.from.clone(), e.to.clone());
    let (from_title, to_title) = (e.from.clone(), e.to.clone());
    let edge =
        state.analysis.map.with_untracked(|m| m.as_ref().map(|m| (m.dfg.edges[e.edge].from, m.dfg.edges[e.edge].to)));
    view! {
        <g
            class="edge"
            class:edge-outside=outside
            data-outside=outside.then_some("true")
            class:edge-hover=move || hover.get() == Some(Hover::Edge(i))
            data-from=from
            data-to=to
            on:mouseenter=move |_| hover.set(Some(Hover::Edge(i)))
            on:mouseleave=move |_| hover.set(None)
            on:click=move |_| {
                if let Some((a, b)) = edge {
                    let activity = |n: Node| match n {
                        Node::Activity(id) => Some(id),
                        _ => None,
                    };
                    let title = t_string!(
                        i18n, map.along, from = label_of(i18n, &from_title), to = label_of(i18n, &to_title)
                    )
                        .to_string();
                    let filter = edge_filter(a, b, &from_title, &to_title);
                    state
                        .find_cases(
                            title,
                            CaseQuery {
                                edge: Some((activity(a), activity(b))),
                                ..CaseQuery::default()
                            },
                            filter,
                        );
                }
            }
        >
            {outside.then(|| view! { <title>{t_string!(i18n, map.outside_model).to_string()}</title> })}
            <path class="edge-hit" d=e.path.clone() />
            <path
                class="edge-line"
                class:edge-back=e.reversed
                d=e.path.clone()
                stroke=edge_color(e.heat)
                stroke-width=format!("{:.1}", e.width)
                marker-end="url(#map-arrow)"
            />
            <text
                class="edge-label"
                x=format!("{:.1}", e.label_at.x)
                y=format!("{:.1}", e.label_at.y)
                text-anchor="middle"
                dominant-baseline="middle"
            >
                {e.label.clone()}
            </text>
        </g>
    }
}

/// The filter step that keeps the cases along an edge between `from` and `to`.
fn edge_filter(a: Node, b: Node, from: &str, to: &str) -> Option<Filter> {
    match (a, b) {
        (Node::Start, Node::Activity(_)) => {
            Some(Filter::StartActivities { activities: vec![to.to_owned()], exclude: false })
        }
        (Node::Activity(_), Node::End) => {
            Some(Filter::EndActivities { activities: vec![from.to_owned()], exclude: false })
        }
        (Node::Activity(_), Node::Activity(_)) => Some(Filter::FollowedBy {
            from: from.to_owned(),
            to: to.to_owned(),
            directly: true,
            within_s: None,
            exclude: false,
        }),
        _ => None,
    }
}

/// One node: an activity's box (a click or Enter lists the cases through it), or the start or
/// end circle.
fn draw_node(
    i: usize,
    n: &DrawnNode,
    extra: Option<u64>,
    performance: bool,
    hover: RwSignal<Option<Hover>>,
    state: AppState,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> AnyView {
    let r = n.rect;
    let c = r.center();
    let name = n.name.clone();
    let lang: Lang = crate::context::lang_of(i18n.get_locale_untracked());
    match n.kind {
        NodeKind::Activity => {
            let ink = if n.shade > 0.55 { "node-ink-light" } else { "node-ink-dark" };
            let Node::Activity(id) = n.node else { unreachable!("activity nodes hold activities") };
            let title = name.clone();
            let open = move || {
                let t = t_string!(i18n, map.through, activity = title.clone()).to_string();
                let filter = Filter::Activities { activities: vec![title.clone()], mode: Presence::Any };
                state.find_cases(t, CaseQuery { activity: Some(id), ..CaseQuery::default() }, Some(filter));
            };
            let open_key = open.clone();
            view! {
                <g
                    class="activity"
                    class:node-extra=extra.is_some()
                    data-extra=extra.map(|n| n.to_string())
                    class:node-hover=move || hover.get() == Some(Hover::Node(i))
                    data-activity=name.clone()
                    tabindex="0"
                    role="button"
                    aria-label=name.clone()
                    on:mouseenter=move |_| hover.set(Some(Hover::Node(i)))
                    on:mouseleave=move |_| hover.set(None)
                    on:focus=move |_| hover.set(Some(Hover::Node(i)))
                    on:blur=move |_| hover.set(None)
                    on:click=move |_| open()
                    on:keydown=move |event: web_sys::KeyboardEvent| {
                        if event.key() == "Enter" || event.key() == " " {
                            event.prevent_default();
                            open_key();
                        }
                    }
                >
                    <title>
                        {match extra {
                            Some(count) => {
                                format!(
                                    "{name} — {}",
                                    t_string!(i18n, map.extra_cases, count = casemap_engine::format::count(count, lang)),
                                )
                            }
                            None => name.clone(),
                        }}
                    </title>
                    <rect
                        x=format!("{:.1}", r.x)
                        y=format!("{:.1}", r.y)
                        width=format!("{:.1}", r.width)
                        height=format!("{:.1}", r.height)
                        rx="6"
                        fill=node_fill(n.shade, performance)
                        class=format!("node-box {}", node_class(n.shade, performance))
                    />
                    <text
                        class=format!("node-name {ink}")
                        x=format!("{:.1}", c.x)
                        y=format!("{:.1}", c.y - 3.0)
                        text-anchor="middle"
                    >
                        {n.title.clone()}
                    </text>
                    <text
                        class=format!("node-value {ink}")
                        x=format!("{:.1}", c.x)
                        y=format!("{:.1}", c.y + 12.0)
                        text-anchor="middle"
                    >
                        {n.value.clone()}
                    </text>
                </g>
            }
            .into_any()
        }
        NodeKind::Start | NodeKind::End => {
            let class = if n.kind == NodeKind::Start { "start" } else { "end" };
            let label = if n.kind == NodeKind::Start { t_string!(i18n, map.start) } else { t_string!(i18n, map.end) }
                .to_string();
            view! {
                <g class=class data-activity=name>
                    <title>{label}</title>
                    <circle cx=format!("{:.1}", c.x) cy=format!("{:.1}", c.y) r=format!("{:.1}", r.width / 2.0) />
                </g>
            }
            .into_any()
        }
    }
}

/// Each node's name and centre.
pub(super) fn node_centres(drawing: &MapDrawing) -> Vec<(String, f64, f64)> {
    drawing.nodes.iter().map(|n| (n.name.clone(), n.rect.center().x, n.rect.center().y)).collect()
}

/// Animates the nodes that moved from `before` to `now` (by their `data-activity` names) back
/// from their old place, with the Web Animations API; nothing when the user asks for reduced
/// motion.
pub(super) fn glide(canvas: NodeRef<leptos::html::Div>, before: &[(String, f64, f64)], now: &[(String, f64, f64)]) {
    use wasm_bindgen::{JsCast, JsValue};
    let reduced = window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|q| q.matches());
    let Some(div) = canvas.get_untracked() else { return };
    if reduced {
        return;
    }
    let Ok(groups) = div.query_selector_all("g[data-activity]") else { return };
    let old: std::collections::HashMap<&str, (f64, f64)> =
        before.iter().map(|(n, x, y)| (n.as_str(), (*x, *y))).collect();
    for i in 0..groups.length() {
        let Some(element) = groups.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(name) = element.get_attribute("data-activity") else { continue };
        let (Some(&(x0, y0)), Some((_, x1, y1))) = (old.get(name.as_str()), now.iter().find(|(n, _, _)| *n == name))
        else {
            continue;
        };
        let (dx, dy) = (x0 - x1, y0 - y1);
        if dx.abs() + dy.abs() < 0.5 {
            continue;
        }
        let frame = |x: f64, y: f64| {
            let f = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&f, &"transform".into(), &format!("translate({x:.1}px, {y:.1}px)").into());
            f
        };
        let frames = js_sys::Array::of2(&frame(dx, dy), &frame(0.0, 0.0));
        let animate =
            js_sys::Reflect::get(&element, &"animate".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(animate) = animate {
            let _ = animate.call2(&element, &frames, &JsValue::from_f64(GLIDE_MS));
        }
    }
}

/// How long a node glides to its new place.
const GLIDE_MS: f64 = 250.0;

/// Start and End read as words in titles.
pub(super) fn label_of(i18n: leptos_i18n::I18nContext<Locale>, name: &str) -> String {
    match name {
        casemap_engine::discovery::dfg::START => t_string!(i18n, map.start).to_string(),
        casemap_engine::discovery::dfg::END => t_string!(i18n, map.end).to_string(),
        other => other.to_string(),
    }
}
