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
    if !answering {
        crate::authority::not_enterprise(actor.role, cmd.name())?;
    }
    let session_id = cmd.session_id();
    if let C::PlanSession { plan, .. } = &cmd {
        session_is_new(state, session_id)?;
        let plan = clean_plan(state, plan)?;
        may_change_session(actor, &plan.hosts)?;
        return Ok(vec![E::SessionPlanned { session_id, plan }]);
    }
    let s = existing_session(state, session_id)?;
    if !answering {
        may_change_session(actor, &s.plan.hosts)?;
    }
    let c = Ctx { state, actor, now, s, session_id, on_schedule: s.status == SessionStatus::Scheduled };
    Ok(match cmd {
        C::PlanSession { .. } => unreachable!("handled above"),
        C::EditSession { plan, accept, .. } => edit_session(&c, plan, accept)?,
        C::MoveSession { start, minutes, accept, .. } => move_session(&c, start, minutes, accept)?,
        C::ScheduleSession { accept, .. } => schedule_session(&c, accept)?,
        C::InviteEnterprise { enterprise_id, posts, slot, accept, .. } => {
            invite_enterprise(&c, EntryRequest { enterprise_id, posts, slot, accept })?
        }
        C::ChangeFeature { enterprise_id, posts, slot, accept, .. } => {
            change_feature(&c, EntryRequest { enterprise_id, posts, slot, accept })?
        }
        C::RemoveFeature { enterprise_id, .. } => remove_feature(&c, enterprise_id)?,
        C::AcceptInvitation { enterprise_id, .. } => accept_invitation(&c, enterprise_id)?,
        C::DeclineInvitation { enterprise_id, reason, .. } => decline_invitation(&c, enterprise_id, reason)?,
        C::StartSession { .. } => start_session(&c)?,
        C::EndSession { outcome, .. } => end_session(&c, outcome)?,
        C::CancelSession { reason, .. } => cancel_session(&c, reason)?,
    })
}

/// What every change to an existing session is decided with.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) state: &'a State,
    pub(crate) actor: &'a Actor,
    pub(crate) now: DateTime<Utc>,
    pub(crate) s: &'a LiveSession,
    pub(crate) session_id: SessionId,
    /// The session is on the schedule: changes are checked for conflicts.
    pub(crate) on_schedule: bool,
}

impl Ctx<'_> {
    /// Refuse a change to a session that is no longer open (live, ended or cancelled).
    pub(crate) fn open_to(&self, action: &str) -> Result<()> {
        if self.s.status.is_open() {
            Ok(())
        } else {
            Err(invalid(self.s, action).into())
        }
    }

    /// The events of a change: checked for conflicts when the session is on the schedule.
    pub(crate) fn decided(
        &self,
        plan: &SessionPlan,
        lineup: &[Featured],
        accept: &[Conflict],
        main: LivestreamEvent,
    ) -> Result<Vec<LivestreamEvent>> {
        if self.on_schedule {
            self.checked(plan, lineup, accept, main)
        } else {
            Ok(vec![main])
        }
    }

    /// A change to a session on the schedule: enforce conflicts and record accepted warnings.
    pub(crate) fn checked(
        &self,
        plan: &SessionPlan,
        lineup: &[Featured],
        accept: &[Conflict],
        main: LivestreamEvent,
    ) -> Result<Vec<LivestreamEvent>> {
        let (s, now, session_id) = (self.s, self.now, self.session_id);
        if plan.start < now && (plan.start != s.plan.start || !self.on_schedule) {
            return Err(LivestreamError::StartsInPast.into());
        }
        let accepted = enforce(self.state, session_id, plan, lineup, accept)?;
        let mut out = vec![main];
        if !accepted.is_empty() {
            out.push(LivestreamEvent::SoftConflictsAccepted { session_id, conflicts: accepted });
        }
        Ok(out)
    }
}
