//! The post's rules, written once: `decide` and the merge `check` both ask these.
use super::*;

/// A post id is opened once, for an enterprise that is registered.
pub fn may_open_post(state: &State, post: PostId, enterprise: EnterpriseId) -> Result<(), PostError> {
    if state.posts.contains_key(&post) {
        return Err(PostError::AlreadyExists);
    }
    if !state.enterprises.contains_key(&enterprise) {
        return Err(PostError::EnterpriseNotFound);
    }
    Ok(())
}

/// The post a command or event is about must exist.
pub fn existing_post(state: &State, post: PostId) -> Result<&Post, PostError> {
    state.posts.get(&post).ok_or(PostError::NotFound)
}

/// Only an open post is edited, filled or withdrawn.
pub fn post_is_open(p: &Post) -> Result<(), PostError> {
    if p.status == PostStatus::Open {
        Ok(())
    } else {
        Err(PostError::NotOpen { status: p.status })
    }
}

/// Only the post's enterprise (or an organizer) manages its posts.
pub fn may_manage_post(actor: &Actor, enterprise: EnterpriseId) -> Result<(), PostError> {
    if may_act_for(actor, enterprise) {
        Ok(())
    } else {
        Err(PostError::NotYourPost)
    }
}

/// The details, trimmed, within their limits; a fair newly offered must be open.
pub(crate) fn clean(state: &State, d: &PostDetails, old: Option<&PostDetails>) -> Result<PostDetails, PostError> {
    let title = d.title.trim();
    if title.is_empty() {
        return Err(PostError::TitleRequired);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(PostError::TitleTooLong { max: TITLE_MAX_CHARS });
    }
    if d.headcount == 0 || d.headcount > MAX_HEADCOUNT {
        return Err(PostError::HeadcountOutOfRange { max: MAX_HEADCOUNT });
    }
    if d.salary_min == 0 || d.salary_max > MAX_SALARY {
        return Err(PostError::SalaryOutOfRange { max: MAX_SALARY });
    }
    if d.salary_min > d.salary_max {
        return Err(PostError::SalaryRangeInverted);
    }
    for f in &d.fairs {
        let fair = state.fairs.get(f).ok_or(PostError::FairNotFound)?;
        let already = old.is_some_and(|o| o.fairs.contains(f));
        if !already && !crate::fair::fair_is_open(&fair.status) {
            return Err(PostError::FairNotOpen { name: fair.details.name.clone() });
        }
    }
    Ok(PostDetails { title: title.into(), ..d.clone() })
}
