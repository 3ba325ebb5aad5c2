//! One module per command.

pub mod generate;
pub mod import;
pub mod scan;
pub mod template;
