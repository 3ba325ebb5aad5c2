//! The difference map: the union of both sets' maps on one layout, each activity and path
//! labelled "A → B" and coloured by its change; new and vanished paths marked; the map's
//! sliders.

use casemap_engine::compare::diff_map::{DiffItem, DiffMap, DiffMeasure, Presence};
use casemap_engine::discovery::draw::{DrawnEdge, DrawnNode, NodeKind};
use casemap_engine::format;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use crate::views::map::Slider;
use crate::widgets::ArrowMarker;

type I18n = leptos_i18n::I18nContext<Locale>;

fn measure_label(i18n: I18n, m: DiffMeasure) -> String {
    match m {
        DiffMeasure::Cases => t_string!(i18n, compare.d_cases),
        DiffMeasure::Median => t_string!(i18n, compare.d_median),
        DiffMeasure::Mean => t_string!(i18n, compare.d_mean),
    }
    .to_string()
}

fn measure_code(m: DiffMeasure) -> &'static str {
    match m {
        DiffMeasure::Cases => "cases",
        DiffMeasure::Median => "median",
        DiffMeasure::Mean => "mean",
    }
}

/// The class that colours an item: new, gone, or its direction and strength in four steps
/// (shares: more or less; times: slower or faster).
fn tone_class(item: &DiffItem, time: bool) -> String {
    match item.presence {
        Presence::New => "diff-new".to_owned(),
        Presence::Gone => "diff-gone".to_owned(),
        Presence::Both => {
            let step = (item.tone.abs() * 4.0).round() as u8;
            let way = match (item.tone > 0.0, time) {
                _ if step == 0 || item.change.is_none() => return "diff-same".to_owned(),
                (true, false) => "more",
                (false, false) => "less",
                (true, true) => "slower",
                (false, true) => "faster",
            };
            format!("diff-{way}-{step}")
        }
    }
}

fn presence_code(p: Presence) -> &'static str {
    match p {
        Presence::Both => "both",
        Presence::New => "new",
        Presence::Gone => "gone",
    }
}

fn draw_edge(e: &DrawnEdge, item: &DiffItem, time: bool) -> impl IntoView + use<> {
    let class = format!("edge {}", tone_class(item, time));
    let raw = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let dash = match (item.presence, e.reversed) {
        (Presence::Gone, _) => Some("2 4"),
        (_, true) => Some("5 3"),
        _ => None,
    };
    view! {
        <g
            class=class
            data-from=e.from.clone()
            data-to=e.to.clone()
            data-presence=presence_code(item.presence)
            data-a=raw(item.a)
            data-b=raw(item.b)
        >
            <title>{format!("{} → {}: {}", e.from, e.to, e.label)}</title>
            <path
                d=e.path.clone()
                fill="none"
                stroke-width=format!("{:.1}", e.width)
                stroke-dasharray=dash
                marker-end="url(#diff-arrow)"
            />
            <text class="edge-label" x=format!("{:.1}", e.label_at.x) y=format!("{:.1}", e.label_at.y)>
                {e.label.clone()}
            </text>
        </g>
    }
}

fn draw_node(n: &DrawnNode, item: &DiffItem, time: bool) -> AnyView {
    let c = n.rect.center();
    match n.kind {
        NodeKind::Activity => view! {
            <g
                class=format!("activity {}", tone_class(item, time))
                data-activity=n.name.clone()
                data-presence=presence_code(item.presence)
            >
                <title>{n.name.clone()}</title>
                <rect
                    x=format!("{:.1}", n.rect.x)
                    y=format!("{:.1}", n.rect.y)
                    width=format!("{:.1}", n.rect.width)
                    height=format!("{:.1}", n.rect.height)
                    rx="6"
                />
                <text class="node-title" x=format!("{:.1}", c.x) y=format!("{:.1}", c.y - 3.0)>
                    {n.title.clone()}
                </text>
                <text class="node-value" x=format!("{:.1}", c.x) y=format!("{:.1}", c.y + 12.0)>
                    {n.value.clone()}
                </text>
            </g>
        }
        .into_any(),
        NodeKind::Start | NodeKind::End => {
            let class = if n.kind == NodeKind::Start { "start" } else { "end" };
            view! {
                <g class=class data-activity=n.name.clone()>
                    <circle cx=format!("{:.1}", c.x) cy=format!("{:.1}", c.y) r=format!("{:.1}", n.rect.width / 2.0) />
                </g>
            }
            .into_any()
        }
    }
}

/// The drawing.
fn draw(m: &DiffMap, i18n: I18n) -> impl IntoView + use<> {
    let time = m.measure.is_time();
    let d = &m.drawing;
    let edges = d.edges.iter().zip(&m.edges).map(|(e, item)| draw_edge(e, item, time)).collect_view();
    let nodes = d.nodes.iter().zip(&m.nodes).map(|(n, item)| draw_node(n, item, time)).collect_view();
    view! {
        <svg
            class="diff-svg"
            role="img"
            aria-label=t_string!(i18n, compare.diff_map).to_string()
            viewBox=format!("0 0 {:.1} {:.1}", d.width, d.height)
            width=format!("{:.0}", d.width)
            height=format!("{:.0}", d.height)
        >
            <ArrowMarker id="diff-arrow" class="diff-arrow-head" />
            <g class="edges">{edges}</g>
            <g class="nodes">{nodes}</g>
        </svg>
    }
}

/// The legend of the colours shown.
fn legend(i18n: I18n, time: bool) -> impl IntoView {
    let item = |class: &'static str, text: String| {
        view! {
            <li>
                <span class=format!("legend-swatch {class}") aria-hidden="true"></span>
                {text}
            </li>
        }
    };
    let (up, down) = if time {
        (
            item("diff-slower-4", t_string!(i18n, compare.legend_slower).to_string()),
            item("diff-faster-4", t_string!(i18n, compare.legend_faster).to_string()),
        )
    } else {
        (
            item("diff-more-4", t_string!(i18n, compare.legend_more).to_string()),
            item("diff-less-4", t_string!(i18n, compare.legend_less).to_string()),
        )
    };
    view! {
        <ul class="map-legend diff-legend" data-testid="diff-legend">
            {up}
            {down}
            {item("diff-new", t_string!(i18n, compare.legend_new).to_string())}
            {item("diff-gone", t_string!(i18n, compare.legend_gone).to_string())}
        </ul>
    }
}

/// The difference map with its measure, sliders and legend.
#[component]
pub(super) fn DiffMapPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let c = state.compare;
    let measure = move || c.settings.with(|s| s.measure);
    let measures = DiffMeasure::ALL
        .iter()
        .map(|&m| {
            view! {
                <button
                    type="button"
                    data-testid=format!("diff-measure-{}", measure_code(m))
                    aria-pressed=move || (measure() == m).to_string()
                    on:click=move |_| state.set_diff(lang(), |s| s.measure = m)
                >
                    {move || measure_label(i18n, m)}
                </button>
            }
        })
        .collect_view();
    let shown = move || {
        c.diff.with(|d| {
            d.as_ref().and_then(|d| d.as_ref().ok()).map(|d| {
                (
                    d.drawing.nodes.len().saturating_sub(2),
                    d.activities_total,
                    d.drawing.edges.len(),
                    d.paths_total,
                    d.paths,
                )
            })
        })
    };
    // Its labels are written in the language asked for: another language asks again (the
    // view is made again when the language changes, so the last language asked is the state's).
    Effect::new(move |_| {
        let now = lang();
        if c.preset.with_untracked(Option::is_some) && c.diff_lang.get_untracked() != now {
            state.request_diff(now);
        }
    });
    let count = move |n: usize| format::count(n as u64, lang());
    let of = move |a: usize, b: usize| t_string!(i18n, map.shown_of, shown = count(a), total = count(b)).to_string();
    view! {
        <section class="compare-map" data-testid="diff-map-panel">
            <h3>{t!(i18n, compare.diff_map)}</h3>
            <div class="map-toolbar">
                <div
                    class="segmented"
                    role="group"
                    aria-label=move || t_string!(i18n, compare.diff_measure).to_string()
                >
                    {measures}
                </div>
                <Slider
                    label=Signal::derive(move || t_string!(i18n, map.activities).to_string())
                    testid="diff-activities"
                    range=Signal::derive(move || (1.0, shown().map_or(1, |s| s.1.max(1)) as f64))
                    value=Signal::derive(move || {
                        c.settings.with(|s| s.options.activities).or(shown().map(|s| s.0)).unwrap_or(1) as f64
                    })
                    shown=Signal::derive(move || shown().map(|s| of(s.0, s.1)).unwrap_or_default())
                    on_change=Callback::new(move |v: f64| {
                        state.set_diff(lang(), |s| s.options.activities = Some(v.round().max(1.0) as usize))
                    })
                />
                <Slider
                    label=Signal::derive(move || t_string!(i18n, map.paths).to_string())
                    testid="diff-paths"
                    range=Signal::derive(|| (0.0, 100.0))
                    value=Signal::derive(move || {
                        c.settings.with(|s| s.options.paths).or(shown().map(|s| s.4)).unwrap_or(100.0)
                    })
                    shown=Signal::derive(move || shown().map(|s| of(s.2, s.3)).unwrap_or_default())
                    on_change=Callback::new(move |v: f64| state.set_diff(lang(), |s| s.options.paths = Some(v)))
                />
            </div>
            {move || legend(i18n, measure().is_time())}
            <div class="diff-canvas" data-testid="diff-map" aria-busy=move || c.diff_job.get().is_some().to_string()>
                {move || match c.diff.get() {
                    None => view! { <p class="muted">{t!(i18n, compare.drawing)}</p> }.into_any(),
                    Some(Err(error)) => {
                        view! { <p class="error">{t!(i18n, compare.failed, error = error.to_string())}</p> }.into_any()
                    }
                    Some(Ok(map)) => draw(&map, i18n).into_any(),
                }}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(presence: Presence, tone: f64) -> DiffItem {
        DiffItem { presence, a: Some(0.2), b: Some(0.3), change: Some(0.1), tone }
    }

    #[test]
    fn colours_say_the_direction_and_strength_of_a_change() {
        assert_eq!(tone_class(&item(Presence::Both, 1.0), false), "diff-more-4");
        assert_eq!(tone_class(&item(Presence::Both, -0.3), false), "diff-less-1");
        assert_eq!(tone_class(&item(Presence::Both, 0.6), true), "diff-slower-2");
        assert_eq!(tone_class(&item(Presence::Both, -0.9), true), "diff-faster-4");
        assert_eq!(tone_class(&item(Presence::Both, 0.05), true), "diff-same");
        assert_eq!(tone_class(&item(Presence::New, 0.0), true), "diff-new");
        assert_eq!(tone_class(&item(Presence::Gone, 0.0), false), "diff-gone");
        let unknown = DiffItem { change: None, tone: 0.0, ..item(Presence::Both, 0.0) };
        assert_eq!(tone_class(&unknown, true), "diff-same");
    }
}
