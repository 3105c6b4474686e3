use fairlog_domain::enterprise::{CompanySize, EnterpriseCommand};
use fairlog_domain::enterprise_views::jobs_offered_by;
use fairlog_domain::ids::EnterpriseId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::{Command, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use super::enterprise_common::{every_problem, not_acting, Problems};
use crate::app::Route;
use crate::components::{input_value, Field};
use crate::enterprise_forms::EnterpriseForm;
use crate::enterprise_texts::{size, ET};
use crate::hooks::use_command;
use crate::i18n::{fill, T};
use crate::session::{use_current_enterprise, use_prefs, Session};
use crate::store::{now, use_app};

/// "Register a new enterprise": a fresh, empty form each time it is chosen in the header.
#[component]
pub fn RegisterEnterprisePage() -> Html {
    let key = use_location().and_then(|l| l.state::<u64>()).map(|k| *k).unwrap_or(0);
    html! { <EnterpriseProfilePage key={key.to_string()} register=true /> }
}

/// A well-formed credit code, put in place of a refused one only to ask the domain about the
/// other fields.
const STAND_IN_CODE: &str = "91350100M000100Y43";

#[derive(Properties, PartialEq)]
pub struct EnterpriseProfileProps {
    /// Register a new enterprise, or edit the one the user acts for.
    pub register: bool,
}

/// Register an enterprise (and act for it from then on), or edit the current one's profile.
/// The credit code's format and check character, the phone and every other rule are the
/// domain's; its message appears beside the field.
#[component]
pub fn EnterpriseProfilePage(props: &EnterpriseProfileProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let navigator = use_navigator();
    let current = use_current_enterprise();
    // Signed in to a server as an enterprise: the account's enterprise is the one to register.
    let own = crate::account::use_signed_in()
        .and_then(|a| a.subject.filter(|_| a.role == Role::Enterprise))
        .map(EnterpriseId);

    let existing = (!props.register).then(|| current.and_then(|id| app.view().enterprises.get(&id).cloned())).flatten();
    let opened_version = use_state(|| existing.as_ref().map(|e| e.version));
    let form = use_state(|| existing.as_ref().map(|e| EnterpriseForm::from_profile(&e.profile)).unwrap_or_default());
    let problems = use_state(Problems::default);
    {
        // Switching enterprise in the header reloads the form.
        let form = form.clone();
        let opened_version = opened_version.clone();
        let existing = existing.clone();
        use_effect_with(existing.as_ref().map(|e| e.id), move |_| {
            if let Some(e) = existing {
                form.set(EnterpriseForm::from_profile(&e.profile));
                opened_version.set(Some(e.version));
            }
        });
    }

    if !props.register && existing.is_none() {
        return html! { <section class="form-page"><h1>{ ET::ProfileTitle.get(lang) }</h1>{ not_acting(lang, &prefs.session) }</section> };
    }
    let may = prefs.session.role != Role::Host;
    let writable = app.writable();

    let type_in = |apply: fn(&mut EnterpriseForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };
    let set = |apply: fn(&mut EnterpriseForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };

    let onsubmit = {
        let (form, problems, command) = (form.clone(), problems.clone(), command.clone());
        let session = prefs.session.clone();
        let set_session = prefs.set_session.clone();
        let editing = existing.as_ref().map(|e| e.id);
        let opened_version = *opened_version;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if command.busy() {
                return;
            }
            let profile = form.to_profile();
            // A new enterprise acts for itself from its first event: the actor carries its id.
            let (id, intent, actor) = match (editing, opened_version) {
                (Some(id), Some(v)) => (
                    id,
                    EnterpriseCommand::EditEnterprise {
                        enterprise_id: id,
                        expected_version: v,
                        profile: profile.clone(),
                    },
                    session.actor(),
                ),
                _ => {
                    let id = own.unwrap_or_else(|| EnterpriseId(uuid::Uuid::new_v4()));
                    let mut actor = session.actor();
                    if actor.role == Role::Enterprise {
                        actor.subject = Some(id.0);
                        let contact = profile.contact_name.trim();
                        if !contact.is_empty() {
                            actor.name = contact.to_owned();
                        }
                    }
                    (id, EnterpriseCommand::RegisterEnterprise { enterprise_id: id, profile: profile.clone() }, actor)
                }
            };
            // Every problem at once, beside its field (the domain decides; nothing is written).
            let found = every_problem(
                lang,
                &command.commander().store.engine(),
                &actor,
                intent.clone(),
                vec![],
                |i| i.clone().into(),
                |i, field| {
                    let p = match i {
                        EnterpriseCommand::EditEnterprise { profile, .. }
                        | EnterpriseCommand::RegisterEnterprise { profile, .. } => profile,
                        _ => return false,
                    };
                    match field {
                        "name" => p.name = "—".into(),
                        "credit_code" => p.credit_code = STAND_IN_CODE.into(),
                        "contact_name" => p.contact_name = "—".into(),
                        "contact_phone" => p.contact_phone = "13800000000".into(),
                        "description" => p.description.clear(),
                        _ => return false,
                    }
                    true
                },
            );
            if !found.is_empty() {
                problems.set(found);
                return;
            }
            let (problems, navigator, set_session) = (problems.clone(), navigator.clone(), set_session.clone());
            let registering = editing.is_none();
            // Sent as the actor worked out above (a new enterprise acts for itself).
            let cmd = Command { actor: actor.clone(), now: now(), intent: intent.into() };
            command.run_commands(vec![cmd], move |r| match r {
                Ok(_) => {
                    problems.set(Problems::default());
                    if registering && actor.role == Role::Enterprise {
                        set_session.emit(Session {
                            role: Role::Enterprise,
                            name: actor.name.clone(),
                            subject: Some(id.0),
                        });
                    }
                    if let Some(n) = navigator {
                        n.push(&Route::MyPosts);
                    }
                }
                Err(e) => problems.set(Problems::of(lang, e)),
            });
        })
    };

    let saving = command.busy();
    let f = (*form).clone();
    let title = if props.register { ET::RegisterTitle } else { ET::ProfileTitle };
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    html! {
        <section aria-labelledby="form-title" class="form-page">
            <h1 id="form-title">{ title.get(lang) }</h1>
            if let Some(e) = &existing {
                <p class="muted" id="enterprise-figures">
                    { fill(ET::JobsOfferedN.get(lang), &[("n", jobs_offered_by(state, e.id).to_string())]) }
                    if e.key.is_some() { { " · " }<span class="badge published">{ ET::KeyEnterprise.get(lang) }</span> }
                    { " · " }<a class="history-link" href={format!("#/history?entity={}", e.id)}>{ lang.pick("本企业的历史记录", "History of this enterprise") }</a>
                </p>
            }
            if !writable { <p class="banner warn" role="note">{ crate::components::read_only_note(lang, &app) }</p> }
            if let Some(msg) = &problems.form { <p class="banner danger" role="alert" id="form-error">{ msg.clone() }</p> }
            <form class="fair-form" {onsubmit} novalidate=true>
                <Field id="ent-name" label={ET::FieldEntName.get(lang)} required=true error={problems.at("name")}>
                    <input id="ent-name" type="text" value={f.name.clone()} oninput={type_in(|f, v| f.name = v)}
                        aria-invalid={problems.invalid("name")} autocomplete="organization" />
                </Field>
                <Field id="credit-code" label={ET::FieldCreditCode.get(lang)} required=true hint={Some(AttrValue::from(ET::HintCreditCode.get(lang)))} error={problems.at("credit_code")}>
                    <input id="credit-code" type="text" value={f.credit_code.clone()} oninput={type_in(|f, v| f.credit_code = v)}
                        aria-invalid={problems.invalid("credit_code")} autocomplete="off" spellcheck="false" maxlength="30" class="mono" />
                </Field>
                <div class="row">
                    <Field id="ent-industry" label={ET::FieldEntIndustry.get(lang)}>
                        <select id="ent-industry" onchange={set(|f, v| f.industry = v)}>
                            { for Industry::ALL.iter().map(|i| html! {
                                <option value={i.key()} selected={f.industry == i.key()}>{ lang.pick(i.zh(), i.en()) }</option>
                            }) }
                        </select>
                    </Field>
                    <Field id="ent-district" label={ET::FieldEntDistrict.get(lang)}>
                        <select id="ent-district" onchange={set(|f, v| f.district = v)}>
                            { for District::ALL.iter().map(|d| html! {
                                <option value={d.key()} selected={f.district == d.key()}>{ lang.pick(d.zh(), d.en()) }</option>
                            }) }
                        </select>
                    </Field>
                    <Field id="ent-size" label={ET::FieldSize.get(lang)}>
                        <select id="ent-size" onchange={set(|f, v| f.size = v)}>
                            { for CompanySize::ALL.iter().map(|s| html! {
                                <option value={s.key()} selected={f.size == s.key()}>{ size(lang, *s) }</option>
                            }) }
                        </select>
                    </Field>
                </div>
                <div class="row">
                    <Field id="contact-name" label={ET::FieldContact.get(lang)} required=true error={problems.at("contact_name")}>
                        <input id="contact-name" type="text" value={f.contact_name.clone()} oninput={type_in(|f, v| f.contact_name = v)}
                            aria-invalid={problems.invalid("contact_name")} autocomplete="name" />
                    </Field>
                    <Field id="contact-phone" label={ET::FieldPhone.get(lang)} required=true hint={Some(AttrValue::from(ET::HintPhone.get(lang)))} error={problems.at("contact_phone")}>
                        <input id="contact-phone" type="tel" value={f.contact_phone.clone()} oninput={type_in(|f, v| f.contact_phone = v)}
                            aria-invalid={problems.invalid("contact_phone")} autocomplete="tel" />
                    </Field>
                </div>
                <Field id="description" label={ET::FieldDescription.get(lang)} error={problems.at("description")}>
                    <textarea id="description" rows="3" value={f.description.clone()} oninput={type_in(|f, v| f.description = v)}
                        aria-invalid={problems.invalid("description")} />
                </Field>
                <div class="actions">
                    <button type="submit" id="save-enterprise" disabled={saving || !may || !writable}>
                        { if saving { T::Saving.get(lang) } else if props.register { ET::Register.get(lang) } else { T::Save.get(lang) } }
                    </button>
                </div>
            </form>
        </section>
    }
}
