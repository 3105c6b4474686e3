use super::*;
use crate::fair::{BoothKind, FairDetails, FairEvent, FairMode};
use crate::floor_plan::{Amenities, FloorPlanEvent, NewBooth, Rect};
use crate::testing::{given, t, xuhui_fair};
use crate::{Command, Intent};

fn fair() -> FairId {
    FairId::from_u128(1)
}
fn zone_a() -> ZoneId {
    ZoneId::from_u128(10)
}
fn zone_b() -> ZoneId {
    ZoneId::from_u128(11)
}
fn booth(n: u128) -> BoothId {
    BoothId::from_u128(100 + n)
}
fn ent(n: u128) -> EnterpriseId {
    EnterpriseId::from_u128(200 + n)
}
fn bk(n: u128) -> BookingId {
    BookingId::from_u128(300 + n)
}
fn wl(n: u128) -> WaitlistId {
    WaitlistId::from_u128(400 + n)
}
fn now() -> DateTime<Utc> {
    t("2026-03-01T09:00")
}
fn hold() -> DateTime<Utc> {
    t("2026-03-03T09:00")
}

/// A 3 × 3 booth on the hall's first row, named field by field.
struct TestBooth<'a> {
    n: u128,
    zone: ZoneId,
    code: &'a str,
    x: u16,
}

fn add_booth(b: TestBooth<'_>) -> Event {
    FloorPlanEvent::BoothAdded {
        fair_id: fair(),
        booth: NewBooth {
            booth_id: booth(b.n),
            zone_id: b.zone,
            code: b.code.into(),
            rect: Rect { x: b.x, y: 0, w: 3, h: 3 },
            amenities: Amenities::default(),
        },
    }
    .into()
}

fn registered(n: u128) -> Event {
    crate::testing::enterprise_registered(ent(n), n)
}

/// A published fair (2026-03-14) with zone A and zone B (B-01), three enterprises.
fn setup() -> Vec<Event> {
    vec![
        FairEvent::FairCreated { fair_id: fair(), details: xuhui_fair("徐汇区春季招聘会") }.into(),
        FairEvent::FairPublished { fair_id: fair() }.into(),
        FloorPlanEvent::HallSized { fair_id: fair(), width: 30, depth: 10 }.into(),
        FloorPlanEvent::ZoneAdded { fair_id: fair(), zone_id: zone_a(), name: "A馆".into() }.into(),
        FloorPlanEvent::ZoneAdded { fair_id: fair(), zone_id: zone_b(), name: "B馆".into() }.into(),
        add_booth(TestBooth { n: 1, zone: zone_a(), code: "A-01", x: 0 }),
        add_booth(TestBooth { n: 2, zone: zone_a(), code: "A-02", x: 3 }),
        add_booth(TestBooth { n: 3, zone: zone_b(), code: "B-01", x: 6 }),
        registered(1),
        registered(2),
        registered(3),
    ]
}

/// A booking in a test, named part by part: `a_booking(1).by(2).requested_booth(3)` is booking 1
/// of enterprise 2 on booth 3 (held until `hold()`; without `by`, enterprise n books booking n);
/// `.request_booth(3)` is the command asking for it.
#[derive(Clone, Copy)]
struct TestBooking {
    booking: u128,
    enterprise: u128,
}

fn a_booking(n: u128) -> TestBooking {
    TestBooking { booking: n, enterprise: n }
}

impl TestBooking {
    fn by(self, enterprise: u128) -> Self {
        TestBooking { enterprise, ..self }
    }
    fn requested(self, booth_id: Option<BoothId>) -> Event {
        BookingEvent::BoothRequested {
            booking_id: bk(self.booking),
            fair_id: fair(),
            enterprise_id: ent(self.enterprise),
            booth_id,
            zone_id: None,
            hold_until: hold(),
        }
        .into()
    }
    /// The event: this booking holds booth `b`.
    fn requested_booth(self, b: u128) -> Event {
        self.requested(Some(booth(b)))
    }
    /// The event: this booking holds a virtual booth.
    fn requested_virtual(self) -> Event {
        self.requested(None)
    }
    fn request(self, target: BoothTarget) -> BookingCommand {
        BookingCommand::RequestBooth {
            booking_id: bk(self.booking),
            fair_id: fair(),
            enterprise_id: ent(self.enterprise),
            target,
        }
    }
    /// The command: ask for booth `b`.
    fn request_booth(self, b: u128) -> BookingCommand {
        self.request(BoothTarget::Booth { booth_id: booth(b) })
    }
    /// The command: ask for any free booth in the zone.
    fn request_in_zone(self, zone_id: ZoneId) -> BookingCommand {
        self.request(BoothTarget::AnyInZone { zone_id })
    }
    /// The command: ask for a virtual booth.
    fn request_virtual(self) -> BookingCommand {
        self.request(BoothTarget::Virtual)
    }
}

fn with(mut base: Vec<Event>, more: impl IntoIterator<Item = Event>) -> Vec<Event> {
    base.extend(more);
    base
}

fn as_ent(n: u128, at: DateTime<Utc>, c: BookingCommand) -> Command {
    Command {
        actor: Actor {
            role: Role::Enterprise, name: format!("企业{n}联系人"), subject: Some(ent(n).0), account: None
        },
        now: at,
        intent: Intent::Booking(c),
    }
}

#[test]
fn it_should_hold_a_requested_booth_for_48_hours() {
    given(setup()).when_full(as_ent(1, now(), a_booking(1).request_booth(1))).then([a_booking(1).requested_booth(1)]);
}

#[test]
fn it_should_not_book_a_booth_that_was_just_taken() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_full(as_ent(2, now(), a_booking(2).request_booth(1)))
        .then_err(BookingError::BoothTaken { code: "A-01".into() });
}

#[test]
fn an_enterprise_books_only_for_itself() {
    given(setup()).when_full(as_ent(2, now(), a_booking(1).request_booth(1))).then_err(BookingError::NotYourEnterprise);
}

#[test]
fn it_should_refuse_a_request_after_the_cutoff() {
    given(setup())
        .when_full(as_ent(1, t("2026-03-13T10:00"), a_booking(1).request_booth(1)))
        .then_err(BookingError::AfterCutoff { hours: DEFAULT_CUTOFF_HOURS });
}

#[test]
fn one_booth_per_enterprise_per_fair_by_default() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_full(as_ent(1, now(), a_booking(2).by(1).request_booth(2)))
        .then_err(BookingError::LimitReached { max: 1 });
}

#[test]
fn the_organizer_may_allow_more_booths() {
    let rules = BookingRules { max_booths_per_enterprise: 2, ..BookingRules::default() };
    given(with(
        setup(),
        [BookingEvent::BookingRulesSet { fair_id: fair(), rules }.into(), a_booking(1).requested_booth(1)],
    ))
    .when_full(as_ent(1, now(), a_booking(2).by(1).request_booth(2)))
    .then([a_booking(2).by(1).requested_booth(2)]);
}

#[test]
fn any_booth_in_a_zone_takes_the_first_free_one_by_code() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_full(as_ent(2, now(), a_booking(2).request_in_zone(zone_a())))
        .then([BookingEvent::BoothRequested {
            booking_id: bk(2),
            fair_id: fair(),
            enterprise_id: ent(2),
            booth_id: Some(booth(2)),
            zone_id: Some(zone_a()),
            hold_until: hold(),
        }]);
}

#[test]
fn a_full_zone_says_so() {
    given(with(setup(), [a_booking(1).requested_booth(1), a_booking(2).requested_booth(2)]))
        .when_full(as_ent(3, now(), a_booking(3).request_in_zone(zone_a())))
        .then_err(BookingError::ZoneFull { zone: "A馆".into() });
}

#[test]
fn the_organizer_approves_a_request() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when(BookingCommand::ApproveBooking { booking_id: bk(1) })
        .then([BookingEvent::BookingApproved { booking_id: bk(1) }]);
}

#[test]
fn an_enterprise_cannot_approve() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_full(as_ent(1, now(), BookingCommand::ApproveBooking { booking_id: bk(1) }))
        .then_err(DomainError::Forbidden { role: Role::Enterprise, command: "ApproveBooking".into() });
}

#[test]
fn a_hold_that_ran_out_cannot_be_approved() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_at(t("2026-03-03T09:00"), BookingCommand::ApproveBooking { booking_id: bk(1) })
        .then_err(BookingError::HoldExpired);
}

#[test]
fn expiry_is_recorded_as_an_event() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_at(t("2026-03-03T10:00"), BookingCommand::ExpireHolds)
        .then([BookingEvent::HoldExpired { booking_id: bk(1) }]);
}

#[test]
fn nothing_expires_before_its_deadline() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_at(t("2026-03-03T08:59"), BookingCommand::ExpireHolds)
        .then_nothing();
}

#[test]
fn rejecting_needs_a_reason() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when(BookingCommand::RejectBooking { booking_id: bk(1), reason: " ".into() })
        .then_err(BookingError::ReasonRequired);
}

#[test]
fn bulk_approval_is_all_or_nothing() {
    given(with(
        setup(),
        [
            a_booking(1).requested_booth(1),
            a_booking(2).requested_booth(2),
            BookingEvent::BookingApproved { booking_id: bk(2) }.into(),
        ],
    ))
    .when(BookingCommand::ApproveBookings { booking_ids: vec![bk(1), bk(2)] })
    .then_err(BookingError::NotPending { status: "booked".into() });
    given(with(setup(), [a_booking(1).requested_booth(1), a_booking(2).requested_booth(2)]))
        .when(BookingCommand::ApproveBookings { booking_ids: vec![bk(1), bk(2)] })
        .then([
            BookingEvent::BookingApproved { booking_id: bk(1) },
            BookingEvent::BookingApproved { booking_id: bk(2) },
        ]);
}

#[test]
fn reassigning_moves_the_booking_to_a_free_booth() {
    given(with(setup(), [a_booking(1).requested_booth(1), a_booking(2).requested_booth(2)]))
        .when(BookingCommand::ReassignBooking { booking_id: bk(1), booth_id: booth(2) })
        .then_err(BookingError::BoothTaken { code: "A-02".into() });
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when(BookingCommand::ReassignBooking { booking_id: bk(1), booth_id: booth(3) })
        .then([BookingEvent::BookingReassigned { booking_id: bk(1), booth_id: booth(3) }]);
}

fn full_fair() -> Vec<Event> {
    with(setup(), [a_booking(1).requested_booth(1), a_booking(2).requested_booth(2), a_booking(3).requested_booth(3)])
}

#[test]
fn joining_a_waitlist_needs_a_full_fair() {
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when_full(as_ent(
            2,
            now(),
            BookingCommand::JoinWaitlist { waitlist_id: wl(1), fair_id: fair(), enterprise_id: ent(2), zone_id: None },
        ))
        .then_err(BookingError::NotFull);
}

fn registered_four() -> Event {
    registered(4)
}

#[test]
fn a_cancelled_booth_is_offered_to_the_first_eligible_waiting_enterprise() {
    // Enterprise 4 waits for zone B, enterprise 5 for any zone; A-01 frees: 4 is skipped.
    let events = with(
        full_fair(),
        [
            registered_four(),
            registered(5),
            BookingEvent::WaitlistJoined {
                waitlist_id: wl(4),
                fair_id: fair(),
                enterprise_id: ent(4),
                zone_id: Some(zone_b()),
            }
            .into(),
            BookingEvent::WaitlistJoined { waitlist_id: wl(5), fair_id: fair(), enterprise_id: ent(5), zone_id: None }
                .into(),
        ],
    );
    given(events).when_full(as_ent(1, now(), BookingCommand::CancelBooking { booking_id: bk(1) })).then([
        BookingEvent::BookingCancelled { booking_id: bk(1) },
        BookingEvent::WaitlistOffered {
            waitlist_id: wl(5),
            booking_id: BookingId(wl(5).0),
            booth_id: Some(booth(1)),
            until: hold(),
            freed_from: bk(1),
            freed_by: FreedBy::Cancelled,
            skipped: vec![Skipped { waitlist_id: wl(4), why: SkipReason::OtherZone }],
        },
    ]);
}

#[test]
fn an_expired_hold_goes_to_the_waitlist_in_the_same_decision() {
    let events = with(
        full_fair(),
        [
            registered_four(),
            BookingEvent::WaitlistJoined { waitlist_id: wl(4), fair_id: fair(), enterprise_id: ent(4), zone_id: None }
                .into(),
        ],
    );
    let later = t("2026-03-04T09:00");
    given(events).when_at(later, BookingCommand::ExpireHolds).then([
        BookingEvent::HoldExpired { booking_id: bk(1) },
        BookingEvent::WaitlistOffered {
            waitlist_id: wl(4),
            booking_id: BookingId(wl(4).0),
            booth_id: Some(booth(1)),
            until: t("2026-03-06T09:00"),
            freed_from: bk(1),
            freed_by: FreedBy::Expired,
            skipped: vec![],
        },
        BookingEvent::HoldExpired { booking_id: bk(2) },
        BookingEvent::HoldExpired { booking_id: bk(3) },
    ]);
}

/// A full fair; enterprises 4 and 5 wait (any zone); A-01 was cancelled and offered to 4.
fn offered_to_4() -> Vec<Event> {
    with(
        full_fair(),
        [
            registered_four(),
            registered(5),
            BookingEvent::WaitlistJoined { waitlist_id: wl(4), fair_id: fair(), enterprise_id: ent(4), zone_id: None }
                .into(),
            BookingEvent::WaitlistJoined { waitlist_id: wl(5), fair_id: fair(), enterprise_id: ent(5), zone_id: None }
                .into(),
            BookingEvent::BookingCancelled { booking_id: bk(1) }.into(),
            BookingEvent::WaitlistOffered {
                waitlist_id: wl(4),
                booking_id: BookingId(wl(4).0),
                booth_id: Some(booth(1)),
                until: hold(),
                freed_from: bk(1),
                freed_by: FreedBy::Cancelled,
                skipped: vec![],
            }
            .into(),
        ],
    )
}

#[test]
fn an_accepted_offer_is_a_booking_and_a_declined_one_moves_on() {
    let offered = offered_to_4();
    given(offered.clone())
        .when_full(as_ent(4, now(), BookingCommand::AcceptOffer { booking_id: BookingId(wl(4).0) }))
        .then([BookingEvent::OfferAccepted { booking_id: BookingId(wl(4).0) }]);
    given(offered).when_full(as_ent(4, now(), BookingCommand::DeclineOffer { booking_id: BookingId(wl(4).0) })).then([
        BookingEvent::OfferDeclined { booking_id: BookingId(wl(4).0) },
        BookingEvent::WaitlistOffered {
            waitlist_id: wl(5),
            booking_id: BookingId(wl(5).0),
            booth_id: Some(booth(1)),
            until: hold(),
            freed_from: BookingId(wl(4).0),
            freed_by: FreedBy::Declined,
            skipped: vec![],
        },
    ]);
}

#[test]
fn a_cancelled_offer_lapses_and_the_booth_moves_on_down_the_waitlist() {
    let offered = offered_to_4();
    let cancel = as_ent(4, now(), BookingCommand::CancelBooking { booking_id: BookingId(wl(4).0) });
    given(offered.clone()).when_full(cancel).then([
        BookingEvent::BookingCancelled { booking_id: BookingId(wl(4).0) },
        BookingEvent::WaitlistOffered {
            waitlist_id: wl(5),
            booking_id: BookingId(wl(5).0),
            booth_id: Some(booth(1)),
            until: hold(),
            freed_from: BookingId(wl(4).0),
            freed_by: FreedBy::Cancelled,
            skipped: vec![],
        },
    ]);
    // The entry whose offer was cancelled is no longer shown as offered.
    let after =
        given(with(offered.clone(), [BookingEvent::BookingCancelled { booking_id: BookingId(wl(4).0) }.into()]));
    assert_eq!(after.state().waitlist[&wl(4)].status, WaitlistStatus::Lapsed { booking_id: BookingId(wl(4).0) });
    // An accepted offer cancelled later stays served.
    let served = given(with(
        offered,
        [
            BookingEvent::OfferAccepted { booking_id: BookingId(wl(4).0) }.into(),
            BookingEvent::BookingCancelled { booking_id: BookingId(wl(4).0) }.into(),
        ],
    ));
    assert_eq!(served.state().waitlist[&wl(4)].status, WaitlistStatus::Served { booking_id: BookingId(wl(4).0) });
}

#[test]
fn booth_states_follow_the_bookings() {
    let g = given(with(
        full_fair(),
        [
            BookingEvent::BookingApproved { booking_id: bk(2) }.into(),
            FloorPlanEvent::BoothBlocked { booth_id: booth(3), reason: "消防通道".into() }.into(),
        ],
    ));
    let s = g.state();
    let plan = &s.floor_plans[&fair()];
    let st = |n| booth_state(s, &plan.booths[&booth(n)]).0;
    assert_eq!(st(1), BoothState::Requested);
    assert_eq!(st(2), BoothState::Booked);
    assert_eq!(st(3), BoothState::Blocked);
}

#[test]
fn an_approval_can_be_revoked_and_the_booth_is_held_again() {
    let g =
        with(setup(), [a_booking(1).requested_booth(1), BookingEvent::BookingApproved { booking_id: bk(1) }.into()]);
    given(g)
        .when(BookingCommand::RevokeApproval { booking_id: bk(1) })
        .then([BookingEvent::BookingApprovalRevoked { booking_id: bk(1), hold_until: hold() }]);
    given(with(setup(), [a_booking(1).requested_booth(1)]))
        .when(BookingCommand::RevokeApproval { booking_id: bk(1) })
        .then_err(BookingError::NotActive { status: "requested".into() });
}

// ---------------------------------------------------------------------------------------------
// Booth kinds and the fair's mode: a fair that became online keeps its floor plan (hidden), one
// that became onsite keeps its count of virtual booths; neither can be booked.

/// The fair of `setup()`, edited to `mode` (an old log, or a change made before any booking).
fn became(mode: FairMode) -> Event {
    let venue = mode.is_physical().then(crate::testing::hall);
    FairEvent::FairEdited {
        fair_id: fair(), details: FairDetails { mode, venue, ..xuhui_fair("徐汇区春季招聘会") }
    }
    .into()
}

fn virtual_booths(count: u32) -> Event {
    FloorPlanEvent::VirtualBoothsSet { fair_id: fair(), count }.into()
}

fn physical_at(mode: FairMode) -> BookingError {
    BookingError::BoothKindMismatch { mode, kind: BoothKind::Physical }
}

#[test]
fn an_online_fair_takes_no_request_for_a_booth_left_on_its_floor_plan() {
    let online = with(setup(), [became(FairMode::Online)]);
    given(online.clone())
        .when_full(as_ent(1, now(), a_booking(1).request_booth(1)))
        .then_err(physical_at(FairMode::Online));
    given(online)
        .when_full(as_ent(1, now(), a_booking(1).request_in_zone(zone_a())))
        .then_err(physical_at(FairMode::Online));
}

#[test]
fn an_onsite_fair_takes_no_request_for_the_virtual_booths_it_had_when_hybrid() {
    given(with(setup(), [became(FairMode::Hybrid), virtual_booths(5), became(FairMode::Onsite)]))
        .when_full(as_ent(1, now(), a_booking(1).request_virtual()))
        .then_err(BookingError::BoothKindMismatch { mode: FairMode::Onsite, kind: BoothKind::Virtual });
}

#[test]
fn a_hybrid_fair_takes_requests_for_both_kinds_of_booth() {
    let hybrid = with(setup(), [became(FairMode::Hybrid), virtual_booths(5)]);
    given(hybrid.clone())
        .when_full(as_ent(1, now(), a_booking(1).request_virtual()))
        .then([a_booking(1).requested_virtual()]);
    given(hybrid).when_full(as_ent(1, now(), a_booking(1).request_booth(1))).then([a_booking(1).requested_booth(1)]);
}

#[test]
fn waiting_for_a_zone_needs_a_fair_with_physical_booths() {
    given(with(setup(), [became(FairMode::Online)]))
        .when_full(as_ent(
            1,
            now(),
            BookingCommand::JoinWaitlist {
                waitlist_id: wl(1),
                fair_id: fair(),
                enterprise_id: ent(1),
                zone_id: Some(zone_a()),
            },
        ))
        .then_err(physical_at(FairMode::Online));
}

#[test]
fn booths_left_on_the_floor_plan_do_not_keep_an_online_fair_off_its_waitlist() {
    // Its one virtual booth is taken; its physical booths are free but cannot be booked.
    let full = with(
        setup(),
        [became(FairMode::Hybrid), virtual_booths(1), a_booking(1).requested_virtual(), became(FairMode::Online)],
    );
    let join =
        BookingCommand::JoinWaitlist { waitlist_id: wl(2), fair_id: fair(), enterprise_id: ent(2), zone_id: None };
    given(full).when_full(as_ent(2, now(), join)).then([BookingEvent::WaitlistJoined {
        waitlist_id: wl(2),
        fair_id: fair(),
        enterprise_id: ent(2),
        zone_id: None,
    }]);
}

#[test]
fn a_booking_left_on_a_physical_booth_of_an_online_fair_is_not_moved_to_another() {
    given(with(setup(), [a_booking(1).requested_booth(1), became(FairMode::Online)]))
        .when(BookingCommand::ReassignBooking { booking_id: bk(1), booth_id: booth(3) })
        .then_err(physical_at(FairMode::Online));
}

#[test]
fn a_physical_booth_freed_at_an_online_fair_is_not_offered_to_the_waitlist() {
    let events = with(
        full_fair(),
        [
            registered_four(),
            BookingEvent::WaitlistJoined { waitlist_id: wl(4), fair_id: fair(), enterprise_id: ent(4), zone_id: None }
                .into(),
            became(FairMode::Online),
        ],
    );
    given(events)
        .when_full(as_ent(1, now(), BookingCommand::CancelBooking { booking_id: bk(1) }))
        .then([BookingEvent::BookingCancelled { booking_id: bk(1) }]);
}

#[test]
fn merged_events_about_a_booth_kind_the_mode_lacks_are_conflicts() {
    let online = given(with(
        full_fair(),
        [
            registered_four(),
            BookingEvent::WaitlistJoined { waitlist_id: wl(4), fair_id: fair(), enterprise_id: ent(4), zone_id: None }
                .into(),
            BookingEvent::BookingCancelled { booking_id: bk(3) }.into(),
            became(FairMode::Online),
        ],
    ));
    let s = online.state();
    let request = BookingEvent::BoothRequested {
        booking_id: bk(5),
        fair_id: fair(),
        enterprise_id: ent(4),
        booth_id: Some(booth(3)),
        zone_id: None,
        hold_until: hold(),
    };
    assert_eq!(check(s, &request), Err(physical_at(FairMode::Online)));
    let offer = BookingEvent::WaitlistOffered {
        waitlist_id: wl(4),
        booking_id: BookingId(wl(4).0),
        booth_id: Some(booth(3)),
        until: hold(),
        freed_from: bk(3),
        freed_by: FreedBy::Cancelled,
        skipped: vec![],
    };
    assert_eq!(check(s, &offer), Err(physical_at(FairMode::Online)));
    let moved = BookingEvent::BookingReassigned { booking_id: bk(1), booth_id: booth(3) };
    assert_eq!(check(s, &moved), Err(physical_at(FairMode::Online)));
    let zone = BookingEvent::WaitlistJoined {
        waitlist_id: wl(5),
        fair_id: fair(),
        enterprise_id: ent(4),
        zone_id: Some(zone_a()),
    };
    assert_eq!(check(s, &zone), Err(physical_at(FairMode::Online)));

    let onsite = given(with(setup(), [became(FairMode::Hybrid), virtual_booths(5), became(FairMode::Onsite)]));
    assert_eq!(
        check(
            onsite.state(),
            &BookingEvent::BoothRequested {
                booking_id: bk(1),
                fair_id: fair(),
                enterprise_id: ent(1),
                booth_id: None,
                zone_id: None,
                hold_until: hold(),
            }
        ),
        Err(BookingError::BoothKindMismatch { mode: FairMode::Onsite, kind: BoothKind::Virtual })
    );
}

#[test]
fn the_booth_kind_error_has_a_stable_code_and_field() {
    let e: DomainError = physical_at(FairMode::Online).into();
    assert_eq!(e.code(), "booking.booth_kind_mismatch");
    assert_eq!(e.field(), Some("booth"));
}

// Regressions: states only a hostile log builds (found by the fuzz target and the issue).

#[test]
fn a_revoked_approval_of_an_unknown_booking_leaves_no_deadline_for_the_tick() {
    // The panic: the hold-expiry tick indexed the booking of every passed deadline.
    given(with(setup(), [BookingEvent::BookingApprovalRevoked { booking_id: bk(9), hold_until: hold() }.into()]))
        .when_at(t("2026-03-03T10:00"), BookingCommand::ExpireHolds)
        .then_nothing();
}

#[test]
fn a_revoked_approval_of_a_held_booking_replaces_its_deadline() {
    // Two deadlines for one booking made the tick expire it twice (and loop).
    given(with(
        setup(),
        [
            a_booking(1).requested_booth(1),
            BookingEvent::BookingApprovalRevoked { booking_id: bk(1), hold_until: t("2026-03-02T09:00") }.into(),
        ],
    ))
    .when_at(t("2026-03-03T10:00"), BookingCommand::ExpireHolds)
    .then([BookingEvent::HoldExpired { booking_id: bk(1) }]);
}

#[test]
fn the_tick_steps_over_a_deadline_whose_booking_has_none() {
    // A deadline left behind for a booking that is booked (no deadline): nothing to expire.
    let mut g = given(with(
        setup(),
        [a_booking(1).requested_booth(1), BookingEvent::BookingApproved { booking_id: bk(1) }.into()],
    ));
    g.state_mut().deadlines.insert((hold(), bk(1)), ());
    g.when_at(t("2026-03-03T10:00"), BookingCommand::ExpireHolds).then_nothing();
}
