use super::*;

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &PostEvent) {
    use PostEvent as E;
    match event {
        E::PostOpened { post_id, enterprise_id, details } => {
            state.enterprise_posts.entry(*enterprise_id).or_default().insert(*post_id);
            for f in &details.fairs {
                state.fair_posts.entry(*f).or_default().insert(*post_id);
            }
            state.posts.insert(
                *post_id,
                Post {
                    id: *post_id,
                    enterprise_id: *enterprise_id,
                    details: Box::new(details.clone()),
                    status: PostStatus::Open,
                    opened_at: env.recorded_at,
                    version: env.seq,
                },
            );
        }
        E::PostEdited { post_id, details } => {
            let Some(p) = state.posts.get_mut(post_id) else { return };
            let old = std::mem::replace(&mut *p.details, details.clone());
            p.version = env.seq;
            for f in old.fairs.difference(&details.fairs) {
                if let Some(set) = state.fair_posts.get_mut(f) {
                    set.remove(post_id);
                }
            }
            for f in details.fairs.difference(&old.fairs) {
                state.fair_posts.entry(*f).or_default().insert(*post_id);
            }
        }
        E::PostFilled { post_id } => set_status(state, *post_id, env.seq, PostStatus::Filled),
        E::PostWithdrawn { post_id } => set_status(state, *post_id, env.seq, PostStatus::Withdrawn),
    }
}

pub(crate) fn set_status(state: &mut State, id: PostId, seq: u64, status: PostStatus) {
    if let Some(p) = state.posts.get_mut(&id) {
        p.status = status;
        p.version = seq;
    }
}
