//! The process map: sliders, frequency / performance, zoom and pan, figures on hover, the
//! cases behind an activity or a path on click, export as SVG and PNG.
//!
//! The worker lays the map out ([`casemap_engine::discovery::draw::MapDrawing`]); this view
//! draws the same structure as `casemap map` writes (`data-activity`, `data-from`,
//! `data-to`), with every name as text (Leptos escapes it).

use casemap_engine::discovery::cases::CaseQuery;
use casemap_engine::discovery::dfg::Node;
use casemap_engine::discovery::draw::{MapDrawing, Measure, NodeKind, edge_color, node_class, node_fill};
use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format;
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::MapView;
use crate::state::{AppState, use_app_state};

/// What the pointer is over.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hover {
    Node(usize),
    Edge(usize),
}

/// Zoom and pan: the drawing is scaled by `scale` and moved by (`x`, `y`) pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    scale: f64,
    x: f64,
    y: f64,
}

const MIN_SCALE: f64 = 0.05;
const MAX_SCALE: f64 = 4.0;

fn measure_name(i18n: leptos_i18n::I18nContext<Locale>, measure: Measure) -> String {
    match measure {
        Measure::Cases => t_string!(i18n, map.m_cases),
        Measure::Events => t_string!(i18n, map.m_events),
        Measure::Median => t_string!(i18n, map.m_median),
        Measure::Mean => t_string!(i18n, map.m_mean),
        Measure::Max => t_string!(i18n, map.m_max),
        Measure::Total => t_string!(i18n, map.m_total),
    }
    .to_string()
}

/// The map view.
#[component]
pub fn MapPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    let hover = RwSignal::new(None::<Hover>);
    let view_box = RwSignal::new(View { scale: 1.0, x: 0.0, y: 0.0 });
    let fitted = RwSignal::new(false);
    let canvas = NodeRef::<leptos::html::Div>::new();
    let drag = StoredValue::new(None::<(f64, f64, View)>);

    // Fit the whole map to the canvas; `readable` keeps labels legible on tall maps by
    // fitting the width only (the rest is reached by dragging).
    let fit_with = move |readable: bool| {
        let (Some(div), Some((w, h))) = (
            canvas.get_untracked(),
            analysis.map.with_untracked(|m| m.as_ref().map(|m| (m.drawing.width, m.drawing.height))),
        ) else {
            return;
        };
        let (cw, ch) = (f64::from(div.client_width()), f64::from(div.client_height()));
        if cw <= 0.0 || ch <= 0.0 || w <= 0.0 || h <= 0.0 {
            return;
        }
        let whole = (cw / w).min(ch / h);
        let scale = if readable { whole.max((cw / w).min(0.75)) } else { whole }.clamp(MIN_SCALE, 1.5);
        view_box.set(View { scale, x: (cw - w * scale) / 2.0, y: ((ch - h * scale) / 2.0).max(0.0) });
    };
    let fit = move || fit_with(false);
    // Fit the first map to the screen; later maps keep the user's zoom.
    Effect::new(move |_| {
        if analysis.map.with(Option::is_some) && !fitted.get_untracked() {
            fitted.set(true);
            request_animation_frame(move || fit_with(true));
        }
    });
    // The layout keeps nodes still across slider steps; the few that move (a new path between
    // them needs room) glide from their old place instead of jumping.
    let previous = StoredValue::new(Vec::<(String, f64, f64)>::new());
    Effect::new(move |_| {
        let now = analysis.map.with(|m| m.as_ref().map(|m| node_centres(&m.drawing)).unwrap_or_default());
        let before = std::mem::replace(&mut *previous.write_value(), now.clone());
        if !before.is_empty() {
            request_animation_frame(move || glide(canvas, &before, &now));
        }
    });
    let zoom_by = move |factor: f64, cx: f64, cy: f64| {
        view_box.update(|v| {
            let scale = (v.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
            let f = scale / v.scale;
            *v = View { scale, x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f };
        });
    };
    let zoom_center = move |factor: f64| {
        if let Some(div) = canvas.get_untracked() {
            zoom_by(factor, f64::from(div.client_width()) / 2.0, f64::from(div.client_height()) / 2.0);
        }
    };
    let on_wheel = move |event: web_sys::WheelEvent| {
        event.prevent_default();
        let Some(div) = canvas.get_untracked() else { return };
        let rect = div.get_bounding_client_rect();
        let factor = (-event.delta_y() * 0.0015).exp();
        zoom_by(factor, f64::from(event.client_x()) - rect.left(), f64::from(event.client_y()) - rect.top());
    };
    let on_pointer_down = move |event: web_sys::PointerEvent| {
        if event.button() != 0 {
            return;
        }
        drag.set_value(Some((f64::from(event.client_x()), f64::from(event.client_y()), view_box.get_untracked())));
    };
    let on_pointer_move = move |event: web_sys::PointerEvent| {
        if let Some((x0, y0, start)) = drag.get_value() {
            let (dx, dy) = (f64::from(event.client_x()) - x0, f64::from(event.client_y()) - y0);
            if dx.abs() + dy.abs() > 3.0 {
                view_box.set(View { x: start.x + dx, y: start.y + dy, ..start });
            }
        }
    };
    let end_drag = move |_| drag.set_value(None);

    let performance = move || analysis.settings.with(|s| s.measure.is_performance());
    let set_measure = move |measure: Measure| state.set_map(lang(), |s| s.measure = measure);
    let measures = move || {
        if performance() {
            vec![Measure::Median, Measure::Mean, Measure::Max, Measure::Total]
        } else {
            vec![Measure::Cases, Measure::Events]
        }
    };
    let counts = move || {
        analysis.map.with(|m| {
            m.as_ref().map(|m| (m.dfg.activities.len(), m.activities_total, m.drawing.edges.len(), m.dfg.edges.len()))
        })
    };
    let count = move |n: usize| format::count(n as u64, lang());

    view! {
        <section class="panel panel-map" data-testid="map-view">
            <div class="map-toolbar">
                <div class="segmented" role="group">
                    <button
                        type="button"
                        data-testid="map-frequency"
                        aria-pressed=move || (!performance()).to_string()
                        on:click=move |_| set_measure(Measure::Cases)
                    >
                        {t!(i18n, map.frequency)}
                    </button>
                    <button
                        type="button"
                        data-testid="map-performance"
                        aria-pressed=move || performance().to_string()
                        on:click=move |_| set_measure(Measure::Median)
                    >
                        {t!(i18n, map.performance)}
                    </button>
                </div>
                <label class="field-inline">
                    <span>{t!(i18n, map.measure)}</span>
                    <select
                        data-testid="map-measure"
                        on:change=move |event| {
                            if let Some(m) = Measure::from_code(&event_target_value(&event)) {
                                set_measure(m);
                            }
                        }
                    >
                        {move || {
                            let current = analysis.settings.with(|s| s.measure);
                            measures()
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <option value=m.code() selected=m == current>
                                            {measure_name(i18n, m)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <Slider
                    label=Signal::derive(move || t_string!(i18n, map.activities).to_string())
                    testid="map-activities"
                    value=Signal::derive(move || analysis.settings.with(|s| s.options.activities))
                    shown=Signal::derive(move || {
                        counts()
                            .map(|(a, total, _, _)| t_string!(i18n, map.shown_of, shown = count(a), total = count(total)).to_string())
                            .unwrap_or_default()
                    })
                    on_change=Callback::new(move |v: f64| state.set_map(lang(), |s| s.options.activities = v))
                />
                <Slider
                    label=Signal::derive(move || t_string!(i18n, map.paths).to_string())
                    testid="map-paths"
                    value=Signal::derive(move || analysis.settings.with(|s| s.options.paths))
                    shown=Signal::derive(move || {
                        counts()
                            .map(|(_, _, p, total)| t_string!(i18n, map.shown_of, shown = count(p), total = count(total)).to_string())
                            .unwrap_or_default()
                    })
                    on_change=Callback::new(move |v: f64| state.set_map(lang(), |s| s.options.paths = v))
                />
                <div class="map-actions">
                    <button type="button" class="icon-button" data-testid="zoom-out" title=move || t_string!(i18n, map.zoom_out).to_string() aria-label=move || t_string!(i18n, map.zoom_out).to_string() on:click=move |_| zoom_center(1.0 / 1.25)>"−"</button>
                    <button type="button" class="icon-button" data-testid="zoom-in" title=move || t_string!(i18n, map.zoom_in).to_string() aria-label=move || t_string!(i18n, map.zoom_in).to_string() on:click=move |_| zoom_center(1.25)>"+"</button>
                    <button type="button" class="button button-secondary button-small" data-testid="zoom-fit" on:click=move |_| fit()>{t!(i18n, map.fit)}</button>
                    <button type="button" class="button button-secondary button-small" data-testid="export-svg" on:click=move |_| export(analysis.map, false)>{t!(i18n, map.export_svg)}</button>
                    <button type="button" class="button button-secondary button-small" data-testid="export-png" on:click=move |_| export(analysis.map, true)>{t!(i18n, map.export_png)}</button>
                </div>
            </div>

            <div class="map-body">
                <div
                    class="map-canvas"
                    node_ref=canvas
                    data-testid="map-canvas"
                    on:wheel=on_wheel
                    on:pointerdown=on_pointer_down
                    on:pointermove=on_pointer_move
                    on:pointerup=end_drag
                    on:pointerleave=end_drag
                >
                    <Show
                        when=move || analysis.map.with(Option::is_some)
                        fallback=move || view! { <p class="map-wait">{t!(i18n, map.drawing)}</p> }
                    >
                        <svg class="map-svg" data-testid="map-svg" role="img" aria-label=move || t_string!(i18n, map.map_label).to_string()>
                            <defs>
                                <marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
                                    <path d="M0,0 L10,5 L0,10 z" class="map-arrow" />
                                </marker>
                            </defs>
                            <g transform=move || {
                                let v = view_box.get();
                                format!("translate({:.1},{:.1}) scale({:.4})", v.x, v.y, v.scale)
                            }>
                                {move || analysis.map.with(|m| m.as_ref().map(|m| draw(&m.drawing, hover, state, i18n)))}
                            </g>
                        </svg>
                    </Show>
                    <Details hover />
                </div>
                <CaseListPanel />
            </div>
            <p class="map-hint">{t!(i18n, map.hint)}</p>
        </section>
    }
}

/// A labelled range slider in percent.
#[component]
fn Slider(
    label: Signal<String>,
    testid: &'static str,
    value: Signal<f64>,
    shown: Signal<String>,
    on_change: Callback<f64>,
) -> impl IntoView {
    view! {
        <label class="slider">
            <span class="slider-label">{move || label.get()}</span>
            <input
                type="range"
                min="0"
                max="100"
                step="1"
                data-testid=testid
                prop:value=move || value.get().to_string()
                on:input=move |event| {
                    if let Ok(v) = event_target_value(&event).parse::<f64>() {
                        on_change.run(v);
                    }
                }
            />
            <span class="slider-value" data-testid=format!("{testid}-value")>{move || shown.get()}</span>
        </label>
    }
}

/// The SVG content of a drawing: edges under nodes.
fn draw(
    drawing: &MapDrawing,
    hover: RwSignal<Option<Hover>>,
    state: AppState,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> impl IntoView + use<> {
    let performance = drawing.measure.is_performance();
    let edges = drawing
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (from, to) = (e.from.clone(), e.to.clone());
            let (from_title, to_title) = (e.from.clone(), e.to.clone());
            let edge = state.analysis.map.with_untracked(|m| m.as_ref().map(|m| (m.dfg.edges[e.edge].from, m.dfg.edges[e.edge].to)));
            view! {
                <g
                    class="edge"
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
                            let title = t_string!(i18n, map.along, from = label_of(i18n, &from_title), to = label_of(i18n, &to_title)).to_string();
                            let filter = match (a, b) {
                                (Node::Start, Node::Activity(_)) => Some(Filter::StartActivities { activities: vec![to_title.clone()], exclude: false }),
                                (Node::Activity(_), Node::End) => Some(Filter::EndActivities { activities: vec![from_title.clone()], exclude: false }),
                                (Node::Activity(_), Node::Activity(_)) => Some(Filter::FollowedBy { from: from_title.clone(), to: to_title.clone(), directly: true, within_s: None, exclude: false }),
                                _ => None,
                            };
                            state.find_cases(title, CaseQuery { edge: Some((activity(a), activity(b))), ..CaseQuery::default() }, filter);
                        }
                    }
                >
                    <path class="edge-hit" d=e.path.clone() />
                    <path
                        class="edge-line"
                        class:edge-back=e.reversed
                        d=e.path.clone()
                        stroke=edge_color(e.heat)
                        stroke-width=format!("{:.1}", e.width)
                        marker-end="url(#map-arrow)"
                    />
                    <text class="edge-label" x=format!("{:.1}", e.label_at.x) y=format!("{:.1}", e.label_at.y) text-anchor="middle" dominant-baseline="middle">
                        {e.label.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let nodes = drawing
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let r = n.rect;
            let c = r.center();
            let name = n.name.clone();
            match n.kind {
                NodeKind::Activity => {
                    let ink = if n.shade > 0.55 { "node-ink-light" } else { "node-ink-dark" };
                    let Node::Activity(id) = n.node else { unreachable!("activity nodes hold activities") };
                    let title = name.clone();
                    view! {
                        <g
                            class="activity"
                            class:node-hover=move || hover.get() == Some(Hover::Node(i))
                            data-activity=name.clone()
                            tabindex="0"
                            on:mouseenter=move |_| hover.set(Some(Hover::Node(i)))
                            on:mouseleave=move |_| hover.set(None)
                            on:click=move |_| {
                                let t = t_string!(i18n, map.through, activity = title.clone()).to_string();
                                let filter = Filter::Activities { activities: vec![title.clone()], mode: Presence::Any };
                                state.find_cases(t, CaseQuery { activity: Some(id), ..CaseQuery::default() }, Some(filter));
                            }
                        >
                            <title>{name.clone()}</title>
                            <rect x=format!("{:.1}", r.x) y=format!("{:.1}", r.y) width=format!("{:.1}", r.width) height=format!("{:.1}", r.height) rx="6" fill=node_fill(n.shade, performance) class=format!("node-box {}", node_class(n.shade, performance)) />
                            <text class=format!("node-name {ink}") x=format!("{:.1}", c.x) y=format!("{:.1}", c.y - 3.0) text-anchor="middle">{n.title.clone()}</text>
                            <text class=format!("node-value {ink}") x=format!("{:.1}", c.x) y=format!("{:.1}", c.y + 12.0) text-anchor="middle">{n.value.clone()}</text>
                        </g>
                    }
                    .into_any()
                }
                NodeKind::Start | NodeKind::End => {
                    let class = if n.kind == NodeKind::Start { "start" } else { "end" };
                    let label = if n.kind == NodeKind::Start { t_string!(i18n, map.start) } else { t_string!(i18n, map.end) }.to_string();
                    view! {
                        <g class=class data-activity=name>
                            <title>{label}</title>
                            <circle cx=format!("{:.1}", c.x) cy=format!("{:.1}", c.y) r=format!("{:.1}", r.width / 2.0) />
                        </g>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! { <g class="edges">{edges}</g> <g class="nodes">{nodes}</g> }
}

/// Each node's name and centre.
fn node_centres(drawing: &MapDrawing) -> Vec<(String, f64, f64)> {
    drawing.nodes.iter().map(|n| (n.name.clone(), n.rect.center().x, n.rect.center().y)).collect()
}

/// Animates the nodes that moved from `before` to `now` (by their `data-activity` names) back
/// from their old place, with the Web Animations API; nothing when the user asks for reduced
/// motion.
fn glide(canvas: NodeRef<leptos::html::Div>, before: &[(String, f64, f64)], now: &[(String, f64, f64)]) {
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
fn label_of(i18n: leptos_i18n::I18nContext<Locale>, name: &str) -> String {
    match name {
        casemap_engine::discovery::dfg::START => t_string!(i18n, map.start).to_string(),
        casemap_engine::discovery::dfg::END => t_string!(i18n, map.end).to_string(),
        other => other.to_string(),
    }
}

/// The figures of what the pointer is over.
#[component]
fn Details(hover: RwSignal<Option<Hover>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let row = |label: String, value: String| view! { <div class="detail-row"><dt>{label}</dt><dd>{value}</dd></div> };
    move || {
        let hovered = hover.get()?;
        let lang = lang();
        state.analysis.map.with(|m| {
            let m = m.as_ref()?;
            let count = |n: u64| format::count(n, lang);
            let time = |s: f64| format::duration(s, lang);
            let (title, rows) = match hovered {
                Hover::Node(i) => {
                    let node = m.drawing.nodes.get(i)?;
                    let Node::Activity(id) = node.node else { return None };
                    let stats = m.dfg.activity(id)?;
                    let mut rows = vec![
                        row(t_string!(i18n, map.events).to_string(), count(stats.events)),
                        row(t_string!(i18n, map.cases).to_string(), count(stats.cases)),
                        row(t_string!(i18n, map.max_repetitions).to_string(), count(stats.max_repetitions)),
                    ];
                    if let Some(d) = stats.duration {
                        rows.push(row(t_string!(i18n, map.duration).to_string(), time(d.median)));
                        rows.push(row(t_string!(i18n, map.mean_duration).to_string(), time(d.mean)));
                    }
                    (node.name.clone(), rows)
                }
                Hover::Edge(i) => {
                    let drawn = m.drawing.edges.get(i)?;
                    let edge = m.dfg.edges.get(drawn.edge)?;
                    let mut rows = vec![
                        row(t_string!(i18n, map.frequency_label).to_string(), count(edge.frequency)),
                        row(t_string!(i18n, map.cases).to_string(), count(edge.cases)),
                        row(t_string!(i18n, map.max_repetitions).to_string(), count(edge.max_repetitions)),
                    ];
                    if let Some(w) = edge.waiting {
                        rows.push(row(t_string!(i18n, map.median_wait).to_string(), time(w.median)));
                        rows.push(row(t_string!(i18n, map.mean_wait).to_string(), time(w.mean)));
                        rows.push(row(t_string!(i18n, map.max_wait).to_string(), time(w.max)));
                        rows.push(row(t_string!(i18n, map.total_wait).to_string(), time(w.total)));
                    }
                    (format!("{} → {}", label_of(i18n, &drawn.from), label_of(i18n, &drawn.to)), rows)
                }
            };
            Some(view! {
                <div class="map-details" data-testid="map-details">
                    <p class="map-details-title">{title}</p>
                    <dl>{rows}</dl>
                </div>
            })
        })
    }
}

/// The cases behind the activity or path clicked last.
#[component]
fn CaseListPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let cases = state.analysis.cases;
    move || {
        cases.with(|list| {
            let list = list.as_ref()?;
            let ids = list.ids.clone();
            let total = list.total;
            let filter = list.filter.clone();
            Some(view! {
                <aside class="map-cases" data-testid="map-cases">
                    <div class="map-cases-head">
                        <p class="map-cases-title">{list.title.clone()}</p>
                        <button type="button" class="icon-button" aria-label=move || t_string!(i18n, map.close).to_string() on:click=move |_| cases.set(None)>"×"</button>
                    </div>
                    <p class="muted" data-testid="map-cases-total">
                        {move || t_string!(i18n, cases.found, count = total, total = format::count(total, lang())).to_string()}
                    </p>
                    {filter.map(|filter| {
                        let filter = StoredValue::new(filter);
                        view! {
                            <button type="button" class="button button-secondary button-small" data-testid="map-cases-filter" on:click=move |_| {
                                cases.set(None);
                                state.add_filter(filter.get_value());
                            }>
                                {t!(i18n, map.keep_these)}
                            </button>
                        }
                    })}
                    <ul class="case-ids">
                        {ids
                            .into_iter()
                            .map(|id| {
                                let shown = id.clone();
                                view! {
                                    <li>
                                        <button type="button" class="link-button" on:click=move |_| state.show_case(id.clone())>
                                            {shown}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </aside>
            })
        })
    }
}

/// Saves the current map as SVG, or as a PNG at twice its size.
fn export(map: RwSignal<Option<MapView>>, png: bool) {
    let Some(svg) = map.with_untracked(|m| m.as_ref().map(|m| (m.drawing.to_svg(), m.drawing.width, m.drawing.height)))
    else {
        return;
    };
    let (svg, width, height) = svg;
    let result = if png {
        save_png(svg, width, height)
    } else {
        crate::download::save_text("process-map.svg", &svg, "image/svg+xml")
    };
    if let Err(error) = result {
        web_sys::console::error_2(&"casemap: cannot export the map".into(), &error);
    }
}

/// Draws the SVG onto a canvas (in memory, from a blob: URL) and saves the canvas as PNG.
fn save_png(svg: String, width: f64, height: f64) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::prelude::*;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let scale = 2.0;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let loaded = image.clone();
    let source = url.clone();
    let on_load = Closure::once(move || {
        let drawn = (|| -> Result<(), JsValue> {
            let context: web_sys::CanvasRenderingContext2d =
                canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
            context.scale(scale, scale)?;
            context.draw_image_with_html_image_element(&loaded, 0.0, 0.0)?;
            let on_blob = Closure::once(move |blob: Option<web_sys::Blob>| {
                if let Some(blob) = blob {
                    let _ = crate::download::save_blob("process-map.png", &blob);
                }
            });
            canvas.to_blob(on_blob.as_ref().unchecked_ref())?;
            on_blob.forget();
            Ok(())
        })();
        let _ = web_sys::Url::revoke_object_url(&source);
        if let Err(error) = drawn {
            web_sys::console::error_2(&"casemap: cannot draw the PNG".into(), &error);
        }
    });
    image.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    image.set_src(&url);
    Ok(())
}
