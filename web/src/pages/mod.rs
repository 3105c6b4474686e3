//! One file per route.
mod fair_form;
mod fair_page;
mod fairs;
mod live;
mod live_public;
mod live_session;
mod live_setup;

pub use fair_form::FairFormPage;
pub use fair_page::FairPage;
pub use fairs::FairsPage;
pub use live::LivestreamPage;
pub use live_public::{LiveInvitationsPage, LiveSchedulePage, TimelineBenchPage};
pub use live_session::{SessionFormPage, SessionPage};
pub use live_setup::LiveSetupPage;
