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
    let session = |id: &SessionId| existing_session(state, *id);
    // Refuse the hard conflicts session `s` would have with this plan and line-up, if it is on
    // the schedule (`scheduled`; or live: the commands refuse any change to a live session, and
    // it occupies its host, channel and line-up all the same).
    let hard = |s: &LiveSession, plan: &SessionPlan, lineup: &[Featured], scheduled: bool| {
        if !scheduled {
            return Ok(());
        }
        let found = conflicts(state, s.id, plan, lineup);
        if has_hard_conflict(&found) {
            Err(LivestreamError::HardConflicts { conflicts: found.into_iter().filter(Conflict::is_hard).collect() })
        } else {
            Ok(())
        }
    };
    let if_on_schedule =
        |s: &LiveSession, plan: &SessionPlan, lineup: &[Featured]| hard(s, plan, lineup, s.status.is_active());
    match event {
        E::SessionPlanned { session_id, plan } => {
            session_is_new(state, *session_id)?;
            plan_parties_exist(state, plan)
        }
        // Only a scheduled session goes live: a draft (say, one whose scheduling this merge kept
        // out) would skip the conflict check.
        E::SessionStarted { session_id } => may_go_live(session(session_id)?),
        E::SessionEnded { session_id, .. }
        | E::SessionCancelled { session_id, .. }
        | E::SoftConflictsAccepted { session_id, .. } => session(session_id).map(|_| ()),
        E::SessionScheduled { session_id } => {
            let s = session(session_id)?;
            hard(s, &s.plan, &s.lineup, true)
        }
        E::SessionEdited { session_id, plan } => {
            let s = session(session_id)?;
            if_on_schedule(s, plan, &s.lineup)
        }
        E::SessionMoved { session_id, start, minutes } => {
            let s = session(session_id)?;
            if_on_schedule(s, &s.plan.moved(*start, *minutes), &s.lineup)
        }
        E::EnterpriseInvited { session_id, enterprise_id, posts, slot } => {
            let s = session(session_id)?;
            check_slot_free(s, *enterprise_id, *slot)?;
            if_on_schedule(s, &s.plan, &with_lineup(s, Featured::invited(*enterprise_id, posts.clone(), *slot)))
        }
        E::FeatureChanged { session_id, enterprise_id, posts, slot } => {
            let s = session(session_id)?;
            let f = featured_in(s, *enterprise_id)?;
            check_slot_free(s, *enterprise_id, *slot)?;
            if_on_schedule(s, &s.plan, &with_lineup(s, Featured { posts: posts.clone(), slot: *slot, ..f.clone() }))
        }
        E::FeatureRemoved { session_id, enterprise_id }
        | E::InvitationAccepted { session_id, enterprise_id }
        | E::InvitationDeclined { session_id, enterprise_id, .. } => {
            featured_in(session(session_id)?, *enterprise_id).map(|_| ())
        }
    }
}

/// Who recorded it may manage the session (or answer for the enterprise), and its values pass
/// the command's checks.
pub(crate) fn recorded(state: &State, actor: &Actor, event: &LivestreamEvent) -> Result<()> {
    use LivestreamEvent as E;
    match event {
        E::InvitationAccepted { enterprise_id, .. } | E::InvitationDeclined { enterprise_id, .. } => {
            may_answer_invitation(actor, *enterprise_id)?;
        }
        E::SessionPlanned { plan, .. } => {
            crate::authority::not_enterprise(actor.role, event.type_name())?;
            may_change_session(actor, &plan.hosts)?;
        }
        _ => {
            crate::authority::not_enterprise(actor.role, event.type_name())?;
            if let Some(s) = state.live_sessions.get(&event.session_id()) {
                may_change_session(actor, &s.plan.hosts)?;
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
