//! Changes to fairs that an enterprise booked (new dates, a new venue, a cancellation and its
//! reason), shown to that enterprise.
use fairlog_domain::ids::{EnterpriseId, FairId};
use fairlog_domain::time::to_local;
use fairlog_domain::views::fair_notices_for;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::i18n::fill;
use crate::organizer_ui::{fair_change, OT};
use crate::session::use_lang;
use crate::store::use_app;

#[derive(Properties, PartialEq)]
pub struct FairNoticesProps {
    pub enterprise: EnterpriseId,
    /// Only this fair's changes.
    #[prop_or_default]
    pub fair: Option<FairId>,
}

#[component]
pub fn FairNotices(props: &FairNoticesProps) -> Html {
    let lang = use_lang();
    let app = use_app();
    let engine = app.view();
    let notices: Vec<_> = fair_notices_for(&engine, props.enterprise)
        .into_iter()
        .filter(|n| props.fair.is_none_or(|f| n.fair.id == f))
        .collect();
    if notices.is_empty() {
        return html! {};
    }
    html! {
        <section class="banner warn fair-notices" role="status" aria-labelledby="notices-title">
            <h2 id="notices-title">{ OT::NoticesTitle.get(lang) }</h2>
            <ul>
                { for notices.iter().map(|n| html! {
                    <li key={n.change.seq.to_string()}>
                        <Link<Route> to={Route::Fair { id: n.fair.id.to_string() }}>{ n.fair.details.name.clone() }</Link<Route>>
                        { crate::i18n::colon(lang) }{ fair_change(lang, &n.change.kind) }
                        <span class="muted">{ " · " }{ fill(OT::ChangedAt.get(lang), &[("at", to_local(n.change.at).format("%Y-%m-%d %H:%M").to_string())]) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
