//! One module per view of the page.

pub mod job;
pub mod landing;
