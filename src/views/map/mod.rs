//! The process map: sliders, frequency / performance, zoom and pan, figures on hover, the
//! cases behind an activity or a path on click, export as SVG and PNG.
//!
//! The worker lays the map out ([`casemap_engine::discovery::draw::MapDrawing`]); this view
//! draws the same structure as `casemap map` writes (`data-activity`, `data-from`,
//! `data-to`), with every name as text (Leptos escapes it).

mod details;
mod drawing;
mod export;

use casemap_engine::discovery::draw::Measure;
use casemap_engine::format;
use leptos::prelude::*;

use self::details::{CaseListPanel, Details};
use self::drawing::{Marks, draw, glide, node_centres};
use self::export::export;
use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport};
use crate::state::use_app_state;
use crate::widgets::ArrowMarker;
use crate::widgets::CheckField;

/// What the pointer (or the keyboard focus) is on.
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
    let _lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    let hover = RwSignal::new(None::<Hover>);
    let view_box = RwSignal::new(View { scale: 1.0, x: 0.0, y: 0.0 });
    // The user zoomed or panned since the map was last fitted: keep their view.
    let moved = StoredValue::new(false);
    let canvas = NodeRef::<leptos::html::Div>::new();
    let drag = StoredValue::new(None::<(f64, f64, View)>);

    // Fit the whole map to the canvas, never enlarged beyond its natural size.
    let fit = move || {
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
        let scale = (cw / w).min(ch / h).clamp(MIN_SCALE, 1.0);
        view_box.set(View { scale, x: (cw - w * scale) / 2.0, y: ((ch - h * scale) / 2.0).max(0.0) });
        moved.set_value(false);
    };
    // Every map opens fitted, until the user zooms or drags; then their view is kept.
    Effect::new(move |_| {
        if analysis.map.with(Option::is_some) && !moved.get_value() {
            request_animation_frame(fit);
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
        moved.set_value(true);
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
                moved.set_value(true);
                view_box.set(View { x: start.x + dx, y: start.y + dy, ..start });
            }
        }
    };
    let end_drag = move |_| drag.set_value(None);

    let _performance = move || analysis.settings.with(|s| s.measure.is_performance());

    view! {
        <section class="panel panel-map" data-testid="map-view">
            <div class="map-toolbar">
                <MeasureChoice />
                <MapSliders />
                <MapActions zoom=Callback::new(zoom_center) fit=Callback::new(move |()| fit()) />
                <Show when=move || analysis.report(AnalysisKind::Conformance).is_some()>
                    <CheckField testid="map-deviations" value=analysis.map_deviations>
                        {t!(i18n, map.deviations)}
                    </CheckField>
                </Show>
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
                        <svg
                            class="map-svg"
                            data-testid="map-svg"
                            role="img"
                            aria-label=move || t_string!(i18n, map.map_label).to_string()
                            data-width=move || {
                                analysis.map.with(|m| m.as_ref().map(|m| format!("{:.0}", m.drawing.width)))
                            }
                            data-height=move || {
                                analysis.map.with(|m| m.as_ref().map(|m| format!("{:.0}", m.drawing.height)))
                            }
                        >
                            <ArrowMarker id="map-arrow" class="map-arrow" />
                            <g transform=move || {
                                let v = view_box.get();
                                format!("translate({:.1},{:.1}) scale({:.4})", v.x, v.y, v.scale)
                            }>{move || drawn(state, hover, i18n)}</g>
                        </svg>
                    </Show>
                    <Details hover />
                </div>
                <CaseListPanel />
            </div>
            <Legend performance=Signal::derive(move || analysis.settings.with(|s| s.measure.is_performance())) />
            <p class="map-hint">
                {move || {
                    if state.is_warehouse() {
                        t_string!(i18n, warehouse.map_hint).to_string()
                    } else {
                        t_string!(i18n, map.hint).to_string()
                    }
                }}
            </p>
        </section>
    }
}

/// The map drawn, with the deviations from the ideal process marked when the user asks and
/// they were checked.
fn drawn(
    state: crate::state::AppState,
    hover: RwSignal<Option<Hover>>,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> Option<impl IntoView + use<>> {
    let analysis = state.analysis;
    let report = analysis.map_deviations.get().then(|| analysis.report(AnalysisKind::Conformance)).flatten();
    analysis.map.with(|m| {
        m.as_ref().map(|m| {
            let marks = match &report {
                Some(AnalysisReport::Conformance(r)) => Some(Marks::of(m, r)),
                _ => None,
            };
            draw(&m.drawing, marks, hover, state, i18n)
        })
    })
}

/// Frequency or performance, and the measure the map's labels show.
#[component]
fn MeasureChoice() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    let performance = move || analysis.settings.with(|s| s.measure.is_performance());
    let set_measure = move |measure: Measure| state.set_map(lang(), |s| s.measure = measure);
    let measures = move || {
        if performance() {
            vec![Measure::Median, Measure::Mean, Measure::Max, Measure::Total]
        } else {
            vec![Measure::Cases, Measure::Events]
        }
    };
    view! {
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
    }
}

/// The activity and path sliders, with how many of each the map shows.
#[component]
fn MapSliders() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    let counts = move || {
        analysis.map.with(|m| {
            m.as_ref().map(|m| (m.dfg.activities.len(), m.activities_total, m.drawing.edges.len(), m.dfg.edges.len()))
        })
    };
    // The sliders show the map's positions (the first map's until the user moves them).
    let kept = move || analysis.map.with(|m| m.as_ref().map_or(1, |m| m.kept));
    let total = move || analysis.map.with(|m| m.as_ref().map_or(1, |m| m.activities_total.max(1)));
    let paths = move || analysis.map.with(|m| m.as_ref().map_or(100.0, |m| m.paths));
    let count = move |n: usize| format::count(n as u64, lang());
    view! {
        <Slider
            label=Signal::derive(move || t_string!(i18n, map.activities).to_string())
            testid="map-activities"
            range=Signal::derive(move || (1.0, total() as f64))
            value=Signal::derive(move || {
                analysis.settings.with(|s| s.options.activities).unwrap_or_else(kept).min(total()) as f64
            })
            shown=Signal::derive(move || {
                counts()
                    .map(|(a, total, _, _)| {
                        t_string!(i18n, map.shown_of, shown = count(a), total = count(total)).to_string()
                    })
                    .unwrap_or_default()
            })
            on_change=Callback::new(move |v: f64| {
                state.set_map(lang(), |s| s.options.activities = Some(v.round().max(1.0) as usize))
            })
        />
        <Slider
            label=Signal::derive(move || t_string!(i18n, map.paths).to_string())
            testid="map-paths"
            range=Signal::derive(|| (0.0, 100.0))
            value=Signal::derive(move || analysis.settings.with(|s| s.options.paths).unwrap_or_else(paths))
            shown=Signal::derive(move || {
                counts()
                    .map(|(_, _, p, total)| {
                        t_string!(i18n, map.shown_of, shown = count(p), total = count(total)).to_string()
                    })
                    .unwrap_or_default()
            })
            on_change=Callback::new(move |v: f64| state.set_map(lang(), |s| s.options.paths = Some(v)))
        />
    }
}

/// Zoom, fit and export buttons.
#[component]
fn MapActions(
    /// Zooms by a factor around the canvas' centre.
    zoom: Callback<f64>,
    /// Fits the whole map to the canvas.
    fit: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let analysis = use_app_state().analysis;
    view! {
        <div class="map-actions">
            <button
                type="button"
                class="icon-button"
                data-testid="zoom-out"
                title=move || t_string!(i18n, map.zoom_out).to_string()
                aria-label=move || t_string!(i18n, map.zoom_out).to_string()
                on:click=move |_| zoom.run(1.0 / 1.25)
            >
                "−"
            </button>
            <button
                type="button"
                class="icon-button"
                data-testid="zoom-in"
                title=move || t_string!(i18n, map.zoom_in).to_string()
                aria-label=move || t_string!(i18n, map.zoom_in).to_string()
                on:click=move |_| zoom.run(1.25)
            >
                "+"
            </button>
            <button
                type="button"
                class="button button-secondary button-small"
                data-testid="zoom-fit"
                on:click=move |_| fit.run(())
            >
                {t!(i18n, map.fit)}
            </button>
            <button
                type="button"
                class="button button-secondary button-small"
                data-testid="export-svg"
                on:click=move |_| export(analysis.map, false)
            >
                {t!(i18n, map.export_svg)}
            </button>
            <button
                type="button"
                class="button button-secondary button-small"
                data-testid="export-png"
                on:click=move |_| export(analysis.map, true)
            >
                {t!(i18n, map.export_png)}
            </button>
        </div>
    }
}

/// What the lines and colours of the map mean.
#[component]
fn Legend(performance: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="map-legend" data-testid="map-legend">
            <li>
                <svg width="34" height="12" aria-hidden="true">
                    <path d="M1,6 H33" class="legend-line legend-thick" />
                </svg>
                {t!(i18n, map.legend_width)}
            </li>
            <li>
                <svg width="34" height="12" aria-hidden="true">
                    <path d="M1,6 H33" class="legend-line legend-back" />
                </svg>
                {t!(i18n, map.legend_back)}
            </li>
            <li>
                <svg width="34" height="12" aria-hidden="true">
                    <circle cx="6" cy="6" r="5" class="legend-start" />
                    <circle cx="26" cy="6" r="5" class="legend-end" />
                </svg>
                {t!(i18n, map.legend_ends)}
            </li>
            <Show when=move || performance.get()>
                <li>
                    <span class="legend-heat" aria-hidden="true"></span>
                    {t!(i18n, map.legend_heat)}
                </li>
            </Show>
        </ul>
    }
}

/// A labelled range slider over `range` (inclusive, whole steps).
#[component]
pub(crate) fn Slider(
    label: Signal<String>,
    testid: &'static str,
    range: Signal<(f64, f64)>,
    value: Signal<f64>,
    shown: Signal<String>,
    on_change: Callback<f64>,
) -> impl IntoView {
    view! {
        <label class="slider">
            <span class="slider-label">{move || label.get()}</span>
            <input
                type="range"
                min=move || range.get().0.to_string()
                max=move || range.get().1.to_string()
                step="1"
                data-testid=testid
                prop:value=move || value.get().to_string()
                on:input=move |event| {
                    if let Ok(v) = event_target_value(&event).parse::<f64>() {
                        on_change.run(v);
                    }
                }
            />
            <span class="slider-value" data-testid=format!("{testid}-value")>
                {move || shown.get()}
            </span>
        </label>
    }
}
