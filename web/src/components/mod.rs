//! Small pieces of the screen, each named for what the user sees.
mod charts;
mod acting_enterprise;
mod booking_rules_form;
mod booth_picker;
mod fair_bookings;
mod field;
mod header;
mod hold_expiry;
mod notice_bar;
mod storage_problem;
mod time_travel;
mod undo_redo;
pub mod timeline;

pub use charts::{Bar, BarChart, WeekChart, WeekColumn};
pub use acting_enterprise::{ActingEnterprise, EnterpriseNav};
pub use booking_rules_form::BookingRulesForm;
pub use booth_picker::BoothPicker;
pub use fair_bookings::{local_time, FairBookings};
pub use field::{input_value, select_value, Field};
pub use header::{AppHeader, SkipLink};
pub use hold_expiry::HoldExpiry;
pub use notice_bar::{ui_error, NoticeBar};
pub use storage_problem::StorageProblem;
pub use time_travel::TimeTravelBanner;
pub use undo_redo::UndoRedo;
