use super::*;
use crate::testing::{given, given_nothing, hall, t, xuhui_fair};
use crate::{Actor, Intent};

fn fair() -> FairId {
    FairId::from_u128(1)
}

fn details() -> FairDetails {
    xuhui_fair("2026年春季促进就业专项行动·徐汇专场")
}

fn created() -> FairEvent {
    FairEvent::FairCreated { fair_id: fair(), details: details() }
}

#[test]
fn it_should_create_a_fair_with_a_trimmed_name() {
    let mut d = details();
    d.name = format!("  {}  ", d.name);
    given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then([created()]);
}

#[test]
fn it_should_not_create_a_fair_without_a_name() {
    let d = FairDetails { name: "   ".into(), ..details() };
    given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then_err(FairError::NameRequired);
}

#[test]
fn it_should_not_create_a_fair_that_ends_before_it_starts() {
    let d = FairDetails {
        schedule: Some(Schedule { start: t("2026-03-14T09:00"), end: t("2026-03-14T09:00") }),
        ..details()
    };
    given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then_err(FairError::EndNotAfterStart);
}

#[test]
fn it_should_not_create_a_fair_longer_than_a_month() {
    let d = FairDetails {
        schedule: Some(Schedule { start: t("2026-03-01T09:00"), end: t("2026-04-02T09:00") }),
        ..details()
    };
    given_nothing()
        .when(FairCommand::CreateFair { fair_id: fair(), details: d })
        .then_err(FairError::TooLong { max_days: MAX_FAIR_DAYS });
}

#[test]
fn it_should_not_create_the_same_fair_twice() {
    given([created()])
        .when(FairCommand::CreateFair { fair_id: fair(), details: details() })
        .then_err(FairError::AlreadyExists);
}

#[test]
fn it_should_refuse_a_physical_venue_for_an_online_fair() {
    let d = FairDetails { mode: FairMode::Online, ..details() };
    given_nothing()
        .when(FairCommand::CreateFair { fair_id: fair(), details: d })
        .then_err(FairError::VenueModeMismatch { mode: FairMode::Online });
}

#[test]
fn it_should_refuse_an_empty_address() {
    let d = FairDetails { venue: Some(Venue::Hall { district: District::Xuhui, address: " ".into() }), ..details() };
    given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then_err(FairError::AddressRequired);
}

#[test]
fn it_should_refuse_zero_visitors() {
    let d = FairDetails { capacity: Some(0), ..details() };
    given_nothing()
        .when(FairCommand::CreateFair { fair_id: fair(), details: d })
        .then_err(FairError::CapacityOutOfRange { max: MAX_CAPACITY });
}

#[test]
fn it_should_refuse_an_unknown_series() {
    let d = FairDetails { series: Some(SeriesId::from_u128(9)), ..details() };
    given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then_err(FairError::SeriesNotFound);
}

#[test]
fn it_should_accept_a_known_series() {
    let s = SeriesId::from_u128(9);
    let d = FairDetails { series: Some(s), ..details() };
    given([crate::testing::series_created(s)])
        .when(FairCommand::CreateFair { fair_id: fair(), details: d.clone() })
        .then([FairEvent::FairCreated { fair_id: fair(), details: d }]);
}

#[test]
fn it_should_let_only_organizers_create_fairs() {
    let cmd = crate::Command {
        actor: Actor::new(Role::Enterprise, "上海电气"),
        now: t("2026-03-01T09:00"),
        intent: Intent::Fair(FairCommand::CreateFair { fair_id: fair(), details: details() }),
    };
    given_nothing()
        .when_full(cmd)
        .then_err(DomainError::Forbidden { role: Role::Enterprise, command: "CreateFair".into() });
}

#[test]
fn it_should_edit_a_draft_at_the_version_it_was_opened() {
    let d = FairDetails { capacity: Some(5000), ..details() };
    given([created()])
        .when(FairCommand::EditFair { fair_id: fair(), expected_version: 1, details: d.clone() })
        .then([FairEvent::FairEdited { fair_id: fair(), details: d }]);
}

#[test]
fn it_should_refuse_an_edit_made_on_a_stale_version() {
    let d = FairDetails { capacity: Some(5000), ..details() };
    given([created(), FairEvent::FairEdited { fair_id: fair(), details: details() }])
        .when(FairCommand::EditFair { fair_id: fair(), expected_version: 1, details: d })
        .then_err(FairError::EditConflict { expected: 1, actual: 2 });
}

#[test]
fn an_edit_that_changes_nothing_writes_nothing() {
    given([created()])
        .when(FairCommand::EditFair { fair_id: fair(), expected_version: 1, details: details() })
        .then_nothing();
}

#[test]
fn it_should_not_edit_a_closed_fair() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }, FairEvent::FairClosed { fair_id: fair() }])
        .when(FairCommand::EditFair { fair_id: fair(), expected_version: 3, details: details() })
        .then_err(FairError::NotEditable { status: FairStatusKind::Closed });
}

#[test]
fn it_should_publish_a_draft_with_venue_and_dates() {
    given([created()])
        .when(FairCommand::PublishFair { fair_id: fair() })
        .then([FairEvent::FairPublished { fair_id: fair() }]);
}

#[test]
fn it_should_not_publish_without_dates() {
    let d = FairDetails { schedule: None, ..details() };
    given([FairEvent::FairCreated { fair_id: fair(), details: d }])
        .when(FairCommand::PublishFair { fair_id: fair() })
        .then_err(FairError::DatesRequired);
}

#[test]
fn it_should_not_publish_an_onsite_fair_without_a_venue() {
    let d = FairDetails { venue: None, ..details() };
    given([FairEvent::FairCreated { fair_id: fair(), details: d }])
        .when(FairCommand::PublishFair { fair_id: fair() })
        .then_err(FairError::VenueRequired);
}

#[test]
fn it_should_publish_an_online_fair_without_a_venue() {
    let d = FairDetails { venue: None, mode: FairMode::Online, ..details() };
    given([FairEvent::FairCreated { fair_id: fair(), details: d }])
        .when(FairCommand::PublishFair { fair_id: fair() })
        .then([FairEvent::FairPublished { fair_id: fair() }]);
}

#[test]
fn it_should_take_a_published_fair_back_to_draft() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when(FairCommand::UnpublishFair { fair_id: fair() })
        .then([FairEvent::FairUnpublished { fair_id: fair() }]);
    given([created()])
        .when(FairCommand::UnpublishFair { fair_id: fair() })
        .then_err(FairError::InvalidTransition { from: FairStatusKind::Draft, to: FairStatusKind::Draft });
}

#[test]
fn it_should_not_publish_twice() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when(FairCommand::PublishFair { fair_id: fair() })
        .then_err(FairError::InvalidTransition { from: FairStatusKind::Published, to: FairStatusKind::Published });
}

#[test]
fn it_should_not_remove_the_dates_of_a_published_fair() {
    let d = FairDetails { schedule: None, ..details() };
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when(FairCommand::EditFair { fair_id: fair(), expected_version: 2, details: d })
        .then_err(FairError::DatesRequired);
}

#[test]
fn it_should_close_a_published_fair_once_it_has_started() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when_at(t("2026-03-14T16:30"), FairCommand::CloseFair { fair_id: fair() })
        .then([FairEvent::FairClosed { fair_id: fair() }]);
}

#[test]
fn it_should_not_close_a_fair_before_it_starts() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when_at(t("2026-03-10T09:00"), FairCommand::CloseFair { fair_id: fair() })
        .then_err(FairError::CloseBeforeStart);
}

#[test]
fn it_should_record_what_a_fair_achieved_once_it_started() {
    let outcome = FairOutcome { visitors: 3200, applications: 1800, hires: 420, returned_to_work: 96 };
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when_at(t("2026-03-14T16:00"), FairCommand::RecordFairOutcome { fair_id: fair(), outcome })
        .then([FairEvent::FairOutcomeRecorded { fair_id: fair(), outcome }]);
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when_at(t("2026-03-13T16:00"), FairCommand::RecordFairOutcome { fair_id: fair(), outcome })
        .then_err(FairError::OutcomeBeforeStart);
}

#[test]
fn it_should_not_close_a_draft() {
    given([created()])
        .when_at(t("2026-03-20T09:00"), FairCommand::CloseFair { fair_id: fair() })
        .then_err(FairError::InvalidTransition { from: FairStatusKind::Draft, to: FairStatusKind::Closed });
}

#[test]
fn it_should_cancel_with_a_reason() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }])
        .when(FairCommand::CancelFair { fair_id: fair(), reason: " 场馆检修 ".into() })
        .then([FairEvent::FairCancelled { fair_id: fair(), reason: "场馆检修".into() }]);
}

#[test]
fn it_should_not_cancel_without_a_reason() {
    given([created()])
        .when(FairCommand::CancelFair { fair_id: fair(), reason: "".into() })
        .then_err(FairError::ReasonRequired);
}

#[test]
fn it_should_not_cancel_a_closed_fair() {
    given([created(), FairEvent::FairPublished { fair_id: fair() }, FairEvent::FairClosed { fair_id: fair() }])
        .when(FairCommand::CancelFair { fair_id: fair(), reason: "x".into() })
        .then_err(FairError::InvalidTransition { from: FairStatusKind::Closed, to: FairStatusKind::Cancelled });
}

#[test]
fn commands_about_unknown_fairs_are_refused() {
    given_nothing().when(FairCommand::PublishFair { fair_id: fair() }).then_err(FairError::NotFound);
}

#[test]
fn changes_to_a_published_fair_are_recorded() {
    let later = FairDetails {
        schedule: Some(Schedule { start: t("2026-03-15T09:00"), end: t("2026-03-15T16:00") }),
        ..details()
    };
    let g = given([
        created(),
        FairEvent::FairEdited { fair_id: fair(), details: later.clone() },
        FairEvent::FairPublished { fair_id: fair() },
        FairEvent::FairEdited { fair_id: fair(), details: details() },
        FairEvent::FairCancelled { fair_id: fair(), reason: "场馆检修".into() },
    ]);
    let changes: Vec<_> = g.state().fair_changes[&fair()].iter().map(|c| (c.seq, c.kind.clone())).collect();
    assert_eq!(
        changes,
        [
            (4, FairChangeKind::Rescheduled { from: later.schedule, to: details().schedule }),
            (5, FairChangeKind::Cancelled { reason: "场馆检修".into() }),
        ],
        "a draft's edit is no change anyone booked against"
    );
}

#[test]
fn new_dates_of_a_published_fair_reach_the_enterprises_booked_there() {
    use crate::booking::BookingEvent;
    use crate::enterprise::EnterpriseEvent;
    use crate::ids::{BookingId, EnterpriseId};
    let (booked, not_booked) = (EnterpriseId::from_u128(21), EnterpriseId::from_u128(22));
    let later = Schedule { start: t("2026-03-15T09:00"), end: t("2026-03-15T16:00") };
    let registered = |id: EnterpriseId, n: u32| EnterpriseEvent::EnterpriseRegistered {
        enterprise_id: id,
        profile: crate::enterprise::EnterpriseProfile {
            credit_code: crate::credit_code::complete(&format!("91310000MA1FL{n:04}")),
            ..crate::testing::sample_profile()
        },
    };
    // Given a published fair where one enterprise holds a virtual booth and another holds none,
    given::<crate::Event>([
        FairEvent::FairCreated {
            fair_id: fair(),
            details: FairDetails { mode: FairMode::Online, venue: None, ..details() },
        }
        .into(),
        FairEvent::FairPublished { fair_id: fair() }.into(),
        registered(booked, 1).into(),
        registered(not_booked, 2).into(),
        BookingEvent::BoothRequested {
            booking_id: BookingId::from_u128(31),
            fair_id: fair(),
            enterprise_id: booked,
            booth_id: None,
            zone_id: None,
            hold_until: t("2026-03-03T09:00"),
        }
        .into(),
    ])
    // when the organizer moves it to new dates,
    .when(FairCommand::EditFair {
        fair_id: fair(),
        expected_version: 2,
        details: FairDetails { mode: FairMode::Online, venue: None, schedule: Some(later), ..details() },
    })
    // then the booked enterprise is told what changed, and the other one is not.
    .then_state(|s| {
        let told: Vec<_> =
            crate::views::fair_notices_for(s, booked).into_iter().map(|n| n.change.kind.clone()).collect();
        assert_eq!(told, [FairChangeKind::Rescheduled { from: details().schedule, to: Some(later) }]);
        assert!(crate::views::fair_notices_for(s, not_booked).is_empty());
    });
}

#[test]
fn error_codes_and_fields_are_stable() {
    let e: DomainError = FairError::EndNotAfterStart.into();
    assert_eq!(e.code(), "fair.end_not_after_start");
    assert_eq!(e.field(), Some("end"));
    let e: DomainError = FairError::EditConflict { expected: 1, actual: 2 }.into();
    assert_eq!(e.code(), "fair.edit_conflict");
    let e: DomainError = FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 }.into();
    assert_eq!(e.code(), "fair.mode_strands_bookings");
    assert_eq!(e.field(), Some("venue"), "shown beside the mode");
}

// -----------------------------------------------------------------------------------------
// A change of mode and the bookings it would strand.

mod mode_changes {
    use super::*;
    use crate::booking::BookingEvent;
    use crate::event::Event;
    use crate::floor_plan::{Amenities, FloorPlanEvent, NewBooth, Rect};
    use crate::ids::{BookingId, BoothId, EnterpriseId, ZoneId};

    fn booth() -> BoothId {
        BoothId::from_u128(100)
    }
    fn ent(n: u128) -> EnterpriseId {
        EnterpriseId::from_u128(200 + n)
    }
    fn bk(n: u128) -> BookingId {
        BookingId::from_u128(300 + n)
    }

    fn in_mode(mode: FairMode) -> FairDetails {
        FairDetails { mode, venue: mode.is_physical().then(hall), ..details() }
    }

    /// A published fair of `mode` with one booth on its plan and five virtual booths,
    /// and two enterprises. The fair's version is 2.
    fn published(mode: FairMode) -> Vec<Event> {
        let mut v: Vec<Event> = vec![
            FairEvent::FairCreated { fair_id: fair(), details: in_mode(mode) }.into(),
            FairEvent::FairPublished { fair_id: fair() }.into(),
            FloorPlanEvent::HallSized { fair_id: fair(), width: 30, depth: 10 }.into(),
            FloorPlanEvent::ZoneAdded { fair_id: fair(), zone_id: ZoneId::from_u128(10), name: "A馆".into() }.into(),
            FloorPlanEvent::BoothAdded {
                fair_id: fair(),
                booth: NewBooth {
                    booth_id: booth(),
                    zone_id: ZoneId::from_u128(10),
                    code: "A-01".into(),
                    rect: Rect { x: 0, y: 0, w: 3, h: 3 },
                    amenities: Amenities::default(),
                },
            }
            .into(),
            FloorPlanEvent::VirtualBoothsSet { fair_id: fair(), count: 5 }.into(),
        ];
        v.extend((1..=2).map(|n| crate::testing::enterprise_registered(ent(n), n)));
        v
    }

    /// Booking `n` of enterprise `n`, holding the fair's booth or a virtual one.
    fn requested(n: u128, booth_id: Option<BoothId>) -> Event {
        BookingEvent::BoothRequested {
            booking_id: bk(n),
            fair_id: fair(),
            enterprise_id: ent(n),
            booth_id,
            zone_id: None,
            hold_until: t("2026-03-03T09:00"),
        }
        .into()
    }
    /// Booking `n` of enterprise `n` holds the booth on the floor plan.
    fn requested_the_booth(n: u128) -> Event {
        requested(n, Some(booth()))
    }
    /// Booking `n` of enterprise `n` holds a virtual booth.
    fn requested_a_virtual_booth(n: u128) -> Event {
        requested(n, None)
    }

    fn with(mut events: Vec<Event>, more: impl IntoIterator<Item = Event>) -> Vec<Event> {
        events.extend(more);
        events
    }

    fn edit_to(mode: FairMode) -> FairCommand {
        FairCommand::EditFair { fair_id: fair(), expected_version: 2, details: in_mode(mode) }
    }

    #[test]
    fn it_should_not_take_a_fair_online_while_a_booth_on_its_floor_plan_is_booked() {
        let booked = with(
            published(FairMode::Onsite),
            [requested_the_booth(1), BookingEvent::BookingApproved { booking_id: bk(1) }.into()],
        );
        given(booked)
            .when(edit_to(FairMode::Online))
            .then_err(FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 });
    }

    #[test]
    fn it_should_not_make_a_hybrid_fair_onsite_while_its_virtual_booths_are_requested() {
        given(with(published(FairMode::Hybrid), [requested_a_virtual_booth(1), requested_a_virtual_booth(2)]))
            .when(edit_to(FairMode::Onsite))
            .then_err(FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 2 });
    }

    #[test]
    fn only_active_bookings_hold_a_fair_to_its_mode() {
        // A request on the booth; a virtual booking that was cancelled.
        let events = with(
            published(FairMode::Hybrid),
            [
                requested_the_booth(1),
                requested_a_virtual_booth(2),
                BookingEvent::BookingCancelled { booking_id: bk(2) }.into(),
            ],
        );
        given(events.clone())
            .when(edit_to(FairMode::Online))
            .then_err(FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 });
        given(events)
            .when(edit_to(FairMode::Onsite))
            .then([FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Onsite) }]);
    }

    #[test]
    fn a_fair_with_bookings_may_always_become_hybrid_but_not_back() {
        let events = with(published(FairMode::Onsite), [requested_the_booth(1)]);
        given(events.clone())
            .when(edit_to(FairMode::Hybrid))
            .then([FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Hybrid) }]);
        let hybrid = with(
            events,
            [
                FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Hybrid) }.into(),
                requested_a_virtual_booth(2),
            ],
        );
        let back = FairCommand::EditFair { fair_id: fair(), expected_version: 10, details: in_mode(FairMode::Onsite) };
        given(hybrid).when(back).then_err(FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 1 });
    }

    #[test]
    fn an_old_fair_with_stranded_bookings_stays_editable_but_may_not_strand_more() {
        // Logged before the rule: a hybrid fair with both kinds booked went online.
        let old = with(
            published(FairMode::Hybrid),
            [
                requested_the_booth(1),
                requested_a_virtual_booth(2),
                FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Online) }.into(),
            ],
        );
        let version = 11;
        let bigger = FairDetails { capacity: Some(5000), ..in_mode(FairMode::Online) };
        given(old.clone())
            .when(FairCommand::EditFair { fair_id: fair(), expected_version: version, details: bigger.clone() })
            .then([FairEvent::FairEdited { fair_id: fair(), details: bigger }]);
        given(old)
            .when(FairCommand::EditFair {
                fair_id: fair(),
                expected_version: version,
                details: in_mode(FairMode::Onsite),
            })
            .then_err(FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 1 });
    }

    #[test]
    fn a_merged_publication_of_a_fair_without_dates_is_a_conflict() {
        let undated = FairDetails { schedule: None, ..details() };
        let draft = given([FairEvent::FairCreated { fair_id: fair(), details: undated.clone() }]);
        assert_eq!(check(draft.state(), &FairEvent::FairPublished { fair_id: fair() }), Err(FairError::DatesRequired));
        // And a published fair may not lose its dates through a merged edit.
        let public = given([
            FairEvent::FairCreated { fair_id: fair(), details: details() },
            FairEvent::FairPublished { fair_id: fair() },
        ]);
        let edit = FairEvent::FairEdited { fair_id: fair(), details: undated };
        assert_eq!(check(public.state(), &edit), Err(FairError::DatesRequired));
    }

    #[test]
    fn a_mode_change_that_strands_bookings_merged_from_another_device_is_a_conflict() {
        let g = given(with(published(FairMode::Hybrid), [requested_the_booth(1)]));
        let online = FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Online) };
        assert_eq!(check(g.state(), &online), Err(FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 }));
        let onsite = FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Onsite) };
        assert_eq!(check(g.state(), &onsite), Ok(()));
    }
}

// ---------------------------------------------------------------------------------------------
// Postponing (延期举办)

fn published() -> [FairEvent; 2] {
    [created(), FairEvent::FairPublished { fair_id: fair() }]
}

/// A week after the fixture's dates (2026-03-14, 09:00–16:00).
fn a_week_later() -> Schedule {
    Schedule { start: t("2026-03-21T09:00"), end: t("2026-03-21T16:00") }
}

#[test]
fn it_should_postpone_a_published_fair_with_a_reason() {
    given(published())
        .when(FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: " 场馆检修 ".into() })
        .then([FairEvent::FairPostponed { fair_id: fair(), schedule: a_week_later(), reason: "场馆检修".into() }]);
}

#[test]
fn a_postponed_fair_has_its_new_dates_and_its_enterprises_are_told_why() {
    let before = details().schedule;
    given(published())
        .when(FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: "场馆检修".into() })
        .then_state(|s| {
            assert_eq!(s.fairs[&fair()].details.schedule, Some(a_week_later()));
            let told = &s.fair_changes[&fair()];
            assert_eq!(
                told.back().map(|c| c.kind.clone()),
                Some(FairChangeKind::Postponed { from: before, to: a_week_later(), reason: "场馆检修".into() })
            );
        });
}

#[test]
fn it_should_not_postpone_without_a_reason() {
    given(published())
        .when(FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: "  ".into() })
        .then_err(FairError::ReasonRequired);
}

#[test]
fn it_should_not_postpone_to_an_earlier_or_the_same_start() {
    let same_start = Schedule { start: t("2026-03-14T09:00"), end: t("2026-03-14T18:00") };
    let earlier = Schedule { start: t("2026-03-07T09:00"), end: t("2026-03-07T16:00") };
    for schedule in [same_start, earlier] {
        given(published())
            .when(FairCommand::PostponeFair { fair_id: fair(), schedule, reason: "x".into() })
            .then_err(FairError::NotLater);
    }
}

#[test]
fn postponed_dates_keep_the_limits_of_every_fair() {
    let backwards = Schedule { start: t("2026-03-22T09:00"), end: t("2026-03-21T09:00") };
    given(published())
        .when(FairCommand::PostponeFair { fair_id: fair(), schedule: backwards, reason: "x".into() })
        .then_err(FairError::EndNotAfterStart);
}

#[test]
fn only_a_published_fair_is_postponed() {
    // A draft's dates are simply edited; a closed or cancelled fair is done.
    given([created()])
        .when(FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: "x".into() })
        .then_err(FairError::NotPostponable { status: FairStatusKind::Draft });
    let [c, p] = published();
    given([c, p, FairEvent::FairCancelled { fair_id: fair(), reason: "y".into() }])
        .when(FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: "x".into() })
        .then_err(FairError::NotPostponable { status: FairStatusKind::Cancelled });
}

#[test]
fn only_an_organizer_postpones_a_fair() {
    let cmd = crate::Command {
        actor: Actor::new(Role::Enterprise, "上海某企业"),
        now: t("2026-03-01T09:00"),
        intent: FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: "x".into() }.into(),
    };
    let err = given(published()).when_full(cmd);
    err.then_err(DomainError::Forbidden { role: Role::Enterprise, command: "PostponeFair".into() });
}

#[test]
fn a_merged_postponement_is_checked_by_the_same_rule() {
    // Given a fair cancelled on this device
    let [c, p] = published();
    let g = given([c, p, FairEvent::FairCancelled { fair_id: fair(), reason: "y".into() }]);
    // When the other device's postponement is merged, then the rule that refuses the command refuses it
    let event = FairEvent::FairPostponed { fair_id: fair(), schedule: a_week_later(), reason: "x".into() };
    assert_eq!(
        crate::merge::check(g.state(), &event.into()),
        Err(FairError::NotPostponable { status: FairStatusKind::Cancelled }.into())
    );
}

#[test]
fn a_postponement_is_undone_by_moving_the_fair_back() {
    // Given a published fair that was postponed
    let mut engine = crate::Engine::new();
    let organizer = Actor::organizer("李华");
    let now = t("2026-03-01T09:00");
    for intent in [
        Intent::from(FairCommand::CreateFair { fair_id: fair(), details: details() }),
        FairCommand::PublishFair { fair_id: fair() }.into(),
        FairCommand::PostponeFair { fair_id: fair(), schedule: a_week_later(), reason: "场馆检修".into() }.into(),
    ] {
        let r = engine.prepare(crate::Command { actor: organizer.clone(), now, intent }, uuid::Uuid::new_v4).unwrap();
        engine.commit(r).unwrap();
    }
    let last = engine.log().last_seq();
    // When it is undone
    let undo = crate::history::undo(&engine, last, last, &organizer).unwrap();
    // Then the undo edits the fair back to its old dates, at its current version
    let version = engine.state().fairs[&fair()].version;
    assert_eq!(
        undo,
        vec![Intent::from(FairCommand::EditFair { fair_id: fair(), expected_version: version, details: details() })]
    );
}
