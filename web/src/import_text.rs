//! What a streamed import says: its progress bar, cancel and its messages (zh-CN first, en).
use yew::prelude::*;

use crate::i18n::{fill, Lang};
use crate::store::import_stream::Progress;

crate::texts! {
    pub enum IT {
        Importing => "正在导入“{file}”：已校验并保存 {events} / {declared} 条事件，已读 {read} / {size} MB", "Importing \"{file}\": {events} of {declared} events verified and stored, {read} of {size} MB read";
        StopImport => "取消导入", "Cancel the import";
        Stopping => "正在取消…", "Cancelling…";
        Cancelled => "已取消导入，本地数据没有任何改动。", "The import was cancelled. Nothing was changed.";
        Cleaned => "上次的导入没有完成（页面在导入时被关闭），已删除导入了一半的数据，本地存储恢复为导入前的状态。", "The last import did not finish (the page was closed during it); what it had stored was removed and the local store is as it was before.";
        TooLargeMerge => "本机已有数据时，合并的文件最大 {mb} MB；更大的日志请导入到空的本地存储", "With local data, a file to merge is at most {mb} MB; import a larger log into an empty local store";
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[derive(Properties, PartialEq)]
pub struct ImportProgressProps {
    pub lang: Lang,
    pub file: AttrValue,
    pub progress: Progress,
    pub stopping: bool,
    pub on_cancel: Callback<MouseEvent>,
}

/// The progress bar (bytes read of the file's size) with the counts and a cancel button.
#[component]
pub fn ImportProgress(props: &ImportProgressProps) -> Html {
    let p = props.progress;
    let lang = props.lang;
    let text = fill(
        IT::Importing.get(lang),
        &[
            ("file", props.file.to_string()),
            ("events", p.events.to_string()),
            ("declared", p.declared.to_string()),
            ("read", mb(p.bytes)),
            ("size", mb(p.total_bytes)),
        ],
    );
    html! {
        <div class="import-progress" id="import-progress">
            <p id="import-progress-text">{ text.clone() }</p>
            <progress id="import-bar" max={p.total_bytes.max(1).to_string()} value={p.bytes.to_string()} aria-label={text}></progress>
            <div class="actions">
                <button type="button" class="secondary" id="cancel-import" onclick={props.on_cancel.clone()} disabled={props.stopping}>
                    { if props.stopping { IT::Stopping.get(lang) } else { IT::StopImport.get(lang) } }
                </button>
            </div>
        </div>
    }
}
