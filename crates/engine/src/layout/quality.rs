//! Measures of a drawing's quality, as the layout's tests and benchmarks judge it: crossings
//! counted on the drawn curves, the drawing's area, overlapping boxes, labels on boxes.

use super::{EdgeRoute, Layout, Point, Rect};

/// Segments each cubic curve piece is flattened into.
const SEGMENTS_PER_PIECE: usize = 8;
/// Crossings this close to a box (pixels) are where edges meet at a node, not crossings.
const NEAR_NODE: f64 = 4.0;

/// A route's curve as a polyline: each Bezier piece cut into short segments.
fn flatten(route: &EdgeRoute) -> Vec<Point> {
    let mut out: Vec<Point> = route.points.first().copied().into_iter().collect();
    for [p1, c1, c2, p2] in route.bezier_pieces() {
        for s in 1..=SEGMENTS_PER_PIECE {
            let t = s as f64 / SEGMENTS_PER_PIECE as f64;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            out.push(Point {
                x: a * p1.x + b * c1.x + c * c2.x + d * p2.x,
                y: a * p1.y + b * c1.y + c * c2.y + d * p2.y,
            });
        }
    }
    out
}

fn intersect(a: Point, b: Point, c: Point, d: Point) -> Option<Point> {
    let r = (b.x - a.x, b.y - a.y);
    let s = (d.x - c.x, d.y - c.y);
    let denominator = r.0 * s.1 - r.1 * s.0;
    if denominator.abs() < 1e-12 {
        return None;
    }
    let t = ((c.x - a.x) * s.1 - (c.y - a.y) * s.0) / denominator;
    let u = ((c.x - a.x) * r.1 - (c.y - a.y) * r.0) / denominator;
    ((0.0..1.0).contains(&t) && (0.0..1.0).contains(&u)).then_some(Point { x: a.x + t * r.0, y: a.y + t * r.1 })
}

fn near(point: Point, rect: &Rect, margin: f64) -> bool {
    point.x >= rect.x - margin
        && point.x <= rect.x + rect.width + margin
        && point.y >= rect.y - margin
        && point.y <= rect.y + rect.height + margin
}

/// Crossings between the drawn edges: pairs of flattened segments of two different edges that
/// intersect away from any box.
pub fn crossings(layout: &Layout) -> u64 {
    let curves: Vec<Vec<Point>> = layout.edges.iter().map(flatten).collect();
    // Bounding boxes first: most pairs of edges are far apart.
    let bounds: Vec<(f64, f64, f64, f64)> = curves
        .iter()
        .map(|c| {
            c.iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(x0, y0, x1, y1), p| {
                (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y))
            })
        })
        .collect();
    let mut count = 0;
    for i in 0..curves.len() {
        for j in i + 1..curves.len() {
            let (a, b) = (bounds[i], bounds[j]);
            if a.2 < b.0 || b.2 < a.0 || a.3 < b.1 || b.3 < a.1 {
                continue;
            }
            for s in curves[i].windows(2) {
                for t in curves[j].windows(2) {
                    if let Some(p) = intersect(s[0], s[1], t[0], t[1])
                        && !layout.nodes.iter().any(|r| near(p, r, NEAR_NODE))
                    {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

/// The drawing's area (width x height).
pub fn area(layout: &Layout) -> f64 {
    layout.width * layout.height
}

/// Pairs of boxes that overlap.
pub fn overlapping_nodes(layout: &Layout) -> Vec<(usize, usize)> {
    let n = &layout.nodes;
    let mut pairs = Vec::new();
    for i in 0..n.len() {
        for j in i + 1..n.len() {
            let (a, b) = (n[i], n[j]);
            if a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// Edges whose label centre lies on a box: (edge, node).
pub fn labels_on_nodes(layout: &Layout) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (e, route) in layout.edges.iter().enumerate() {
        for (v, rect) in layout.nodes.iter().enumerate() {
            if near(route.label, rect, 0.0) {
                found.push((e, v));
            }
        }
    }
    found
}
