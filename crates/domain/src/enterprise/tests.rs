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
        actor: Actor { role: Role::Enterprise, name: "陈红".into(), subject: subject.map(|s| s.0), account: None },
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
    given_nothing()
        .when(EnterpriseCommand::RegisterEnterprise { enterprise_id: id(), profile: p })
        .then_err(EnterpriseError::CreditCode { problem: CreditCodeProblem::CheckDigit { expected: '3', found: '4' } });
}

#[test]
fn it_should_refuse_a_credit_code_registered_by_another_enterprise() {
    given([registered()])
        .when(EnterpriseCommand::RegisterEnterprise { enterprise_id: EnterpriseId::from_u128(8), profile: profile() })
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
