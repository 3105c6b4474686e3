//! Small pieces of the screen, each named for what the user sees.
mod fair_calendar;
mod fair_filters;
mod fair_notices;
mod field;
mod floor_plan_view;
mod header;
mod notice_bar;
mod storage_problem;

pub use fair_calendar::{CalendarSpan, FairCalendar};
pub use fair_filters::FairFilters;
pub use fair_notices::FairNotices;
pub use field::{input_value, select_value, Field};
pub use floor_plan_view::{booth_state_text, FloorPlanView, FpT, PlanEdit, PlanLegend, PlanMode, Refusal};
pub use header::{AppHeader, SkipLink};
pub use notice_bar::{ui_error, NoticeBar};
pub use storage_problem::StorageProblem;
