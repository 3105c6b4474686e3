//! Every event as a sentence in the user's language ("王敏（组织方）通过了上海电气集团在展位 A-12 的申请").
//! Names are looked up in the state the history is read against; an entity that no longer exists
//! is named by its short id.
use fairlog_domain::booking::BookingEvent;
use fairlog_domain::enterprise::EnterpriseEvent;
use fairlog_domain::fair::FairEvent;
use fairlog_domain::floor_plan::FloorPlanEvent;
use fairlog_domain::history::UndoError;
use fairlog_domain::ids::*;
use fairlog_domain::merge::MergeEvent;
use fairlog_domain::post::PostEvent;
use fairlog_domain::series::SeriesEvent;
use fairlog_domain::{Actor, Event, EventEnvelope, State};

use crate::i18n::{fill, Lang};

fn short(id: uuid::Uuid) -> String {
    id.to_string()[..8].to_owned()
}

/// Names as they were when the event happened: looked up in the state just after it (`s`), and
/// for what it removed, just before it (`b`).
struct Names<'a> {
    s: &'a State,
    b: &'a State,
    lang: Lang,
}

impl Names<'_> {
    fn find<T>(&self, get: impl Fn(&State) -> Option<T>) -> Option<T> {
        get(self.s).or_else(|| get(self.b))
    }
    fn fair(&self, id: &FairId) -> String {
        self.find(|s| s.fairs.get(id).map(|f| format!("“{}”", f.details.name))).unwrap_or_else(|| short(id.0))
    }
    fn series(&self, id: &SeriesId) -> String {
        self.find(|s| s.series.get(id).map(|f| format!("“{}”", f.name))).unwrap_or_else(|| short(id.0))
    }
    fn enterprise(&self, id: &EnterpriseId) -> String {
        self.find(|s| s.enterprises.get(id).map(|e| e.profile.name.clone())).unwrap_or_else(|| short(id.0))
    }
    fn booth(&self, id: &BoothId) -> String {
        self.find(|s| {
            s.booth_fair
                .get(id)
                .and_then(|f| s.floor_plans.get(f))
                .and_then(|p| p.booths.get(id))
                .map(|b| b.code.clone())
        })
        .unwrap_or_else(|| short(id.0))
    }
    fn booking(&self, id: &BookingId) -> (String, String) {
        match self.find(|s| s.bookings.get(id).map(|b| (b.enterprise_id, b.booth_id))) {
            Some((e, booth)) => (
                self.enterprise(&e),
                booth.map(|x| self.booth(&x)).unwrap_or_else(|| self.lang.pick("（虚拟展位）", "(virtual)").into()),
            ),
            None => (short(id.0), "—".into()),
        }
    }
    fn post(&self, id: &PostId) -> String {
        self.find(|s| s.posts.get(id).map(|p| format!("“{}”", p.details.title))).unwrap_or_else(|| short(id.0))
    }
    fn waitlist(&self, id: &WaitlistId) -> String {
        self.find(|s| s.waitlist.get(id).map(|w| w.enterprise_id))
            .map(|e| self.enterprise(&e))
            .unwrap_or_else(|| short(id.0))
    }
}

fn role_short(lang: Lang, r: fairlog_domain::Role) -> &'static str {
    match r {
        fairlog_domain::Role::Organizer => lang.pick("组织方", "organizer"),
        fairlog_domain::Role::Enterprise => lang.pick("企业", "enterprise"),
        fairlog_domain::Role::Host => lang.pick("主播", "host"),
    }
}

/// "王敏（组织方）"
pub fn actor(lang: Lang, a: &Actor) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", a.name, role_short(lang, a.role)),
        Lang::En => format!("{} ({})", a.name, role_short(lang, a.role)),
    }
}

/// "张华（企业 · 上海电气集团）": the actor with whom they acted for, when that is someone else.
pub fn actor_in(lang: Lang, state: &State, a: &Actor) -> String {
    let on_behalf = a.subject.and_then(|id| {
        state
            .enterprises
            .get(&EnterpriseId(id))
            .map(|e| e.profile.name.clone())
            .or_else(|| state.hosts.get(&HostId(id)).map(|h| h.profile.name.clone()))
    });
    match on_behalf.filter(|n| n.trim() != a.name.trim()) {
        Some(who) => match lang {
            Lang::Zh => format!("{}（{} · {who}）", a.name, role_short(lang, a.role)),
            Lang::En => format!("{} ({}, {who})", a.name, role_short(lang, a.role)),
        },
        None => actor(lang, a),
    }
}

/// What happened, as a sentence without the actor ("approved ... ").
pub fn what(lang: Lang, state: &State, event: &Event) -> String {
    what_then(lang, state, state, event)
}

/// What happened, named as things were then: `after` is the state just after the event,
/// `before` the state just before it (for what the event removed).
pub fn what_then(lang: Lang, after: &State, before: &State, event: &Event) -> String {
    let n = Names { s: after, b: before, lang };
    let p = |zh: &str, en: &str, params: &[(&str, String)]| fill(lang.pick(zh, en), params);
    match event {
        Event::Fair(e) => match e {
            FairEvent::FairCreated { details, .. } => {
                p("创建了招聘会“{n}”", "created the job fair \"{n}\"", &[("n", details.name.clone())])
            }
            FairEvent::FairEdited { fair_id, .. } => {
                p("修改了招聘会 {f}", "edited the job fair {f}", &[("f", n.fair(fair_id))])
            }
            FairEvent::FairPublished { fair_id } => {
                p("发布了招聘会 {f}", "published the job fair {f}", &[("f", n.fair(fair_id))])
            }
            FairEvent::FairUnpublished { fair_id } => {
                p("撤回了招聘会 {f} 的发布", "took the job fair {f} back to draft", &[("f", n.fair(fair_id))])
            }
            FairEvent::FairClosed { fair_id } => {
                p("结束了招聘会 {f}", "closed the job fair {f}", &[("f", n.fair(fair_id))])
            }
            FairEvent::FairOutcomeRecorded { fair_id, outcome } => p(
                "登记了 {f} 的成效：参会 {v} 人，投递 {a} 份，录用 {h} 人，返岗复工 {r} 人",
                "recorded the results of {f}: {v} visitors, {a} applications, {h} hires, {r} back to work",
                &[
                    ("f", n.fair(fair_id)),
                    ("v", outcome.visitors.to_string()),
                    ("a", outcome.applications.to_string()),
                    ("h", outcome.hires.to_string()),
                    ("r", outcome.returned_to_work.to_string()),
                ],
            ),
            FairEvent::FairPostponed { fair_id, schedule, reason } => p(
                "将招聘会 {f} 延期至 {d}，原因：{r}",
                "postponed the job fair {f} to {d}: {r}",
                &[("f", n.fair(fair_id)), ("d", crate::format::schedule(lang, Some(schedule))), ("r", reason.clone())],
            ),
            FairEvent::FairCancelled { fair_id, reason } => p(
                "取消了招聘会 {f}，原因：{r}",
                "cancelled the job fair {f}: {r}",
                &[("f", n.fair(fair_id)), ("r", reason.clone())],
            ),
        },
        Event::Series(e) => match e {
            SeriesEvent::SeriesCreated { name, .. } => {
                p("创建了系列活动“{n}”", "created the series \"{n}\"", &[("n", name.clone())])
            }
            SeriesEvent::SeriesRenamed { series_id, name } => p(
                "将系列活动 {s} 改名为“{n}”",
                "renamed the series {s} to \"{n}\"",
                &[("s", n.series(series_id)), ("n", name.clone())],
            ),
        },
        Event::FloorPlan(e) => match e {
            FloorPlanEvent::HallSized { fair_id, width, depth } => p(
                "将 {f} 的场馆设为 {w} × {d} 米",
                "sized the hall of {f} to {w} × {d} m",
                &[("f", n.fair(fair_id)), ("w", width.to_string()), ("d", depth.to_string())],
            ),
            FloorPlanEvent::ZoneAdded { fair_id, name, .. } => p(
                "在 {f} 添加了展区“{z}”",
                "added the zone \"{z}\" to {f}",
                &[("f", n.fair(fair_id)), ("z", name.clone())],
            ),
            FloorPlanEvent::ZoneRenamed { name, .. } => {
                p("将展区改名为“{z}”", "renamed a zone to \"{z}\"", &[("z", name.clone())])
            }
            FloorPlanEvent::ZoneRemoved { fair_id, .. } => {
                p("删除了 {f} 的一个展区", "removed a zone of {f}", &[("f", n.fair(fair_id))])
            }
            FloorPlanEvent::BoothAdded { fair_id, booth } => p(
                "在 {f} 添加了展位 {b}",
                "added booth {b} to {f}",
                &[("f", n.fair(fair_id)), ("b", booth.code.clone())],
            ),
            FloorPlanEvent::BoothMoved { booth_id, x, y } => p(
                "将展位 {b} 移到 ({x}, {y})",
                "moved booth {b} to ({x}, {y})",
                &[("b", n.booth(booth_id)), ("x", x.to_string()), ("y", y.to_string())],
            ),
            FloorPlanEvent::BoothResized { booth_id, w, h } => p(
                "将展位 {b} 改为 {w} × {h} 米",
                "resized booth {b} to {w} × {h} m",
                &[("b", n.booth(booth_id)), ("w", w.to_string()), ("h", h.to_string())],
            ),
            FloorPlanEvent::BoothRemoved { booth_id } => {
                p("删除了展位 {b}", "removed booth {b}", &[("b", n.booth(booth_id))])
            }
            FloorPlanEvent::AmenitiesSet { booth_id, .. } => {
                p("修改了展位 {b} 的配套设施", "changed the amenities of booth {b}", &[("b", n.booth(booth_id))])
            }
            FloorPlanEvent::BoothBlocked { booth_id, reason } => {
                p("锁定了展位 {b}：{r}", "blocked booth {b}: {r}", &[("b", n.booth(booth_id)), ("r", reason.clone())])
            }
            FloorPlanEvent::BoothUnblocked { booth_id } => {
                p("解除了展位 {b} 的锁定", "unblocked booth {b}", &[("b", n.booth(booth_id))])
            }
            FloorPlanEvent::VirtualBoothsSet { fair_id, count } => p(
                "将 {f} 的虚拟展位设为 {c} 个",
                "set {c} virtual booths for {f}",
                &[("f", n.fair(fair_id)), ("c", count.to_string())],
            ),
        },
        Event::Enterprise(e) => match e {
            EnterpriseEvent::EnterpriseRegistered { profile, .. } => {
                p("登记了企业“{n}”", "registered the enterprise \"{n}\"", &[("n", profile.name.clone())])
            }
            EnterpriseEvent::EnterpriseEdited { enterprise_id, .. } => {
                p("修改了 {e} 的企业信息", "edited the profile of {e}", &[("e", n.enterprise(enterprise_id))])
            }
            EnterpriseEvent::KeyEnterpriseMarked { enterprise_id, .. } => {
                p("将 {e} 列为重点企业", "marked {e} as a key enterprise", &[("e", n.enterprise(enterprise_id))])
            }
            EnterpriseEvent::KeyEnterpriseUnmarked { enterprise_id } => p(
                "取消了 {e} 的重点企业标记",
                "unmarked {e} as a key enterprise",
                &[("e", n.enterprise(enterprise_id))],
            ),
            EnterpriseEvent::CommissionerAssigned { enterprise_id, commissioner } => p(
                "指派 {c} 为 {e} 的就业服务专员",
                "assigned {c} as service commissioner of {e}",
                &[("e", n.enterprise(enterprise_id)), ("c", commissioner.clone())],
            ),
            EnterpriseEvent::CommissionerUnassigned { enterprise_id } => p(
                "撤销了 {e} 的就业服务专员",
                "removed the service commissioner of {e}",
                &[("e", n.enterprise(enterprise_id))],
            ),
        },
        Event::Post(e) => match e {
            PostEvent::PostOpened { enterprise_id, details, .. } => p(
                "为 {e} 发布了岗位“{t}”（招聘 {h} 人）",
                "opened the post \"{t}\" ({h} people) for {e}",
                &[
                    ("e", n.enterprise(enterprise_id)),
                    ("t", details.title.clone()),
                    ("h", details.headcount.to_string()),
                ],
            ),
            PostEvent::PostEdited { post_id, .. } => {
                p("修改了岗位 {t}", "edited the post {t}", &[("t", n.post(post_id))])
            }
            PostEvent::PostFilled { post_id } => {
                p("岗位 {t} 已招满", "marked the post {t} filled", &[("t", n.post(post_id))])
            }
            PostEvent::PostWithdrawn { post_id } => {
                p("撤回了岗位 {t}", "withdrew the post {t}", &[("t", n.post(post_id))])
            }
        },
        Event::Booking(e) => match e {
            BookingEvent::BookingRulesSet { fair_id, rules } => p(
                "设置了 {f} 的展位规则（保留 {h} 小时，每家最多 {m} 个）",
                "set the booth rules of {f} (hold {h} h, at most {m} per enterprise)",
                &[
                    ("f", n.fair(fair_id)),
                    ("h", rules.hold_hours.to_string()),
                    ("m", rules.max_booths_per_enterprise.to_string()),
                ],
            ),
            BookingEvent::BoothRequested { enterprise_id, fair_id, booth_id, .. } => p(
                "为 {e} 申请了 {f} 的展位 {b}",
                "requested booth {b} at {f} for {e}",
                &[
                    ("e", n.enterprise(enterprise_id)),
                    ("f", n.fair(fair_id)),
                    (
                        "b",
                        booth_id.map(|b| n.booth(&b)).unwrap_or_else(|| lang.pick("（虚拟展位）", "(virtual)").into()),
                    ),
                ],
            ),
            BookingEvent::BookingApproved { booking_id } => {
                let (e, b) = n.booking(booking_id);
                p("通过了 {e} 在展位 {b} 的申请", "approved booth {b} for {e}", &[("e", e), ("b", b)])
            }
            BookingEvent::BookingApprovalRevoked { booking_id, .. } => {
                let (e, b) = n.booking(booking_id);
                p("撤回了对 {e} 展位 {b} 的批准", "took back the approval of booth {b} for {e}", &[("e", e), ("b", b)])
            }
            BookingEvent::BookingRejected { booking_id, reason } => {
                let (e, b) = n.booking(booking_id);
                p(
                    "拒绝了 {e} 在展位 {b} 的申请：{r}",
                    "rejected {e}'s request for booth {b}: {r}",
                    &[("e", e), ("b", b), ("r", reason.clone())],
                )
            }
            BookingEvent::BookingReassigned { booking_id, booth_id } => {
                let (e, _) = n.booking(booking_id);
                p("将 {e} 调整到展位 {b}", "moved {e} to booth {b}", &[("e", e), ("b", n.booth(booth_id))])
            }
            BookingEvent::BookingCancelled { booking_id } => {
                let (e, b) = n.booking(booking_id);
                p("取消了 {e} 的展位 {b}", "cancelled booth {b} of {e}", &[("e", e), ("b", b)])
            }
            BookingEvent::HoldExpired { booking_id } => {
                let (e, b) = n.booking(booking_id);
                p("{e} 对展位 {b} 的保留已到期", "the hold of booth {b} for {e} ran out", &[("e", e), ("b", b)])
            }
            BookingEvent::WaitlistJoined { enterprise_id, fair_id, .. } => p(
                "让 {e} 加入了 {f} 的候补名单",
                "put {e} on the waitlist of {f}",
                &[("e", n.enterprise(enterprise_id)), ("f", n.fair(fair_id))],
            ),
            BookingEvent::WaitlistLeft { waitlist_id } => {
                p("{e} 退出了候补", "{e} left the waitlist", &[("e", n.waitlist(waitlist_id))])
            }
            BookingEvent::WaitlistOffered { waitlist_id, booth_id, skipped, .. } => p(
                "候补：展位 {b} 空出，按顺序提供给 {e}（跳过 {k} 家不符合条件的企业）",
                "waitlist: booth {b} freed and offered, in order, to {e} ({k} not eligible passed over)",
                &[
                    ("e", n.waitlist(waitlist_id)),
                    ("b", booth_id.map(|b| n.booth(&b)).unwrap_or_else(|| "—".into())),
                    ("k", skipped.len().to_string()),
                ],
            ),
            BookingEvent::OfferAccepted { booking_id } => {
                let (e, b) = n.booking(booking_id);
                p("{e} 接受了候补展位 {b}", "{e} accepted the offered booth {b}", &[("e", e), ("b", b)])
            }
            BookingEvent::OfferDeclined { booking_id } => {
                let (e, b) = n.booking(booking_id);
                p("{e} 放弃了候补展位 {b}", "{e} declined the offered booth {b}", &[("e", e), ("b", b)])
            }
        },
        Event::Host(e) => {
            use fairlog_domain::host::HostEvent as H;
            let host = |id: &HostId| {
                n.find(|s| s.hosts.get(id).map(|h| h.profile.name.clone())).unwrap_or_else(|| short(id.0))
            };
            match e {
                H::HostRegistered { profile, .. } => p(
                    "登记了主播 {n}（{t}）",
                    "registered the host {n} ({t})",
                    &[("n", profile.name.clone()), ("t", profile.title.clone())],
                ),
                H::HostEdited { host_id, .. } => {
                    p("修改了主播 {n} 的资料", "edited the host {n}", &[("n", host(host_id))])
                }
                H::AvailabilitySet { host_id, windows } => p(
                    "设置了主播 {n} 的可出镜时间（{c} 段）",
                    "set {n}'s availability ({c} {c|window|windows})",
                    &[("n", host(host_id)), ("c", windows.len().to_string())],
                ),
                H::StreamDomainAllowed { domain } => {
                    p("允许直播地址域名 {d}", "allowed the streaming domain {d}", &[("d", domain.clone())])
                }
                H::StreamDomainRemoved { domain } => {
                    p("移除了直播地址域名 {d}", "removed the streaming domain {d}", &[("d", domain.clone())])
                }
                H::ChannelAdded { details, .. } => {
                    p("添加了直播间“{n}”", "added the channel \"{n}\"", &[("n", details.name.clone())])
                }
                H::ChannelEdited { details, .. } => {
                    p("修改了直播间“{n}”", "edited the channel \"{n}\"", &[("n", details.name.clone())])
                }
            }
        }
        Event::Livestream(e) => {
            use fairlog_domain::livestream::LivestreamEvent as L;
            let session = |id: &SessionId| {
                n.find(|st| st.live_sessions.get(id).map(|s| format!("“{}”", s.plan.title)))
                    .unwrap_or_else(|| short(id.0))
            };
            match e {
                L::SessionPlanned { plan, .. } => {
                    p("创建了直播“{t}”", "planned the session \"{t}\"", &[("t", plan.title.clone())])
                }
                L::SessionEdited { session_id, .. } => {
                    p("修改了直播 {s}", "edited the session {s}", &[("s", session(session_id))])
                }
                L::SessionMoved { session_id, start, minutes } => p(
                    "将直播 {s} 改到 {w}（{m} 分钟）",
                    "moved the session {s} to {w} ({m} min)",
                    &[
                        ("s", session(session_id)),
                        ("w", fairlog_domain::time::to_local(*start).format("%Y-%m-%d %H:%M").to_string()),
                        ("m", minutes.to_string()),
                    ],
                ),
                L::SessionScheduled { session_id } => {
                    p("排期了直播 {s}", "scheduled the session {s}", &[("s", session(session_id))])
                }
                L::SoftConflictsAccepted { session_id, conflicts } => p(
                    "确认了直播 {s} 的 {c} 项提醒",
                    "accepted {c} {c|warning|warnings} for the session {s}",
                    &[("s", session(session_id)), ("c", conflicts.len().to_string())],
                ),
                L::EnterpriseInvited { session_id, enterprise_id, .. } => p(
                    "邀请 {e} 参加直播 {s}",
                    "invited {e} to the session {s}",
                    &[("s", session(session_id)), ("e", n.enterprise(enterprise_id))],
                ),
                L::FeatureChanged { session_id, enterprise_id, .. } => p(
                    "调整了 {e} 在直播 {s} 中的安排",
                    "changed {e}'s slot in the session {s}",
                    &[("s", session(session_id)), ("e", n.enterprise(enterprise_id))],
                ),
                L::FeatureRemoved { session_id, enterprise_id } => p(
                    "将 {e} 移出直播 {s}",
                    "removed {e} from the session {s}",
                    &[("s", session(session_id)), ("e", n.enterprise(enterprise_id))],
                ),
                L::InvitationAccepted { session_id, enterprise_id } => p(
                    "{e} 接受了直播 {s} 的邀请",
                    "{e} accepted the invitation to {s}",
                    &[("s", session(session_id)), ("e", n.enterprise(enterprise_id))],
                ),
                L::InvitationDeclined { session_id, enterprise_id, reason } => p(
                    "{e} 婉拒了直播 {s} 的邀请：{r}",
                    "{e} declined the invitation to {s}: {r}",
                    &[("s", session(session_id)), ("e", n.enterprise(enterprise_id)), ("r", reason.clone())],
                ),
                L::SessionStarted { session_id } => {
                    p("开始直播 {s}", "went live with {s}", &[("s", session(session_id))])
                }
                L::SessionEnded { session_id, outcome } => p(
                    "结束直播 {s}（最高 {v} 人观看）",
                    "ended the session {s} ({v} peak viewers)",
                    &[("s", session(session_id)), ("v", outcome.peak_viewers.to_string())],
                ),
                L::SessionCancelled { session_id, reason } => p(
                    "取消了直播 {s}：{r}",
                    "cancelled the session {s}: {r}",
                    &[("s", session(session_id)), ("r", reason.clone())],
                ),
            }
        }
        Event::Merge(e) => match e {
            MergeEvent::LogMerged { source, taken, conflicts, .. } => p(
                "合并了“{s}”：接收 {t} 条事件，{c} 处冲突待处理",
                "merged \"{s}\": {t} {t|event|events} taken in, {c} {c|conflict|conflicts} to resolve",
                &[("s", source.clone()), ("t", taken.to_string()), ("c", conflicts.len().to_string())],
            ),
            MergeEvent::ConflictResolved { .. } => p("处理了一处合并冲突", "resolved a merge conflict", &[]),
        },
    }
}

/// The whole sentence: who did what.
pub fn sentence(lang: Lang, state: &State, env: &EventEnvelope) -> String {
    match lang {
        Lang::Zh => format!("{}{}", actor(lang, &env.actor), what(lang, state, &env.event)),
        Lang::En => format!("{} {}", actor(lang, &env.actor), what(lang, state, &env.event)),
    }
}

pub fn undo_error(lang: Lang, e: &UndoError) -> String {
    undo_error_in(lang, e, &[])
}

/// A refused undo in words, naming the later change by what it did (looked up in `events`).
pub fn undo_error_in(lang: Lang, e: &UndoError, events: &[EventEnvelope]) -> String {
    let kind = |name: &str, seq: Option<u64>| {
        let found = match seq {
            Some(seq) => events.get((seq as usize).wrapping_sub(1)).filter(|e| e.event.type_name() == name),
            None => events.iter().rev().find(|e| e.event.type_name() == name),
        };
        found.map(|e| crate::words::event_kind(lang, &e.event).to_owned()).unwrap_or_else(|| name.to_owned())
    };
    match e {
        UndoError::Nothing => lang.pick("没有可以撤销的操作", "Nothing to undo").into(),
        UndoError::NotYours => lang
            .pick(
                "只能撤销自己的操作（当前身份与操作人不同）",
                "You can only undo your own changes (the current role or name differs)",
            )
            .into(),
        UndoError::BuiltOn { seq, by, event } => fill(
            lang.pick(
                "{by} 之后又修改了同一对象（第 {seq} 条事件：{event}）",
                "{by} changed the same thing afterwards (event {seq}: {event})",
            ),
            &[("by", by.clone()), ("seq", seq.to_string()), ("event", kind(event, Some(*seq)))],
        ),
        UndoError::NotUndoable { event } => fill(
            lang.pick("这类操作（{event}）不能撤销", "This kind of change ({event}) cannot be undone"),
            &[("event", kind(event, None))],
        ),
    }
}

/// A refused command or undo in words; undo refusals name the events they are about.
pub fn ui_error_in(lang: Lang, e: &crate::store::UiError, events: &[EventEnvelope]) -> String {
    match e {
        crate::store::UiError::Undo(u) => undo_error_in(lang, u, events),
        other => crate::components::ui_error(lang, other),
    }
}
