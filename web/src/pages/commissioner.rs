//! A service commissioner's list: the enterprises they serve, with their booth bookings, their
//! open posts, and what changed at the fairs they booked.
use fairlog_domain::time::to_local;
use fairlog_domain::views;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{input_value, FairNotices};
use crate::i18n::fill;
use crate::organizer_ui::{booking_status, key_category, OT};
use crate::session::use_prefs;
use crate::store::use_app;

#[component]
pub fn CommissionerPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let names = views::commissioners(state);
    // The signed-in organizer's own list first, else the first commissioner.
    let own = prefs.session.name.trim().to_owned();
    let default = if names.iter().any(|(n, _)| *n == own) {
        own.clone()
    } else {
        names.first().map(|(n, _)| n.clone()).unwrap_or(own.clone())
    };
    let chosen = use_state(|| None::<String>);
    let who = (*chosen).clone().unwrap_or(default);
    let list = views::commissioner_enterprises(state, &who);
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(Some(input_value(&e))))
    };
    html! {
        <section aria-labelledby="commissioner-title" class="commissioner-page">
            <h1 id="commissioner-title">{ OT::CommissionerTitle.get(lang) }</h1>
            <div class="filters">
                <label for="commissioner">{ OT::CommissionerPick.get(lang) }</label>
                <select id="commissioner" onchange={on_pick}>
                    if !names.iter().any(|(n, _)| *n == who) { <option value={who.clone()} selected=true>{ who.clone() }</option> }
                    { for names.iter().map(|(n, count)| html! {
                        <option value={n.clone()} selected={*n == who}>{ format!("{n}（{count}）") }</option>
                    }) }
                </select>
            </div>
            if list.is_empty() {
                <p class="empty">{ fill(OT::NoCommissioned.get(lang), &[("name", who.clone())]) }</p>
            }
            <div class="cards">
                { for list.iter().map(|c| {
                    let e = c.enterprise;
                    html! {
                        <article class="card" key={e.id.to_string()} aria-labelledby={format!("ent-{}", e.id)}>
                            <h2 id={format!("ent-{}", e.id)}>{ e.profile.name.clone() }
                                if let Some(k) = e.key { { " " }<span class="badge key">{ "★ " }{ key_category(lang, k) }</span> }
                            </h2>
                            <p class="muted">{ OT::Contact.get(lang) }{ crate::i18n::colon(lang) }{ e.profile.contact_name.clone() }{ " · " }{ e.profile.contact_phone.clone() }
                                { " · " }{ lang.pick(e.profile.industry.zh(), e.profile.industry.en()) }</p>
                            <FairNotices enterprise={e.id} />
                            <h3>{ OT::ColBookings.get(lang) }</h3>
                            if c.bookings.is_empty() {
                                <p class="muted">{ OT::NoBookings.get(lang) }</p>
                            } else {
                                <ul class="booking-lines">
                                    { for c.bookings.iter().map(|b| html! {
                                        <li key={b.booking_id.to_string()}>
                                            <Link<Route> to={Route::Fair { id: b.fair_id.to_string() }}>{ b.fair_name.clone() }</Link<Route>>
                                            { " · " }{ b.booth_code.clone().unwrap_or_else(|| OT::VirtualBooth.get(lang).into()) }
                                            { " · " }<span class={classes!("status", b.status.key())}>{ booking_status(lang, &b.status) }</span>
                                            if let Some(s) = b.fair_start { <span class="muted">{ " · " }{ to_local(s).format("%Y-%m-%d").to_string() }</span> }
                                        </li>
                                    }) }
                                </ul>
                            }
                            <h3>{ OT::OpenPosts.get(lang) }{ " · " }{ fill(OT::JobsOffered.get(lang), &[("n", c.jobs_offered.to_string())]) }</h3>
                            if c.open_posts.is_empty() {
                                <p class="muted">{ OT::NoPosts.get(lang) }</p>
                            } else {
                                <ul class="post-lines">
                                    { for c.open_posts.iter().map(|p| html! {
                                        <li key={p.id.to_string()}>{ p.details.title.clone() }{ " · " }
                                            { fill(OT::Headcount.get(lang), &[("n", p.details.headcount.to_string())]) }
                                            { format!(" · ¥{}–{}", p.details.salary_min, p.details.salary_max) }</li>
                                    }) }
                                </ul>
                            }
                        </article>
                    }
                }) }
            </div>
        </section>
    }
}
