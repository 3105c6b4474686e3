use super::*;

pub(crate) fn evolve(state: &mut State, _env: &EventEnvelope, event: &SeriesEvent) {
    match event {
        SeriesEvent::SeriesCreated { series_id, name, kind } => {
            state.series.insert(*series_id, Series { id: *series_id, name: name.clone(), kind: kind.clone() });
        }
        SeriesEvent::SeriesRenamed { series_id, name } => {
            if let Some(s) = state.series.get_mut(series_id) {
                s.name = name.clone();
            }
        }
    }
}
