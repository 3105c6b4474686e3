use super::*;

/// Change a draft's or a scheduled session's plan (a scheduled one is checked for conflicts).
pub(crate) fn edit_session(c: &Ctx<'_>, plan: SessionPlan, accept: Vec<Conflict>) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { state, actor, s, session_id, .. } = *c;
    c.open_to("change")?;
    let plan = clean_plan(state, &plan)?;
    may_change_session(actor, &plan.hosts)?;
    if plan == s.plan {
        return Ok(vec![]);
    }
    let main = E::SessionEdited { session_id, plan: plan.clone() };
    c.decided(&plan, &s.lineup, &accept, main)
}

/// Move a session to another start or length.
pub(crate) fn move_session(
    c: &Ctx<'_>,
    start: DateTime<Utc>,
    minutes: u32,
    accept: Vec<Conflict>,
) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { s, session_id, .. } = *c;
    c.open_to("move")?;
    duration_in_range(minutes)?;
    if start == s.plan.start && minutes == s.plan.minutes {
        return Ok(vec![]);
    }
    let plan = s.plan.moved(start, minutes);
    let main = E::SessionMoved { session_id, start, minutes };
    c.decided(&plan, &s.lineup, &accept, main)
}

/// Put a draft on the schedule, refusing hard conflicts and recording accepted soft ones.
pub(crate) fn schedule_session(c: &Ctx<'_>, accept: Vec<Conflict>) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { s, session_id, .. } = *c;
    if s.status != SessionStatus::Draft {
        return Err(invalid(s, "be scheduled").into());
    }
    // A draft is not on the schedule yet, so `checked` refuses a start in the past.
    c.checked(&s.plan, &s.lineup, &accept, E::SessionScheduled { session_id })
}
