//! Who is using the app (role + name, recorded as the actor of each event) and in which
//! language. Both are remembered in localStorage.
use fairlog_domain::ids::EnterpriseId;
use fairlog_domain::{Actor, Role};
use uuid::Uuid;
use yew::prelude::*;

use crate::i18n::Lang;

const LANG_KEY: &str = "fairlog.lang";
const ROLE_KEY: &str = "fairlog.role";
const NAME_KEY: &str = "fairlog.name.";
/// The enterprise (or host) the role acts for, per role: `fairlog.subject.enterprise`.
const SUBJECT_KEY: &str = "fairlog.subject.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Chinese first: zh-CN unless the user chose English before.
pub fn initial_lang() -> Lang {
    load(LANG_KEY).and_then(|s| Lang::from_tag(&s)).unwrap_or(Lang::Zh)
}

pub fn remember_lang(lang: Lang) {
    save(LANG_KEY, lang.tag());
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(el) = doc.as_ref().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.tag());
    }
    // The window's title follows the language too.
    if let Some(d) = doc {
        d.set_title(crate::i18n::T::AppTitle.get(lang));
    }
}

pub fn default_name(role: Role) -> &'static str {
    match role {
        Role::Organizer => "王敏",
        Role::Enterprise => "张华",
        Role::Host => "李局长",
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub role: Role,
    pub name: String,
    /// Whom the role acts for: the enterprise an enterprise user represents (recorded on every
    /// event as the actor's `subject`). Organizers have none.
    pub subject: Option<Uuid>,
}

impl Session {
    pub fn initial() -> Session {
        let role = load(ROLE_KEY).and_then(|s| Role::from_key(&s)).unwrap_or(Role::Organizer);
        Session::for_role(role)
    }

    pub fn for_role(role: Role) -> Session {
        let name = load(&format!("{NAME_KEY}{}", role.key()))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| default_name(role).to_owned());
        let subject = match role {
            Role::Organizer => None,
            _ => load(&format!("{SUBJECT_KEY}{}", role.key())).and_then(|s| Uuid::parse_str(&s).ok()),
        };
        Session { role, name, subject }
    }

    pub fn remember(&self) {
        save(ROLE_KEY, self.role.key());
        save(&format!("{NAME_KEY}{}", self.role.key()), &self.name);
        if self.role != Role::Organizer {
            save(
                &format!("{SUBJECT_KEY}{}", self.role.key()),
                &self.subject.map(|s| s.to_string()).unwrap_or_default(),
            );
        }
    }

    pub fn actor(&self) -> Actor {
        let name = self.name.trim();
        let mut actor = Actor::new(self.role, if name.is_empty() { default_name(self.role) } else { name });
        actor.subject = self.subject.filter(|_| self.role != Role::Organizer);
        actor
    }

    /// The name follows whom the session acts for: a host's own name (王芳 for 王芳 · 副局长),
    /// an enterprise's contact. Unchanged when there is nobody chosen or known.
    pub fn following_subject(self, state: &fairlog_domain::State) -> Session {
        let name = match (self.role, self.subject) {
            (Role::Host, Some(id)) => {
                state.hosts.get(&fairlog_domain::ids::HostId(id)).map(|h| h.profile.name.trim().to_owned())
            }
            (Role::Enterprise, Some(id)) => {
                state.enterprises.get(&EnterpriseId(id)).map(|e| e.profile.contact_name.trim().to_owned())
            }
            _ => None,
        };
        match name.filter(|n| !n.is_empty()) {
            Some(name) => Session { name, ..self },
            None => self,
        }
    }

    /// The enterprise this session acts for (enterprise role with a chosen enterprise).
    pub fn enterprise(&self) -> Option<EnterpriseId> {
        self.subject.filter(|_| self.role == Role::Enterprise).map(EnterpriseId)
    }
}

/// Language and session live in contexts next to the store.
#[derive(Clone, PartialEq)]
pub struct Prefs {
    pub lang: Lang,
    pub session: Session,
    pub set_lang: Callback<Lang>,
    pub set_session: Callback<Session>,
}

#[hook]
pub fn use_prefs() -> Prefs {
    use_context::<Prefs>().expect("Prefs context is provided by <App>")
}

#[hook]
pub fn use_lang() -> Lang {
    use_prefs().lang
}

/// The registered enterprise the user acts for, if the role is "enterprise" and one is chosen
/// (header: "acting as enterprise"). Pages for enterprises, invitations and the like use this.
#[hook]
pub fn use_current_enterprise() -> Option<EnterpriseId> {
    let prefs = use_prefs();
    let app = crate::store::use_app();
    let id = prefs.session.enterprise()?;
    let known = app.store.engine().state().enterprises.contains_key(&id);
    known.then_some(id)
}

/// Whom a role can act for, by id and name: hosts for the host role, enterprises for the
/// enterprise role; none for organizers.
pub fn subjects(state: &fairlog_domain::State, role: Role) -> Vec<(uuid::Uuid, String)> {
    match role {
        Role::Organizer => Vec::new(),
        Role::Enterprise => state.enterprises.values().map(|e| (e.id.0, e.profile.name.clone())).collect(),
        Role::Host => {
            state.hosts.values().map(|h| (h.id.0, format!("{} · {}", h.profile.name, h.profile.title))).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enterprise_session_acts_with_its_enterprise_as_subject() {
        let id = Uuid::from_u128(7);
        let s = Session { role: Role::Enterprise, name: "陈红".into(), subject: Some(id) };
        assert_eq!(s.actor().subject, Some(id));
        assert_eq!(s.enterprise(), Some(EnterpriseId(id)));
        let o = Session { role: Role::Organizer, ..s.clone() };
        assert_eq!(o.actor().subject, None, "an organizer acts for nobody");
        assert_eq!(o.enterprise(), None);
        let blank = Session { name: "  ".into(), ..s };
        assert_eq!(blank.actor().name, default_name(Role::Enterprise));
    }
}
