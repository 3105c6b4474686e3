use super::*;
use crate::testing::{given, given_nothing, series_created};

#[test]
fn it_should_create_a_recruitment_tour_with_its_region() {
    let id = SeriesId::from_u128(7);
    let kind = SeriesKind::RecruitmentTour { partner_region: "云南大理".into() };
    given_nothing()
        .when(SeriesCommand::CreateSeries {
            series_id: id, name: " 就在浦东·云南行 ".into(), kind: kind.clone()
        })
        .then([SeriesEvent::SeriesCreated { series_id: id, name: "就在浦东·云南行".into(), kind }]);
}

#[test]
fn it_should_not_create_a_tour_without_a_region() {
    let kind = SeriesKind::RecruitmentTour { partner_region: "  ".into() };
    given_nothing()
        .when(SeriesCommand::CreateSeries { series_id: SeriesId::from_u128(7), name: "x".into(), kind })
        .then_err(SeriesError::RegionRequired);
}

#[test]
fn it_should_not_rename_to_an_empty_name() {
    let id = SeriesId::from_u128(7);
    given([series_created(id)])
        .when(SeriesCommand::RenameSeries { series_id: id, name: "".into() })
        .then_err(SeriesError::NameRequired);
}
