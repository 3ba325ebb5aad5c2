//! One module per command.

pub mod analyze;
pub mod generate;
pub mod import;
pub mod map;
pub mod scan;
pub mod template;
