use super::*;

// ---------------------------------------------------------------------------------------------
// State changes (total: an event is a fact)

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &FairEvent) {
    let seq = env.seq;
    match event {
        FairEvent::FairCreated { fair_id, details } => {
            state.fairs.insert(
                *fair_id,
                Fair {
                    id: *fair_id,
                    details: Box::new(details.clone()),
                    status: FairStatus::Draft,
                    outcome: None,
                    version: seq,
                    created_at: env.recorded_at,
                },
            );
        }
        FairEvent::FairEdited { fair_id, details } => {
            let Some(f) = state.fairs.get_mut(fair_id) else { return };
            let mut changes = Vec::new();
            if f.status == FairStatus::Published {
                if f.details.schedule != details.schedule {
                    changes.push(FairChangeKind::Rescheduled { from: f.details.schedule, to: details.schedule });
                }
                if f.details.venue != details.venue {
                    changes.push(FairChangeKind::Moved { from: f.details.venue.clone(), to: details.venue.clone() });
                }
            }
            *f.details = details.clone();
            f.version = seq;
            for kind in changes {
                record_change(state, *fair_id, env, kind);
            }
        }
        FairEvent::FairPublished { fair_id } => set_status(state, *fair_id, seq, FairStatus::Published),
        FairEvent::FairUnpublished { fair_id } => set_status(state, *fair_id, seq, FairStatus::Draft),
        FairEvent::FairClosed { fair_id } => set_status(state, *fair_id, seq, FairStatus::Closed),
        FairEvent::FairOutcomeRecorded { fair_id, outcome } => {
            if let Some(f) = state.fairs.get_mut(fair_id) {
                f.outcome = Some(*outcome);
                f.version = seq;
            }
        }
        FairEvent::FairPostponed { fair_id, schedule, reason } => {
            let Some(f) = state.fairs.get_mut(fair_id) else { return };
            let from = f.details.schedule.replace(*schedule);
            f.version = seq;
            record_change(
                state,
                *fair_id,
                env,
                FairChangeKind::Postponed { from, to: *schedule, reason: reason.clone() },
            );
        }
        FairEvent::FairCancelled { fair_id, reason } => {
            let was_published = state.fairs.get(fair_id).is_some_and(|f| f.status == FairStatus::Published);
            set_status(state, *fair_id, seq, FairStatus::Cancelled { reason: reason.clone() });
            if was_published {
                record_change(state, *fair_id, env, FairChangeKind::Cancelled { reason: reason.clone() });
            }
        }
    }
}

pub(crate) fn record_change(state: &mut State, fair_id: FairId, env: &EventEnvelope, kind: FairChangeKind) {
    state.fair_changes.entry(fair_id).or_default().push_back(FairChange { seq: env.seq, at: env.recorded_at, kind });
}

pub(crate) fn set_status(state: &mut State, id: FairId, seq: u64, status: FairStatus) {
    if let Some(f) = state.fairs.get_mut(&id) {
        f.status = status;
        f.version = seq;
    }
}
