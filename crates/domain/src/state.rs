//! The current state, built by applying events in order.
//!
//! Maps are `imbl` persistent maps: applying an event changes the state in place, and a clone
//! (a time-travel snapshot, a view kept by the UI) costs O(1) and shares structure.
use chrono::{DateTime, Utc};
use imbl::{OrdMap, Vector};

use crate::booking::{self, Booking, BookingRules, IdSet, WaitlistEntry};
use crate::enterprise::{self, Enterprise};
use crate::envelope::EventEnvelope;
use crate::event::Event;
use crate::fair::{self, Fair, FairChange};
use crate::floor_plan::{self, FloorPlan};
use crate::host::{self, Channel, Host};
use crate::ids::{
    BookingId, BoothId, ChannelId, EnterpriseId, FairId, HostId, PostId, SeriesId, SessionId, WaitlistId,
};
use crate::livestream::{self, LiveSession};
use crate::post::{self, Post};
use crate::series::{self, Series};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct State {
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub fairs: OrdMap<FairId, Fair>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub series: OrdMap<SeriesId, Series>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub enterprises: OrdMap<EnterpriseId, Enterprise>,
    /// Registered credit codes, so that one code belongs to one enterprise.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub credit_codes: OrdMap<String, EnterpriseId>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub posts: OrdMap<PostId, Post>,
    /// Each enterprise's posts, and the posts offered at each fair (for jobs-offered figures).
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub enterprise_posts: OrdMap<EnterpriseId, IdSet<PostId>>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub fair_posts: OrdMap<FairId, IdSet<PostId>>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub floor_plans: OrdMap<FairId, FloorPlan>,
    /// Which fair each booth belongs to.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub booth_fair: OrdMap<BoothId, FairId>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub bookings: OrdMap<BookingId, Booking>,
    /// The active booking (requested, offered or booked) occupying each booth: at most one.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub booth_taken: OrdMap<BoothId, BookingId>,
    /// Active virtual-booth bookings per fair.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub virtual_taken: OrdMap<FairId, u32>,
    /// Pending holds and offers by deadline, so expiries are found without a scan.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub deadlines: OrdMap<(DateTime<Utc>, BookingId), ()>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub enterprise_bookings: OrdMap<EnterpriseId, IdSet<BookingId>>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub fair_bookings: OrdMap<FairId, IdSet<BookingId>>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub waitlist: OrdMap<WaitlistId, WaitlistEntry>,
    /// Each fair's waitlist in joining order.
    #[serde(deserialize_with = "crate::snapshot::cautious::map_of_vectors")]
    pub waitlist_order: OrdMap<FairId, Vector<WaitlistId>>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub booking_rules: OrdMap<FairId, BookingRules>,
    /// Conflicts reported by merges and not yet resolved, by conflict id.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub open_conflicts: OrdMap<uuid::Uuid, crate::merge::OpenConflict>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub hosts: OrdMap<HostId, Host>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub channels: OrdMap<ChannelId, Channel>,
    /// Domains that channels may stream from (https only), edited by the organizer.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub stream_domains: OrdMap<String, ()>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub live_sessions: OrdMap<SessionId, LiveSession>,
    /// Interval indexes of scheduled sessions per host, channel and featured enterprise.
    pub live_index: livestream::conflict::Index,
    /// Changes to published fairs (dates, venue, cancellation), for the enterprises booked there.
    #[serde(deserialize_with = "crate::snapshot::cautious::map_of_vectors")]
    pub fair_changes: OrdMap<FairId, Vector<FairChange>>,
    /// Sequence of the last event applied (0 for none).
    pub last_seq: u64,
    /// When the last event applied was recorded: commands are recorded no earlier (see
    /// `judge::recorded_time`).
    pub last_recorded_at: Option<DateTime<Utc>>,
}

impl State {
    /// Build a state from scratch by applying every event in order.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a EventEnvelope>) -> State {
        let mut s = State::default();
        for e in events {
            evolve(&mut s, e);
        }
        s
    }

    /// Scheduled and live sessions a host is in.
    /// (A query of the shared state, so that `host` asks it without importing `livestream`.)
    pub fn active_sessions_of_host(&self, host: HostId) -> impl Iterator<Item = &LiveSession> + '_ {
        let lane = livestream::conflict::Lane::Host(host);
        let lo = (lane, DateTime::<Utc>::MIN_UTC, SessionId(uuid::Uuid::nil()));
        self.live_index
            .busy
            .range(lo..)
            .take_while(move |((l, _, _), _)| *l == lane)
            .filter_map(|((_, _, id), _)| self.live_sessions.get(id))
    }
}

/// Apply one event. Total: an event is a fact, so nothing here can fail; an event about an
/// entity the state does not know changes nothing.
pub fn evolve(state: &mut State, env: &EventEnvelope) {
    match &env.event {
        Event::Fair(e) => fair::evolve(state, env, e),
        Event::Series(e) => series::evolve(state, env, e),
        Event::FloorPlan(e) => floor_plan::evolve(state, e),
        Event::Enterprise(e) => enterprise::evolve(state, env, e),
        Event::Post(e) => post::evolve(state, env, e),
        Event::Booking(e) => booking::evolve(state, env, e),
        Event::Merge(e) => crate::merge::evolve_merge(state, env, e),
        Event::Host(e) => host::evolve(state, env, e),
        Event::Livestream(e) => livestream::evolve(state, env, e),
    }
    state.last_seq = env.seq;
    state.last_recorded_at = Some(env.recorded_at);
}
