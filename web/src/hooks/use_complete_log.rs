//! Pages that need every event (the history, the data page's export and merge) ask for the
//! events before the snapshot the app started from, once (`Store::ensure_complete`): from
//! IndexedDB, or from the server for a replica that started from the server's snapshot.
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{Lang, T};
use crate::store::{use_app, use_commander};

/// Where the earlier events stand.
#[derive(Clone, PartialEq)]
pub enum CompleteLog {
    /// Every event is held: show the page.
    Complete,
    Reading,
    /// They could not be read (offline, for a replica that started from the server's snapshot);
    /// `retry` tries again.
    Failed {
        retry: Callback<()>,
    },
}

impl CompleteLog {
    /// What the page shows instead of itself while the log is not complete.
    pub fn placeholder(&self, lang: Lang) -> Html {
        match self {
            CompleteLog::Complete => Html::default(),
            CompleteLog::Reading => html! { <p class="loading" role="status">{ T::ReadingEarlier.get(lang) }</p> },
            CompleteLog::Failed { retry } => {
                let retry = retry.clone();
                html! {
                    <div class="banner warn" role="alert" id="earlier-failed">
                        <p>{ T::EarlierFailed.get(lang) }</p>
                        <button type="button" onclick={Callback::from(move |_| retry.emit(()))}>{ T::TryAgain.get(lang) }</button>
                    </div>
                }
            }
        }
    }
}

/// Whether the store holds every event now; if not, reads the earlier ones and re-renders.
#[hook]
pub fn use_complete_log() -> CompleteLog {
    let app = use_app();
    let commander = use_commander();
    let complete = app.store.is_complete();
    let failed = use_state(|| false);
    let attempt = use_state(|| 0u32);
    let store = Rc::clone(&app.store);
    {
        let failed = failed.clone();
        use_effect_with((complete, *attempt), move |(complete, _)| {
            if !*complete {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = store.ensure_complete().await {
                        web_sys::console::warn_1(&format!("fairlog: the earlier events could not be read: {e}").into());
                        failed.set(true);
                    }
                    commander.refresh();
                });
            }
        });
    }
    if complete {
        CompleteLog::Complete
    } else if *failed {
        let retry = Callback::from(move |_| {
            failed.set(false);
            attempt.set(*attempt + 1);
        });
        CompleteLog::Failed { retry }
    } else {
        CompleteLog::Reading
    }
}
