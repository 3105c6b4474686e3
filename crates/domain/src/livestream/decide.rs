use super::*;

pub(crate) fn decide(
    state: &State,
    actor: &Actor,
    now: DateTime<Utc>,
    cmd: LivestreamCommand,
) -> Result<Vec<LivestreamEvent>> {
    use LivestreamCommand as C;
    use LivestreamEvent as E;
    let answering = matches!(cmd, C::AcceptInvitation { .. } | C::DeclineInvitation { .. });
    if actor.role == Role::Enterprise && !answering {
        return Err(DomainError::Forbidden { role: actor.role, command: cmd.name().into() });
    }
    let session_id = cmd.session_id();
    if let C::PlanSession { plan, .. } = &cmd {
        if state.live_sessions.contains_key(&session_id) {
            return Err(LivestreamError::AlreadyExists.into());
        }
        let plan = clean_plan(state, plan)?;
        if !may_manage_session(actor, &plan.hosts) {
            return Err(LivestreamError::NotYourSession.into());
        }
        return Ok(vec![E::SessionPlanned { session_id, plan }]);
    }
    let s = state.live_sessions.get(&session_id).ok_or(LivestreamError::NotFound)?;
    if !answering && !may_manage_session(actor, &s.plan.hosts) {
        return Err(LivestreamError::NotYourSession.into());
    }
    // A change to a session on the schedule: enforce conflicts and record accepted warnings.
    let on_schedule = s.status == SessionStatus::Scheduled;
    let checked = |plan: &SessionPlan, lineup: &[Featured], accept: &[Conflict], main: E| -> Result<Vec<E>> {
        if plan.start < now && (plan.start != s.plan.start || !on_schedule) {
            return Err(LivestreamError::StartsInPast.into());
        }
        let accepted = enforce(state, session_id, plan, lineup, accept)?;
        let mut out = vec![main];
        if !accepted.is_empty() {
            out.push(E::SoftConflictsAccepted { session_id, conflicts: accepted });
        }
        Ok(out)
    };
    Ok(match cmd {
        C::PlanSession { .. } => unreachable!("handled above"),
        C::EditSession { plan, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change").into());
            }
            let plan = clean_plan(state, &plan)?;
            if !may_manage_session(actor, &plan.hosts) {
                return Err(LivestreamError::NotYourSession.into());
            }
            if plan == s.plan {
                return Ok(vec![]);
            }
            let main = E::SessionEdited { session_id, plan: plan.clone() };
            if on_schedule {
                checked(&plan, &s.lineup, &accept, main)?
            } else {
                vec![main]
            }
        }
        C::MoveSession { start, minutes, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "move").into());
            }
            if !(MIN_SESSION_MINUTES..=MAX_SESSION_MINUTES).contains(&minutes) {
                return Err(
                    LivestreamError::DurationOutOfRange { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES }.into()
                );
            }
            if start == s.plan.start && minutes == s.plan.minutes {
                return Ok(vec![]);
            }
            let plan = SessionPlan { start, minutes, ..s.plan.clone() };
            let main = E::SessionMoved { session_id, start, minutes };
            if on_schedule {
                checked(&plan, &s.lineup, &accept, main)?
            } else {
                vec![main]
            }
        }
        C::ScheduleSession { accept, .. } => {
            if s.status != SessionStatus::Draft {
                return Err(invalid(s, "be scheduled").into());
            }
            if s.plan.start < now {
                return Err(LivestreamError::StartsInPast.into());
            }
            let accepted = enforce(state, session_id, &s.plan, &s.lineup, &accept)?;
            let mut out = vec![E::SessionScheduled { session_id }];
            if !accepted.is_empty() {
                out.push(E::SoftConflictsAccepted { session_id, conflicts: accepted });
            }
            out
        }
        C::InviteEnterprise { enterprise_id, posts, slot, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change its line-up").into());
            }
            if s.featured(enterprise_id).is_some_and(Featured::counts) {
                return Err(LivestreamError::AlreadyFeatured.into());
            }
            if s.lineup.iter().filter(|f| f.counts()).count() >= MAX_LINEUP {
                return Err(LivestreamError::LineupFull { max: MAX_LINEUP }.into());
            }
            check_feature(state, s, enterprise_id, &posts, slot)?;
            let entry = Featured { enterprise_id, posts: posts.clone(), slot, invitation: Invitation::Invited };
            let main = E::EnterpriseInvited { session_id, enterprise_id, posts, slot };
            if on_schedule {
                checked(&s.plan, &with_lineup(s, entry), &accept, main)?
            } else {
                vec![main]
            }
        }
        C::ChangeFeature { enterprise_id, posts, slot, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change its line-up").into());
            }
            let f = s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            if !f.counts() {
                return Err(LivestreamError::InvitationDeclined.into());
            }
            check_feature(state, s, enterprise_id, &posts, slot)?;
            if f.posts == posts && f.slot == slot {
                return Ok(vec![]);
            }
            let entry = Featured { posts: posts.clone(), slot, ..f.clone() };
            let main = E::FeatureChanged { session_id, enterprise_id, posts, slot };
            if on_schedule {
                checked(&s.plan, &with_lineup(s, entry), &accept, main)?
            } else {
                vec![main]
            }
        }
        C::RemoveFeature { enterprise_id, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change its line-up").into());
            }
            s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            vec![E::FeatureRemoved { session_id, enterprise_id }]
        }
        C::AcceptInvitation { enterprise_id, .. } => {
            if !may_act_for(actor, enterprise_id) {
                return Err(LivestreamError::NotYourInvitation.into());
            }
            let f = s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            if !s.status.is_open() {
                return Err(invalid(s, "take answers").into());
            }
            if f.invitation != Invitation::Invited {
                return Err(LivestreamError::AlreadyAnswered { answer: f.invitation.key().into() }.into());
            }
            vec![E::InvitationAccepted { session_id, enterprise_id }]
        }
        C::DeclineInvitation { enterprise_id, reason, .. } => {
            if !may_act_for(actor, enterprise_id) {
                return Err(LivestreamError::NotYourInvitation.into());
            }
            let f = s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            if !s.status.is_open() {
                return Err(invalid(s, "take answers").into());
            }
            if matches!(f.invitation, Invitation::Declined { .. }) {
                return Err(LivestreamError::AlreadyAnswered { answer: f.invitation.key().into() }.into());
            }
            let reason = check_reason(&reason)?;
            vec![E::InvitationDeclined { session_id, enterprise_id, reason }]
        }
        C::StartSession { .. } => {
            if s.status != SessionStatus::Scheduled {
                return Err(invalid(s, "go live").into());
            }
            if now < s.plan.start - Duration::minutes(EARLY_START_MINUTES) {
                return Err(LivestreamError::TooEarlyToStart { minutes: EARLY_START_MINUTES }.into());
            }
            if now >= s.plan.end() {
                return Err(LivestreamError::TooLateToStart.into());
            }
            vec![E::SessionStarted { session_id }]
        }
        C::EndSession { outcome, .. } => {
            if s.status != SessionStatus::Live {
                return Err(invalid(s, "end").into());
            }
            if outcome.peak_viewers > MAX_VIEWERS {
                return Err(LivestreamError::ViewersOutOfRange { max: MAX_VIEWERS }.into());
            }
            for (e, n) in &outcome.applications {
                if !s.featured(*e).is_some_and(Featured::counts) {
                    return Err(LivestreamError::OutcomeForUnknownEnterprise { enterprise: *e }.into());
                }
                if *n > MAX_APPLICATIONS {
                    return Err(LivestreamError::ApplicationsOutOfRange { max: MAX_APPLICATIONS }.into());
                }
            }
            vec![E::SessionEnded { session_id, outcome }]
        }
        C::CancelSession { reason, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "be cancelled").into());
            }
            let reason = check_reason(&reason)?;
            vec![E::SessionCancelled { session_id, reason }]
        }
    })
}
