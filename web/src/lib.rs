//! Fairlog in the browser: a Yew app that replays the event log kept in IndexedDB.
pub mod account;
pub mod app;
pub mod components;
pub mod download;
pub mod enterprise_forms;
pub mod enterprise_texts;
pub mod error_text;
pub mod format;
pub mod forms;
pub mod history_text;
pub mod hooks;
pub mod i18n;
pub mod import_text;
pub mod live_text;
pub mod organizer_ui;
pub mod pages;
pub mod session;
pub mod store;
pub mod sync;
pub mod words;

/// Mount the app on `<body>`.
pub fn start() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
