use super::*;

/// Feature an enterprise with some of its posts in a slot of the session.
pub(crate) fn invite_enterprise(
    c: &Ctx<'_>,
    enterprise_id: EnterpriseId,
    posts: Vec<PostId>,
    slot: Slot,
    accept: Vec<Conflict>,
) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { state, s, session_id, .. } = *c;
    c.open_to("change its line-up")?;
    if s.featured(enterprise_id).is_some_and(Featured::counts) {
        return Err(LivestreamError::AlreadyFeatured.into());
    }
    if s.lineup.iter().filter(|f| f.counts()).count() >= MAX_LINEUP {
        return Err(LivestreamError::LineupFull { max: MAX_LINEUP }.into());
    }
    check_feature(state, s, enterprise_id, &posts, slot)?;
    let entry = Featured::invited(enterprise_id, posts.clone(), slot);
    let main = E::EnterpriseInvited { session_id, enterprise_id, posts, slot };
    c.decided(&s.plan, &with_lineup(s, entry), &accept, main)
}

/// Change a featured enterprise's posts or slot.
pub(crate) fn change_feature(
    c: &Ctx<'_>,
    enterprise_id: EnterpriseId,
    posts: Vec<PostId>,
    slot: Slot,
    accept: Vec<Conflict>,
) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { state, s, session_id, .. } = *c;
    c.open_to("change its line-up")?;
    let f = featured_in(s, enterprise_id)?;
    if !f.counts() {
        return Err(LivestreamError::InvitationDeclined.into());
    }
    check_feature(state, s, enterprise_id, &posts, slot)?;
    if f.posts == posts && f.slot == slot {
        return Ok(vec![]);
    }
    let entry = Featured { posts: posts.clone(), slot, ..f.clone() };
    let main = E::FeatureChanged { session_id, enterprise_id, posts, slot };
    c.decided(&s.plan, &with_lineup(s, entry), &accept, main)
}

/// Take an enterprise off the line-up.
pub(crate) fn remove_feature(c: &Ctx<'_>, enterprise_id: EnterpriseId) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { s, session_id, .. } = *c;
    c.open_to("change its line-up")?;
    featured_in(s, enterprise_id)?;
    Ok(vec![E::FeatureRemoved { session_id, enterprise_id }])
}
