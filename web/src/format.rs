//! Showing domain values: dates in Shanghai time, venues, names in the user's language.
use fairlog_domain::fair::{FairDetails, Schedule, Venue};
use fairlog_domain::time::to_local;

use crate::i18n::{Lang, T};

pub fn schedule(lang: Lang, s: Option<&Schedule>) -> String {
    let Some(s) = s else { return T::NotScheduled.get(lang).to_owned() };
    let (a, b) = (to_local(s.start), to_local(s.end));
    if a.date() == b.date() {
        format!("{} {}–{}", a.format("%Y-%m-%d"), a.format("%H:%M"), b.format("%H:%M"))
    } else {
        format!("{} → {}", a.format("%Y-%m-%d %H:%M"), b.format("%Y-%m-%d %H:%M"))
    }
}

pub fn venue(lang: Lang, d: &FairDetails) -> String {
    match &d.venue {
        None if !d.mode.is_physical() => T::OnlineVenue.get(lang).to_owned(),
        None => T::NotScheduled.get(lang).to_owned(),
        Some(v) => place(lang, v),
    }
}

/// A venue in a line: district (or region) and address.
pub fn place(lang: Lang, v: &Venue) -> String {
    match v {
        Venue::Hall { district, address } => format!("{} · {address}", lang.pick(district.zh(), district.en())),
        Venue::ServiceStation { district, station } => {
            format!("{} · {station}", lang.pick(district.zh(), district.en()))
        }
        Venue::Remote { region, address } => format!("{region} · {address}"),
    }
}
