//! Reusable building blocks of the views: ranked tables whose rows can become filters, figure
//! cards, the charts (bars, lines, plotters' drawings) and what they share, the notice that
//! names what a log lacks, and the buttons that leave a job's step.
//!
//! Widgets import no view (`crate::views`): views are built from widgets, never the other way
//! round, so a widget can be used anywhere without an import cycle.
//!
//! Every text goes in as a text node or through plotters (which escapes it): activity names,
//! values and agents are untrusted input.

pub mod actions;
pub mod bars;
pub mod drawn;
pub mod field;
pub mod figure;
pub mod line;
pub mod needs;
pub mod plot;
pub mod table;

pub use actions::{BackToMapping, ChooseAnother, WarehouseStart};
pub use bars::BarChart;
pub use drawn::{ArrowMarker, DrawnChart};
pub use field::{CheckField, InputField};
pub use figure::{Figure, Sparkline};
pub use line::LineChart;
pub use needs::NeedsNotice;
pub use plot::Axis;
pub use table::{Cell, DataTable, GroupTable, GroupTables, Row};
