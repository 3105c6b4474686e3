use yew::prelude::*;

use crate::i18n::{domain_error, fill, Lang, T};
use crate::session::use_prefs;
use crate::store::{use_app, use_commander, Notice, StorageError, UiError};
use crate::sync::text::ST;

/// A storage or permission problem in the user's language.
pub fn ui_error(lang: Lang, e: &UiError) -> String {
    match e {
        UiError::Rule(e) => domain_error(lang, e),
        UiError::ReadOnly => T::ReadOnlyRefused.get(lang).to_owned(),
        UiError::Storage(StorageError::Conflict) => T::StorageConflict.get(lang).to_owned(),
        UiError::Storage(StorageError::Quota) => T::StorageQuota.get(lang).to_owned(),
        UiError::Storage(StorageError::Closed) => T::StorageClosed.get(lang).to_owned(),
        UiError::Storage(e) => fill(T::StorageFailed.get(lang), &[("detail", e.to_string())]),
        UiError::Undo(e) => crate::history_text::undo_error(lang, e),
    }
}

/// Why a form cannot save now: looking at the past (time travel), or a damaged store.
pub fn read_only_note(lang: Lang, app: &crate::store::AppModel) -> &'static str {
    if app.travel().is_some() {
        T::TravelReadOnlyNote.get(lang)
    } else {
        T::ReadOnlyNote.get(lang)
    }
}

/// The last thing that happened: saved, synced from another tab, or failed.
#[component]
pub fn NoticeBar() -> Html {
    let app = use_app();
    let commander = use_commander();
    let lang = use_prefs().lang;
    let Some(notice) = &app.notice else { return html! {} };
    let (class, text) = match notice {
        Notice::Saved { seq } => ("notice ok", fill(T::SavedNotice.get(lang), &[("n", seq.to_string())])),
        Notice::Synced => ("notice ok", T::OtherTabUpdated.get(lang).to_owned()),
        Notice::Failed(e) => {
            ("notice error", crate::history_text::ui_error_in(lang, e, app.store.engine().log().entries()))
        }
        Notice::ImportCleaned => ("notice warn", crate::import_text::IT::Cleaned.get(lang).to_owned()),
        Notice::Queued => ("notice ok", ST::Queued.get(lang).to_owned()),
        Notice::Confirmed => ("notice ok", ST::Confirmed.get(lang).to_owned()),
        Notice::RefusedByServer(r) => {
            ("notice error", fill(ST::RefusedByServer.get(lang), &[("reason", super::refusal_text(lang, r))]))
        }
    };
    let dismiss = Callback::from(move |_| commander.notice(None));
    html! {
        <div class={class} role="status" aria-live="polite">
            <span class="notice-text">{ text }</span>
            <button type="button" class="link" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
        </div>
    }
}
