use super::*;
use crate::fair::FairEvent;
use crate::testing::{given, xuhui_fair};
use crate::Event;

fn fair() -> FairId {
    FairId::from_u128(1)
}
fn zone() -> ZoneId {
    ZoneId::from_u128(10)
}
fn booth(n: u128) -> BoothId {
    BoothId::from_u128(100 + n)
}
/// A 3 × 3 booth in the zone, named field by field: `nb(TestBooth { n: 1, code: "A-01", x: 0, y: 0 })`.
struct TestBooth<'a> {
    n: u128,
    code: &'a str,
    x: u16,
    y: u16,
}

fn nb(b: TestBooth<'_>) -> NewBooth {
    NewBooth {
        booth_id: booth(b.n),
        zone_id: zone(),
        code: b.code.into(),
        rect: Rect { x: b.x, y: b.y, w: 3, h: 3 },
        amenities: Amenities::default(),
    }
}
fn hall() -> Vec<Event> {
    vec![
        FairEvent::FairCreated { fair_id: fair(), details: xuhui_fair("徐汇区春季招聘会") }.into(),
        FloorPlanEvent::HallSized { fair_id: fair(), width: 30, depth: 20 }.into(),
        FloorPlanEvent::ZoneAdded { fair_id: fair(), zone_id: zone(), name: "先进制造A馆".into() }.into(),
    ]
}
fn with_booth() -> Vec<Event> {
    let mut h = hall();
    h.push(
        FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(TestBooth { n: 1, code: "A-01", x: 0, y: 0 }) }.into(),
    );
    h
}

#[test]
fn it_should_add_a_booth_with_an_upper_case_code() {
    given(hall())
        .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(TestBooth { n: 1, code: " a-01 ", x: 0, y: 0 }) })
        .then([FloorPlanEvent::BoothAdded {
            fair_id: fair(),
            booth: nb(TestBooth { n: 1, code: "A-01", x: 0, y: 0 }),
        }]);
}

#[test]
fn it_should_not_add_a_booth_before_the_hall_is_sized() {
    let events: Vec<Event> = vec![FairEvent::FairCreated { fair_id: fair(), details: xuhui_fair("x") }.into()];
    given(events)
        .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(TestBooth { n: 1, code: "A-01", x: 0, y: 0 }) })
        .then_err(FloorPlanError::NoHall);
}

#[test]
fn it_should_not_place_a_booth_outside_the_hall() {
    given(hall())
        .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(TestBooth { n: 1, code: "A-01", x: 28, y: 0 }) })
        .then_err(FloorPlanError::OutsideHall { width: 30, depth: 20 });
}

#[test]
fn it_should_not_overlap_booths() {
    given(with_booth())
        .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(TestBooth { n: 2, code: "A-02", x: 2, y: 2 }) })
        .then_err(FloorPlanError::Overlap { code: "A-01".into() });
}

#[test]
fn booths_may_touch() {
    given(with_booth())
        .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(TestBooth { n: 2, code: "A-02", x: 3, y: 0 }) })
        .then([FloorPlanEvent::BoothAdded {
            fair_id: fair(),
            booth: nb(TestBooth { n: 2, code: "A-02", x: 3, y: 0 }),
        }]);
}

#[test]
fn it_should_refuse_a_duplicate_code() {
    given(with_booth())
        .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(TestBooth { n: 2, code: "a-01", x: 10, y: 10 }) })
        .then_err(FloorPlanError::DuplicateCode { code: "A-01".into() });
}

#[test]
fn a_batch_of_booths_is_checked_against_itself() {
    given(hall())
        .when(FloorPlanCommand::AddBooths {
            fair_id: fair(),
            booths: vec![
                nb(TestBooth { n: 1, code: "A-01", x: 0, y: 0 }),
                nb(TestBooth { n: 2, code: "A-02", x: 1, y: 1 }),
            ],
        })
        .then_err(FloorPlanError::Overlap { code: "A-01".into() });
}

#[test]
fn it_should_move_a_booth_but_not_onto_another() {
    let mut e = with_booth();
    e.push(
        FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(TestBooth { n: 2, code: "A-02", x: 10, y: 0 }) }.into(),
    );
    given(e.clone())
        .when(FloorPlanCommand::MoveBooth { booth_id: booth(2), x: 10, y: 5 })
        .then([FloorPlanEvent::BoothMoved { booth_id: booth(2), x: 10, y: 5 }]);
    given(e)
        .when(FloorPlanCommand::MoveBooth { booth_id: booth(2), x: 1, y: 1 })
        .then_err(FloorPlanError::Overlap { code: "A-01".into() });
}

#[test]
fn it_should_resize_within_limits() {
    given(with_booth())
        .when(FloorPlanCommand::ResizeBooth { booth_id: booth(1), w: 3, h: 6 })
        .then([FloorPlanEvent::BoothResized { booth_id: booth(1), w: 3, h: 6 }]);
    given(with_booth())
        .when(FloorPlanCommand::ResizeBooth { booth_id: booth(1), w: 1, h: 6 })
        .then_err(FloorPlanError::BoothSizeOutOfRange { min: MIN_BOOTH_METRES, max: MAX_BOOTH_METRES });
}

#[test]
fn the_hall_cannot_shrink_under_a_booth() {
    let mut e = with_booth();
    e.push(FloorPlanEvent::BoothMoved { booth_id: booth(1), x: 20, y: 10 }.into());
    given(e)
        .when(FloorPlanCommand::SizeHall { fair_id: fair(), width: 20, depth: 20 })
        .then_err(FloorPlanError::HallTooSmall { code: "A-01".into() });
}

#[test]
fn shrinking_the_hall_names_the_booth_that_sticks_out_furthest() {
    // Given A-01 just over the new edge and B-09 far past it (A-01 has the lower id, so the
    // first booth found in id order would be the wrong one)...
    let mut e = hall();
    e.push(
        FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(TestBooth { n: 2, code: "B-09", x: 26, y: 0 }) }.into(),
    );
    e.push(
        FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(TestBooth { n: 1, code: "A-01", x: 20, y: 10 }) }
            .into(),
    );
    // ...when the hall shrinks to 22 m, then the message names B-09 (4 m out), not A-01 (1 m).
    given(e)
        .when(FloorPlanCommand::SizeHall { fair_id: fair(), width: 22, depth: 20 })
        .then_err(FloorPlanError::HallTooSmall { code: "B-09".into() });
}

#[test]
fn an_online_fair_has_no_layout_but_virtual_booths() {
    let mut d = xuhui_fair("线上招聘会");
    d.mode = crate::fair::FairMode::Online;
    d.venue = None;
    let e: Vec<Event> = vec![FairEvent::FairCreated { fair_id: fair(), details: d }.into()];
    given(e.clone())
        .when(FloorPlanCommand::SizeHall { fair_id: fair(), width: 10, depth: 10 })
        .then_err(FloorPlanError::OnlineFairHasNoLayout);
    given(e)
        .when(FloorPlanCommand::SetVirtualBooths { fair_id: fair(), count: 200 })
        .then([FloorPlanEvent::VirtualBoothsSet { fair_id: fair(), count: 200 }]);
}

#[test]
fn a_zone_with_booths_cannot_be_removed() {
    given(with_booth())
        .when(FloorPlanCommand::RemoveZone { fair_id: fair(), zone_id: zone() })
        .then_err(FloorPlanError::ZoneNotEmpty { booths: 1 });
}

#[test]
fn blocking_needs_a_reason() {
    given(with_booth())
        .when(FloorPlanCommand::BlockBooth { booth_id: booth(1), reason: " ".into() })
        .then_err(FloorPlanError::ReasonRequired);
}

#[test]
fn rectangles_overlap_only_when_they_share_area() {
    let a = Rect { x: 0, y: 0, w: 3, h: 3 };
    assert!(a.overlaps(&Rect { x: 2, y: 2, w: 3, h: 3 }));
    assert!(!a.overlaps(&Rect { x: 3, y: 0, w: 3, h: 3 }));
    assert!(!a.overlaps(&Rect { x: 0, y: 3, w: 3, h: 3 }));
    assert!(a.overlaps(&Rect { x: 1, y: 1, w: 1, h: 1 }));
}
