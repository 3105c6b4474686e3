//! One file per route.
mod book_booth;
mod dashboard;
mod data;
mod enterprise_common;
mod enterprise_profile;
mod fair_form;
mod fair_page;
mod fairs;
mod history;
mod my_agenda;
mod my_bookings;
mod my_posts;

pub use book_booth::{BookBoothPage, BoothFairsPage};
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use enterprise_profile::EnterpriseProfilePage;
pub use fair_form::FairFormPage;
pub use fair_page::FairPage;
pub use fairs::FairsPage;
pub use history::HistoryPage;
pub use my_agenda::MyAgendaPage;
pub use my_bookings::MyBookingsPage;
pub use my_posts::{MyPostsPage, PostFormPage};
