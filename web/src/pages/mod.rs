//! One file per route.
mod book_booth;
mod enterprise_common;
mod enterprise_profile;
mod fair_form;
mod fair_page;
mod fairs;
mod my_agenda;
mod my_bookings;
mod my_posts;

pub use book_booth::{BookBoothPage, BoothFairsPage};
pub use enterprise_profile::EnterpriseProfilePage;
pub use fair_form::FairFormPage;
pub use fair_page::FairPage;
pub use fairs::FairsPage;
pub use my_agenda::MyAgendaPage;
pub use my_bookings::MyBookingsPage;
pub use my_posts::{MyPostsPage, PostFormPage};
