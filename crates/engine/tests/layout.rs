//! What must always hold for the map's layout, on seeded process-map-like graphs of 12 to
//! 150 nodes and on the maps of the real logs: no boxes overlap, no label sits on a box,
//! every edge is drawn from its source's box to its target's, Start is on top and End at the
//! bottom, and the same graph always gives the same drawing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use casemap_engine::discovery::Selection;
use casemap_engine::discovery::draw::{MapDrawing, Measure, NodeKind};
use casemap_engine::discovery::map::{MapOptions, process_map};
use casemap_engine::format::Lang;
use casemap_engine::ingest::{ImportOptions, import_bytes};
use casemap_engine::layout::quality::{crossings, labels_on_nodes, overlapping_nodes};
use casemap_engine::layout::sample::seeded_map;
use casemap_engine::layout::{Layout, Point, Rect, layout};

/// Seeded maps: (nodes, edges, seed).
const SEEDED: &[(usize, usize, u64)] = &[
    (12, 30, 1),
    (16, 40, 2),
    (20, 60, 3),
    (24, 70, 4),
    (32, 120, 5),
    (40, 150, 6),
    (62, 300, 7),
    (100, 400, 8),
    (150, 700, 9),
];

fn touches(point: Point, rect: &Rect) -> bool {
    let margin = 1.0;
    point.x >= rect.x - margin
        && point.x <= rect.x + rect.width + margin
        && point.y >= rect.y - margin
        && point.y <= rect.y + rect.height + margin
}

fn check(name: &str, graph: &casemap_engine::layout::Graph, drawn: &Layout) {
    assert_eq!(overlapping_nodes(drawn), vec![], "{name}: boxes overlap");
    assert_eq!(labels_on_nodes(drawn), vec![], "{name}: labels on boxes");
    assert_eq!(drawn.edges.len(), graph.edges.len(), "{name}: every edge is drawn");
    for (i, (edge, route)) in graph.edges.iter().zip(&drawn.edges).enumerate() {
        let (first, last) = (route.points[0], route.points[route.points.len() - 1]);
        assert!(touches(first, &drawn.nodes[edge.from]), "{name}: edge {i} does not leave its source");
        assert!(touches(last, &drawn.nodes[edge.to]), "{name}: edge {i} does not reach its target");
    }
    let (start, end) = (graph.first.unwrap(), graph.last.unwrap());
    for (v, rect) in drawn.nodes.iter().enumerate() {
        if v != start {
            assert!(rect.y > drawn.nodes[start].y, "{name}: node {v} above Start");
        }
        if v != end {
            assert!(rect.y < drawn.nodes[end].y, "{name}: node {v} below End");
        }
        assert!(rect.x >= 0.0 && rect.x + rect.width <= drawn.width, "{name}: node {v} outside the drawing");
    }
}

#[test]
fn seeded_maps_are_drawn_cleanly_and_the_same_every_time() {
    for &(nodes, edges, seed) in SEEDED {
        let graph = seeded_map(nodes, edges, seed);
        let name = format!("{nodes} nodes / {} edges", graph.edges.len());
        let drawn = layout(&graph);
        check(&name, &graph, &drawn);
        assert_eq!(layout(&graph), drawn, "{name}: the same graph gives the same layout");
        if nodes <= 40 {
            // Crossings are counted on the drawn curves (slow for big maps in a debug build).
            let _ = crossings(&drawn);
        }
    }
}

#[test]
fn the_maps_of_the_real_logs_are_drawn_cleanly() {
    let data = common::shared_data();
    for file in ["helpdesk.csv", "receipt.csv", "sepsis.csv", "bpic2012.csv"] {
        let bytes = std::fs::read(data.join(file)).unwrap();
        let log = import_bytes(&bytes, &ImportOptions::default()).unwrap().log;
        for paths in [0.0, 20.0, 100.0] {
            let map = process_map(&log, Selection::All, MapOptions { activities: 100.0, paths });
            let drawing = MapDrawing::new(&log, &map, Measure::Cases, Lang::En);
            let name = format!("{file} at {paths} % of paths");
            let boxes: Vec<Rect> = drawing.nodes.iter().map(|n| n.rect).collect();
            let as_layout =
                Layout { nodes: boxes.clone(), edges: Vec::new(), width: drawing.width, height: drawing.height };
            assert_eq!(overlapping_nodes(&as_layout), vec![], "{name}: boxes overlap");
            assert_eq!(drawing.edges.len(), map.shown.len(), "{name}: every shown path is drawn");
            for edge in &drawing.edges {
                assert!(
                    !boxes.iter().any(|r| touches(edge.label_at, r) && !edge.label.is_empty()),
                    "{name}: the label of {} -> {} is on a box",
                    edge.from,
                    edge.to
                );
            }
            let start = drawing.nodes.iter().find(|n| n.kind == NodeKind::Start).unwrap().rect;
            let end = drawing.nodes.iter().find(|n| n.kind == NodeKind::End).unwrap().rect;
            assert!(
                drawing.nodes.iter().all(|n| n.kind == NodeKind::Start || n.rect.y > start.y),
                "{name}: Start on top"
            );
            assert!(
                drawing.nodes.iter().all(|n| n.kind == NodeKind::End || n.rect.y < end.y),
                "{name}: End at the bottom"
            );
            assert_eq!(MapDrawing::new(&log, &map, Measure::Cases, Lang::En), drawing, "{name}: deterministic");
        }
    }
}
