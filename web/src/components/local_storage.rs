//! The data page's storage area: whether the browser keeps the data (`PersistenceNote`) and the
//! backups kept before merges, each downloadable and deletable (`MergeBackups`).
use std::rc::Rc;

use yew::prelude::*;

use crate::download::{download_text, stamped_name};
use crate::i18n::fill;
use crate::session::use_prefs;
use crate::store::{use_app, use_commander, Persistence, KEEP_BACKUPS};

crate::texts! {
    pub enum LsT {
        StorageTitle => "本机存储", "Storage on this device";
        PersistGranted => "浏览器已同意长期保存本站数据：空间不足时也不会自动清除。", "The browser keeps this site's data for good: it is not cleared when space runs low.";
        PersistNotGranted => "浏览器没有同意长期保存本站数据：磁盘空间不足时，浏览器可能清除它。请定期导出日志作为备份。", "The browser did not agree to keep this site's data for good: it may clear it when disk space runs low. Export the log now and then as a backup.";
        PersistNotAsked => "保存第一条自己的数据时，会请浏览器长期保存本站数据。", "When you save your first own data, the browser is asked to keep this site's data for good.";
        PersistUnsupported => "这个浏览器不能长期保存本站数据：请定期导出日志作为备份。", "This browser cannot be asked to keep this site's data for good: export the log now and then as a backup.";
        AskAgain => "再次请求长期保存", "Ask again to keep the data";
        BackupsTitle => "合并前的备份", "Backups taken before merges";
        BackupsHint => "每次合并前都会保存一份本机日志；只保留最近 {n} 份，更早的会自动删除。", "Each merge first keeps a copy of the local log; only the newest {n} are kept, older ones are deleted.";
        NoBackups => "还没有备份。", "No backups yet.";
        DownloadBackup => "下载 {when} 的备份", "Download the backup of {when}";
        DeleteBackup => "删除", "Delete";
        DeleteBackupLabel => "删除 {when} 的备份", "Delete the backup of {when}";
        DeleteFailed => "未能删除备份：{why}", "The backup could not be deleted: {why}";
    }
}

/// Whether the browser keeps this site's data, in a calm line (and a way to ask again).
#[component]
pub fn PersistenceNote() -> Html {
    let app = use_app();
    let commander = use_commander();
    let lang = use_prefs().lang;
    let state = app.store.persistence();
    let (class, text) = match state {
        Persistence::Granted => ("persistence granted", LsT::PersistGranted),
        Persistence::NotGranted => ("persistence not-granted", LsT::PersistNotGranted),
        Persistence::Unsupported => ("persistence not-granted", LsT::PersistUnsupported),
        Persistence::NotAsked | Persistence::Unknown => ("persistence", LsT::PersistNotAsked),
    };
    let ask = Callback::from(move |_| commander.ask_persistence());
    html! {
        <p class={classes!(class, "muted")} id="persistence" data-state={format!("{state:?}")}>
            { text.get(lang) }
            if state == Persistence::NotGranted {
                { " " }<button type="button" class="link" id="ask-persistence" onclick={ask}>{ LsT::AskAgain.get(lang) }</button>
            }
        </p>
    }
}

/// The backups kept before merges, newest first: download or delete each.
#[component]
pub fn MergeBackups() -> Html {
    let app = use_app();
    let commander = use_commander();
    let lang = use_prefs().lang;
    let backups = use_state(Vec::<(f64, Rc<str>)>::new);
    let problem = use_state(|| None::<String>);
    {
        let store = app.store.clone();
        let backups = backups.clone();
        use_effect_with(app.revision, move |_| {
            yew::platform::spawn_local(async move {
                let mut list: Vec<(f64, Rc<str>)> =
                    store.backups().await.into_iter().map(|(k, t)| (k, Rc::from(t.as_str()))).collect();
                list.reverse();
                backups.set(list);
            });
        });
    }
    html! {
        <>
            <h2>{ LsT::BackupsTitle.get(lang) }</h2>
            <p class="muted">{ fill(LsT::BackupsHint.get(lang), &[("n", KEEP_BACKUPS.to_string())]) }</p>
            if let Some(why) = &*problem {
                <p class="banner danger" id="backup-error">{ fill(LsT::DeleteFailed.get(lang), &[("why", why.clone())]) }</p>
            }
            if backups.is_empty() {
                <p class="muted" id="no-backups">{ LsT::NoBackups.get(lang) }</p>
            } else {
                <ul class="backups" id="backups">
                { for backups.iter().map(|(ms, text)| {
                    let when = chrono::DateTime::from_timestamp_millis(*ms as i64)
                        .map(|t| fairlog_domain::time::to_local(t).format("%Y-%m-%d %H:%M:%S").to_string())
                        .unwrap_or_default();
                    let download = {
                        let text = Rc::clone(text);
                        Callback::from(move |_| { let _ = download_text(&stamped_name("fairlog-backup", "jsonl"), "application/x-ndjson", &text); })
                    };
                    let delete = {
                        let (key, commander, problem) = (*ms, commander.clone(), problem.clone());
                        Callback::from(move |_| {
                            let (commander, problem) = (commander.clone(), problem.clone());
                            yew::platform::spawn_local(async move {
                                match commander.delete_backup(key).await {
                                    Ok(()) => problem.set(None),
                                    Err(e) => problem.set(Some(crate::components::ui_error(lang, &crate::store::UiError::Storage(e)))),
                                }
                            });
                        })
                    };
                    html! {
                        <li class="backup" key={ms.to_string()}>
                            <button type="button" class="link" onclick={download}>{ fill(LsT::DownloadBackup.get(lang), &[("when", when.clone())]) }</button>
                            { " " }
                            <button type="button" class="secondary small delete-backup" onclick={delete}
                                aria-label={fill(LsT::DeleteBackupLabel.get(lang), &[("when", when)])}>{ LsT::DeleteBackup.get(lang) }</button>
                        </li>
                    }
                }) }
                </ul>
            }
        </>
    }
}
