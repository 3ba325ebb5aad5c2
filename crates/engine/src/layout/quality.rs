//! Measures of a drawing's quality, as the layout's tests and benchmarks judge it: crossings
//! counted on the drawn curves, the drawing's area, overlapping boxes, labels on boxes.

use super::types::{EdgeRoute, Layout, MARGIN, Point, Rect};

/// Segments each cubic curve piece is flattened into.
const SEGMENTS_PER_PIECE: usize = 8;
/// Height of the bands segments are sorted into for counting crossings.
const BAND: f64 = 16.0;
/// Crossings this close to a box (pixels) are where edges meet at a node, not crossings.
const NEAR_NODE: f64 = 4.0;

/// A curve of cubic Bezier pieces as a polyline: each piece cut into short segments.
fn flatten(pieces: &[[Point; 4]]) -> Vec<Point> {
    let mut out: Vec<Point> = pieces.first().map(|p| p[0]).into_iter().collect();
    for &[p1, c1, c2, p2] in pieces {
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
    let curves: Vec<Vec<[Point; 4]>> = layout.edges.iter().map(EdgeRoute::bezier_pieces).collect();
    crossings_of(&curves, &layout.nodes)
}

/// Crossings between curves given as cubic Bezier pieces (any drawing's: Graphviz dot's too),
/// ignoring those within a few pixels of a box in `nodes`.
pub fn crossings_of(curves: &[Vec<[Point; 4]>], nodes: &[Rect]) -> u64 {
    // Segments go into horizontal bands by the y they span; two segments can only cross in a
    // band both reach, and each crossing is counted in the band that holds it.
    let segments: Vec<(usize, Point, Point)> = curves
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            let line = flatten(c);
            line.windows(2).map(move |w| (i, w[0], w[1])).collect::<Vec<_>>()
        })
        .collect();
    let (low, high) =
        segments.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &(_, a, b)| (lo.min(a.y).min(b.y), hi.max(a.y).max(b.y)));
    if segments.is_empty() {
        return 0;
    }
    let band_of = |y: f64| ((y - low) / BAND) as usize;
    let mut bands: Vec<Vec<usize>> = vec![Vec::new(); band_of(high) + 1];
    for (k, &(_, a, b)) in segments.iter().enumerate() {
        for members in &mut bands[band_of(a.y.min(b.y))..=band_of(a.y.max(b.y))] {
            members.push(k);
        }
    }
    let mut count = 0;
    for (band, members) in bands.iter().enumerate() {
        for (j, &s) in members.iter().enumerate() {
            let (ci, a, b) = segments[s];
            let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
            for &t in &members[j + 1..] {
                let (cj, c, d) = segments[t];
                if ci == cj || c.x.min(d.x) > x1 || c.x.max(d.x) < x0 {
                    continue;
                }
                if let Some(p) = intersect(a, b, c, d)
                    && band_of(p.y) == band
                    && !nodes.iter().any(|r| near(p, r, NEAR_NODE))
                {
                    count += 1;
                }
            }
        }
    }
    count
}

/// The drawing's area (width x height) without its margin.
pub fn area(layout: &Layout) -> f64 {
    (layout.width - 2.0 * MARGIN).max(0.0) * (layout.height - 2.0 * MARGIN).max(0.0)
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

/// How much a layout changed from `before` to `after`, over the nodes in both (`same`: pairs
/// of a node's index in `before` and in `after`): the mean distance its centre moved, in mean
/// node widths, and the share of node pairs whose left-to-right order reversed (pairs within a
/// pixel of one above the other, before or after, have no order to reverse).
pub fn stability(before: &Layout, after: &Layout, same: &[(usize, usize)]) -> (f64, f64) {
    if same.is_empty() {
        return (0.0, 0.0);
    }
    let width = same.iter().map(|&(a, _)| before.nodes[a].width).sum::<f64>() / same.len() as f64;
    let moved = same
        .iter()
        .map(|&(a, b)| {
            let (p, q) = (before.nodes[a].center(), after.nodes[b].center());
            ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt()
        })
        .sum::<f64>()
        / same.len() as f64
        / width.max(1.0);
    let (mut pairs, mut reversed) = (0u64, 0u64);
    for (i, &(a1, b1)) in same.iter().enumerate() {
        for &(a2, b2) in &same[i + 1..] {
            let before_dx = before.nodes[a1].center().x - before.nodes[a2].center().x;
            let after_dx = after.nodes[b1].center().x - after.nodes[b2].center().x;
            pairs += 1;
            // Nodes one above the other (within a pixel) have no left-to-right order to lose.
            if before_dx.abs() > 1.0 && after_dx.abs() > 1.0 && before_dx * after_dx < 0.0 {
                reversed += 1;
            }
        }
    }
    (moved, reversed as f64 / pairs.max(1) as f64)
}

/// Edges whose drawn curve passes through a box other than its own ends' (by more than a few
/// pixels): (edge, node). `ends` gives each edge's (from, to) node.
pub fn edges_through_nodes(layout: &Layout, ends: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let inset = NEAR_NODE;
    let mut found = Vec::new();
    for (e, route) in layout.edges.iter().enumerate() {
        let line = flatten(&route.bezier_pieces());
        for (v, rect) in layout.nodes.iter().enumerate() {
            if ends.get(e).is_some_and(|&(a, b)| a == v || b == v)
                || rect.width <= 2.0 * inset
                || rect.height <= 2.0 * inset
            {
                continue;
            }
            let inner = Rect {
                x: rect.x + inset,
                y: rect.y + inset,
                width: rect.width - 2.0 * inset,
                height: rect.height - 2.0 * inset,
            };
            let corners = [
                Point { x: inner.x, y: inner.y },
                Point { x: inner.x + inner.width, y: inner.y },
                Point { x: inner.x + inner.width, y: inner.y + inner.height },
                Point { x: inner.x, y: inner.y + inner.height },
            ];
            let hits = line.windows(2).any(|s| {
                near(s[0], &inner, 0.0)
                    || near(s[1], &inner, 0.0)
                    || (0..4).any(|k| intersect(s[0], s[1], corners[k], corners[(k + 1) % 4]).is_some())
            });
            if hits {
                found.push((e, v));
            }
        }
    }
    found
}
