//! One file per route.
mod fair_form;
mod fair_page;
mod fairs;

pub use fair_form::FairFormPage;
pub use fair_page::FairPage;
pub use fairs::FairsPage;
