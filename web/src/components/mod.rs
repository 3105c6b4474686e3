//! Small pieces of the screen, each named for what the user sees.
mod field;
mod header;
mod notice_bar;
mod storage_problem;
pub mod timeline;

pub use field::{input_value, select_value, Field};
pub use header::{AppHeader, SkipLink};
pub use notice_bar::{ui_error, NoticeBar};
pub use storage_problem::StorageProblem;
