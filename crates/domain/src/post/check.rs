use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &PostEvent) -> Result<(), PostError> {
    use PostEvent as E;
    match event {
        E::PostOpened { post_id, enterprise_id, .. } => {
            if state.posts.contains_key(post_id) {
                return Err(PostError::AlreadyExists);
            }
            if !state.enterprises.contains_key(enterprise_id) {
                return Err(PostError::EnterpriseNotFound);
            }
            Ok(())
        }
        E::PostEdited { post_id, .. } | E::PostFilled { post_id } | E::PostWithdrawn { post_id } => {
            let p = state.posts.get(post_id).ok_or(PostError::NotFound)?;
            if p.status != PostStatus::Open {
                return Err(PostError::NotOpen { status: p.status });
            }
            Ok(())
        }
    }
}

/// Who recorded it may act for the post's enterprise, and the details pass the command's checks.
pub(crate) fn recorded(state: &State, actor: &Actor, event: &PostEvent) -> Result<(), DomainError> {
    use PostEvent as E;
    crate::authority::not_host(actor.role, event.type_name())?;
    let owner = match event {
        E::PostOpened { enterprise_id, .. } => Some(*enterprise_id),
        E::PostEdited { post_id, .. } | E::PostFilled { post_id } | E::PostWithdrawn { post_id } => {
            state.posts.get(post_id).map(|p| p.enterprise_id)
        }
    };
    if owner.is_some_and(|e| !may_act_for(actor, e)) {
        return Err(PostError::NotYourPost.into());
    }
    match event {
        E::PostOpened { details, .. } => {
            clean(state, details, None)?;
        }
        E::PostEdited { post_id, details } => {
            clean(state, details, state.posts.get(post_id).map(|p| &p.details))?;
        }
        E::PostFilled { .. } | E::PostWithdrawn { .. } => {}
    }
    Ok(())
}
