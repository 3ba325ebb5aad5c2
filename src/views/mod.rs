//! One module per view of the page.

pub mod cases;
pub mod charts;
pub mod job;
pub mod landing;
pub mod loaded;
pub mod map;
pub mod mapping;
pub mod messages;
pub mod variants;
pub mod workspace;
