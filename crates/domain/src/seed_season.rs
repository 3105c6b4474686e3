//! The city at full size: one generated season at the scale the seeds report (more than 1,100
//! job fairs held, 25,600 enterprises taking part, more than 480,000 jobs offered), through real
//! commands decided by the [`Engine`], deterministic for a seed.
//!
//! What it holds: series (千企万岗 by quarter, an industry special per industry, the spring
//! campaign, a recruitment tour per partner region), onsite / online / hybrid fairs in halls and
//! employment service stations across all 16 districts and tour fairs in partner regions (Dali,
//! Nujiang, ...), each with its floor plan or virtual booths; enterprises registering in the
//! weeks before "their" fair, with posts (the headcounts add up to the jobs target), requesting a
//! booth and approved by the organizer each evening; key enterprises with service commissioners;
//! a second booking for some enterprises at a later fair, a waitlist when it is full, and a few
//! cancellations whose booths go to the waitlist (offers, accepted); rejections; cancelled fairs;
//! closing and outcomes (visitors, applications, hires, returned to work); the district bureau
//! directors' livestream sessions (局长直播带岗) with line-ups, accepted invitations and outcomes.
//!
//! The plan is a list of dated actions, sorted by time; each action looks at the state and
//! issues commands, so the season adapts to what the rules say (a full fair sends a later
//! enterprise to its waitlist). Refused commands are counted: the test expects none.
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use crate::booking::{BookingCommand, BookingStatus, BoothTarget};
use crate::command::{Command, Intent};
use crate::engine::Engine;
use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile, KeyCategory};
use crate::envelope::{Actor, Role};
use crate::error::DomainError;
use crate::fair::{FairCommand, FairDetails, FairMode, FairOutcome, Schedule, Venue};
use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use crate::host::{ChannelDetails, HostCommand, HostProfile, Platform};
use crate::ids::{
    BookingId, BoothId, ChannelId, EnterpriseId, FairId, HostId, PostId, SeriesId, SessionId, WaitlistId, ZoneId,
};
use crate::industry::Industry;
use crate::livestream::{LivestreamCommand, LivestreamError, Outcome, SessionPlan, Slot};
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
use crate::series::{SeriesCommand, SeriesKind};
use crate::synth::Rng;
use crate::time::from_local;

/// How big a season to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedScale {
    /// Fairs created (a few are cancelled; the rest are held).
    pub fairs: u32,
    /// Of which recruitment-tour fairs in partner regions.
    pub tour_fairs: u32,
    /// Enterprises registered, each with a booked booth at one held fair.
    pub enterprises: u32,
    /// The headcounts of all posts add up to about this.
    pub jobs: u64,
    /// Directors' livestream sessions.
    pub sessions: u32,
}

impl SeedScale {
    /// The seeds' figures: "more than 1,100 job fairs, 25,600 enterprises participating and more
    /// than 480,000 jobs".
    pub const SEEDS: SeedScale =
        SeedScale { fairs: 1_140, tour_fairs: 260, enterprises: 25_600, jobs: 490_000, sessions: 160 };

    /// The same season, `1/divisor` of the size (for tests in a debug build).
    pub fn divided_by(self, divisor: u32) -> SeedScale {
        let d = divisor.max(1);
        SeedScale {
            fairs: (self.fairs / d).max(4),
            tour_fairs: (self.tour_fairs / d).max(1),
            enterprises: (self.enterprises / d).max(8),
            jobs: self.jobs / d as u64,
            sessions: (self.sessions / d).max(2),
        }
    }

    /// Fairs that are cancelled (every 70th), so never held.
    pub fn cancelled(self) -> u32 {
        self.fairs / CANCEL_EVERY
    }
}

const CANCEL_EVERY: u32 = 70;
/// Fairs start over this many days of the season (from day `FIRST_START`).
const SEASON_DAYS: i64 = 300;
const FIRST_START: i64 = 30;
/// Extra booths per fair beyond its primary enterprises (second bookings, then the waitlist).
const SPARE_BOOTHS: u32 = 2;
/// Every this many enterprises, one is a key enterprise with a commissioner.
const KEY_EVERY: u32 = 25;
/// Every this many enterprises, one also asks for a booth at a later fair.
const SECOND_EVERY: u32 = 6;

const PARTNER_REGIONS: [&str; 6] = ["云南大理", "云南怒江", "云南文山", "云南红河", "贵州遵义", "新疆喀什"];
const COMMISSIONERS: [&str; 12] =
    ["王敏", "李华", "张伟", "刘芳", "陈静", "杨洋", "赵磊", "黄婷", "周杰", "吴霞", "徐明", "孙丽"];
const STREAM_DOMAIN: &str = "zhibo.shggzp.example";

/// What came of a generation: the engine and every command the domain refused (none expected).
pub struct SeedSeason {
    pub engine: Engine,
    pub refused: Vec<String>,
}

#[derive(Debug, Clone)]
enum Action {
    Setup,
    OpenFair(u32),
    CancelFair(u32),
    Register(u32),
    Second(u32, u32),
    ApprovePending,
    Churn(u32),
    AcceptOffers(u32),
    CloseFair(u32),
    PlanSession(u32),
    StartSession(u32),
    EndSession(u32),
}

struct FairPlan {
    id: FairId,
    start: DateTime<Utc>,
    details: FairDetails,
    zone: ZoneId,
    booths: Vec<BoothId>,
    virtual_booths: u32,
    cancelled: bool,
}

struct EntPlan {
    id: EnterpriseId,
    fair: u32,
    /// Its place among the fair's primary enterprises (which booth it asks for).
    place: u32,
    posts: Vec<(PostId, u32)>,
}

struct Gen {
    engine: Engine,
    ids: Rng,
    refused: Vec<String>,
    organizer: Actor,
    fairs: Vec<FairPlan>,
    ents: Vec<EntPlan>,
    pending: Vec<BookingId>,
    seconds: BTreeMap<u32, Vec<BookingId>>,
    hosts: Vec<HostId>,
    channels: Vec<ChannelId>,
    sessions: Vec<(SessionId, DateTime<Utc>, Vec<u32>)>,
}

fn local(day: NaiveDate, days: i64, h: u32, m: u32) -> DateTime<Utc> {
    from_local((day + Duration::days(days)).and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time")))
}

fn enterprise_actor(id: EnterpriseId) -> Actor {
    Actor { role: Role::Enterprise, name: "招聘专员".into(), subject: Some(id.0), account: None }
}

/// Generate the season at `scale`, deterministic for `seed`.
pub fn seed_season(scale: SeedScale, seed: u64) -> SeedSeason {
    let mut rng = Rng::new(seed);
    let mut ids = Rng::new(seed ^ 0x5EED_5EA5_0000_0001);
    let day0 = NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date");

    // Series.
    let quarters: Vec<SeriesId> = (0..4).map(|_| SeriesId(ids.uuid())).collect();
    let specials: Vec<SeriesId> = Industry::ALL.iter().map(|_| SeriesId(ids.uuid())).collect();
    let spring = SeriesId(ids.uuid());
    let tours: Vec<SeriesId> = PARTNER_REGIONS.iter().map(|_| SeriesId(ids.uuid())).collect();

    // Fairs: tour fairs spread evenly among the others.
    let n = scale.fairs.max(1);
    let tour_every = (n / scale.tour_fairs.max(1)).max(1);
    let cancelled_count = scale.cancelled();
    let held: u32 = n - cancelled_count;
    let mut fairs = Vec::with_capacity(n as usize);
    let mut primaries_left = scale.enterprises;
    let mut held_left = held;
    let mut shanghai = 0usize;
    for i in 0..n {
        let start_day = FIRST_START + i as i64 * SEASON_DAYS / n as i64;
        let start = local(day0, start_day, 9, 30);
        let industry = Industry::ALL[rng.below(Industry::ALL.len() as u64) as usize];
        let is_tour = i % tour_every == tour_every / 2 && i / tour_every < scale.tour_fairs;
        // Districts in turn, counting only the fairs held in Shanghai.
        let district = District::ALL[shanghai % 16];
        shanghai += usize::from(!is_tour);
        let cancelled = i % CANCEL_EVERY == CANCEL_EVERY - 1;
        let (name, series, mode, venue) = if is_tour {
            let r = (i / tour_every) as usize % PARTNER_REGIONS.len();
            let region = PARTNER_REGIONS[r];
            let mode = if rng.below(2) == 0 { FairMode::Hybrid } else { FairMode::Onsite };
            let venue = Venue::Remote {
                region: region.into(),
                address: format!("{region}人力资源市场 {} 号厅", 1 + i % 5),
            };
            (format!("沪滇劳务协作·{region}专场 第{}场", i + 1), Some(tours[r]), mode, Some(venue))
        } else {
            let mode = match rng.below(20) {
                0..=6 => FairMode::Onsite,
                7..=14 => FairMode::Online,
                _ => FairMode::Hybrid,
            };
            let venue = mode.is_physical().then(|| {
                if rng.below(10) < 3 {
                    Venue::ServiceStation {
                        district,
                        station: format!("{}第{}就业服务站", district.zh(), 1 + rng.below(12)),
                    }
                } else {
                    Venue::Hall { district, address: format!("{}人力资源市场", district.zh()) }
                }
            });
            let (series, label) = match rng.below(10) {
                0..=3 => (Some(quarters[(start_day * 4 / (FIRST_START + SEASON_DAYS + 1)) as usize % 4]), "千企万岗"),
                4..=6 => (Some(specials[Industry::ALL.iter().position(|x| *x == industry).unwrap_or(0)]), "行业专场"),
                7 if start_day < 120 => (Some(spring), "春季专项行动"),
                _ => (None, "招聘会"),
            };
            (format!("{}{}·{} 第{}场", district.zh(), industry.zh(), label, i + 1), series, mode, venue)
        };
        // Primary enterprises: what is left shared among the held fairs still to come.
        let primaries = if cancelled { 0 } else { primaries_left.div_ceil(held_left.max(1)) };
        if !cancelled {
            primaries_left -= primaries.min(primaries_left);
            held_left = held_left.saturating_sub(1);
        }
        let total = primaries + SPARE_BOOTHS;
        let (physical, virtual_booths) = match mode {
            FairMode::Onsite => (total, 0),
            FairMode::Online => (0, total),
            // A hybrid fair's hall holds a third; the rest meet online.
            FairMode::Hybrid => (total / 3, total - total / 3),
        };
        let details = FairDetails {
            name,
            series,
            industry,
            mode,
            venue,
            schedule: Some(Schedule { start, end: start + Duration::hours(6) }),
            capacity: Some(500 + rng.below(4500) as u32),
        };
        fairs.push(FairPlan {
            id: FairId(ids.uuid()),
            start,
            details,
            zone: ZoneId(ids.uuid()),
            booths: (0..physical).map(|_| BoothId(ids.uuid())).collect(),
            virtual_booths,
            cancelled,
        });
    }

    // Enterprises: the primaries of each held fair, in fair order; posts share out the jobs.
    let mut ents = Vec::with_capacity(scale.enterprises as usize);
    // Each enterprise's share of the jobs, varied in pairs (one more, the next as much less) so
    // that they add up to the target exactly.
    let total = scale.enterprises.max(1) as u64;
    let share = |e: u64| scale.jobs * (e + 1) / total - scale.jobs * e / total;
    let mut delta = 0u64;
    for (f, plan) in fairs.iter().enumerate() {
        let quota = plan.booths.len() as u32 + plan.virtual_booths;
        let quota = if plan.cancelled { 0 } else { quota - SPARE_BOOTHS };
        for place in 0..quota {
            let two = rng.below(10) < 2;
            let e = ents.len() as u64;
            let base = share(e).max(1);
            let jobs = if e % 2 == 0 {
                delta = rng.below(base.min(share(e + 1).max(1)));
                base + delta
            } else {
                base - delta.min(base - 1)
            } as u32;
            let posts = if two {
                let a = (jobs / 2).max(1);
                vec![(PostId(ids.uuid()), a), (PostId(ids.uuid()), (jobs - a).max(1))]
            } else {
                vec![(PostId(ids.uuid()), jobs)]
            };
            ents.push(EntPlan { id: EnterpriseId(ids.uuid()), fair: f as u32, place, posts });
        }
    }

    // The dated plan.
    let mut plan: Vec<(DateTime<Utc>, u64, Action)> = Vec::new();
    let mut order = 0u64;
    let mut at = |when: DateTime<Utc>, a: Action, plan: &mut Vec<(DateTime<Utc>, u64, Action)>| {
        order += 1;
        plan.push((when, order, a));
    };
    at(local(day0, 0, 8, 0), Action::Setup, &mut plan);
    for (i, f) in fairs.iter().enumerate() {
        let i = i as u32;
        at(f.start - Duration::days(28) - Duration::hours(1), Action::OpenFair(i), &mut plan);
        if f.cancelled {
            at(f.start - Duration::days(10), Action::CancelFair(i), &mut plan);
        } else {
            at(f.start - Duration::days(3) + Duration::hours(2), Action::Churn(i), &mut plan);
            at(f.start - Duration::days(3) + Duration::hours(5), Action::AcceptOffers(i), &mut plan);
            at(f.start + Duration::days(1), Action::CloseFair(i), &mut plan);
        }
    }
    for (e, ent) in ents.iter().enumerate() {
        let f = &fairs[ent.fair as usize];
        // Registered 5 to 20 days before the fair, in office hours.
        let when = f.start - Duration::days(5 + (e as i64 % 16)) + Duration::minutes(rng.below(8 * 60) as i64);
        at(when, Action::Register(e as u32), &mut plan);
        // The first held fair at least six on: asked four days before it starts, once its own
        // enterprises have asked.
        if e as u32 % SECOND_EVERY == SECOND_EVERY - 1 {
            if let Some(g) = (ent.fair as usize + 6..fairs.len()).find(|g| !fairs[*g].cancelled) {
                let when = fairs[g].start - Duration::days(4) + Duration::minutes(rng.below(8 * 60) as i64);
                at(when, Action::Second(e as u32, g as u32), &mut plan);
            }
        }
    }
    let last = fairs.last().map_or(local(day0, 400, 0, 0), |f| f.start) + Duration::days(2);
    let mut day = 0;
    while local(day0, day, 18, 0) < last {
        at(local(day0, day, 18, 0), Action::ApprovePending, &mut plan);
        day += 1;
    }
    for s in 0..scale.sessions {
        let d = FIRST_START + 10 + s as i64 * (SEASON_DAYS - 20) / scale.sessions.max(1) as i64;
        let start = local(day0, d, 10 + (s % 3) * 2, 0);
        at(start - Duration::days(7), Action::PlanSession(s), &mut plan);
        at(start - Duration::minutes(10), Action::StartSession(s), &mut plan);
        at(start + Duration::minutes(65), Action::EndSession(s), &mut plan);
    }
    plan.sort_by_key(|(when, order, _)| (*when, *order));

    let mut g = Gen {
        engine: Engine::new(),
        ids,
        refused: Vec::new(),
        organizer: Actor::organizer("市就业促进中心"),
        fairs,
        ents,
        pending: Vec::new(),
        seconds: BTreeMap::new(),
        hosts: Vec::new(),
        channels: Vec::new(),
        sessions: Vec::new(),
    };
    let series: Vec<(SeriesId, String, SeriesKind)> = quarters
        .iter()
        .enumerate()
        .map(|(q, id)| (*id, format!("2026千企万岗·第{}季", q + 1), SeriesKind::ThousandsOfPosts))
        .chain(
            Industry::ALL
                .iter()
                .zip(&specials)
                .map(|(i, id)| (*id, format!("{}行业专场", i.zh()), SeriesKind::IndustrySpecial)),
        )
        .chain([(spring, "2026年春季促进就业专项行动".to_string(), SeriesKind::Campaign)])
        .chain(PARTNER_REGIONS.iter().zip(&tours).map(|(r, id)| {
            (*id, format!("沪滇劳务协作·{r}"), SeriesKind::RecruitmentTour { partner_region: (*r).into() })
        }))
        .collect();
    for (when, _, action) in plan {
        g.act(when, action, &series, &mut rng);
    }
    SeedSeason { engine: g.engine, refused: g.refused }
}

impl Gen {
    fn run(&mut self, actor: &Actor, now: DateTime<Utc>, intent: Intent) -> bool {
        let name = format!("{intent:?}");
        let ids = &mut self.ids;
        match self.engine.execute(Command { actor: actor.clone(), now, intent }, || ids.uuid()) {
            Ok(_) => true,
            Err(e) => {
                self.refused.push(format!("{now}: {}: {e}", name.chars().take(120).collect::<String>()));
                false
            }
        }
    }

    fn org(&mut self, now: DateTime<Utc>, intent: impl Into<Intent>) -> bool {
        let actor = self.organizer.clone();
        self.run(&actor, now, intent.into())
    }

    fn act(&mut self, now: DateTime<Utc>, action: Action, series: &[(SeriesId, String, SeriesKind)], rng: &mut Rng) {
        match action {
            Action::Setup => {
                for (id, name, kind) in series {
                    self.org(
                        now,
                        SeriesCommand::CreateSeries { series_id: *id, name: name.clone(), kind: kind.clone() },
                    );
                }
                self.org(now, HostCommand::AllowStreamDomain { domain: STREAM_DOMAIN.into() });
                for (i, d) in District::ALL.iter().enumerate() {
                    let id = ChannelId(self.ids.uuid());
                    let details = ChannelDetails {
                        name: format!("{}就业直播间", d.zh()),
                        platform: Platform::PublicPlatform,
                        stream_url: format!("https://{STREAM_DOMAIN}/room/{}", i + 1),
                    };
                    if self.org(now, HostCommand::AddChannel { channel_id: id, details }) {
                        self.channels.push(id);
                    }
                    let host = HostId(self.ids.uuid());
                    let profile = HostProfile {
                        name: format!("{}局长", d.zh()),
                        title: "局长".into(),
                        organisation: format!("{}人力资源和社会保障局", d.zh()),
                    };
                    if self.org(now, HostCommand::RegisterHost { host_id: host, profile }) {
                        self.hosts.push(host);
                    }
                }
            }
            Action::OpenFair(i) => {
                let f = &self.fairs[i as usize];
                let (id, details, zone) = (f.id, f.details.clone(), f.zone);
                let booths: Vec<NewBooth> = f
                    .booths
                    .iter()
                    .enumerate()
                    .map(|(k, b)| {
                        let k = k as u16;
                        NewBooth {
                            booth_id: *b,
                            zone_id: zone,
                            code: format!("A-{:03}", k + 1),
                            rect: Rect { x: 1 + (k % 20) * 4, y: 1 + (k / 20) * 4, w: 3, h: 3 },
                            amenities: Amenities { power: true, table: true, screen: k % 5 == 0 },
                        }
                    })
                    .collect();
                let rows = (f.booths.len() as u16).div_ceil(20).max(1);
                let virtual_booths = f.virtual_booths;
                self.org(now, FairCommand::CreateFair { fair_id: id, details });
                if !booths.is_empty() {
                    self.org(now, FloorPlanCommand::SizeHall { fair_id: id, width: 82, depth: rows * 4 + 2 });
                    self.org(now, FloorPlanCommand::AddZone { fair_id: id, zone_id: zone, name: "综合招聘区".into() });
                    self.org(now, FloorPlanCommand::AddBooths { fair_id: id, booths });
                }
                if virtual_booths > 0 {
                    self.org(now, FloorPlanCommand::SetVirtualBooths { fair_id: id, count: virtual_booths });
                }
                self.org(now, FairCommand::PublishFair { fair_id: id });
            }
            Action::CancelFair(i) => {
                let id = self.fairs[i as usize].id;
                self.org(now, FairCommand::CancelFair { fair_id: id, reason: "场地调整，改期另行通知".into() });
            }
            Action::Register(e) => self.register(now, e, rng),
            Action::Second(e, f) => self.second(now, e, f),
            Action::ApprovePending => {
                let mut pending = std::mem::take(&mut self.pending);
                // One in forty requests is sent back (the second bookings only, so that every
                // enterprise keeps its first booth).
                let mut rejected = Vec::new();
                pending.retain(|b| {
                    let keep = !self.seconds.values().any(|v| v.first() == Some(b)) || rng.below(40) != 0;
                    if !keep {
                        rejected.push(*b);
                    }
                    keep
                });
                for b in rejected {
                    self.org(
                        now,
                        BookingCommand::RejectBooking {
                            booking_id: b, reason: "材料不全，请补充后再申请".into()
                        },
                    );
                }
                let state = self.engine.state();
                pending.retain(|b| {
                    state.bookings.get(b).is_some_and(|b| matches!(b.status, BookingStatus::Requested { .. }))
                });
                for chunk in pending.chunks(1_000) {
                    self.org(now, BookingCommand::ApproveBookings { booking_ids: chunk.to_vec() });
                }
            }
            Action::Churn(i) => {
                // One second booking at the fair is cancelled by its enterprise: the booth goes
                // to the first on the waitlist.
                let Some(b) = self.seconds.get(&i).and_then(|v| v.last()).copied() else { return };
                let Some(booking) = self.engine.state().bookings.get(&b).cloned() else { return };
                if booking.status == BookingStatus::Booked {
                    let actor = enterprise_actor(booking.enterprise_id);
                    self.run(&actor, now, BookingCommand::CancelBooking { booking_id: b }.into());
                }
            }
            Action::AcceptOffers(i) => {
                let fair = self.fairs[i as usize].id;
                let state = self.engine.state();
                let offers: Vec<(BookingId, EnterpriseId)> = state
                    .fair_bookings
                    .get(&fair)
                    .into_iter()
                    .flat_map(|ids| ids.iter())
                    .filter_map(|id| state.bookings.get(id))
                    .filter(|b| matches!(b.status, BookingStatus::Offered { .. }))
                    .map(|b| (b.id, b.enterprise_id))
                    .collect();
                for (b, e) in offers {
                    self.run(&enterprise_actor(e), now, BookingCommand::AcceptOffer { booking_id: b }.into());
                }
            }
            Action::CloseFair(i) => {
                let id = self.fairs[i as usize].id;
                self.org(now, FairCommand::CloseFair { fair_id: id });
                let visitors = 300 + rng.below(6000) as u32;
                let outcome = FairOutcome {
                    visitors,
                    applications: visitors * (30 + rng.below(30) as u32) / 100,
                    hires: visitors * (5 + rng.below(10) as u32) / 100,
                    returned_to_work: visitors * (1 + rng.below(4) as u32) / 100,
                };
                self.org(now + Duration::hours(2), FairCommand::RecordFairOutcome { fair_id: id, outcome });
            }
            Action::PlanSession(s) => self.plan_session(now, s),
            Action::StartSession(s) => {
                let Some((id, _, _)) = self.sessions.iter().find(|x| x.0 == session_id(s)).cloned() else { return };
                let host = self.session_host(s);
                self.run(&host, now, LivestreamCommand::StartSession { session_id: id }.into());
            }
            Action::EndSession(s) => {
                let Some((id, _, featured)) = self.sessions.iter().find(|x| x.0 == session_id(s)).cloned() else {
                    return;
                };
                let applications =
                    featured.iter().map(|e| (self.ents[*e as usize].id, 20 + rng.below(200) as u32)).collect();
                let outcome = Outcome { peak_viewers: 2_000 + rng.below(30_000) as u32, applications };
                let host = self.session_host(s);
                self.run(&host, now, LivestreamCommand::EndSession { session_id: id, outcome }.into());
            }
        }
    }

    fn register(&mut self, now: DateTime<Utc>, e: u32, rng: &mut Rng) {
        let ent = &self.ents[e as usize];
        let (id, f, place, posts) = (ent.id, ent.fair, ent.place, ent.posts.clone());
        let fair = &self.fairs[f as usize];
        let (fair_id, industry) = (fair.id, fair.details.industry);
        let target = match fair.booths.get(place as usize) {
            Some(b) => BoothTarget::Booth { booth_id: *b },
            None => BoothTarget::Virtual,
        };
        let district = District::ALL[rng.below(16) as usize];
        let size =
            [CompanySize::Micro, CompanySize::Small, CompanySize::Medium, CompanySize::Large][rng.below(4) as usize];
        let profile = EnterpriseProfile {
            name: format!("上海{}{}有限公司{}", district.zh().trim_end_matches('区'), industry.zh(), e + 1),
            credit_code: crate::credit_code::complete(&format!("91310{:03}MA{:07}", rng.below(1000), e + 1)),
            industry,
            district,
            size,
            contact_name: "招聘专员".into(),
            contact_phone: format!("1380000{:04}", e % 10_000),
            description: String::new(),
        };
        let actor = enterprise_actor(id);
        if !self.run(&actor, now, EnterpriseCommand::RegisterEnterprise { enterprise_id: id, profile }.into()) {
            return;
        }
        // Posts offered at its fair (one in eight also at the next one of the season).
        let mut offered: BTreeSet<FairId> = [fair_id].into();
        if let Some(next) = self.fairs.get(f as usize + 1).filter(|n| !n.cancelled && e % 8 == 0) {
            if self.engine.state().fairs.contains_key(&next.id) {
                offered.insert(next.id);
            }
        }
        for (k, (post_id, headcount)) in posts.into_iter().enumerate() {
            let category = PostCategory::ALL[rng.below(PostCategory::ALL.len() as u64) as usize];
            let lo = 4_000 + rng.below(10_000) as u32;
            let details = PostDetails {
                title: format!("{}岗位{}", category_word(category), k + 1),
                category,
                headcount,
                salary_min: lo,
                salary_max: lo + 1_000 + rng.below(8_000) as u32,
                education: Education::Any,
                experience: Experience::None,
                district,
                fairs: offered.clone(),
            };
            self.run(&actor, now, PostCommand::OpenPost { post_id, enterprise_id: id, details }.into());
        }
        if e % KEY_EVERY == 0 {
            let category = [KeyCategory::MajorProject, KeyCategory::KeyIndustry, KeyCategory::SupplyGuarantee]
                [(e / KEY_EVERY) as usize % 3];
            let commissioner = COMMISSIONERS[(e / KEY_EVERY) as usize % COMMISSIONERS.len()].into();
            self.org(now, EnterpriseCommand::MarkKeyEnterprise { enterprise_id: id, category });
            self.org(now, EnterpriseCommand::AssignCommissioner { enterprise_id: id, commissioner });
        }
        let booking_id = BookingId(self.ids.uuid());
        let request = BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: id, target };
        if self.run(&actor, now, request.into()) {
            self.pending.push(booking_id);
        }
    }

    /// A second booking at a later fair (after its own enterprises have asked): a free booth if
    /// there is one, else its waitlist.
    fn second(&mut self, now: DateTime<Utc>, e: u32, f: u32) {
        let id = self.ents[e as usize].id;
        let fair = &self.fairs[f as usize];
        let fair_id = fair.id;
        let state = self.engine.state();
        let free = fair.booths.iter().find(|b| !state.booth_taken.contains_key(b)).copied();
        let virtual_free = fair.virtual_booths > state.virtual_taken.get(&fair_id).copied().unwrap_or(0);
        let target = match (free, virtual_free) {
            (Some(b), _) => Some(BoothTarget::Booth { booth_id: b }),
            (None, true) => Some(BoothTarget::Virtual),
            (None, false) => None,
        };
        let actor = enterprise_actor(id);
        match target {
            Some(target) => {
                let booking_id = BookingId(self.ids.uuid());
                let request = BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: id, target };
                if self.run(&actor, now, request.into()) {
                    self.pending.push(booking_id);
                    self.seconds.entry(f).or_default().push(booking_id);
                }
            }
            None => {
                let waitlist_id = WaitlistId(self.ids.uuid());
                let zone_id = (!fair.booths.is_empty()).then_some(fair.zone);
                let join = BookingCommand::JoinWaitlist { waitlist_id, fair_id, enterprise_id: id, zone_id };
                self.run(&actor, now, join.into());
            }
        }
    }

    fn session_host(&self, s: u32) -> Actor {
        let h = self.hosts[(s as usize) % self.hosts.len().max(1)];
        Actor {
            role: Role::Host,
            name: format!("{}局长", District::ALL[s as usize % 16].zh()),
            subject: Some(h.0),
            account: None,
        }
    }

    /// A director's session: three enterprises of fairs around that time, each presenting its
    /// posts for twenty minutes, invitations accepted, then scheduled.
    fn plan_session(&mut self, now: DateTime<Utc>, s: u32) {
        if self.hosts.is_empty() || self.channels.is_empty() {
            return;
        }
        let start = now + Duration::days(7);
        let id = session_id(s);
        // Featured: enterprises already registered (of the latest fair that has some).
        let registered: Vec<u32> = (0..self.ents.len() as u32)
            .rev()
            .filter(|e| self.engine.state().enterprises.contains_key(&self.ents[*e as usize].id))
            .step_by(7)
            .take(3)
            .collect();
        if registered.len() < 3 {
            return;
        }
        let host = self.session_host(s);
        // Linked to a fair open at that hour, if there is one.
        let end = start + Duration::minutes(60);
        let fair = self
            .fairs
            .iter()
            .filter(|f| !f.cancelled)
            .find(|f| f.details.schedule.is_some_and(|s| s.start <= start && end <= s.end))
            .map(|f| f.id);
        let plan = SessionPlan {
            title: format!("{}局长直播带岗 第{}期", District::ALL[s as usize % 16].zh(), s + 1),
            hosts: vec![self.hosts[s as usize % self.hosts.len()]],
            channel: self.channels[s as usize % self.channels.len()],
            start,
            minutes: 60,
            fair,
        };
        if !self.run(&host, now, LivestreamCommand::PlanSession { session_id: id, plan }.into()) {
            return;
        }
        for (k, e) in registered.iter().enumerate() {
            let ent = &self.ents[*e as usize];
            let (eid, posts) = (ent.id, ent.posts.iter().map(|p| p.0).collect());
            let slot = Slot { offset_minutes: k as u32 * 20, minutes: 20 };
            let invite =
                LivestreamCommand::InviteEnterprise { session_id: id, enterprise_id: eid, posts, slot, accept: vec![] };
            self.run(&host, now, invite.into());
            let answer = LivestreamCommand::AcceptInvitation { session_id: id, enterprise_id: eid };
            self.run(&enterprise_actor(eid), now, answer.into());
        }
        // The host reads the warnings (a featured enterprise also at its booth, ...) and accepts them.
        let schedule = |accept| Command {
            actor: host.clone(),
            now,
            intent: LivestreamCommand::ScheduleSession { session_id: id, accept }.into(),
        };
        let accept = match self.engine.prepare(schedule(vec![]), Uuid::nil) {
            Err(DomainError::Livestream(LivestreamError::SoftConflictsNotAccepted { conflicts })) => conflicts,
            _ => vec![],
        };
        self.run(&host, now, schedule(accept).intent);
        self.sessions.push((id, start, registered));
    }
}

fn session_id(s: u32) -> SessionId {
    SessionId::from_u128(0x5EED_0000 + s as u128)
}

fn category_word(c: PostCategory) -> &'static str {
    match c {
        PostCategory::Production => "生产",
        PostCategory::Technical => "技术",
        PostCategory::Logistics => "物流",
        PostCategory::Service => "服务",
        PostCategory::Sales => "销售",
        PostCategory::Administration => "行政",
        PostCategory::Healthcare => "医护",
        PostCategory::Other => "综合",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{compute, Filter};

    /// A twentieth of the seeds' season, with the same structure: its figures are the seeds'
    /// thresholds divided by the same number, and no command was refused.
    #[test]
    fn a_scaled_down_seed_season_has_the_seeds_figures_in_proportion() {
        let divisor = 20;
        let scale = SeedScale::SEEDS.divided_by(divisor);
        let season = seed_season(scale, 7);
        assert!(
            season.refused.is_empty(),
            "{} refused, the first: {:#?}",
            season.refused.len(),
            &season.refused[..season.refused.len().min(8)]
        );
        let (f, _) = compute(season.engine.state(), &Filter::default());
        assert!(f.fairs_held >= 1_100 / divisor as u64, "fairs held {}", f.fairs_held);
        assert!(f.enterprises >= 25_600 / divisor as u64, "enterprises {}", f.enterprises);
        assert!(f.jobs_offered >= 480_000 / divisor as u64, "jobs offered {}", f.jobs_offered);
        assert!(f.sessions >= scale.sessions as u64 - 1, "sessions {}", f.sessions);
    }

    #[test]
    fn the_seed_season_is_the_same_for_the_same_seed() {
        let scale = SeedScale::SEEDS.divided_by(200);
        let a = seed_season(scale, 3).engine;
        let b = seed_season(scale, 3).engine;
        let c = seed_season(scale, 4).engine;
        assert_eq!(a.log().last_hash(), b.log().last_hash());
        assert_ne!(a.log().last_hash(), c.log().last_hash());
    }
}
