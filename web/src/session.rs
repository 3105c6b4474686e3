//! Who is using the app (role + name, recorded as the actor of each event) and in which
//! language. Both are remembered in localStorage.
use fairlog_domain::{Actor, Role};
use yew::prelude::*;

use crate::i18n::Lang;

const LANG_KEY: &str = "fairlog.lang";
const ROLE_KEY: &str = "fairlog.role";
const NAME_KEY: &str = "fairlog.name.";
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
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.tag());
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
    /// The enterprise (or host) this person acts for, when the role has one.
    pub subject: Option<uuid::Uuid>,
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
        let subject = load(&format!("{SUBJECT_KEY}{}", role.key())).and_then(|s| s.parse().ok());
        Session { role, name, subject }
    }

    pub fn remember(&self) {
        save(ROLE_KEY, self.role.key());
        save(&format!("{NAME_KEY}{}", self.role.key()), &self.name);
        save(&format!("{SUBJECT_KEY}{}", self.role.key()), &self.subject.map(|s| s.to_string()).unwrap_or_default());
    }

    pub fn actor(&self) -> Actor {
        let name = self.name.trim();
        let mut actor = Actor::new(self.role, if name.is_empty() { default_name(self.role) } else { name });
        actor.subject = self.subject.filter(|_| self.role != Role::Organizer);
        actor
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
