use super::*;

pub(crate) fn decide(state: &State, actor: &Actor, cmd: PostCommand) -> Result<Vec<PostEvent>, DomainError> {
    crate::authority::not_host(actor.role, cmd.name())?;
    use PostCommand as C;
    use PostEvent as E;
    let own = |post_id: PostId| -> Result<&Post, PostError> {
        let p = existing_post(state, post_id)?;
        may_manage_post(actor, p.enterprise_id)?;
        Ok(p)
    };
    Ok(match cmd {
        C::OpenPost { post_id, enterprise_id, details } => {
            may_open_post(state, post_id, enterprise_id)?;
            may_manage_post(actor, enterprise_id)?;
            vec![E::PostOpened { post_id, enterprise_id, details: clean(state, &details, None)? }]
        }
        C::EditPost { post_id, details } => {
            let p = own(post_id)?;
            post_is_open(p)?;
            let details = clean(state, &details, Some(&p.details))?;
            if details == *p.details {
                return Ok(vec![]);
            }
            vec![E::PostEdited { post_id, details }]
        }
        C::FillPost { post_id } => {
            post_is_open(own(post_id)?)?;
            vec![E::PostFilled { post_id }]
        }
        C::WithdrawPost { post_id } => {
            post_is_open(own(post_id)?)?;
            vec![E::PostWithdrawn { post_id }]
        }
    })
}
