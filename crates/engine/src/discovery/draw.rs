//! The process map as a drawing: boxes, curves and labels, laid out by [`crate::layout`], and
//! written as SVG. The CLI's `casemap map` writes [`MapDrawing::to_svg`]; the app draws the
//! same [`MapDrawing`] with the same structure, so both show the same map.
//!
//! # SVG structure (a contract: tests read maps through it)
//! - each activity: `<g class="activity" data-activity="NAME">` holding its box as a `<rect>`
//!   with absolute coordinates, then the name and the measure as `<text>`;
//! - Start and End: `<g class="start|end" data-activity="__start__|__end__">` with a
//!   `<circle>`;
//! - each edge: `<g class="edge" data-from="A" data-to="B">` holding a `<path>` and its label.
//!
//! Every name is escaped (activity names are untrusted input).

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::dfg::{END, Node, START};
use super::map::ProcessMap;
use super::stats::DurationStats;
use crate::format::{self, Lang};
use crate::layout::{self, Anchor, EdgeSpec, Graph, NodeSize, Point, Rect};
use crate::log::EventLog;

/// What the map's labels and shading show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Measure {
    /// Cases that pass (frequency).
    #[default]
    Cases,
    /// Events, and edge occurrences (frequency).
    Events,
    /// Median waiting time on edges, median activity duration (performance).
    Median,
    /// Mean.
    Mean,
    /// Maximum.
    Max,
    /// Total.
    Total,
}

impl Measure {
    /// Every measure, frequency first. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Measure] = <Measure as VariantArray>::VARIANTS;

    /// Whether the measure is a time (performance view) rather than a count.
    pub fn is_performance(self) -> bool {
        !matches!(self, Measure::Cases | Measure::Events)
    }

    /// The measure's name on the command line and in the app's state.
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The measure named `code`.
    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.iter().copied().find(|m| m.code() == code)
    }

    fn of(self, stats: &DurationStats) -> f64 {
        match self {
            Measure::Mean => stats.mean,
            Measure::Max => stats.max,
            Measure::Total => stats.total,
            _ => stats.median,
        }
    }
}

/// What a drawn node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The artificial start.
    Start,
    /// An activity.
    Activity,
    /// The artificial end.
    End,
}

/// A drawn node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawnNode {
    /// Its node in the graph.
    pub node: Node,
    /// Start, End or activity.
    pub kind: NodeKind,
    /// The activity's name (`__start__`, `__end__` for the artificial nodes).
    pub name: String,
    /// The name as shown (shortened with an ellipsis when very long).
    pub title: String,
    /// The measure, formatted (empty when it does not apply).
    pub value: String,
    /// 0 to 1: how strongly the box is shaded (its measure against the largest).
    pub shade: f64,
    /// The box.
    pub rect: Rect,
    /// Its rank (row) in the layout.
    #[serde(default)]
    pub rank: usize,
}

/// A drawn edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawnEdge {
    /// Index into the map's `dfg.edges`.
    pub edge: usize,
    /// Source name (`__start__` for Start).
    pub from: String,
    /// Target name (`__end__` for End).
    pub to: String,
    /// SVG path data.
    pub path: String,
    /// The measure, formatted.
    pub label: String,
    /// Label centre.
    pub label_at: Point,
    /// Stroke width (follows frequency).
    pub width: f64,
    /// 0 to 1: how slow the edge is against the slowest (performance view), else 0.
    pub heat: f64,
    /// Drawn upwards (a loop back).
    pub reversed: bool,
}

/// A laid-out, labelled map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapDrawing {
    /// Nodes: Start, the activities, End.
    pub nodes: Vec<DrawnNode>,
    /// Shown edges.
    pub edges: Vec<DrawnEdge>,
    /// Size of the drawing.
    pub width: f64,
    /// Size of the drawing.
    pub height: f64,
    /// The measure shown.
    pub measure: Measure,
}

/// Longest name shown in full, in characters.
const NAME_CHARS: usize = 34;
const FONT_WIDTH: f64 = 7.0;
const NODE_HEIGHT: f64 = 42.0;
const TERMINAL: f64 = 26.0;

/// Estimated width of a text at the map's font size (wide scripts count double).
pub fn text_width(text: &str) -> f64 {
    text.chars().map(|c| if c as u32 >= 0x2E80 { FONT_WIDTH * 1.9 } else { FONT_WIDTH }).sum()
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        name.chars().take(NAME_CHARS - 1).chain(['…']).collect()
    }
}

/// Where a drawing of the full map put each node: [`MapDrawing::anchors`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapAnchors(Vec<(Node, Anchor)>);

impl MapAnchors {
    /// The anchors of the map of `reference`, a graph of the selection's most frequent
    /// activities (see [`reference_activities`](super::map::reference_activities)), with every
    /// path: what the app's sliders and `casemap map` keep still.
    pub fn of_reference(
        log: &EventLog,
        reference: &super::dfg::Dfg,
        activities_total: usize,
        lang: Lang,
    ) -> MapAnchors {
        let whole = super::map::with_paths(reference.clone(), activities_total, Some(100.0));
        MapDrawing::new(log, &whole, Measure::Cases, lang).anchors()
    }

    /// The anchors of the full map (every activity, every path) of `full`, the graph of a
    /// selection with every activity.
    pub fn of_full_map(log: &EventLog, full: &super::dfg::Dfg, lang: Lang) -> MapAnchors {
        Self::of_reference(log, full, full.activities.len(), lang)
    }

    /// Where `node` was, if it was drawn.
    pub fn of(&self, node: Node) -> Option<Anchor> {
        self.0.binary_search_by_key(&node, |a| a.0).ok().map(|i| self.0[i].1)
    }
}

/// An edge's figure for `measure`: its case or event count, or its waiting time (none when
/// the edge has no waiting times).
fn measure_of_edge(e: &super::dfg::Edge, measure: Measure) -> Option<f64> {
    match measure {
        Measure::Cases => Some(e.cases as f64),
        Measure::Events => Some(e.frequency as f64),
        m => e.waiting.as_ref().map(|w| m.of(w)),
    }
}

/// What a drawing's boxes and paths say, when the caller says it (a difference map) rather
/// than a [`Measure`] of the map's own figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// Per activity of the map's graph (in its order): the text under the name and how
    /// strongly the box is shaded (0 to 1).
    pub activities: Vec<(String, f64)>,
    /// Per shown edge (in the map's order): its label and heat (0 to 1).
    pub edges: Vec<(String, f64)>,
}

impl Labels {
    /// The labels of `measure`: counts or times, shaded against the largest.
    pub fn of(map: &ProcessMap, measure: Measure, lang: Lang) -> Labels {
        let text = |v: Option<f64>| match v {
            Some(v) if measure.is_performance() => format::duration(v, lang),
            Some(v) => format::count(v as u64, lang),
            None => String::new(),
        };
        let against = |v: Option<f64>, largest: f64| match v {
            Some(v) if largest > 0.0 => (v / largest).clamp(0.0, 1.0),
            _ => 0.0,
        };
        let activity_value = |a: &super::dfg::ActivityStats| -> Option<f64> {
            match measure {
                Measure::Cases => Some(a.cases as f64),
                Measure::Events => Some(a.events as f64),
                m => a.duration.as_ref().map(|d| m.of(d)),
            }
        };
        let largest = map.dfg.activities.iter().filter_map(activity_value).fold(0.0, f64::max);
        let activities =
            map.dfg.activities.iter().map(activity_value).map(|v| (text(v), against(v, largest))).collect();
        let slowest = map.edges().filter_map(|e| measure_of_edge(e, measure)).fold(0.0, f64::max);
        let edges = map
            .edges()
            .map(|e| {
                let v = measure_of_edge(e, measure);
                (text(v), if measure.is_performance() { against(v, slowest) } else { 0.0 })
            })
            .collect();
        Labels { activities, edges }
    }
}

impl MapDrawing {
    /// What the layout is given for `map`: the boxes sized to their text (Start first, End
    /// last), the shown edges with their frequency and label size.
    pub fn layout_input(log: &EventLog, map: &ProcessMap, measure: Measure, lang: Lang) -> Graph {
        Self::unplaced(log, map, &Labels::of(map, measure, lang), lang).1
    }

    /// The nodes (not yet placed) and the layout's input.
    fn unplaced(log: &EventLog, map: &ProcessMap, labels: &Labels, lang: Lang) -> (Vec<DrawnNode>, Graph) {
        let dfg = &map.dfg;
        let mut nodes: Vec<DrawnNode> = Vec::with_capacity(dfg.activities.len() + 2);
        let blank = Rect { x: 0.0, y: 0.0, width: 0.0, height: 0.0 };
        let terminal = |node: Node, kind: NodeKind, name: &str| DrawnNode {
            node,
            kind,
            name: name.to_string(),
            title: String::new(),
            value: format::count(dfg.cases, lang),
            shade: 0.0,
            rect: Rect { width: TERMINAL, height: TERMINAL, ..blank },
            rank: 0,
        };
        nodes.push(terminal(Node::Start, NodeKind::Start, START));
        for (a, (text, shade)) in dfg.activities.iter().zip(&labels.activities) {
            let name = log.activities.get(a.activity).unwrap_or_default().to_string();
            let title = shorten(&name);
            let width = (text_width(&title).max(text_width(text)) + 28.0).max(96.0);
            nodes.push(DrawnNode {
                node: Node::Activity(a.activity),
                kind: NodeKind::Activity,
                shade: *shade,
                name,
                title,
                value: text.clone(),
                rect: Rect { width, height: NODE_HEIGHT, ..blank },
                rank: 0,
            });
        }
        nodes.push(terminal(Node::End, NodeKind::End, END));
        let graph = Graph {
            nodes: nodes.iter().map(|n| NodeSize { width: n.rect.width, height: n.rect.height }).collect(),
            edges: map
                .edges()
                .zip(&labels.edges)
                .map(|(e, (label, _))| EdgeSpec {
                    from: dfg.position(e.from),
                    to: dfg.position(e.to),
                    weight: e.frequency as f64,
                    label: NodeSize { width: text_width(label) + 8.0, height: 16.0 },
                })
                .collect(),
            first: Some(0),
            last: Some(nodes.len() - 1),
        };
        (nodes, graph)
    }

    /// Lays out and labels `map` with `measure`, numbers in `lang`.
    pub fn new(log: &EventLog, map: &ProcessMap, measure: Measure, lang: Lang) -> MapDrawing {
        Self::new_stable(log, map, measure, lang, None)
    }

    /// Where this drawing put each node, to draw a simplification of the same map with its
    /// nodes in the same places ([`MapDrawing::new_stable`]).
    pub fn anchors(&self) -> MapAnchors {
        let mut anchors: Vec<(Node, Anchor)> =
            self.nodes.iter().map(|n| (n.node, Anchor { rank: n.rank, x: n.rect.center().x })).collect();
        anchors.sort_by_key(|a| a.0);
        MapAnchors(anchors)
    }

    /// Like [`MapDrawing::new`], but with the nodes where `anchors` (from the drawing of the
    /// full map) put them, so that moving a slider does not rearrange the map
    /// ([`layout::layout_stable`]). Without anchors, or with a node they do not know, the map
    /// is laid out afresh.
    pub fn new_stable(
        log: &EventLog,
        map: &ProcessMap,
        measure: Measure,
        lang: Lang,
        anchors: Option<&MapAnchors>,
    ) -> MapDrawing {
        Self::labelled(log, map, measure, &Labels::of(map, measure, lang), lang, anchors)
    }

    /// Lays out `map` with the caller's `labels` (`measure` says whether they are times), with
    /// the nodes where `anchors` put them (see [`MapDrawing::new_stable`]).
    pub fn labelled(
        log: &EventLog,
        map: &ProcessMap,
        measure: Measure,
        labels: &Labels,
        lang: Lang,
        anchors: Option<&MapAnchors>,
    ) -> MapDrawing {
        let (mut nodes, graph) = Self::unplaced(log, map, labels, lang);
        let max_frequency = map.edges().map(|e| e.frequency).max().unwrap_or(1).max(1) as f64;
        let layout = match anchors {
            Some(anchors) => {
                let placed: Vec<Option<Anchor>> = nodes.iter().map(|n| anchors.of(n.node)).collect();
                layout::layout_stable(&graph, &placed)
            }
            None => layout::layout(&graph),
        };
        for ((node, rect), &rank) in nodes.iter_mut().zip(&layout.nodes).zip(&layout.ranks) {
            node.rect = *rect;
            node.rank = rank;
        }
        let edges = map
            .shown
            .iter()
            .zip(map.edges())
            .zip(layout.edges)
            .zip(&labels.edges)
            .map(|(((&i, e), route), (label, heat))| DrawnEdge {
                edge: i,
                from: e.from.name(log).to_string(),
                to: e.to.name(log).to_string(),
                path: route.svg_path(),
                label: label.clone(),
                label_at: route.label,
                width: 1.0 + 7.0 * (e.frequency as f64 / max_frequency).sqrt(),
                heat: *heat,
                reversed: route.reversed,
            })
            .collect();
        MapDrawing { nodes, edges, width: layout.width, height: layout.height, measure }
    }

    /// The drawing as a standalone SVG document (structure in the module docs).
    pub fn to_svg(&self) -> String {
        use std::fmt::Write;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.1} {h:.1}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif" font-size="12">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b6472"/></marker></defs>
<rect width="100%" height="100%" fill="#ffffff"/>
"##,
            w = self.width,
            h = self.height
        );
        for e in &self.edges {
            let color = edge_color(e.heat);
            let _ = writeln!(
                svg,
                r##"<g class="edge" data-from="{}" data-to="{}"><path d="{}" fill="none" stroke="{color}" stroke-width="{:.1}" stroke-opacity="0.8" marker-end="url(#arrow)"{}/><text x="{:.1}" y="{:.1}" text-anchor="middle" dominant-baseline="middle" fill="#3d4450" paint-order="stroke" stroke="#ffffff" stroke-width="3">{}</text></g>"##,
                escape(&e.from),
                escape(&e.to),
                e.path,
                e.width,
                if e.reversed { r#" stroke-dasharray="5 3""# } else { "" },
                e.label_at.x,
                e.label_at.y,
                escape(&e.label)
            );
        }
        for n in &self.nodes {
            let c = n.rect.center();
            match n.kind {
                NodeKind::Activity => {
                    let fill = node_fill(n.shade, self.measure.is_performance());
                    let ink = if n.shade > 0.55 { "#ffffff" } else { "#1d2330" };
                    let _ = writeln!(
                        svg,
                        r##"<g class="activity" data-activity="{name}"><title>{name}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="{fill}" stroke="#3d4450" stroke-width="1"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}" font-weight="600">{}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}">{}</text></g>"##,
                        n.rect.x,
                        n.rect.y,
                        n.rect.width,
                        n.rect.height,
                        c.x,
                        c.y - 3.0,
                        escape(&n.title),
                        c.x,
                        c.y + 12.0,
                        escape(&n.value),
                        name = escape(&n.name),
                    );
                }
                NodeKind::Start | NodeKind::End => {
                    let (class, fill, stroke) = if n.kind == NodeKind::Start {
                        ("start", "#2f9e6e", "#1f7a52")
                    } else {
                        ("end", "#c0392b", "#8e2a1f")
                    };
                    let _ = writeln!(
                        svg,
                        r#"<g class="{class}" data-activity="{}"><circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{fill}" stroke="{stroke}" stroke-width="2"/></g>"#,
                        escape(&n.name),
                        c.x,
                        c.y,
                        n.rect.width / 2.0
                    );
                }
            }
        }
        svg.push_str("</svg>\n");
        svg
    }
}

/// A box's fill: from white to blue (frequency) or to red (performance) as the shade grows.
pub fn node_fill(shade: f64, performance: bool) -> String {
    let (r, g, b) = if performance { (178.0, 34.0, 34.0) } else { (31.0, 78.0, 155.0) };
    let t = 0.08 + 0.92 * shade.clamp(0.0, 1.0);
    let mix = |c: f64| (255.0 + (c - 255.0) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

/// A box's fill as a class: `heat-f0` to `heat-f10` (frequency) or `heat-p0` to `heat-p10`
/// (performance), the shade in tenths. The page puts it beside the `fill` attribute so that
/// its stylesheet can give each step a colour of its theme (the dark theme's fills stay dark
/// enough for light text); [`MapDrawing::to_svg`] keeps plain colours, for any viewer.
pub fn node_class(shade: f64, performance: bool) -> String {
    let step = (shade.clamp(0.0, 1.0) * 10.0).round() as u8;
    format!("heat-{}{step}", if performance { 'p' } else { 'f' })
}

/// An edge's stroke: grey, turning red as it gets slower (performance view).
pub fn edge_color(heat: f64) -> String {
    let t = heat.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(91.0, 200.0), mix(100.0, 40.0), mix(114.0, 40.0))
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::dfg::tests::log;
    use crate::discovery::map::{MapOptions, process_map};
    use crate::log::Selection;

    #[test]
    fn the_svg_names_every_activity_and_edge_and_escapes_them() {
        let log = log(&[
            ("1", "<b>Open</b> & \"go\"", 0),
            ("1", "Close", 90),
            ("2", "<b>Open</b> & \"go\"", 0),
            ("2", "Close", 30),
        ]);
        let map = process_map(&log, Selection::All, MapOptions::default());
        let drawing = MapDrawing::new(&log, &map, Measure::Median, Lang::En);
        let svg = drawing.to_svg();
        assert!(svg.contains(r#"data-activity="&lt;b&gt;Open&lt;/b&gt; &amp; &quot;go&quot;""#));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(r#"data-from="__start__""#));
        assert!(svg.contains(r#"data-to="__end__""#));
        assert_eq!(svg.matches(r#"<g class="edge""#).count(), 3);
        // The edge's label is its median wait: 30 and 90 minutes -> 1 h.
        let edge = drawing.edges.iter().find(|e| e.from != START && e.to != END).unwrap();
        assert_eq!(edge.label, format::duration(3600.0, Lang::En));
    }

    #[test]
    fn measures_round_trip_by_code() {
        for &m in Measure::ALL {
            assert_eq!(Measure::from_code(m.code()), Some(m));
        }
        assert_eq!(node_fill(0.0, false).len(), 7);
    }

    #[test]
    fn box_classes_name_the_shade_in_tenths() {
        assert_eq!(node_class(0.0, true), "heat-p0");
        assert_eq!(node_class(0.46, true), "heat-p5");
        assert_eq!(node_class(1.0, false), "heat-f10");
        assert_eq!(node_class(7.0, false), "heat-f10");
        assert_eq!(node_class(f64::NAN, true), "heat-p0");
    }
}
