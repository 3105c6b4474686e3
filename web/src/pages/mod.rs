//! One file per route.
mod booth_requests;
mod commissioner;
mod fair_form;
pub mod fair_page;
mod fairs;
mod floor_plan;
mod key_enterprises;
mod plan_bench;
pub mod series;

pub use booth_requests::BoothRequestsPage;
pub use commissioner::CommissionerPage;
pub use fair_form::FairFormPage;
pub use fair_page::FairPage;
pub use fairs::FairsPage;
pub use floor_plan::{plan_summary, FloorPlanPage};
pub use key_enterprises::KeyEnterprisesPage;
pub use plan_bench::PlanBenchPage;
pub use series::SeriesPage;
