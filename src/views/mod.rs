//! One module per view of the page.

pub mod analyses;
pub mod cases;
pub mod charts;
pub mod compare;
pub mod endings;
pub mod filter_editor;
pub mod filters;
pub mod job;
pub mod kpis;
pub mod landing;
pub mod loaded;
pub mod map;
pub mod mapping;
pub mod messages;
pub mod toast;
pub mod variants;
pub mod warehouse;
pub mod workspace;
