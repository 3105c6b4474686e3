use fairlog_domain::codec;
use fairlog_domain::merge::{MergeCommand, MergeEvent, Resolution, Side};
use fairlog_domain::Event as LogEvent;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::local_storage::LsT;
use crate::components::{MergeBackups, PersistenceNote};
use crate::download::{download_log, download_text, stamped_name};
use crate::history_text::sentence;
use crate::hooks::use_command;
use crate::i18n::{codec_error, domain_error, fill, Lang};
use crate::import_text::{ImportProgress, IT};
use crate::session::use_prefs;
use crate::store::import_stream::{self, CancelFlag, Progress};
use crate::store::{use_app, use_commander, ImportError, ImportPlan, StorageError};

crate::texts! {
    pub enum DataT {
        Title => "数据：导出、导入与合并", "Data: export, import and merge";
        ExportTitle => "导出", "Export";
        ExportLog => "导出事件日志（JSON Lines）", "Export the event log (JSON Lines)";
        ExportSnapshot => "导出当前数据快照（JSON）", "Export a snapshot of the current data (JSON)";
        ExportHint => "事件日志带有文件头（格式、版本、事件数、最后一条事件的哈希），每条事件都记录上一条的 SHA-256，可以校验是否完整、未被改动。", "The log starts with a header (format, schema, event count, hash of the last event) and every event carries the SHA-256 of the previous one, so a file can be checked for completeness and changes.";
        ImportTitle => "导入或合并", "Import or merge";
        ImportHint => "选择从本应用导出的日志文件。本机没有数据时直接导入；已有数据时与本机合并：相同的事件只保留一份，其余按时间排序，与本机冲突的修改列入冲突清单，不会被悄悄丢弃。合并前会自动备份本机日志。", "Choose a log exported from this app. With no local data it is imported as is; otherwise it is merged: the same events are kept once, the rest ordered by time, and changes that conflict go to a conflict list instead of being dropped. The local log is backed up before a merge.";
        ChooseFile => "选择日志文件", "Choose a log file";
        Reading => "正在读取和校验…", "Reading and verifying…";
        Refused => "无法导入“{file}”：{why}。本地数据没有任何改动。", "Cannot import \"{file}\": {why}. Nothing was changed.";
        FreshPlan => "将导入 {n} 条事件到空的本地存储。", "{n} {n|event|events} will be imported into the empty local store.";
        MergePlan => "合并“{file}”：接收 {taken} 条新事件；本机共享部分之后的 {renumbered} 条事件将重新排序；{conflicts} 处冲突。", "Merge \"{file}\": {taken} new events taken in; {renumbered} local events after the shared part are re-ordered; {conflicts} conflicts.";
        NothingNew => "“{file}”中没有本机没有的事件，无需合并。", "\"{file}\" holds nothing this device does not already have.";
        Confirm => "确认", "Confirm";
        ConfirmImport => "导入", "Import";
        ConfirmMerge => "合并", "Merge";
        Cancel => "取消", "Cancel";
        Done => "完成：现在共有 {n} 条事件。", "Done: the log now holds {n} {n|event|events}.";
        ConflictsTitle => "待处理的合并冲突", "Merge conflicts to resolve";
        NoConflicts => "没有待处理的冲突。", "No conflicts to resolve.";
        ConflictFrom => "来自：{side}", "From: {side}";
        SideLocal => "本机", "this device";
        SideRemote => "导入的日志", "the imported log";
        Refusal => "未能应用，因为：{why}", "Not applied because: {why}";
        Dismiss => "知道了，忽略这项修改", "Understood, let this change go";
        StorageFull => "浏览器存储空间已满（合并还要先保存一份本机日志的备份）。请导出日志作为备份，在下方删除旧的合并备份，或清理磁盘空间后再试", "browser storage is full (a merge also keeps a backup of the local log first). Export the log as a backup, delete old merge backups below, or free disk space, then try again";
        ReadOnly => "本地数据为只读（正在查看过去或存储已损坏），不能导入。", "Local data is read-only (viewing the past, or the store is damaged); nothing can be imported.";
    }
}

fn import_error(lang: Lang, e: &ImportError) -> String {
    // The message ends the sentence itself (`DataT::Refused`).
    let why = import_reason(lang, e);
    why.trim_end_matches(['。', '.']).to_owned()
}

fn import_reason(lang: Lang, e: &ImportError) -> String {
    match e {
        ImportError::Codec(c) => codec_error(lang, c),
        ImportError::ReadOnly => DataT::ReadOnly.get(lang).into(),
        ImportError::Storage(StorageError::Conflict) => lang
            .pick(
                "另一个标签页刚刚修改了数据，请重新选择文件",
                "Another tab changed the data just now; choose the file again",
            )
            .into(),
        ImportError::Storage(StorageError::Quota) => DataT::StorageFull.get(lang).into(),
        ImportError::Storage(StorageError::Closed) => crate::i18n::T::StorageClosed.get(lang).into(),
        ImportError::Storage(s) => s.to_string(),
        ImportError::Cancelled => IT::Cancelled.get(lang).into(),
    }
}

#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    Reading,
    Planned {
        file: String,
        plan: ImportPlan,
    },
    Refused {
        file: String,
        why: String,
    },
    Done {
        n: u64,
    },
    /// An empty store: the file streams in on confirmation (its header read so far).
    StreamPlanned {
        file: String,
        blob: web_sys::File,
        count: u64,
    },
    Importing {
        file: String,
        progress: Progress,
        stopping: bool,
    },
    Cancelled,
}

/// The page, once every event is held (the export and the merge need the events before a snapshot too).
#[component]
pub fn DataPage() -> Html {
    let lang = use_prefs().lang;
    let complete = crate::hooks::use_complete_log();
    if complete != crate::hooks::CompleteLog::Complete {
        return complete.placeholder(lang);
    }
    html! { <DataTools /> }
}

#[component]
fn DataTools() -> Html {
    let app = use_app();
    let commander = use_commander();
    let command = use_command();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let step = use_state(|| Step::Idle);

    let export_log = {
        let app = app.clone();
        Callback::from(move |_| {
            let _ = download_log(&stamped_name("fairlog", "jsonl"), app.store.engine().log());
        })
    };
    let export_snapshot = {
        let app = app.clone();
        Callback::from(move |_| {
            let text = codec::snapshot(&app.store.engine());
            let _ = download_text(&stamped_name("fairlog-snapshot", "json"), "application/json", &text);
        })
    };
    let on_file = {
        let step = step.clone();
        let app = app.clone();
        let actor = prefs.session.actor();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let name = file.name();
            step.set(Step::Reading);
            let (step, store, actor) = (step.clone(), app.store.clone(), actor.clone());
            yew::platform::spawn_local(async move {
                // An empty store takes the file as a stream (up to 1 GiB); a merge reads it whole.
                let empty = store.engine().log().is_empty() && !store.is_replica();
                if empty {
                    match import_stream::read_header(&file).await {
                        Ok(header) => step.set(Step::StreamPlanned { file: name, blob: file, count: header.count }),
                        Err(e) => step.set(Step::Refused { file: name, why: import_error(lang, &e) }),
                    }
                    return;
                }
                if file.size() > codec::MAX_IMPORT_BYTES as f64 {
                    let mb = (codec::MAX_IMPORT_BYTES / 1024 / 1024).to_string();
                    let why = format!(
                        "{}{}{}",
                        codec_error(lang, &codec::CodecError::TooLarge { max_bytes: codec::MAX_IMPORT_BYTES }),
                        lang.pick("；", "; "),
                        fill(IT::TooLargeMerge.get(lang), &[("mb", mb)])
                    );
                    step.set(Step::Refused { file: name, why });
                    return;
                }
                let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(t) => t.as_string().unwrap_or_default(),
                    Err(_) => String::new(),
                };
                match store.plan_import(&text, &name, &actor) {
                    Ok(plan) => step.set(Step::Planned { file: name, plan }),
                    Err(e) => step.set(Step::Refused { file: name, why: import_error(lang, &e) }),
                }
            });
        })
    };
    let confirm = {
        let step = step.clone();
        let commander = commander.clone();
        Callback::from(move |_| {
            let Step::Planned { file, plan } = (*step).clone() else { return };
            let (step, commander) = (step.clone(), commander.clone());
            yew::platform::spawn_local(async move {
                match commander.import(plan).await {
                    Ok(n) => step.set(Step::Done { n }),
                    Err(e) => step.set(Step::Refused { file, why: import_error(lang, &e) }),
                }
            });
        })
    };
    let cancel = {
        let step = step.clone();
        Callback::from(move |_| step.set(Step::Idle))
    };
    let stop_flag = use_mut_ref(CancelFlag::default);
    let confirm_stream = {
        let step = step.clone();
        let commander = commander.clone();
        let stop_flag = stop_flag.clone();
        Callback::from(move |_| {
            let Step::StreamPlanned { file, blob, count } = (*step).clone() else { return };
            let flag = CancelFlag::default();
            *stop_flag.borrow_mut() = flag.clone();
            let total_bytes = blob.size() as u64;
            let start = Progress { declared: count, total_bytes, ..Progress::default() };
            step.set(Step::Importing { file: file.clone(), progress: start, stopping: false });
            let (step, commander) = (step.clone(), commander.clone());
            yew::platform::spawn_local(async move {
                let shown = {
                    let (step, file, flag) = (step.clone(), file.clone(), flag.clone());
                    move |progress: Progress| {
                        step.set(Step::Importing { file: file.clone(), progress, stopping: flag.is_cancelled() })
                    }
                };
                match commander.import_stream(&blob, shown, flag).await {
                    Ok(n) => step.set(Step::Done { n }),
                    Err(ImportError::Cancelled) => step.set(Step::Cancelled),
                    Err(e) => step.set(Step::Refused { file, why: import_error(lang, &e) }),
                }
            });
        })
    };
    let stop_import = {
        let step = step.clone();
        let stop_flag = stop_flag.clone();
        Callback::from(move |_: MouseEvent| {
            stop_flag.borrow().cancel();
            if let Step::Importing { file, progress, .. } = (*step).clone() {
                step.set(Step::Importing { file, progress, stopping: true });
            }
        })
    };

    let engine = app.store.engine();
    let state = engine.state();
    let conflicts: Vec<_> = state.open_conflicts.iter().collect();
    let writable = app.writable();

    html! {
        <section class="data-page" aria-labelledby="data-title">
            <h1 id="data-title">{ DataT::Title.get(lang) }</h1>

            <h2>{ DataT::ExportTitle.get(lang) }</h2>
            <p class="muted">{ DataT::ExportHint.get(lang) }</p>
            <div class="actions">
                <button type="button" id="export-log" onclick={export_log} disabled={engine.log().is_empty()}>{ DataT::ExportLog.get(lang) }</button>
                <button type="button" class="secondary" id="export-snapshot" onclick={export_snapshot}>{ DataT::ExportSnapshot.get(lang) }</button>
            </div>

            <h2>{ DataT::ImportTitle.get(lang) }</h2>
            <p class="muted">{ DataT::ImportHint.get(lang) }</p>
            if writable {
                <label class="button secondary file-button" for="import-file">{ DataT::ChooseFile.get(lang) }</label>
                <input id="import-file" class="visually-hidden" type="file" accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson" onchange={on_file} />
            } else {
                <p class="banner warn">{ DataT::ReadOnly.get(lang) }</p>
            }
            <div id="import-status" role="status" aria-live="polite">
            { match &*step {
                Step::Idle => html! {},
                Step::Reading => html! { <p class="muted">{ DataT::Reading.get(lang) }</p> },
                Step::Refused { file, why } => html! {
                    <p class="banner danger" id="import-error">{ fill(DataT::Refused.get(lang), &[("file", file.clone()), ("why", why.clone())]) }</p>
                },
                Step::Cancelled => html! { <p class="banner ok" id="import-cancelled">{ IT::Cancelled.get(lang) }</p> },
                Step::Importing { file, progress, stopping } => html! {
                    <ImportProgress lang={lang} file={file.clone()} progress={*progress} stopping={*stopping} on_cancel={stop_import.clone()} />
                },
                Step::StreamPlanned { count, .. } => html! {
                    <div class="import-plan" id="import-plan">
                        <p>{ fill(DataT::FreshPlan.get(lang), &[("n", count.to_string())]) }</p>
                        <div class="actions">
                            <button type="button" id="confirm-import" onclick={confirm_stream.clone()}>{ DataT::ConfirmImport.get(lang) }</button>
                            <button type="button" class="secondary" onclick={cancel.clone()}>{ DataT::Cancel.get(lang) }</button>
                        </div>
                    </div>
                },
                Step::Done { n } => html! { <p class="banner ok" id="import-done">{ fill(DataT::Done.get(lang), &[("n", n.to_string())]) }</p> },
                Step::Planned { file, plan } => {
                    let (text, label) = match plan {
                        ImportPlan::Fresh { count, .. } => (fill(DataT::FreshPlan.get(lang), &[("n", count.to_string())]), DataT::ConfirmImport),
                        ImportPlan::Merge { plan } => (fill(DataT::MergePlan.get(lang), &[
                            ("file", file.clone()), ("taken", plan.taken.to_string()),
                            ("renumbered", plan.renumbered.to_string()), ("conflicts", plan.conflicts.len().to_string()),
                        ]), DataT::ConfirmMerge),
                        ImportPlan::NothingNew => (fill(DataT::NothingNew.get(lang), &[("file", file.clone())]), DataT::Confirm),
                    };
                    let nothing = matches!(plan, ImportPlan::NothingNew);
                    html! {
                        <div class="import-plan" id="import-plan">
                            <p>{ text }</p>
                            <div class="actions">
                                if !nothing { <button type="button" id="confirm-import" onclick={confirm.clone()}>{ label.get(lang) }</button> }
                                <button type="button" class="secondary" onclick={cancel.clone()}>{ DataT::Cancel.get(lang) }</button>
                            </div>
                        </div>
                    }
                }
            } }
            </div>

            <h2>{ DataT::ConflictsTitle.get(lang) }</h2>
            if conflicts.is_empty() {
                <p class="muted" id="no-conflicts">{ DataT::NoConflicts.get(lang) }</p>
            } else {
                <ul class="conflicts" id="conflicts">
                { for conflicts.iter().map(|(id, c)| {
                    let side = engine.log().get(c.merged_at_seq).and_then(|m| match &m.event {
                        LogEvent::Merge(MergeEvent::LogMerged { conflicts, .. }) => conflicts.iter().find(|x| x.id() == **id).map(|x| x.from),
                        _ => None,
                    });
                    let side = match side { Some(Side::Local) => DataT::SideLocal.get(lang), _ => DataT::SideRemote.get(lang) };
                    let conflict_id = **id;
                    let command = command.clone();
                    let dismiss = Callback::from(move |_| {
                        let shown = command.clone();
                        command.run(MergeCommand::ResolveConflict { conflict_id, resolution: Resolution::Dismissed }, move |r| shown.notice_failure(r));
                    });
                    html! {
                        <li class="conflict" key={id.to_string()}>
                            { for c.events.iter().map(|e| html! { <p class="conflict-event">{ sentence(lang, state, e) }</p> }) }
                            <p class="muted">{ fill(DataT::ConflictFrom.get(lang), &[("side", side.into())]) }</p>
                            <p class="field-error">{ fill(DataT::Refusal.get(lang), &[("why", domain_error(lang, &c.error))]) }</p>
                            if writable { <button type="button" class="secondary dismiss-conflict" onclick={dismiss}>{ DataT::Dismiss.get(lang) }</button> }
                        </li>
                    }
                }) }
                </ul>
            }

            <h2>{ LsT::StorageTitle.get(lang) }</h2>
            <PersistenceNote />
            <MergeBackups />
        </section>
    }
}
