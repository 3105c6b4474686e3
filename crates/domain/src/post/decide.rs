use super::*;

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

pub(crate) fn decide(state: &State, actor: &Actor, cmd: PostCommand) -> Result<Vec<PostEvent>, DomainError> {
    crate::authority::not_host(actor.role, cmd.name())?;
    use PostCommand as C;
    use PostEvent as E;
    let own = |post_id: PostId| -> Result<&Post, PostError> {
        let p = state.posts.get(&post_id).ok_or(PostError::NotFound)?;
        if !may_act_for(actor, p.enterprise_id) {
            return Err(PostError::NotYourPost);
        }
        Ok(p)
    };
    let open =
        |p: &Post| if p.status == PostStatus::Open { Ok(()) } else { Err(PostError::NotOpen { status: p.status }) };
    Ok(match cmd {
        C::OpenPost { post_id, enterprise_id, details } => {
            if state.posts.contains_key(&post_id) {
                return Err(PostError::AlreadyExists.into());
            }
            if !state.enterprises.contains_key(&enterprise_id) {
                return Err(PostError::EnterpriseNotFound.into());
            }
            if !may_act_for(actor, enterprise_id) {
                return Err(PostError::NotYourPost.into());
            }
            vec![E::PostOpened { post_id, enterprise_id, details: clean(state, &details, None)? }]
        }
        C::EditPost { post_id, details } => {
            let p = own(post_id)?;
            open(p)?;
            let details = clean(state, &details, Some(&p.details))?;
            if details == p.details {
                return Ok(vec![]);
            }
            vec![E::PostEdited { post_id, details }]
        }
        C::FillPost { post_id } => {
            open(own(post_id)?)?;
            vec![E::PostFilled { post_id }]
        }
        C::WithdrawPost { post_id } => {
            open(own(post_id)?)?;
            vec![E::PostWithdrawn { post_id }]
        }
    })
}
