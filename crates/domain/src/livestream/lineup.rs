use super::*;

/// What inviting an enterprise into the line-up, or changing its entry, asks for.
pub(crate) struct EntryRequest {
    pub(crate) enterprise_id: EnterpriseId,
    pub(crate) posts: Vec<PostId>,
    pub(crate) slot: Slot,
    /// The soft conflicts the user accepted.
    pub(crate) accept: Vec<Conflict>,
}

/// Feature an enterprise with some of its posts in a slot of the session.
pub(crate) fn invite_enterprise(c: &Ctx<'_>, r: EntryRequest) -> Result<Vec<LivestreamEvent>> {
    let s = c.s;
    c.open_to("change its line-up")?;
    if s.featured(r.enterprise_id).is_some_and(Featured::counts) {
        return Err(LivestreamError::AlreadyFeatured.into());
    }
    if s.lineup.iter().filter(|f| f.counts()).count() >= MAX_LINEUP {
        return Err(LivestreamError::LineupFull { max: MAX_LINEUP }.into());
    }
    check_feature(c.state, s, r.enterprise_id, &r.posts, r.slot)?;
    let entry = Featured::invited(r.enterprise_id, r.posts.clone(), r.slot);
    let main = LivestreamEvent::EnterpriseInvited {
        session_id: c.session_id,
        enterprise_id: r.enterprise_id,
        posts: r.posts,
        slot: r.slot,
    };
    c.decided(&s.plan, &with_lineup(s, entry), &r.accept, main)
}

/// Change a featured enterprise's posts or slot.
pub(crate) fn change_feature(c: &Ctx<'_>, r: EntryRequest) -> Result<Vec<LivestreamEvent>> {
    let s = c.s;
    c.open_to("change its line-up")?;
    let f = featured_in(s, r.enterprise_id)?;
    if !f.counts() {
        return Err(LivestreamError::InvitationDeclined.into());
    }
    check_feature(c.state, s, r.enterprise_id, &r.posts, r.slot)?;
    if f.posts == r.posts && f.slot == r.slot {
        return Ok(vec![]);
    }
    let entry = Featured { posts: r.posts.clone(), slot: r.slot, ..f.clone() };
    let main = LivestreamEvent::FeatureChanged {
        session_id: c.session_id,
        enterprise_id: r.enterprise_id,
        posts: r.posts,
        slot: r.slot,
    };
    c.decided(&s.plan, &with_lineup(s, entry), &r.accept, main)
}

/// Take an enterprise off the line-up.
pub(crate) fn remove_feature(c: &Ctx<'_>, enterprise_id: EnterpriseId) -> Result<Vec<LivestreamEvent>> {
    use LivestreamEvent as E;
    let Ctx { s, session_id, .. } = *c;
    c.open_to("change its line-up")?;
    featured_in(s, enterprise_id)?;
    Ok(vec![E::FeatureRemoved { session_id, enterprise_id }])
}
