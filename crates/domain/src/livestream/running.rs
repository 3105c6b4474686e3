use super::*;

/// A scheduled session goes live (from a few minutes before its start until its end).
pub(crate) fn start_session(c: &Ctx<'_>) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { now, s, session_id, .. } = *c;
    may_go_live(s)?;
    if now < crate::time::shifted(s.plan.start, -Duration::minutes(EARLY_START_MINUTES)) {
        return Err(LivestreamError::TooEarlyToStart { minutes: EARLY_START_MINUTES }.into());
    }
    if now >= s.plan.end() {
        return Err(LivestreamError::TooLateToStart.into());
    }
    Ok(vec![E::SessionStarted { session_id }])
}

/// A live session ends, with its figures.
pub(crate) fn end_session(c: &Ctx<'_>, outcome: Outcome) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { s, session_id, .. } = *c;
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
    Ok(vec![E::SessionEnded { session_id, outcome }])
}

/// An open session is cancelled, with a reason.
pub(crate) fn cancel_session(c: &Ctx<'_>, reason: String) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    c.open_to("be cancelled")?;
    let session_id = c.session_id;
    let reason = check_reason(&reason)?;
    Ok(vec![E::SessionCancelled { session_id, reason }])
}
