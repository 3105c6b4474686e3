use super::*;

// ---------------------------------------------------------------------------------------------
// Queries

/// Sessions (not cancelled) that start in `[from, to)`, by start.
pub fn sessions_starting(
    state: &State,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> impl Iterator<Item = &LiveSession> + '_ {
    let nil = SessionId(uuid::Uuid::nil());
    let range = if from < to { Some(state.live_index.by_start.range((from, nil)..(to, nil))) } else { None };
    range.into_iter().flatten().filter_map(|((_, id), _)| state.live_sessions.get(id))
}

/// Sessions (not cancelled) that overlap `[from, to)`, by start.
pub fn sessions_overlapping(
    state: &State,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> impl Iterator<Item = &LiveSession> + '_ {
    sessions_starting(state, crate::time::shifted(from, -Duration::minutes(MAX_SESSION_MINUTES as i64)), to)
        .filter(move |s| s.plan.end() > from)
}

/// Line-up entries waiting for this enterprise's answer, and the ones it answered.
pub fn invitations_of(state: &State, enterprise: EnterpriseId) -> Vec<(&LiveSession, &Featured)> {
    let mut v: Vec<_> = state.live_sessions.values().filter_map(|s| s.featured(enterprise).map(|f| (s, f))).collect();
    v.sort_by_key(|(s, _)| (s.plan.start, s.id));
    v
}

// ---------------------------------------------------------------------------------------------
// Rules

pub(crate) type Result<T> = std::result::Result<T, DomainError>;

pub(crate) fn clean_plan(state: &State, p: &SessionPlan) -> std::result::Result<SessionPlan, LivestreamError> {
    let title = p.title.trim();
    if title.is_empty() {
        return Err(LivestreamError::TitleRequired);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(LivestreamError::TitleTooLong { max: TITLE_MAX_CHARS });
    }
    if p.hosts.is_empty() {
        return Err(LivestreamError::HostRequired);
    }
    if p.hosts.len() > MAX_HOSTS {
        return Err(LivestreamError::TooManyHosts { max: MAX_HOSTS });
    }
    if p.hosts.iter().collect::<BTreeSet<_>>().len() != p.hosts.len() {
        return Err(LivestreamError::DuplicateHost);
    }
    plan_parties_exist(state, p)?;
    duration_in_range(p.minutes)?;
    if let Some(f) = p.fair {
        if !state.fairs.contains_key(&f) {
            return Err(LivestreamError::FairNotFound);
        }
    }
    Ok(SessionPlan { title: title.into(), ..p.clone() })
}

pub(crate) fn check_reason(reason: &str) -> std::result::Result<String, LivestreamError> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(LivestreamError::ReasonRequired);
    }
    if r.chars().count() > REASON_MAX_CHARS {
        return Err(LivestreamError::ReasonTooLong { max: REASON_MAX_CHARS });
    }
    Ok(r.into())
}

/// May this actor manage this session? Organizers may; a host only if they host it.
pub fn may_manage_session(actor: &Actor, hosts: &[HostId]) -> bool {
    match actor.role {
        Role::Organizer => true,
        Role::Host => hosts.iter().any(|h| may_act_for_host(actor, *h)),
        Role::Enterprise => false,
    }
}

/// [`may_manage_session`] as a refusal: changing a session with these hosts.
pub fn may_change_session(actor: &Actor, hosts: &[HostId]) -> std::result::Result<(), LivestreamError> {
    if may_manage_session(actor, hosts) {
        Ok(())
    } else {
        Err(LivestreamError::NotYourSession)
    }
}

/// Only the invited enterprise (or an organizer) answers its invitation.
pub fn may_answer_invitation(actor: &Actor, enterprise: EnterpriseId) -> std::result::Result<(), LivestreamError> {
    if may_act_for(actor, enterprise) {
        Ok(())
    } else {
        Err(LivestreamError::NotYourInvitation)
    }
}

/// A session id is planned once.
pub fn session_is_new(state: &State, id: SessionId) -> std::result::Result<(), LivestreamError> {
    if state.live_sessions.contains_key(&id) {
        Err(LivestreamError::AlreadyExists)
    } else {
        Ok(())
    }
}

/// The session a command or event is about must exist.
pub fn existing_session(state: &State, id: SessionId) -> std::result::Result<&LiveSession, LivestreamError> {
    state.live_sessions.get(&id).ok_or(LivestreamError::NotFound)
}

/// A plan's hosts and channel must exist.
pub fn plan_parties_exist(state: &State, p: &SessionPlan) -> std::result::Result<(), LivestreamError> {
    if p.hosts.iter().any(|h| !state.hosts.contains_key(h)) {
        return Err(LivestreamError::HostNotFound);
    }
    if !state.channels.contains_key(&p.channel) {
        return Err(LivestreamError::ChannelNotFound);
    }
    Ok(())
}

/// Only a scheduled session goes live.
pub fn may_go_live(s: &LiveSession) -> std::result::Result<(), LivestreamError> {
    if s.status == SessionStatus::Scheduled {
        Ok(())
    } else {
        Err(invalid(s, "go live"))
    }
}

/// The enterprise's entry in the session's line-up (it must be featured).
pub fn featured_in(s: &LiveSession, enterprise: EnterpriseId) -> std::result::Result<&Featured, LivestreamError> {
    s.featured(enterprise).ok_or(LivestreamError::NotFeatured)
}

/// A session lasts between [`MIN_SESSION_MINUTES`] and [`MAX_SESSION_MINUTES`].
pub fn duration_in_range(minutes: u32) -> std::result::Result<(), LivestreamError> {
    if (MIN_SESSION_MINUTES..=MAX_SESSION_MINUTES).contains(&minutes) {
        Ok(())
    } else {
        Err(LivestreamError::DurationOutOfRange { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES })
    }
}

/// A session on the schedule may have no hard conflict (see [`Conflict::is_hard`]).
pub fn has_hard_conflict(found: &[Conflict]) -> bool {
    found.iter().any(Conflict::is_hard)
}

pub(crate) fn invalid(s: &LiveSession, action: &str) -> LivestreamError {
    LivestreamError::InvalidTransition { status: s.status.key().into(), action: action.into() }
}

/// Check a line-up entry's posts and slot against the enterprise and the rest of the line-up.
pub(crate) fn check_feature(
    state: &State,
    s: &LiveSession,
    enterprise: EnterpriseId,
    posts: &[PostId],
    slot: Slot,
) -> std::result::Result<(), LivestreamError> {
    if !state.enterprises.contains_key(&enterprise) {
        return Err(LivestreamError::EnterpriseNotFound);
    }
    if posts.is_empty() || posts.len() > MAX_POSTS_PER_ENTERPRISE {
        return Err(LivestreamError::PostCountOutOfRange { max: MAX_POSTS_PER_ENTERPRISE });
    }
    if posts.iter().collect::<BTreeSet<_>>().len() != posts.len() {
        return Err(LivestreamError::DuplicatePost);
    }
    for p in posts {
        let ok = state.posts.get(p).is_some_and(|p| p.enterprise_id == enterprise && p.status == PostStatus::Open);
        if !ok {
            return Err(LivestreamError::PostNotOpen { post: *p });
        }
    }
    if slot.minutes < MIN_SLOT_MINUTES {
        return Err(LivestreamError::SlotTooShort { min: MIN_SLOT_MINUTES });
    }
    if slot.offset_minutes >= MAX_SESSION_MINUTES || slot.minutes > MAX_SESSION_MINUTES {
        return Err(LivestreamError::SlotOutOfRange { max: MAX_SESSION_MINUTES });
    }
    check_slot_free(s, enterprise, slot)
}

/// Refuse a slot that overlaps another enterprise's slot in the line-up.
pub(crate) fn check_slot_free(
    s: &LiveSession,
    enterprise: EnterpriseId,
    slot: Slot,
) -> std::result::Result<(), LivestreamError> {
    match s.lineup.iter().find(|f| {
        f.enterprise_id != enterprise
            && f.counts()
            && f.slot.offset_minutes < slot.end_offset()
            && slot.offset_minutes < f.slot.end_offset()
    }) {
        Some(o) => Err(LivestreamError::SlotsOverlap { other: o.enterprise_id }),
        None => Ok(()),
    }
}

/// For a session on the schedule (or about to be): refuse hard conflicts, and soft ones unless
/// accepted. Returns the soft conflicts accepted, to be recorded.
pub(crate) fn enforce(
    state: &State,
    id: SessionId,
    plan: &SessionPlan,
    lineup: &[Featured],
    accept: &[Conflict],
) -> std::result::Result<Vec<Conflict>, LivestreamError> {
    let found = conflicts(state, id, plan, lineup);
    if has_hard_conflict(&found) {
        return Err(LivestreamError::HardConflicts { conflicts: found });
    }
    if found.iter().any(|c| !accept.contains(c)) {
        return Err(LivestreamError::SoftConflictsNotAccepted { conflicts: found });
    }
    Ok(found)
}

pub(crate) fn with_lineup(s: &LiveSession, entry: Featured) -> Vec<Featured> {
    let mut v: Vec<Featured> = s.lineup.iter().filter(|f| f.enterprise_id != entry.enterprise_id).cloned().collect();
    v.push(entry);
    v.sort_by_key(|f| (f.slot, f.enterprise_id));
    v
}
