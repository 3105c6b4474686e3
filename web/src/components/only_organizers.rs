use yew::prelude::*;

use crate::i18n::T;
use crate::session::use_prefs;

#[derive(Properties, PartialEq)]
pub struct OnlyOrganizersNoteProps {
    /// The paragraph's classes (`muted` under a list, `banner warn` on a form).
    #[prop_or(classes!("muted"))]
    pub class: Classes,
}

/// "Only organizers create and change job fairs", with the way out that exists here: in this
/// browser alone the role can be switched at the top right; signed in to a server, the account's
/// role is who acts, and there is nothing to switch.
#[component]
pub fn OnlyOrganizersNote(props: &OnlyOrganizersNoteProps) -> Html {
    let lang = use_prefs().lang;
    let signed_in = crate::account::use_signed_in().is_some();
    let text = if signed_in { T::OnlyOrganizersSignedIn } else { T::OnlyOrganizersHint };
    html! { <p class={props.class.clone()} role="note">{ text.get(lang) }</p> }
}
