use super::*;

/// The featured enterprise accepts.
pub(crate) fn accept_invitation(c: &Ctx<'_>, enterprise_id: EnterpriseId) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { actor, s, session_id, .. } = *c;
    may_answer_invitation(actor, enterprise_id)?;
    let f = featured_in(s, enterprise_id)?;
    c.open_to("take answers")?;
    if f.invitation != Invitation::Invited {
        return Err(LivestreamError::AlreadyAnswered { answer: f.invitation.key().into() }.into());
    }
    Ok(vec![E::InvitationAccepted { session_id, enterprise_id }])
}

/// The featured enterprise declines, with a reason.
pub(crate) fn decline_invitation(
    c: &Ctx<'_>,
    enterprise_id: EnterpriseId,
    reason: String,
) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { actor, s, session_id, .. } = *c;
    may_answer_invitation(actor, enterprise_id)?;
    let f = featured_in(s, enterprise_id)?;
    c.open_to("take answers")?;
    if matches!(f.invitation, Invitation::Declined { .. }) {
        return Err(LivestreamError::AlreadyAnswered { answer: f.invitation.key().into() }.into());
    }
    let reason = check_reason(&reason)?;
    Ok(vec![E::InvitationDeclined { session_id, enterprise_id, reason }])
}
