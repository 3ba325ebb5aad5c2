//! The ideal process drawn as a BPMN diagram: tasks as rounded boxes, gateways as diamonds
//! (× exclusive, + parallel, ○ inclusive), start and end events as circles, flows as arrows,
//! laid out left to right by the engine's layered layout (the diagram its BPMN export holds).
//! Each task shows the share of cases that did it where the model wanted it.
//!
//! Activity names are untrusted input: they go in as text nodes only.

use std::collections::BTreeMap;

use casemap_engine::conformance::bpmn::{BpmnKind, DrawnNode, ModelDrawing};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use crate::i18n::*;

/// Margin around the drawing.
const MARGIN: f64 = 12.0;
/// Characters per line of a task's label.
const LINE: usize = 16;

/// A task's label in at most three lines of about [`LINE`] characters (words kept whole where
/// they fit), the last shortened with "…".
fn lines(label: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match out.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LINE => {
                line.push(' ');
                line.push_str(word);
            }
            _ => out.push(word.to_owned()),
        }
    }
    if out.len() > 3 {
        out.truncate(3);
        out[2].push('…');
    }
    for line in &mut out {
        if line.chars().count() > LINE + 2 {
            *line = line.chars().take(LINE).collect::<String>() + "…";
        }
    }
    out
}

/// Per activity, the cases that passed it, and all cases.
pub(super) type Passes = (BTreeMap<String, u64>, u64);

fn node(n: DrawnNode, passes: Option<&Passes>, lang: Lang) -> AnyView {
    let b = n.bounds;
    let (cx, cy) = (b.x + b.width / 2.0, b.y + b.height / 2.0);
    match n.kind {
        BpmnKind::Task => {
            let label = lines(&n.label);
            let share = passes
                .filter(|(_, all)| *all > 0)
                .map(|(by, all)| by.get(&n.label).copied().unwrap_or(0) as f64 / *all as f64);
            // With a share at the bottom, the label sits a little higher.
            let first = cy - (label.len() as f64 - 1.0) * 7.0 - if share.is_some() { 6.0 } else { 0.0 };
            let texts = label
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    view! {
                        <text x=cx y=first + i as f64 * 14.0 text-anchor="middle" dominant-baseline="middle">
                            {line}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <g class="bpmn-task" data-testid="model-task">
                    <title>{n.label.clone()}</title>
                    <rect x=b.x y=b.y width=b.width height=b.height rx="8" />
                    {texts}
                    {share
                        .map(|share| {
                            view! {
                                <text
                                    class="bpmn-share"
                                    data-testid="model-task-share"
                                    x=cx
                                    y=b.y + b.height - 9.0
                                    text-anchor="middle"
                                >
                                    {format::percent(share, lang)}
                                </text>
                            }
                        })}
                </g>
            }
            .into_any()
        }
        kind if kind.is_gateway() => {
            let points = format!("{cx},{} {},{cy} {cx},{} {},{cy}", b.y, b.x + b.width, b.y + b.height, b.x);
            let mark = match kind {
                BpmnKind::ParallelGateway => "+",
                BpmnKind::InclusiveGateway => "○",
                _ => "×",
            };
            view! {
                <g class="bpmn-gateway" data-testid="model-gateway">
                    <polygon points=points />
                    <text x=cx y=cy text-anchor="middle" dominant-baseline="central">
                        {mark}
                    </text>
                </g>
            }
            .into_any()
        }
        kind => {
            let class = match kind {
                BpmnKind::StartEvent => "bpmn-event bpmn-start",
                BpmnKind::EndEvent => "bpmn-event bpmn-end",
                _ => "bpmn-event",
            };
            view! {
                <g class=class data-testid="model-event">
                    <circle cx=cx cy=cy r=b.width.min(b.height) / 2.0 />
                </g>
            }
            .into_any()
        }
    }
}

/// The model, drawn.
#[component]
pub(super) fn ModelDiagram(
    drawing: ModelDrawing,
    /// The cases that passed each task, when the cases were checked.
    passes: Option<Passes>,
    lang: Lang,
) -> impl IntoView {
    let i18n = use_i18n();
    let (width, height) = (drawing.width + 2.0 * MARGIN, drawing.height + 2.0 * MARGIN);
    let flows = drawing
        .flows
        .iter()
        .map(|points| {
            let points = points.iter().map(|p| format!("{},{}", p.x, p.y)).collect::<Vec<_>>().join(" ");
            view! { <polyline class="bpmn-flow" points=points marker-end="url(#bpmn-arrow)" /> }
        })
        .collect_view();
    let nodes = drawing.nodes.into_iter().map(|n| node(n, passes.as_ref(), lang)).collect_view();
    view! {
        <div class="model-scroll">
            <svg
                class="model-diagram"
                data-testid="model-diagram"
                role="img"
                aria-label=move || t_string!(i18n, conformance.model_title).to_string()
                width=width
                height=height
                viewBox=format!("{} {} {width} {height}", -MARGIN, -MARGIN)
            >
                <defs>
                    <marker
                        id="bpmn-arrow"
                        viewBox="0 0 10 10"
                        refX="10"
                        refY="5"
                        markerWidth="7"
                        markerHeight="7"
                        orient="auto-start-reverse"
                    >
                        <path d="M 0 0 L 10 5 L 0 10 z" class="bpmn-arrow" />
                    </marker>
                </defs>
                {flows}
                {nodes}
            </svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn labels_wrap_on_words_and_stop_at_three_lines() {
        assert_eq!(lines("Initial Acknowledgement Sent"), ["Initial", "Acknowledgement", "Sent"]);
        assert_eq!(lines("Case Resolved"), ["Case Resolved"]);
        assert_eq!(lines("a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9").len(), 3);
        assert!(lines("Averyveryveryverylongsingleword")[0].ends_with('…'));
    }
}
