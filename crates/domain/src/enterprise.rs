//! Enterprises (用人单位): profiles, key enterprises (重点企业) and their service commissioners
//! (就业服务专员).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::credit_code::{self, CreditCodeProblem};
use crate::envelope::{Actor, EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::EnterpriseId;
use crate::industry::Industry;
use crate::place::District;
use crate::state::State;

pub const NAME_MAX_CHARS: usize = 80;
pub const CONTACT_MAX_CHARS: usize = 40;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanySize {
    /// fewer than 20 people
    Micro,
    /// 20–299
    Small,
    /// 300–999
    Medium,
    /// 1000 or more
    Large,
}

impl CompanySize {
    pub const ALL: [CompanySize; 4] = [CompanySize::Micro, CompanySize::Small, CompanySize::Medium, CompanySize::Large];
    pub fn key(self) -> &'static str {
        match self {
            CompanySize::Micro => "micro",
            CompanySize::Small => "small",
            CompanySize::Medium => "medium",
            CompanySize::Large => "large",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == k)
    }
}

/// Why an enterprise is a key enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyCategory {
    /// 重大项目
    MajorProject,
    /// 重点产业
    KeyIndustry,
    /// 保供企业
    SupplyGuarantee,
}

impl KeyCategory {
    pub const ALL: [KeyCategory; 3] =
        [KeyCategory::MajorProject, KeyCategory::KeyIndustry, KeyCategory::SupplyGuarantee];
    pub fn key(self) -> &'static str {
        match self {
            KeyCategory::MajorProject => "major_project",
            KeyCategory::KeyIndustry => "key_industry",
            KeyCategory::SupplyGuarantee => "supply_guarantee",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == k)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EnterpriseProfile {
    pub name: String,
    /// 统一社会信用代码, validated per GB 32100-2015.
    pub credit_code: String,
    pub industry: Industry,
    pub district: District,
    pub size: CompanySize,
    pub contact_name: String,
    pub contact_phone: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Enterprise {
    pub id: EnterpriseId,
    pub profile: EnterpriseProfile,
    pub key: Option<KeyCategory>,
    /// The organizer staff member serving this key enterprise.
    pub commissioner: Option<String>,
    pub registered_at: DateTime<Utc>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnterpriseCommand {
    RegisterEnterprise { enterprise_id: EnterpriseId, profile: EnterpriseProfile },
    EditEnterprise { enterprise_id: EnterpriseId, expected_version: u64, profile: EnterpriseProfile },
    MarkKeyEnterprise { enterprise_id: EnterpriseId, category: KeyCategory },
    UnmarkKeyEnterprise { enterprise_id: EnterpriseId },
    AssignCommissioner { enterprise_id: EnterpriseId, commissioner: String },
    UnassignCommissioner { enterprise_id: EnterpriseId },
}

impl EnterpriseCommand {
    pub fn name(&self) -> &'static str {
        match self {
            EnterpriseCommand::RegisterEnterprise { .. } => "RegisterEnterprise",
            EnterpriseCommand::EditEnterprise { .. } => "EditEnterprise",
            EnterpriseCommand::MarkKeyEnterprise { .. } => "MarkKeyEnterprise",
            EnterpriseCommand::UnmarkKeyEnterprise { .. } => "UnmarkKeyEnterprise",
            EnterpriseCommand::AssignCommissioner { .. } => "AssignCommissioner",
            EnterpriseCommand::UnassignCommissioner { .. } => "UnassignCommissioner",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnterpriseEvent {
    EnterpriseRegistered { enterprise_id: EnterpriseId, profile: EnterpriseProfile },
    EnterpriseEdited { enterprise_id: EnterpriseId, profile: EnterpriseProfile },
    KeyEnterpriseMarked { enterprise_id: EnterpriseId, category: KeyCategory },
    KeyEnterpriseUnmarked { enterprise_id: EnterpriseId },
    CommissionerAssigned { enterprise_id: EnterpriseId, commissioner: String },
    CommissionerUnassigned { enterprise_id: EnterpriseId },
}

impl EnterpriseEvent {
    pub fn type_name(&self) -> &'static str {
        match self {
            EnterpriseEvent::EnterpriseRegistered { .. } => "EnterpriseRegistered",
            EnterpriseEvent::EnterpriseEdited { .. } => "EnterpriseEdited",
            EnterpriseEvent::KeyEnterpriseMarked { .. } => "KeyEnterpriseMarked",
            EnterpriseEvent::KeyEnterpriseUnmarked { .. } => "KeyEnterpriseUnmarked",
            EnterpriseEvent::CommissionerAssigned { .. } => "CommissionerAssigned",
            EnterpriseEvent::CommissionerUnassigned { .. } => "CommissionerUnassigned",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseError {
    #[error("no such enterprise")]
    NotFound,
    #[error("an enterprise with this id already exists")]
    AlreadyExists,
    #[error("an enterprise needs a name")]
    NameRequired,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("invalid credit code: {problem}")]
    CreditCode { problem: CreditCodeProblem },
    #[error("credit code {code} is already registered")]
    DuplicateCreditCode { code: String },
    #[error("a contact person is required")]
    ContactRequired,
    #[error("the contact name is longer than {max} characters")]
    ContactTooLong { max: usize },
    #[error("{phone:?} is not a mobile (11 digits from 1) or landline (area code + number) phone number")]
    PhoneInvalid { phone: String },
    #[error("the description is longer than {max} characters")]
    DescriptionTooLong { max: usize },
    #[error("an enterprise may only change its own profile")]
    NotYourEnterprise,
    #[error("the enterprise was changed (version {actual}) since this form was opened (version {expected})")]
    EditConflict { expected: u64, actual: u64 },
    #[error("the enterprise is not a key enterprise")]
    NotKey,
    #[error("a commissioner's name is required")]
    CommissionerRequired,
    #[error("the enterprise has no service commissioner")]
    NoCommissioner,
}

impl EnterpriseError {
    pub fn field(&self) -> Option<&'static str> {
        use EnterpriseError::*;
        Some(match self {
            NameRequired | NameTooLong { .. } => "name",
            CreditCode { .. } | DuplicateCreditCode { .. } => "credit_code",
            ContactRequired | ContactTooLong { .. } => "contact_name",
            PhoneInvalid { .. } => "contact_phone",
            DescriptionTooLong { .. } => "description",
            CommissionerRequired => "commissioner",
            _ => return None,
        })
    }
}

/// Normalise a Chinese phone number (spaces, dashes, +86 removed) and check its shape:
/// a mobile number (11 digits, 1[3-9]…), a landline with area code (0 + 2–3 digits + 7–8 digits),
/// or a Shanghai local 8-digit number.
pub fn normalise_phone(input: &str) -> Option<String> {
    let mut s: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    if let Some(rest) = s.strip_prefix("+86") {
        s = rest.to_owned();
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let b = s.as_bytes();
    let mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    let landline = b.first() == Some(&b'0') && (10..=12).contains(&b.len());
    let local = b.len() == 8 && b[0] != b'0' && b[0] != b'1';
    (mobile || landline || local).then_some(s)
}

fn clean_profile(
    state: &State,
    p: &EnterpriseProfile,
    me: Option<EnterpriseId>,
) -> Result<EnterpriseProfile, EnterpriseError> {
    let name = p.name.trim();
    if name.is_empty() {
        return Err(EnterpriseError::NameRequired);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(EnterpriseError::NameTooLong { max: NAME_MAX_CHARS });
    }
    let code = credit_code::validate(&p.credit_code).map_err(|problem| EnterpriseError::CreditCode { problem })?;
    if let Some(owner) = state.credit_codes.get(&code) {
        if Some(*owner) != me {
            return Err(EnterpriseError::DuplicateCreditCode { code });
        }
    }
    let contact = p.contact_name.trim();
    if contact.is_empty() {
        return Err(EnterpriseError::ContactRequired);
    }
    if contact.chars().count() > CONTACT_MAX_CHARS {
        return Err(EnterpriseError::ContactTooLong { max: CONTACT_MAX_CHARS });
    }
    let phone = normalise_phone(&p.contact_phone)
        .ok_or_else(|| EnterpriseError::PhoneInvalid { phone: p.contact_phone.trim().chars().take(30).collect() })?;
    let description = p.description.trim();
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(EnterpriseError::DescriptionTooLong { max: DESCRIPTION_MAX_CHARS });
    }
    Ok(EnterpriseProfile {
        name: name.into(),
        credit_code: code,
        contact_name: contact.into(),
        contact_phone: phone,
        description: description.into(),
        ..p.clone()
    })
}

/// May this actor act for this enterprise? Organizers may; an enterprise only for itself.
pub fn may_act_for(actor: &Actor, enterprise: EnterpriseId) -> bool {
    match actor.role {
        Role::Organizer => true,
        Role::Enterprise => actor.subject == Some(enterprise.0),
        Role::Host => false,
    }
}

pub(crate) fn decide(
    state: &State,
    actor: &Actor,
    cmd: EnterpriseCommand,
) -> Result<Vec<EnterpriseEvent>, DomainError> {
    use EnterpriseCommand as C;
    use EnterpriseEvent as E;
    let forbidden = || DomainError::Forbidden { role: actor.role, command: cmd.name().into() };
    match &cmd {
        C::RegisterEnterprise { .. } | C::EditEnterprise { .. } if actor.role == Role::Host => return Err(forbidden()),
        C::MarkKeyEnterprise { .. }
        | C::UnmarkKeyEnterprise { .. }
        | C::AssignCommissioner { .. }
        | C::UnassignCommissioner { .. }
            if actor.role != Role::Organizer =>
        {
            return Err(forbidden())
        }
        _ => {}
    }
    let existing = |id: &EnterpriseId| state.enterprises.get(id).ok_or(EnterpriseError::NotFound);
    Ok(match cmd {
        C::RegisterEnterprise { enterprise_id, profile } => {
            if state.enterprises.contains_key(&enterprise_id) {
                return Err(EnterpriseError::AlreadyExists.into());
            }
            if actor.role == Role::Enterprise && actor.subject.is_some_and(|s| s != enterprise_id.0) {
                return Err(EnterpriseError::NotYourEnterprise.into());
            }
            vec![E::EnterpriseRegistered { enterprise_id, profile: clean_profile(state, &profile, None)? }]
        }
        C::EditEnterprise { enterprise_id, expected_version, profile } => {
            let e = existing(&enterprise_id)?;
            if !may_act_for(actor, enterprise_id) {
                return Err(EnterpriseError::NotYourEnterprise.into());
            }
            if e.version != expected_version {
                return Err(EnterpriseError::EditConflict { expected: expected_version, actual: e.version }.into());
            }
            let profile = clean_profile(state, &profile, Some(enterprise_id))?;
            if profile == e.profile {
                return Ok(vec![]);
            }
            vec![E::EnterpriseEdited { enterprise_id, profile }]
        }
        C::MarkKeyEnterprise { enterprise_id, category } => {
            let e = existing(&enterprise_id)?;
            if e.key == Some(category) {
                return Ok(vec![]);
            }
            vec![E::KeyEnterpriseMarked { enterprise_id, category }]
        }
        C::UnmarkKeyEnterprise { enterprise_id } => {
            let e = existing(&enterprise_id)?;
            if e.key.is_none() {
                return Err(EnterpriseError::NotKey.into());
            }
            vec![E::KeyEnterpriseUnmarked { enterprise_id }]
        }
        C::AssignCommissioner { enterprise_id, commissioner } => {
            let e = existing(&enterprise_id)?;
            let name = commissioner.trim();
            if name.is_empty() {
                return Err(EnterpriseError::CommissionerRequired.into());
            }
            if name.chars().count() > CONTACT_MAX_CHARS {
                return Err(EnterpriseError::ContactTooLong { max: CONTACT_MAX_CHARS }.into());
            }
            if e.commissioner.as_deref() == Some(name) {
                return Ok(vec![]);
            }
            vec![E::CommissionerAssigned { enterprise_id, commissioner: name.into() }]
        }
        C::UnassignCommissioner { enterprise_id } => {
            if existing(&enterprise_id)?.commissioner.is_none() {
                return Err(EnterpriseError::NoCommissioner.into());
            }
            vec![E::CommissionerUnassigned { enterprise_id }]
        }
    })
}

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &EnterpriseEvent) {
    use EnterpriseEvent as E;
    match event {
        E::EnterpriseRegistered { enterprise_id, profile } => {
            state.credit_codes.insert(profile.credit_code.clone(), *enterprise_id);
            state.enterprises.insert(
                *enterprise_id,
                Enterprise {
                    id: *enterprise_id,
                    profile: profile.clone(),
                    key: None,
                    commissioner: None,
                    registered_at: env.recorded_at,
                    version: env.seq,
                },
            );
        }
        E::EnterpriseEdited { enterprise_id, profile } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                let old = std::mem::replace(&mut e.profile, profile.clone());
                e.version = env.seq;
                if old.credit_code != profile.credit_code {
                    state.credit_codes.remove(&old.credit_code);
                    state.credit_codes.insert(profile.credit_code.clone(), *enterprise_id);
                }
            }
        }
        E::KeyEnterpriseMarked { enterprise_id, category } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.key = Some(*category);
                e.version = env.seq;
            }
        }
        E::KeyEnterpriseUnmarked { enterprise_id } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.key = None;
                e.version = env.seq;
            }
        }
        E::CommissionerAssigned { enterprise_id, commissioner } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.commissioner = Some(commissioner.clone());
                e.version = env.seq;
            }
        }
        E::CommissionerUnassigned { enterprise_id } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.commissioner = None;
                e.version = env.seq;
            }
        }
    }
}

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &EnterpriseEvent) -> Result<(), EnterpriseError> {
    use EnterpriseEvent as E;
    match event {
        E::EnterpriseRegistered { enterprise_id, profile } => {
            if state.enterprises.contains_key(enterprise_id) {
                return Err(EnterpriseError::AlreadyExists);
            }
            if state.credit_codes.contains_key(&profile.credit_code) {
                return Err(EnterpriseError::DuplicateCreditCode { code: profile.credit_code.clone() });
            }
            Ok(())
        }
        E::EnterpriseEdited { enterprise_id, profile } => {
            if !state.enterprises.contains_key(enterprise_id) {
                return Err(EnterpriseError::NotFound);
            }
            match state.credit_codes.get(&profile.credit_code) {
                Some(owner) if owner != enterprise_id => {
                    Err(EnterpriseError::DuplicateCreditCode { code: profile.credit_code.clone() })
                }
                _ => Ok(()),
            }
        }
        E::KeyEnterpriseMarked { enterprise_id, .. }
        | E::KeyEnterpriseUnmarked { enterprise_id }
        | E::CommissionerAssigned { enterprise_id, .. }
        | E::CommissionerUnassigned { enterprise_id } => {
            if state.enterprises.contains_key(enterprise_id) {
                Ok(())
            } else {
                Err(EnterpriseError::NotFound)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{given, given_nothing, t};
    use crate::{Command, Intent};

    fn id() -> EnterpriseId {
        EnterpriseId::from_u128(7)
    }

    pub(crate) fn profile() -> EnterpriseProfile {
        EnterpriseProfile {
            name: "上海电气集团".into(),
            credit_code: "91350100M000100Y43".into(),
            industry: Industry::Manufacturing,
            district: District::Minhang,
            size: CompanySize::Large,
            contact_name: "陈红".into(),
            contact_phone: "138 1234 5678".into(),
            description: String::new(),
        }
    }

    fn registered() -> EnterpriseEvent {
        EnterpriseEvent::EnterpriseRegistered {
            enterprise_id: id(),
            profile: EnterpriseProfile { contact_phone: "13812345678".into(), ..profile() },
        }
    }

    fn as_enterprise(subject: Option<EnterpriseId>, intent: impl Into<Intent>) -> Command {
        Command {
            actor: Actor { role: Role::Enterprise, name: "陈红".into(), subject: subject.map(|s| s.0) },
            now: t("2026-03-01T09:00"),
            intent: intent.into(),
        }
    }

    #[test]
    fn it_should_register_with_a_normalised_phone() {
        given_nothing()
            .when(EnterpriseCommand::RegisterEnterprise { enterprise_id: id(), profile: profile() })
            .then([registered()]);
    }

    #[test]
    fn it_should_explain_a_wrong_check_character() {
        let p = EnterpriseProfile { credit_code: "91350100M000100Y44".into(), ..profile() };
        given_nothing().when(EnterpriseCommand::RegisterEnterprise { enterprise_id: id(), profile: p }).then_err(
            EnterpriseError::CreditCode { problem: CreditCodeProblem::CheckDigit { expected: '3', found: '4' } },
        );
    }

    #[test]
    fn it_should_refuse_a_credit_code_registered_by_another_enterprise() {
        given([registered()])
            .when(EnterpriseCommand::RegisterEnterprise {
                enterprise_id: EnterpriseId::from_u128(8),
                profile: profile(),
            })
            .then_err(EnterpriseError::DuplicateCreditCode { code: "91350100M000100Y43".into() });
    }

    #[test]
    fn it_should_refuse_a_bad_phone() {
        let p = EnterpriseProfile { contact_phone: "12345".into(), ..profile() };
        given_nothing()
            .when(EnterpriseCommand::RegisterEnterprise { enterprise_id: id(), profile: p })
            .then_err(EnterpriseError::PhoneInvalid { phone: "12345".into() });
    }

    #[test]
    fn an_enterprise_edits_only_its_own_profile() {
        let p = EnterpriseProfile { description: "新能源装备".into(), ..profile() };
        given([registered()])
            .when_full(as_enterprise(
                Some(EnterpriseId::from_u128(99)),
                EnterpriseCommand::EditEnterprise { enterprise_id: id(), expected_version: 1, profile: p.clone() },
            ))
            .then_err(EnterpriseError::NotYourEnterprise);
        given([registered()])
            .when_full(as_enterprise(
                Some(id()),
                EnterpriseCommand::EditEnterprise { enterprise_id: id(), expected_version: 1, profile: p },
            ))
            .then([EnterpriseEvent::EnterpriseEdited {
                enterprise_id: id(),
                profile: EnterpriseProfile {
                    contact_phone: "13812345678".into(),
                    description: "新能源装备".into(),
                    ..profile()
                },
            }]);
    }

    #[test]
    fn only_organizers_mark_key_enterprises() {
        given([registered()])
            .when_full(as_enterprise(
                Some(id()),
                EnterpriseCommand::MarkKeyEnterprise { enterprise_id: id(), category: KeyCategory::MajorProject },
            ))
            .then_err(DomainError::Forbidden { role: Role::Enterprise, command: "MarkKeyEnterprise".into() });
        given([registered()])
            .when(EnterpriseCommand::MarkKeyEnterprise { enterprise_id: id(), category: KeyCategory::MajorProject })
            .then([EnterpriseEvent::KeyEnterpriseMarked { enterprise_id: id(), category: KeyCategory::MajorProject }]);
    }

    #[test]
    fn a_commissioner_can_be_unassigned_once_assigned() {
        let registered = EnterpriseEvent::EnterpriseRegistered { enterprise_id: id(), profile: profile() };
        given([registered.clone()])
            .when(EnterpriseCommand::UnassignCommissioner { enterprise_id: id() })
            .then_err(EnterpriseError::NoCommissioner);
        let assigned = EnterpriseEvent::CommissionerAssigned { enterprise_id: id(), commissioner: "王敏".into() };
        let g = given([registered.clone(), assigned.clone()]);
        assert_eq!(g.state().enterprises[&id()].commissioner.as_deref(), Some("王敏"));
        g.when(EnterpriseCommand::UnassignCommissioner { enterprise_id: id() })
            .then([EnterpriseEvent::CommissionerUnassigned { enterprise_id: id() }]);
        let after = given([registered, assigned, EnterpriseEvent::CommissionerUnassigned { enterprise_id: id() }]);
        assert_eq!(after.state().enterprises[&id()].commissioner, None);
    }

    #[test]
    fn a_commissioner_needs_a_name() {
        given([registered()])
            .when(EnterpriseCommand::AssignCommissioner { enterprise_id: id(), commissioner: " ".into() })
            .then_err(EnterpriseError::CommissionerRequired);
    }

    #[test]
    fn phones_are_normalised() {
        assert_eq!(normalise_phone("+86 138-1234-5678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_phone("021-6432 1234").as_deref(), Some("02164321234"));
        assert_eq!(normalise_phone("6432 1234").as_deref(), Some("64321234"));
        assert_eq!(normalise_phone("12012345678"), None);
        assert_eq!(normalise_phone("电话"), None);
    }
}
