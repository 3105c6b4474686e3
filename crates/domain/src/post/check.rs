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
