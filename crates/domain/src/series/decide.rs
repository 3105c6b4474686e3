use super::*;

pub(crate) fn clean_name(name: &str) -> Result<String, SeriesError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SeriesError::NameRequired);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(SeriesError::NameTooLong { max: NAME_MAX_CHARS });
    }
    Ok(name.to_owned())
}

pub(crate) fn decide(state: &State, role: Role, cmd: SeriesCommand) -> Result<Vec<SeriesEvent>, DomainError> {
    crate::authority::organizer_only(role, cmd.name())?;
    Ok(match cmd {
        SeriesCommand::CreateSeries { series_id, name, kind } => {
            series_is_new(state, series_id)?;
            let name = clean_name(&name)?;
            let kind = match kind {
                SeriesKind::RecruitmentTour { partner_region } => {
                    let r = partner_region.trim();
                    if r.is_empty() {
                        return Err(SeriesError::RegionRequired.into());
                    }
                    SeriesKind::RecruitmentTour { partner_region: r.into() }
                }
                k => k,
            };
            vec![SeriesEvent::SeriesCreated { series_id, name, kind }]
        }
        SeriesCommand::RenameSeries { series_id, name } => {
            let s = existing_series(state, series_id)?;
            let name = clean_name(&name)?;
            if name == s.name {
                return Ok(vec![]);
            }
            vec![SeriesEvent::SeriesRenamed { series_id, name }]
        }
    })
}
