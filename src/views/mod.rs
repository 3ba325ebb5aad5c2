//! One module per view of the page.

pub mod job;
pub mod landing;
pub mod loaded;
pub mod mapping;
pub mod messages;
