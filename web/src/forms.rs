//! Form values (strings, as the inputs hold them) and their conversion to domain values.
//! Only *format* is checked here (is this a date, a number); every rule is the domain's.
use fairlog_domain::fair::{FairDetails, FairMode, Schedule, Venue};
use fairlog_domain::ids::SeriesId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::time::{format_local_input, parse_local_input};

use crate::i18n::T;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FairForm {
    pub name: String,
    pub series: String,
    pub industry: String,
    pub mode: String,
    /// "hall", "station", "remote" or "none".
    pub venue_kind: String,
    pub district: String,
    /// Address, station name, or address in the region.
    pub place: String,
    pub region: String,
    pub start: String,
    pub end: String,
    pub capacity: String,
}

impl Default for FairForm {
    fn default() -> Self {
        FairForm {
            name: String::new(),
            series: String::new(),
            industry: Industry::General.key().into(),
            mode: FairMode::Onsite.key().into(),
            venue_kind: "hall".into(),
            district: District::Huangpu.key().into(),
            place: String::new(),
            region: String::new(),
            start: String::new(),
            end: String::new(),
            capacity: String::new(),
        }
    }
}

/// A value that is not in the expected format, with the field it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub field: &'static str,
    pub text: T,
}

impl FairForm {
    pub fn from_details(d: &FairDetails) -> FairForm {
        let mut f = FairForm {
            name: d.name.clone(),
            series: d.series.map(|s| s.to_string()).unwrap_or_default(),
            industry: d.industry.key().into(),
            mode: d.mode.key().into(),
            venue_kind: "none".into(),
            start: d.schedule.map(|s| format_local_input(s.start)).unwrap_or_default(),
            end: d.schedule.map(|s| format_local_input(s.end)).unwrap_or_default(),
            capacity: d.capacity.map(|c| c.to_string()).unwrap_or_default(),
            ..FairForm::default()
        };
        match &d.venue {
            None => {}
            Some(Venue::Hall { district, address }) => {
                f.venue_kind = "hall".into();
                f.district = district.key().into();
                f.place = address.clone();
            }
            Some(Venue::ServiceStation { district, station }) => {
                f.venue_kind = "station".into();
                f.district = district.key().into();
                f.place = station.clone();
            }
            Some(Venue::Remote { region, address }) => {
                f.venue_kind = "remote".into();
                f.region = region.clone();
                f.place = address.clone();
            }
        }
        f
    }

    /// The details to ask the domain about, with each value in a wrong format left out (no
    /// dates, no capacity), and those values' problems: so the domain can name its own problems
    /// in the same answer.
    pub fn probe(&self) -> (FairDetails, Vec<FormatError>) {
        let mut problems = Vec::new();
        let mut form = self.clone();
        // Each round empties a field in a wrong format; with no dates and no capacity the form
        // always converts.
        loop {
            match form.to_details() {
                Ok(d) => return (d, problems),
                Err(e) => {
                    problems.push(e);
                    if e.field == "capacity" {
                        form.capacity.clear();
                    } else {
                        form.start.clear();
                        form.end.clear();
                    }
                }
            }
        }
    }

    /// The details to send, or the first value in a wrong format.
    pub fn to_details(&self) -> Result<FairDetails, FormatError> {
        let mode = FairMode::from_key(&self.mode).unwrap_or(FairMode::Onsite);
        let district = District::from_key(&self.district).unwrap_or(District::Huangpu);
        // Nothing typed for the place is no venue yet, whatever its type: a draft may leave it
        // empty (as the form's hint says); publishing then asks for it.
        let nothing_typed =
            self.place.trim().is_empty() && (self.venue_kind != "remote" || self.region.trim().is_empty());
        let venue = match self.venue_kind.as_str() {
            _ if nothing_typed => None,
            "hall" => Some(Venue::Hall { district, address: self.place.clone() }),
            "station" => Some(Venue::ServiceStation { district, station: self.place.clone() }),
            "remote" => Some(Venue::Remote { region: self.region.clone(), address: self.place.clone() }),
            _ => None,
        };
        let schedule = match (self.start.trim(), self.end.trim()) {
            ("", "") => None,
            (s, e) => {
                let start = parse_local_input(s).ok_or(FormatError { field: "start", text: T::InvalidTime })?;
                let end = parse_local_input(e).ok_or(FormatError { field: "end", text: T::InvalidTime })?;
                Some(Schedule { start, end })
            }
        };
        let capacity = match self.capacity.trim() {
            "" => None,
            c => Some(c.parse::<u32>().map_err(|_| FormatError { field: "capacity", text: T::InvalidNumber })?),
        };
        Ok(FairDetails {
            name: self.name.clone(),
            series: self.series.parse::<SeriesId>().ok(),
            industry: Industry::from_key(&self.industry).unwrap_or(Industry::General),
            mode,
            venue,
            schedule,
            capacity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> FairForm {
        FairForm {
            name: "徐汇区春季招聘会".into(),
            place: "漕溪北路 1111 号".into(),
            start: "2026-03-14T09:00".into(),
            end: "2026-03-14T16:00".into(),
            capacity: "3000".into(),
            ..FairForm::default()
        }
    }

    #[test]
    fn a_filled_form_round_trips_through_details() {
        let d = filled().to_details().unwrap();
        assert_eq!(d.capacity, Some(3000));
        assert_eq!(FairForm::from_details(&d), filled());
    }

    #[test]
    fn a_bad_time_is_reported_on_its_field() {
        let f = FairForm { end: "not a time".into(), ..filled() };
        assert_eq!(f.to_details(), Err(FormatError { field: "end", text: T::InvalidTime }));
        let f = FairForm { start: "".into(), ..filled() };
        assert_eq!(f.to_details(), Err(FormatError { field: "start", text: T::InvalidTime }));
    }

    #[test]
    fn a_negative_capacity_is_not_a_number() {
        let f = FairForm { capacity: "-5".into(), ..filled() };
        assert_eq!(f.to_details(), Err(FormatError { field: "capacity", text: T::InvalidNumber }));
    }

    #[test]
    fn a_probe_names_every_format_problem_and_still_gives_details() {
        let f = FairForm { end: "not a time".into(), capacity: "many".into(), ..filled() };
        let (d, problems) = f.probe();
        assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), vec!["end", "capacity"]);
        assert_eq!((d.schedule, d.capacity), (None, None));
        assert_eq!(d.name, "徐汇区春季招聘会");
    }

    #[test]
    fn a_draft_with_no_place_typed_has_no_venue_yet() {
        let f = FairForm { place: "  ".into(), ..filled() };
        assert_eq!(f.venue_kind, "hall");
        assert_eq!(f.to_details().unwrap().venue, None);
    }

    #[test]
    fn empty_dates_leave_the_fair_unscheduled() {
        let f = FairForm { start: "".into(), end: " ".into(), ..filled() };
        assert_eq!(f.to_details().unwrap().schedule, None);
    }
}
