//! What the enterprise pages share: where a message goes (beside a field or above the form),
//! and the notice shown when no enterprise is being acted for.
use fairlog_domain::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::ui_error;
use crate::enterprise_texts::ET;
use crate::i18n::Lang;
use crate::session::Session;
use crate::store::UiError;

/// A message waiting to be shown: beside a field, or above the form.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct Problems {
    pub field: Option<(&'static str, String)>,
    pub form: Option<String>,
}

impl Problems {
    pub fn at(&self, field: &str) -> Option<String> {
        self.field.as_ref().filter(|(f, _)| *f == field).map(|(_, m)| m.clone())
    }

    pub fn invalid(&self, field: &str) -> String {
        self.at(field).is_some().to_string()
    }

    pub fn of(lang: Lang, e: &UiError) -> Problems {
        match e {
            UiError::Rule(rule) => match rule.field() {
                Some(f) => Problems { field: Some((f, ui_error(lang, e))), form: None },
                None => Problems { field: None, form: Some(ui_error(lang, e)) },
            },
            _ => Problems { field: None, form: Some(ui_error(lang, e)) },
        }
    }
}

/// What to show instead of an enterprise page when the user is not acting for an enterprise.
pub fn not_acting(lang: Lang, session: &Session) -> Html {
    if session.role != Role::Enterprise {
        return html! { <p class="banner warn" role="note" id="enterprise-only">{ ET::EnterpriseRoleOnly.get(lang) }</p> };
    }
    html! {
        <div class="banner warn" role="note" id="no-enterprise">
            <p>{ ET::NoEnterpriseChosen.get(lang) }</p>
            <Link<Route> to={Route::RegisterEnterprise} classes="button">{ ET::RegisterNewEnterprise.get(lang) }</Link<Route>>
        </div>
    }
}
