//! One file per route.
mod dashboard;
mod data;
mod fair_form;
mod fair_page;
mod fairs;
mod history;

pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use fair_form::FairFormPage;
pub use fair_page::FairPage;
pub use fairs::FairsPage;
pub use history::HistoryPage;
