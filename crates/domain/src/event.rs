//! Every event the log can hold: one variant per concept, each owned by its module.
use serde::{Deserialize, Serialize};

use crate::booking::BookingEvent;
use crate::enterprise::EnterpriseEvent;
use crate::fair::FairEvent;
use crate::floor_plan::FloorPlanEvent;
use crate::host::HostEvent;
use crate::livestream::LivestreamEvent;
use crate::post::PostEvent;
use crate::series::SeriesEvent;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Fair(FairEvent),
    Series(SeriesEvent),
    FloorPlan(FloorPlanEvent),
    Enterprise(EnterpriseEvent),
    Post(PostEvent),
    Booking(BookingEvent),
    Merge(crate::merge::MergeEvent),
    Host(HostEvent),
    Livestream(LivestreamEvent),
}

impl Event {
    /// The event's type name as stored (`FairCreated`, ...), for history filters and messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::Fair(e) => e.into(),
            Event::Series(e) => e.into(),
            Event::FloorPlan(e) => e.type_name(),
            Event::Enterprise(e) => e.type_name(),
            Event::Post(e) => e.type_name(),
            Event::Booking(e) => e.type_name(),
            Event::Merge(e) => e.type_name(),
            Event::Host(e) => e.type_name(),
            Event::Livestream(e) => e.type_name(),
        }
    }
}

impl From<FairEvent> for Event {
    fn from(e: FairEvent) -> Self {
        Event::Fair(e)
    }
}

macro_rules! from_concept {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for Event {
            fn from(e: $t) -> Self { Event::$v(e) }
        }
    )*};
}

from_concept!(SeriesEvent => Series, FloorPlanEvent => FloorPlan, EnterpriseEvent => Enterprise, PostEvent => Post, BookingEvent => Booking, crate::merge::MergeEvent => Merge);
from_concept!(HostEvent => Host, LivestreamEvent => Livestream);
