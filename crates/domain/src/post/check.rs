use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.) The same rules as
/// `decide`, from `rules.rs`.
pub(crate) fn check(state: &State, event: &PostEvent) -> Result<(), PostError> {
    use PostEvent as E;
    match event {
        E::PostOpened { post_id, enterprise_id, .. } => may_open_post(state, *post_id, *enterprise_id),
        E::PostEdited { post_id, .. } | E::PostFilled { post_id } | E::PostWithdrawn { post_id } => {
            post_is_open(existing_post(state, *post_id)?)
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
    if let Some(e) = owner {
        may_manage_post(actor, e)?;
    }
    match event {
        E::PostOpened { details, .. } => {
            clean(state, details, None)?;
        }
        E::PostEdited { post_id, details } => {
            clean(state, details, state.posts.get(post_id).map(|p| &*p.details))?;
        }
        E::PostFilled { .. } | E::PostWithdrawn { .. } => {}
    }
    Ok(())
}
