use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::history_text::what;
use crate::hooks::use_command;
use crate::i18n::fill;
use crate::session::use_prefs;
use crate::store::use_app;

crate::texts! {
    pub enum UndoT {
        Undo => "撤销", "Undo";
        Redo => "重做", "Redo";
        UndoWhat => "撤销：{what}（Ctrl+Z）", "Undo: {what} (Ctrl+Z)";
        RedoWhat => "重做（Ctrl+Shift+Z）", "Redo (Ctrl+Shift+Z)";
        NothingToUndo => "没有可撤销的操作", "Nothing to undo";
        NothingToRedo => "没有可重做的操作", "Nothing to redo";
        CannotUndo => "不能撤销“{what}”：{why}", "Cannot undo \"{what}\": {why}";
        CannotRedo => "不能重做：{why}", "Cannot redo: {why}";
    }
}

/// Undo and redo this tab's own recent changes (as new, compensating events), with Ctrl+Z and
/// Ctrl+Shift+Z (or Ctrl+Y) when the focus is not in a text field.
#[component]
pub fn UndoRedo() -> Html {
    let app = use_app();
    let command = use_command();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let actor = prefs.session.actor();
    let (undo_head, redo_head) = app.store.undo_redo_heads(&actor);
    let writable = app.writable();
    // Whether each step can be done now (the domain checks the compensating commands; nothing
    // is written), so a step that cannot be undone says why on the button instead of failing
    // on every click.
    let able = {
        let store = app.store.clone();
        let actor = actor.clone();
        use_memo((app.revision, actor.clone(), undo_head, redo_head), move |_| {
            let why = |redo: bool| store.undo_plan(&actor, redo).err();
            (undo_head.and_then(|_| why(false)), redo_head.and_then(|_| why(true)))
        })
    };
    let (undo_refusal, redo_refusal) = (*able).clone();

    let run = {
        let command = command.clone();
        Callback::from(move |redo: bool| command.undo(redo))
    };
    {
        let run = run.clone();
        let can = (undo_head.is_some() && undo_refusal.is_none(), redo_head.is_some() && redo_refusal.is_none());
        use_effect_with((writable, can, prefs.session.clone()), move |(writable, can, _)| {
            let (writable, (has_undo, has_redo)) = (*writable, *can);
            let handler = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if !(e.ctrl_key() || e.meta_key()) || !writable {
                    return;
                }
                let in_field = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if in_field {
                    return;
                }
                let key = e.key().to_lowercase();
                let redo = key == "y" || (key == "z" && e.shift_key());
                if key == "z" || key == "y" {
                    e.prevent_default();
                    if (redo && has_redo) || (!redo && has_undo) {
                        run.emit(redo);
                    }
                }
            });
            let doc = web_sys::window().and_then(|w| w.document());
            if let Some(d) = &doc {
                let _ = d.add_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = doc {
                    let _ = d.remove_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
                }
            }
        });
    }

    let engine = app.store.engine();
    let label = |first: u64| engine.log().get(first).map(|e| what(lang, engine.state(), &e.event)).unwrap_or_default();
    let why = |e: &crate::store::UiError| crate::history_text::ui_error_in(lang, e, engine.log().entries());
    let undo_title = match (undo_head, &undo_refusal) {
        (Some((first, _)), None) => fill(UndoT::UndoWhat.get(lang), &[("what", label(first))]),
        (Some((first, _)), Some(e)) => fill(UndoT::CannotUndo.get(lang), &[("what", label(first)), ("why", why(e))]),
        (None, _) => UndoT::NothingToUndo.get(lang).to_owned(),
    };
    let redo_title = match (redo_head, &redo_refusal) {
        (Some(_), None) => UndoT::RedoWhat.get(lang).to_owned(),
        (Some(_), Some(e)) => fill(UndoT::CannotRedo.get(lang), &[("why", why(e))]),
        (None, _) => UndoT::NothingToRedo.get(lang).to_owned(),
    };
    drop(engine);
    html! {
        <div class="undo-redo" role="group" aria-label={UndoT::Undo.get(lang)}>
            <button type="button" class="secondary" id="undo" title={undo_title.clone()} aria-label={undo_title}
                disabled={undo_head.is_none() || undo_refusal.is_some() || !writable} onclick={{ let r = run.clone(); Callback::from(move |_| r.emit(false)) }}>
                { "↶ " }{ UndoT::Undo.get(lang) }
            </button>
            <button type="button" class="secondary" id="redo" title={redo_title.clone()} aria-label={redo_title}
                disabled={redo_head.is_none() || redo_refusal.is_some() || !writable} onclick={Callback::from(move |_| run.emit(true))}>
                { "↷ " }{ UndoT::Redo.get(lang) }
            </button>
        </div>
    }
}
