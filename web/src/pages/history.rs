use std::collections::{BTreeMap, HashMap};

use fairlog_domain::history::{fair_of, subjects};
use fairlog_domain::ids::FairId;
use fairlog_domain::time::{parse_local_input, to_local};
use serde::Deserialize;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{input_value, select_value};
use crate::history_text::{actor_in, what_then};
use crate::i18n::fill;
use crate::session::use_prefs;
use crate::store::{use_app, use_commander};
use crate::words::event_kind;

crate::texts! {
    pub enum HistT {
        Title => "历史记录", "History";
        Intro => "每一次修改都是日志中的一条事件：谁、何时、做了什么。可以回到任意一点查看当时的全部数据。", "Every change is an event in the log: who did what, when. Open any point to see the whole app as it was then.";
        Fair => "招聘会", "Job fair";
        AnyFair => "全部", "All";
        Actor => "操作人", "Who";
        Type => "事件类型", "Event type";
        AnyType => "全部类型", "All types";
        From => "从", "From";
        To => "到", "To";
        Entity => "仅显示与此对象有关的事件", "Only events about this item";
        ClearEntity => "显示全部", "Show all";
        Shown => "显示 {n} / {total} 条", "Showing {n} of {total}";
        More => "更早的记录", "Earlier events";
        ViewThen => "查看此时", "View then";
        Seq => "序号", "No.";
        When => "时间（北京时间）", "When (Shanghai time)";
        What => "事件", "What";
        NoEvents => "没有符合条件的事件。", "No events match.";
    }
}

const PAGE: usize = 50;

/// `#/history?fair=…&entity=…`: filters that other pages link to.
#[derive(Deserialize, Default, Clone, PartialEq)]
struct HistoryQuery {
    fair: Option<String>,
    entity: Option<String>,
}

#[derive(Clone, PartialEq, Default)]
struct Filters {
    fair: String,
    actor: String,
    kind: String,
    from: String,
    to: String,
    entity: String,
}

/// Every event, newest first, with filters; any row opens time travel at that point.
/// The page, once every event is held (the history need the events before a snapshot too).
#[component]
pub fn HistoryPage() -> Html {
    let lang = use_prefs().lang;
    let complete = crate::hooks::use_complete_log();
    if complete != crate::hooks::CompleteLog::Complete {
        return complete.placeholder(lang);
    }
    html! { <HistoryList /> }
}

#[component]
fn HistoryList() -> Html {
    let app = use_app();
    let commander = use_commander();
    let lang = use_prefs().lang;
    let query = use_location().and_then(|l| l.query::<HistoryQuery>().ok()).unwrap_or_default();
    let filters = use_state({
        let q = query.clone();
        move || Filters { fair: q.fair.unwrap_or_default(), entity: q.entity.unwrap_or_default(), ..Filters::default() }
    });
    let shown = use_state(|| PAGE);

    let engine = app.store.engine();
    let state = engine.state();
    let events = engine.log().entries();
    let f = (*filters).clone();
    let fair: Option<FairId> = f.fair.parse().ok();
    let entity: Option<uuid::Uuid> = f.entity.parse().ok();
    let from = parse_local_input(&format!("{}T00:00", f.from));
    let to = parse_local_input(&format!("{}T23:59:59", f.to));
    let actor_q = f.actor.trim().to_lowercase();
    let matching: Vec<&fairlog_domain::EventEnvelope> = events
        .iter()
        .rev()
        .filter(|e| f.kind.is_empty() || e.event.type_name() == f.kind)
        .filter(|e| actor_q.is_empty() || e.actor.name.to_lowercase().contains(&actor_q))
        .filter(|e| from.is_none_or(|t| e.recorded_at >= t) && to.is_none_or(|t| e.recorded_at <= t))
        .filter(|e| entity.is_none_or(|id| subjects(&e.event).contains(&id)))
        .filter(|e| fair.is_none_or(|fid| fair_of(state, &e.event) == Some(fid)))
        .collect();
    let total = matching.len();
    // Event types present, named in words (each by an event of that type).
    let mut kinds: BTreeMap<&'static str, &fairlog_domain::Event> = BTreeMap::new();
    for e in events {
        kinds.entry(e.event.type_name()).or_insert(&e.event);
    }
    let mut kinds: Vec<(&'static str, &'static str)> =
        kinds.into_iter().map(|(k, e)| (k, event_kind(lang, e))).collect();
    kinds.sort_by(|a, b| a.1.cmp(b.1));
    let shown_seqs: Vec<u64> = matching.iter().take(*shown).map(|e| e.seq).collect();
    let sentences = {
        let store = app.store.clone();
        use_memo((app.revision, lang, shown_seqs), move |(_, lang, seqs)| sentences_then(*lang, &store.engine(), seqs))
    };

    let set = |apply: fn(&mut Filters, String)| {
        let filters = filters.clone();
        let shown = shown.clone();
        Callback::from(move |e: Event| {
            let mut f = (*filters).clone();
            apply(&mut f, input_value(&e));
            filters.set(f);
            shown.set(PAGE);
        })
    };
    let set_select = |apply: fn(&mut Filters, String)| {
        let filters = filters.clone();
        Callback::from(move |e: Event| {
            let mut f = (*filters).clone();
            apply(&mut f, select_value(&e));
            filters.set(f);
        })
    };

    html! {
        <section aria-labelledby="history-title" class="history-page">
            <h1 id="history-title">{ HistT::Title.get(lang) }</h1>
            <p class="muted">{ HistT::Intro.get(lang) }</p>
            <form class="filters" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ HistT::Fair.get(lang) }
                    <select id="history-fair" onchange={set_select(|f, v| f.fair = v)}>
                        <option value="" selected={f.fair.is_empty()}>{ HistT::AnyFair.get(lang) }</option>
                        { for state.fairs.values().map(|fa| html! {
                            <option value={fa.id.to_string()} selected={f.fair == fa.id.to_string()}>{ fa.details.name.clone() }</option>
                        }) }
                    </select>
                </label>
                <label>{ HistT::Actor.get(lang) }
                    <input id="history-actor" type="search" value={f.actor.clone()} onchange={set(|f, v| f.actor = v)} />
                </label>
                <label>{ HistT::Type.get(lang) }
                    <select id="history-type" onchange={set_select(|f, v| f.kind = v)}>
                        <option value="" selected={f.kind.is_empty()}>{ HistT::AnyType.get(lang) }</option>
                        { for kinds.iter().map(|(k, label)| html! { <option value={*k} selected={f.kind == *k}>{ *label }</option> }) }
                    </select>
                </label>
                <label>{ HistT::From.get(lang) }
                    <input id="history-from" type="date" value={f.from.clone()} onchange={set(|f, v| f.from = v)} />
                </label>
                <label>{ HistT::To.get(lang) }
                    <input id="history-to" type="date" value={f.to.clone()} onchange={set(|f, v| f.to = v)} />
                </label>
            </form>
            if entity.is_some() {
                <p class="banner warn">{ HistT::Entity.get(lang) }{ " " }
                    <button type="button" class="link" onclick={{ let filters = filters.clone(); Callback::from(move |_| { let mut f = (*filters).clone(); f.entity.clear(); filters.set(f); }) }}>{ HistT::ClearEntity.get(lang) }</button>
                </p>
            }
            <p class="muted" id="history-count">{ fill(HistT::Shown.get(lang), &[("n", total.min(*shown).to_string()), ("total", total.to_string())]) }</p>
            if total == 0 {
                <p class="empty">{ HistT::NoEvents.get(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="history">
                    <thead><tr>
                        <th scope="col">{ HistT::Seq.get(lang) }</th>
                        <th scope="col">{ HistT::When.get(lang) }</th>
                        <th scope="col">{ HistT::Actor.get(lang) }</th>
                        <th scope="col">{ HistT::What.get(lang) }</th>
                        <th scope="col"><span class="visually-hidden">{ HistT::ViewThen.get(lang) }</span></th>
                    </tr></thead>
                    <tbody>
                    { for matching.iter().take(*shown).map(|e| {
                        let seq = e.seq;
                        let c = commander.clone();
                        html! {
                            <tr key={e.id.to_string()} data-seq={seq.to_string()} class={classes!((app.travel() == Some(seq)).then_some("current"))}>
                                <td>{ seq }</td>
                                <td class="nowrap">{ to_local(e.recorded_at).format("%Y-%m-%d %H:%M:%S").to_string() }</td>
                                <td>{ actor_in(lang, state, &e.actor) }</td>
                                <td data-type={e.event.type_name()}>{ sentences.get(&seq).cloned().unwrap_or_default() }</td>
                                <td class="nowrap"><button type="button" class="link view-then" onclick={Callback::from(move |_| c.travel(Some(seq)))}>{ HistT::ViewThen.get(lang) }</button></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
                if total > *shown {
                    <div class="actions">
                        <button type="button" class="secondary" onclick={{ let s = shown.clone(); Callback::from(move |_| s.set(*s + PAGE)) }}>{ HistT::More.get(lang) }</button>
                    </div>
                }
            }
        </section>
    }
}

/// Each event's sentence with the names it had then: walking up from the oldest shown event,
/// jumping through the engine's checkpoints over long gaps rather than replaying them.
fn sentences_then(lang: crate::i18n::Lang, engine: &fairlog_domain::Engine, seqs: &[u64]) -> HashMap<u64, String> {
    const JUMP: u64 = 1_000;
    let events = engine.log().entries();
    let mut sorted: Vec<u64> = seqs.iter().copied().filter(|s| *s >= 1 && *s as usize <= events.len()).collect();
    sorted.sort_unstable();
    let mut out = HashMap::new();
    let mut walk: Option<(u64, fairlog_domain::State)> = None;
    for seq in sorted {
        let target = seq - 1;
        if !walk.as_ref().is_some_and(|(at, _)| *at <= target && target - *at <= JUMP) {
            walk = Some((target, engine.state_at(target)));
        }
        let Some((at, state)) = walk.as_mut() else { continue };
        while *at < target {
            fairlog_domain::state::evolve(state, &events[*at as usize]);
            *at += 1;
        }
        let before = state.clone();
        fairlog_domain::state::evolve(state, &events[target as usize]);
        *at += 1;
        out.insert(seq, what_then(lang, state, &before, &events[target as usize].event));
    }
    out
}
