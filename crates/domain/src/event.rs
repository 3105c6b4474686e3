//! Every event the log can hold: one variant per concept, each owned by its module.
use serde::{Deserialize, Serialize};

use crate::fair::FairEvent;
use crate::series::SeriesEvent;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Fair(FairEvent),
    Series(SeriesEvent),
}

impl Event {
    /// The event's type name as stored (`FairCreated`, ...), for history filters and messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::Fair(e) => match e {
                FairEvent::FairCreated { .. } => "FairCreated",
                FairEvent::FairEdited { .. } => "FairEdited",
                FairEvent::FairPublished { .. } => "FairPublished",
                FairEvent::FairClosed { .. } => "FairClosed",
                FairEvent::FairCancelled { .. } => "FairCancelled",
            },
            Event::Series(e) => match e {
                SeriesEvent::SeriesCreated { .. } => "SeriesCreated",
                SeriesEvent::SeriesRenamed { .. } => "SeriesRenamed",
            },
        }
    }
}

impl From<FairEvent> for Event {
    fn from(e: FairEvent) -> Self {
        Event::Fair(e)
    }
}

impl From<SeriesEvent> for Event {
    fn from(e: SeriesEvent) -> Self {
        Event::Series(e)
    }
}
