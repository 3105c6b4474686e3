//! Hooks shared by the pages.
pub mod use_command;
pub mod use_complete_log;
pub mod use_snapshot_keeper;

pub use self::use_command::{use_command, CommandHandle};
pub use self::use_complete_log::{use_complete_log, CompleteLog};
pub use self::use_snapshot_keeper::use_snapshot_keeper;
