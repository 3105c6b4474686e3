use super::*;

/// Normalise a domain name for the allowlist: lower case, IDNA (a Unicode name becomes its
/// `xn--` form, as a browser sends it), no scheme, no path, no trailing dot. The name is read by
/// the `url` crate's host parser; what it accepts is further held to letters, digits and hyphens
/// per label, at least two labels.
pub fn clean_domain(input: &str) -> Result<String, HostError> {
    let invalid = || HostError::DomainInvalid { domain: input.trim().chars().take(60).collect() };
    let trimmed = input.trim().trim_end_matches('.');
    let d = match url::Host::parse(trimmed) {
        Ok(url::Host::Domain(d)) => d,
        Ok(url::Host::Ipv4(a)) => a.to_string(),
        Ok(url::Host::Ipv6(_)) | Err(_) => return Err(invalid()),
    };
    let d = d.trim_end_matches('.');
    if d.is_empty() || d.len() > DOMAIN_MAX_CHARS || !d.contains('.') {
        return Err(invalid());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !d.split('.').all(label_ok) {
        return Err(invalid());
    }
    Ok(d.to_owned())
}

/// The host name of an `https://` URL as a browser reads it (the `url` crate: WHATWG parsing,
/// lower case, IDNA), or why the URL is not acceptable. Only the shape is checked here; the
/// allowlist is checked by [`check_stream_url`].
pub fn url_host(url: &str) -> Result<String, UrlProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.chars().count() > URL_MAX_CHARS {
        return Err(UrlProblem::TooLong { max: URL_MAX_CHARS });
    }
    // The WHATWG parser drops tabs and newlines and reads `\` as `/`: refuse them instead, so
    // what is stored is what was checked.
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(UrlProblem::Malformed);
    }
    // Written out as `https://` (the parser would also take `https:host`).
    if !url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")) {
        return Err(UrlProblem::NotHttps);
    }
    let parsed = url::Url::parse(url).map_err(|_| UrlProblem::Malformed)?;
    if parsed.scheme() != "https" {
        return Err(UrlProblem::NotHttps);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(UrlProblem::HasCredentials);
    }
    match parsed.host() {
        Some(url::Host::Domain(host)) => clean_domain(host).map_err(|_| UrlProblem::Malformed),
        Some(url::Host::Ipv4(a)) => clean_domain(&a.to_string()).map_err(|_| UrlProblem::Malformed),
        Some(url::Host::Ipv6(_)) | None => Err(UrlProblem::Malformed),
    }
}

/// An https URL whose host is on the allowlist (exactly, or a subdomain of a listed domain).
pub fn check_stream_url(state: &State, url: &str) -> Result<String, UrlProblem> {
    let host = url_host(url)?;
    if !domain_allowed(state, &host) {
        return Err(UrlProblem::HostNotAllowed { host });
    }
    Ok(url.trim().to_owned())
}

/// Is this host name, or a parent domain of it, on the allowlist?
pub fn domain_allowed(state: &State, host: &str) -> bool {
    let mut h = host;
    loop {
        if state.stream_domains.contains_key(h) {
            return true;
        }
        match h.split_once('.') {
            Some((_, parent)) if parent.contains('.') => h = parent,
            _ => return false,
        }
    }
}

/// The organizer lets channels stream from a domain.
pub(crate) fn allow_stream_domain(state: &State, domain: String) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    let domain = clean_domain(&domain)?;
    if state.stream_domains.contains_key(&domain) {
        return Ok(vec![]);
    }
    Ok(vec![E::StreamDomainAllowed { domain }])
}

/// The organizer takes a domain off the list, unless a channel streams from it.
pub(crate) fn remove_stream_domain(state: &State, domain: String) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    let domain = clean_domain(&domain)?;
    if !state.stream_domains.contains_key(&domain) {
        return Err(HostError::DomainNotListed { domain }.into());
    }
    let mut without = state.stream_domains.clone();
    without.remove(&domain);
    let probe = State { stream_domains: without, ..State::default() };
    if let Some(c) =
        state.channels.values().find(|c| url_host(&c.details.stream_url).is_ok_and(|h| !domain_allowed(&probe, &h)))
    {
        return Err(HostError::DomainInUse { domain, channel: c.details.name.clone() }.into());
    }
    Ok(vec![E::StreamDomainRemoved { domain }])
}
