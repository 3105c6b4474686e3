use super::*;

// ---------------------------------------------------------------------------------------------
// State changes: every change to a session goes through `update`, which keeps the indexes in step.

pub(crate) fn update(state: &mut State, env: &EventEnvelope, id: SessionId, f: impl FnOnce(&mut LiveSession)) {
    let Some(mut s) = state.live_sessions.get(&id).cloned() else { return };
    conflict::unindex(&mut state.live_index, &s);
    f(&mut s);
    s.version = env.seq;
    s.updated_at = env.recorded_at;
    conflict::index(&mut state.live_index, &s);
    state.live_sessions.insert(id, s);
}

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &LivestreamEvent) {
    use LivestreamEvent as E;
    match event {
        E::SessionPlanned { session_id, plan } => {
            if state.live_sessions.contains_key(session_id) {
                return;
            }
            let s = LiveSession {
                id: *session_id,
                plan: plan.clone(),
                lineup: Vec::new(),
                status: SessionStatus::Draft,
                outcome: None,
                accepted: Vec::new(),
                version: env.seq,
                updated_at: env.recorded_at,
            };
            conflict::index(&mut state.live_index, &s);
            state.live_sessions.insert(*session_id, s);
        }
        E::SessionEdited { session_id, plan } => update(state, env, *session_id, |s| s.plan = plan.clone()),
        E::SessionMoved { session_id, start, minutes } => update(state, env, *session_id, |s| {
            s.plan.start = *start;
            s.plan.minutes = *minutes;
        }),
        E::SessionScheduled { session_id } => update(state, env, *session_id, |s| {
            s.status = SessionStatus::Scheduled;
            s.accepted.clear();
        }),
        E::SoftConflictsAccepted { session_id, conflicts } => {
            update(state, env, *session_id, |s| s.accepted = conflicts.clone())
        }
        E::EnterpriseInvited { session_id, enterprise_id, posts, slot } => update(state, env, *session_id, |s| {
            let entry = Featured {
                enterprise_id: *enterprise_id,
                posts: posts.clone(),
                slot: *slot,
                invitation: Invitation::Invited,
            };
            s.lineup = with_lineup(s, entry);
        }),
        E::FeatureChanged { session_id, enterprise_id, posts, slot } => update(state, env, *session_id, |s| {
            if let Some(f) = s.featured(*enterprise_id).cloned() {
                s.lineup = with_lineup(s, Featured { posts: posts.clone(), slot: *slot, ..f });
            }
        }),
        E::FeatureRemoved { session_id, enterprise_id } => {
            update(state, env, *session_id, |s| s.lineup.retain(|f| f.enterprise_id != *enterprise_id))
        }
        E::InvitationAccepted { session_id, enterprise_id } => update(state, env, *session_id, |s| {
            if let Some(f) = s.lineup.iter_mut().find(|f| f.enterprise_id == *enterprise_id) {
                f.invitation = Invitation::Accepted;
            }
        }),
        E::InvitationDeclined { session_id, enterprise_id, reason } => update(state, env, *session_id, |s| {
            if let Some(f) = s.lineup.iter_mut().find(|f| f.enterprise_id == *enterprise_id) {
                f.invitation = Invitation::Declined { reason: reason.clone() };
            }
        }),
        E::SessionStarted { session_id } => update(state, env, *session_id, |s| s.status = SessionStatus::Live),
        E::SessionEnded { session_id, outcome } => update(state, env, *session_id, |s| {
            s.status = SessionStatus::Ended;
            s.outcome = Some(outcome.clone());
        }),
        E::SessionCancelled { session_id, reason } => {
            update(state, env, *session_id, |s| s.status = SessionStatus::Cancelled { reason: reason.clone() })
        }
    }
}
