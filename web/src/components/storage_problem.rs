use fairlog_domain::codec::{self, CodecError};
use fairlog_domain::engine::RestoreProblem;
use yew::prelude::*;

use crate::download::{download_text, stamped_name};
use crate::i18n::{codec_error, fill, Lang, T};
use crate::session::use_prefs;
use crate::store::{use_app, Phase};

fn detail(lang: Lang, p: &RestoreProblem) -> String {
    match p {
        RestoreProblem::NotText { .. } => lang.pick("记录不是文本", "the record is not text").into(),
        RestoreProblem::OutOfOrder { expected, .. } => {
            fill(lang.pick("应为第 {e} 条", "expected record {e}"), &[("e", expected.to_string())])
        }
        RestoreProblem::Unreadable { error: CodecError::InvalidJson { .. }, .. } => {
            lang.pick("内容不是有效的 JSON", "its content is not valid JSON").into()
        }
        RestoreProblem::Unreadable { error: CodecError::InvalidEvent { message, .. }, .. } => {
            fill(lang.pick("不是有效的事件：{m}", "not a valid event: {m}"), &[("m", message.clone())])
        }
        RestoreProblem::Unreadable { error, .. } => codec_error(lang, error),
        RestoreProblem::BrokenChain { .. } => lang.pick("哈希链校验失败", "the hash chain is broken").into(),
        RestoreProblem::Refused { event, error, .. } => fill(
            lang.pick("事件（{e}）不符合规则：{m}", "the event ({e}) breaks a rule: {m}"),
            &[("e", event.clone()), ("m", crate::i18n::domain_error(lang, error))],
        ),
        RestoreProblem::DuplicateId { .. } => {
            lang.pick("事件编号与之前的记录重复", "it repeats the id of an earlier record").into()
        }
    }
}

/// Shown when the local store cannot be (fully) read: what happened, that nothing was lost,
/// and how to get the data out.
#[component]
pub fn StorageProblem() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    match &app.phase {
        Phase::Damaged(problem) => {
            let n = app.store.engine().log().count();
            let export_good = {
                let app = app.clone();
                Callback::from(move |_| {
                    let store = std::rc::Rc::clone(&app.store);
                    wasm_bindgen_futures::spawn_local(async move {
                        // Started from a snapshot: the readable events before it are read first.
                        let _ = store.ensure_complete().await;
                        let text = codec::export(store.engine().log());
                        let _ =
                            download_text(&stamped_name("fairlog-readable", "jsonl"), "application/x-ndjson", &text);
                    });
                })
            };
            let export_raw = {
                let app = app.clone();
                Callback::from(move |_| {
                    let store = app.store.clone();
                    yew::platform::spawn_local(async move {
                        if let Ok(text) = store.export_raw().await {
                            let _ = download_text(&stamped_name("fairlog-raw", "jsonl"), "application/x-ndjson", &text);
                        }
                    });
                })
            };
            html! {
                <section class="banner danger" role="alert" id="storage-problem">
                    <h2>{ T::StorageCorruptTitle.get(lang) }</h2>
                    <p>{ fill(T::StorageCorruptBody.get(lang), &[
                        ("seq", problem.key().to_string()),
                        ("detail", detail(lang, problem)),
                        ("n", n.to_string()),
                    ]) }</p>
                    <div class="actions">
                        <button type="button" onclick={export_good}>{ T::ExportReadable.get(lang) }</button>
                        <button type="button" class="secondary" onclick={export_raw}>{ T::ExportRaw.get(lang) }</button>
                    </div>
                </section>
            }
        }
        Phase::Blocked => html! {
            <section class="banner warn" role="alert" id="storage-blocked">
                <h2>{ T::StorageBlockedTitle.get(lang) }</h2>
                <p>{ T::StorageBlockedBody.get(lang) }</p>
            </section>
        },
        Phase::Unavailable(detail) => html! {
            <section class="banner danger" role="alert" id="storage-problem">
                <h2>{ T::StorageUnavailableTitle.get(lang) }</h2>
                <p>{ fill(T::StorageUnavailableBody.get(lang), &[("detail", detail.clone())]) }</p>
            </section>
        },
        Phase::Closed => html! { <ReloadBanner /> },
        _ => html! {},
    }
}

/// The connection to the local store was closed under this page (another tab upgrades the
/// database): say so, and offer the reload that carries on.
#[component]
fn ReloadBanner() -> Html {
    let lang = use_prefs().lang;
    let reload = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    html! {
        <section class="banner warn" role="alert" id="storage-closed">
            <h2>{ T::StorageClosedTitle.get(lang) }</h2>
            <p>{ T::StorageClosedBody.get(lang) }</p>
            <div class="actions">
                <button type="button" id="reload-page" onclick={reload}>{ T::ReloadPage.get(lang) }</button>
            </div>
        </section>
    }
}
