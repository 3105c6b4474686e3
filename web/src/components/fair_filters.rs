//! The fair list's filters: series, district, industry, mode, status and a name search.
use fairlog_domain::fair::{FairMode, FairStatusKind};
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::views::FairFilter;
use yew::prelude::*;

use super::input_value;
use crate::i18n::{mode, status};
use crate::organizer_ui::OT;
use crate::session::use_lang;
use crate::store::use_app;

#[derive(Properties, PartialEq)]
pub struct FairFiltersProps {
    pub filter: FairFilter,
    pub on_change: Callback<FairFilter>,
}

#[component]
pub fn FairFilters(props: &FairFiltersProps) -> Html {
    let lang = use_lang();
    let app = use_app();
    let f = props.filter.clone();
    let change = |apply: fn(&mut FairFilter, String)| {
        let on_change = props.on_change.clone();
        let f = f.clone();
        Callback::from(move |e: Event| {
            let mut next = f.clone();
            apply(&mut next, input_value(&e));
            on_change.emit(next);
        })
    };
    let search = {
        let on_change = props.on_change.clone();
        let f = f.clone();
        Callback::from(move |e: InputEvent| on_change.emit(FairFilter { text: input_value(&e), ..f.clone() }))
    };
    let clear = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(FairFilter::default()))
    };
    let engine = app.view();
    let mut series: Vec<_> = engine.series.values().map(|s| (s.id, s.name.clone())).collect();
    series.sort_by(|a, b| a.1.cmp(&b.1));
    html! {
        <form class="filters" role="search" aria-label={OT::Filters.get(lang)} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="visually-hidden" for="f-text">{ OT::Search.get(lang) }</label>
            <input id="f-text" type="search" placeholder={OT::Search.get(lang)} value={f.text.clone()} oninput={search} />
            <label class="visually-hidden" for="f-series">{ OT::AllSeries.get(lang) }</label>
            <select id="f-series" onchange={change(|f, v| f.series = v.parse().ok())}>
                <option value="" selected={f.series.is_none()}>{ OT::AllSeries.get(lang) }</option>
                { for series.iter().map(|(id, name)| html! {
                    <option value={id.to_string()} selected={f.series == Some(*id)}>{ name.clone() }</option>
                }) }
            </select>
            <label class="visually-hidden" for="f-district">{ OT::AllDistricts.get(lang) }</label>
            <select id="f-district" onchange={change(|f, v| f.district = District::from_key(&v))}>
                <option value="" selected={f.district.is_none()}>{ OT::AllDistricts.get(lang) }</option>
                { for District::ALL.iter().map(|d| html! {
                    <option value={d.key()} selected={f.district == Some(*d)}>{ lang.pick(d.zh(), d.en()) }</option>
                }) }
            </select>
            <label class="visually-hidden" for="f-industry">{ OT::AllIndustries.get(lang) }</label>
            <select id="f-industry" onchange={change(|f, v| f.industry = Industry::from_key(&v))}>
                <option value="" selected={f.industry.is_none()}>{ OT::AllIndustries.get(lang) }</option>
                { for Industry::ALL.iter().map(|i| html! {
                    <option value={i.key()} selected={f.industry == Some(*i)}>{ lang.pick(i.zh(), i.en()) }</option>
                }) }
            </select>
            <label class="visually-hidden" for="f-mode">{ OT::AllModes.get(lang) }</label>
            <select id="f-mode" onchange={change(|f, v| f.mode = FairMode::from_key(&v))}>
                <option value="" selected={f.mode.is_none()}>{ OT::AllModes.get(lang) }</option>
                { for FairMode::ALL.iter().map(|m| html! {
                    <option value={m.key()} selected={f.mode == Some(*m)}>{ mode(lang, *m) }</option>
                }) }
            </select>
            <label class="visually-hidden" for="f-status">{ OT::AllStatuses.get(lang) }</label>
            <select id="f-status" onchange={change(|f, v| f.status = FairStatusKind::from_key(&v))}>
                <option value="" selected={f.status.is_none()}>{ OT::AllStatuses.get(lang) }</option>
                { for FairStatusKind::ALL.iter().map(|s| html! {
                    <option value={s.key()} selected={f.status == Some(*s)}>{ status(lang, *s) }</option>
                }) }
            </select>
            if !f.is_empty() {
                <button type="button" class="link" id="clear-filters" onclick={clear}>{ OT::ClearFilters.get(lang) }</button>
            }
        </form>
    }
}
