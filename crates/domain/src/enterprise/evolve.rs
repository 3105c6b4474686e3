use super::*;

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &EnterpriseEvent) {
    use EnterpriseEvent as E;
    match event {
        E::EnterpriseRegistered { enterprise_id, profile } => {
            state.credit_codes.insert(profile.credit_code.clone(), *enterprise_id);
            state.enterprises.insert(
                *enterprise_id,
                Enterprise {
                    id: *enterprise_id,
                    profile: Box::new(profile.clone()),
                    key: None,
                    commissioner: None,
                    registered_at: env.recorded_at,
                    version: env.seq,
                },
            );
        }
        E::EnterpriseEdited { enterprise_id, profile } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                let old = std::mem::replace(&mut *e.profile, profile.clone());
                e.version = env.seq;
                if old.credit_code != profile.credit_code {
                    state.credit_codes.remove(&old.credit_code);
                    state.credit_codes.insert(profile.credit_code.clone(), *enterprise_id);
                }
            }
        }
        E::KeyEnterpriseMarked { enterprise_id, category } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.key = Some(*category);
                e.version = env.seq;
            }
        }
        E::KeyEnterpriseUnmarked { enterprise_id } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.key = None;
                e.version = env.seq;
            }
        }
        E::CommissionerAssigned { enterprise_id, commissioner } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.commissioner = Some(commissioner.clone());
                e.version = env.seq;
            }
        }
        E::CommissionerUnassigned { enterprise_id } => {
            if let Some(e) = state.enterprises.get_mut(enterprise_id) {
                e.commissioner = None;
                e.version = env.seq;
            }
        }
    }
}
