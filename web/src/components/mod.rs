//! Small pieces of the screen, each named for what the user sees.
mod charts;
mod field;
mod header;
mod notice_bar;
mod storage_problem;
mod time_travel;
mod undo_redo;

pub use charts::{Bar, BarChart, WeekChart, WeekColumn};
pub use field::{input_value, select_value, Field};
pub use header::{AppHeader, SkipLink};
pub use notice_bar::{ui_error, NoticeBar};
pub use storage_problem::StorageProblem;
pub use time_travel::TimeTravelBanner;
pub use undo_redo::UndoRedo;
