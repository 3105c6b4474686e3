use super::*;

/// Would this event still be a valid fact on `state`? Used when merging logs (see `merge`): a
/// change to a session on the schedule that would give it a hard conflict (the same host,
/// channel or featured enterprise twice at once, a host outside their availability, a line-up
/// past the session's end) is refused with [`LivestreamError::HardConflicts`], the hard
/// conflicts the command would have been refused for; so are overlapping slots in a line-up and
/// starting a session that is not scheduled. Soft conflicts do not block a merge, and a draft
/// blocks nothing. Conflicts are computed with the change applied to the plan or line-up, against
/// the interval index: O(log n + neighbours), never a full scan.
pub(crate) fn check(state: &State, event: &LivestreamEvent) -> std::result::Result<(), LivestreamError> {
    use LivestreamEvent as E;
    let session = |id: &SessionId| state.live_sessions.get(id).ok_or(LivestreamError::NotFound);
    // Refuse the hard conflicts session `id` would have with this plan and line-up.
    let hard = |id: SessionId, plan: &SessionPlan, lineup: &[Featured]| {
        let hard: Vec<Conflict> = conflicts(state, id, plan, lineup).into_iter().filter(Conflict::is_hard).collect();
        if hard.is_empty() {
            Ok(())
        } else {
            Err(LivestreamError::HardConflicts { conflicts: hard })
        }
    };
    // The same for a change to session `s`, if it is on the schedule (scheduled, or live: the
    // commands refuse any change to a live session, and it occupies its host, channel and
    // line-up all the same).
    let if_on_schedule = |s: &LiveSession, plan: &SessionPlan, lineup: &[Featured]| {
        if s.status.is_active() {
            hard(s.id, plan, lineup)
        } else {
            Ok(())
        }
    };
    match event {
        E::SessionPlanned { session_id, plan } => {
            if state.live_sessions.contains_key(session_id) {
                return Err(LivestreamError::AlreadyExists);
            }
            if plan.hosts.iter().any(|h| !state.hosts.contains_key(h)) {
                return Err(LivestreamError::HostNotFound);
            }
            if !state.channels.contains_key(&plan.channel) {
                return Err(LivestreamError::ChannelNotFound);
            }
            Ok(())
        }
        // Only a scheduled session goes live: a draft (say, one whose scheduling this merge kept
        // out) would skip the conflict check.
        E::SessionStarted { session_id } => {
            let s = session(session_id)?;
            if s.status != SessionStatus::Scheduled {
                return Err(invalid(s, "go live"));
            }
            Ok(())
        }
        E::SessionEnded { session_id, .. }
        | E::SessionCancelled { session_id, .. }
        | E::SoftConflictsAccepted { session_id, .. } => session(session_id).map(|_| ()),
        E::SessionScheduled { session_id } => {
            let s = session(session_id)?;
            hard(s.id, &s.plan, &s.lineup)
        }
        E::SessionEdited { session_id, plan } => {
            let s = session(session_id)?;
            if_on_schedule(s, plan, &s.lineup)
        }
        E::SessionMoved { session_id, start, minutes } => {
            let s = session(session_id)?;
            if_on_schedule(s, &SessionPlan { start: *start, minutes: *minutes, ..s.plan.clone() }, &s.lineup)
        }
        E::EnterpriseInvited { session_id, enterprise_id, posts, slot } => {
            let s = session(session_id)?;
            check_slot_free(s, *enterprise_id, *slot)?;
            let entry = Featured {
                enterprise_id: *enterprise_id,
                posts: posts.clone(),
                slot: *slot,
                invitation: Invitation::Invited,
            };
            if_on_schedule(s, &s.plan, &with_lineup(s, entry))
        }
        E::FeatureChanged { session_id, enterprise_id, posts, slot } => {
            let s = session(session_id)?;
            let f = s.featured(*enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            check_slot_free(s, *enterprise_id, *slot)?;
            if_on_schedule(s, &s.plan, &with_lineup(s, Featured { posts: posts.clone(), slot: *slot, ..f.clone() }))
        }
        E::FeatureRemoved { session_id, enterprise_id }
        | E::InvitationAccepted { session_id, enterprise_id }
        | E::InvitationDeclined { session_id, enterprise_id, .. } => {
            let s = session(session_id)?;
            s.featured(*enterprise_id).map(|_| ()).ok_or(LivestreamError::NotFeatured)
        }
    }
}

/// Who recorded it may manage the session (or answer for the enterprise), and its values pass
/// the command's checks.
pub(crate) fn recorded(state: &State, actor: &Actor, event: &LivestreamEvent) -> Result<()> {
    use LivestreamEvent as E;
    match event {
        E::InvitationAccepted { enterprise_id, .. } | E::InvitationDeclined { enterprise_id, .. } => {
            if !may_act_for(actor, *enterprise_id) {
                return Err(LivestreamError::NotYourInvitation.into());
            }
        }
        E::SessionPlanned { plan, .. } => {
            crate::authority::not_enterprise(actor.role, event.type_name())?;
            if !may_manage_session(actor, &plan.hosts) {
                return Err(LivestreamError::NotYourSession.into());
            }
        }
        _ => {
            crate::authority::not_enterprise(actor.role, event.type_name())?;
            let session = state.live_sessions.get(&event.session_id());
            if session.is_some_and(|s| !may_manage_session(actor, &s.plan.hosts)) {
                return Err(LivestreamError::NotYourSession.into());
            }
        }
    }
    match event {
        E::SessionPlanned { plan, .. } | E::SessionEdited { plan, .. } => {
            clean_plan(state, plan)?;
        }
        E::InvitationDeclined { reason, .. } | E::SessionCancelled { reason, .. } => {
            check_reason(reason)?;
        }
        _ => {}
    }
    Ok(())
}
