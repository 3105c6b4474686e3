//! Hooks shared by the pages.
pub mod use_command;

pub use self::use_command::{use_command, CommandHandle};
