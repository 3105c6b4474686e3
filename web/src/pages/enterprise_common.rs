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

/// Messages waiting to be shown: beside their fields (every problem of the form at once), or
/// above the form.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct Problems {
    pub fields: Vec<(&'static str, String)>,
    pub form: Option<String>,
    /// The refusal behind `form`, when the domain gave one.
    pub form_rule: Option<fairlog_domain::DomainError>,
}

impl Problems {
    pub fn at(&self, field: &str) -> Option<String> {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.form.is_none()
    }

    pub fn invalid(&self, field: &str) -> String {
        self.at(field).is_some().to_string()
    }

    pub fn of(lang: Lang, e: &UiError) -> Problems {
        match e {
            UiError::Rule(rule) => match rule.field() {
                Some(f) => Problems { fields: vec![(f, ui_error(lang, e))], ..Problems::default() },
                None => Problems { form: Some(ui_error(lang, e)), ..Problems::default() },
            },
            _ => Problems { form: Some(ui_error(lang, e)), ..Problems::default() },
        }
    }
}

/// Every problem of a form at once: the `format` problems the form found (shown first), then
/// the domain's refusals, asked again after each refused field is set aside (`set_aside` puts in
/// a value its rule accepts and says whether it could), so one refusal does not hide the next.
/// The domain decides; nothing is written.
pub fn every_problem<D>(
    lang: Lang,
    engine: &fairlog_domain::Engine,
    actor: &fairlog_domain::Actor,
    mut draft: D,
    format: Vec<crate::forms::FormatError>,
    intent: impl Fn(&D) -> fairlog_domain::Intent,
    set_aside: impl Fn(&mut D, &str) -> bool,
) -> Problems {
    let fields = format.iter().map(|f| (f.field, f.text.get(lang).to_owned())).collect();
    let mut problems = Problems { fields, ..Problems::default() };
    for field in format.iter().map(|f| f.field) {
        set_aside(&mut draft, field);
    }
    for _ in 0..8 {
        let cmd = fairlog_domain::Command { actor: actor.clone(), now: crate::store::now(), intent: intent(&draft) };
        let Err((_, e)) = engine.prepare_all(vec![cmd], uuid::Uuid::new_v4) else { break };
        let text = crate::i18n::domain_error(lang, &e);
        match e.field() {
            Some(f) => {
                // Refused again after setting it aside: the stand-in does not help; stop asking.
                if problems.at(f).is_some() {
                    break;
                }
                problems.fields.push((f, text));
                if !set_aside(&mut draft, f) {
                    break;
                }
            }
            None => {
                problems.form = Some(text);
                problems.form_rule = Some(e);
                break;
            }
        }
    }
    problems
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
