//! The layout's data: the graph it takes (node and label sizes, weighted edges, the first and
//! last node), the drawing it returns (boxes, edge routes, size and ranks), anchors for stable
//! layouts, and the spacing every phase keeps.

use serde::{Deserialize, Serialize};

/// A node to place: its box size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NodeSize {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// An edge to route.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EdgeSpec {
    /// Source node index.
    pub from: usize,
    /// Target node index.
    pub to: usize,
    /// Weight (frequency): heavier edges are kept straight and forward.
    pub weight: f64,
    /// Size of the edge's label box.
    pub label: NodeSize,
}

/// The graph to lay out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    /// Nodes.
    pub nodes: Vec<NodeSize>,
    /// Edges.
    pub edges: Vec<EdgeSpec>,
    /// The node placed first (Start), if any.
    pub first: Option<usize>,
    /// The node placed last (End), if any.
    pub last: Option<usize>,
}

/// A point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
}

/// A box, by its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// The centre.
    pub fn center(&self) -> Point {
        Point { x: self.x + self.width / 2.0, y: self.y + self.height / 2.0 }
    }
}

/// How an edge is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRoute {
    /// The points the curve passes through, from the source to the target.
    pub points: Vec<Point>,
    /// Centre of the label.
    pub label: Point,
    /// Whether the edge was reversed to break a cycle (it is drawn upwards).
    pub reversed: bool,
}

impl EdgeRoute {
    /// The curve through the points as cubic Bezier pieces `[from, control, control, to]`:
    /// it leaves the first point and reaches the last one vertically (ports on a box's top or
    /// bottom side) and passes smoothly through the points between (a Catmull-Rom spline whose
    /// slope there is limited to [`CORRIDOR_SLOPE`]).
    pub fn bezier_pieces(&self) -> Vec<[Point; 4]> {
        let p = &self.points;
        let last = p.len().saturating_sub(1);
        let tangent = |i: usize| -> (f64, f64) {
            if i == 0 {
                (0.0, p[1].y - p[0].y)
            } else if i == last {
                (0.0, p[last].y - p[last - 1].y)
            } else {
                // Through a dummy node the curve stays steep, so that within its rank it keeps
                // to its corridor between the boxes.
                let (tx, ty) = ((p[i + 1].x - p[i - 1].x) / 2.0, (p[i + 1].y - p[i - 1].y) / 2.0);
                (tx.clamp(-CORRIDOR_SLOPE * ty.abs(), CORRIDOR_SLOPE * ty.abs()), ty)
            }
        };
        (0..last)
            .map(|i| {
                let (t0, t1) = (tangent(i), tangent(i + 1));
                let (a, b) = (p[i], p[i + 1]);
                [
                    a,
                    Point { x: a.x + t0.0 / 3.0, y: a.y + t0.1 / 3.0 },
                    Point { x: b.x - t1.0 / 3.0, y: b.y - t1.1 / 3.0 },
                    b,
                ]
            })
            .collect()
    }

    /// An SVG path (`M ... C ...`) of the [pieces](Self::bezier_pieces).
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        let Some(first) = self.points.first() else { return d };
        d.push_str(&format!("M{:.1},{:.1}", first.x, first.y));
        for [_, c1, c2, to] in self.bezier_pieces() {
            d.push_str(&format!(" C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", c1.x, c1.y, c2.x, c2.y, to.x, to.y));
        }
        d
    }
}

/// A finished layout: boxes in node order, routes in edge order, and the drawing's size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Node boxes.
    pub nodes: Vec<Rect>,
    /// Edge routes.
    pub edges: Vec<EdgeRoute>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Each node's rank (row), from 0 at the top.
    pub ranks: Vec<usize>,
}

/// Where a node sat in an earlier layout: its rank and the x of its centre.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    /// Rank (row).
    pub rank: usize,
    /// x of the centre.
    pub x: f64,
}

impl Layout {
    /// Each node's place, to lay out a part of this graph with
    /// [`layout_stable`](super::layout_stable).
    pub fn anchors(&self) -> Vec<Anchor> {
        self.nodes.iter().zip(&self.ranks).map(|(r, &rank)| Anchor { rank, x: r.center().x }).collect()
    }
}

/// How x-coordinates are found in a fresh layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Placement {
    /// Each node pulled to its neighbours, order and spacing kept (least squares): the default,
    /// because it gives the smaller drawings with fewer crossings on the fixtures.
    #[default]
    LeastSquares,
    /// Brandes and Koepf's four alignments, balanced (in `place`); kept to compare against.
    BrandesKoepf,
    /// Brandes and Koepf's placement as the start of the least-squares sweeps.
    BrandesKoepfRefined,
}

/// Most horizontal run per vertical rise of a curve where it passes a dummy node: steep
/// enough to stay in the corridor between the boxes of that rank.
pub const CORRIDOR_SLOPE: f64 = 0.5;

/// Horizontal gap between boxes in a rank.
pub(super) const NODE_GAP: f64 = 28.0;

/// Vertical gap between ranks (room for the edges and their labels).
pub(super) const RANK_GAP: f64 = 56.0;

/// Margin around the drawing.
pub(super) const MARGIN: f64 = 24.0;
