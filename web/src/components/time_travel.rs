use yew::prelude::*;

use crate::i18n::fill;
use crate::session::use_prefs;
use crate::store::{use_app, use_commander};

crate::texts! {
    pub enum TravelT {
        Viewing => "正在查看过去：第 {seq} 条事件之后的状态（{when}，北京时间）。只读，不能修改。", "Viewing the past: the state after event {seq} ({when}, Shanghai time). Read-only.";
        Earlier => "上一条", "Earlier";
        Later => "下一条", "Later";
        BackToNow => "回到现在", "Back to now";
    }
}

/// Shown while time-travelling: where we are, step through events, and the way back to now.
#[component]
pub fn TimeTravelBanner() -> Html {
    let app = use_app();
    let commander = use_commander();
    let lang = use_prefs().lang;
    let Some(seq) = app.travel() else { return html! {} };
    let (when, last) = {
        let engine = app.store.engine();
        let when = engine
            .log()
            .get(seq)
            .map(|e| fairlog_domain::time::to_local(e.recorded_at).format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "—".into());
        (when, engine.log().last_seq())
    };
    let go = |to: Option<u64>| {
        let c = commander.clone();
        Callback::from(move |_| c.travel(to))
    };
    html! {
        <section class="banner travel" role="status" aria-live="polite" id="time-travel">
            <p>{ fill(TravelT::Viewing.get(lang), &[("seq", seq.to_string()), ("when", when)]) }</p>
            <div class="actions">
                <button type="button" class="secondary" disabled={seq == 0} onclick={go(Some(seq.saturating_sub(1)))}>{ TravelT::Earlier.get(lang) }</button>
                <button type="button" class="secondary" disabled={seq + 1 >= last} onclick={go(Some(seq + 1))}>{ TravelT::Later.get(lang) }</button>
                <button type="button" id="back-to-now" onclick={go(None)}>{ TravelT::BackToNow.get(lang) }</button>
            </div>
        </section>
    }
}
