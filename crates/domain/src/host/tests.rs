use super::*;
use crate::testing::{given, given_nothing, t};
use crate::{Command, Event, Intent};

fn host() -> HostId {
    HostId::from_u128(1)
}
fn channel() -> ChannelId {
    ChannelId::from_u128(2)
}
fn profile() -> HostProfile {
    HostProfile {
        name: "李明".into(), title: "局长".into(), organisation: "徐汇区人力资源和社会保障局".into()
    }
}
fn registered() -> Event {
    HostEvent::HostRegistered { host_id: host(), profile: profile() }.into()
}
fn allowed() -> Event {
    HostEvent::StreamDomainAllowed { domain: "live.12333.sh.cn".into() }.into()
}
fn details(url: &str) -> ChannelDetails {
    ChannelDetails {
        name: "上海公共招聘新平台直播间".into(),
        platform: Platform::PublicPlatform,
        stream_url: url.into(),
    }
}
fn as_host(h: HostId, intent: impl Into<Intent>) -> Command {
    Command {
        actor: Actor { role: Role::Host, name: "李明".into(), subject: Some(h.0), account: None },
        now: t("2026-03-01T09:00"),
        intent: intent.into(),
    }
}

#[test]
fn it_should_register_a_host_with_a_trimmed_profile() {
    let p = HostProfile { name: " 李明 ".into(), ..profile() };
    given_nothing()
        .when(HostCommand::RegisterHost { host_id: host(), profile: p })
        .then([HostEvent::HostRegistered { host_id: host(), profile: profile() }]);
}

#[test]
fn it_should_not_register_a_host_without_a_title() {
    let p = HostProfile { title: " ".into(), ..profile() };
    given_nothing().when(HostCommand::RegisterHost { host_id: host(), profile: p }).then_err(HostError::TitleRequired);
}

#[test]
fn a_host_may_register_itself_but_not_someone_else() {
    given_nothing()
        .when_full(as_host(host(), HostCommand::RegisterHost { host_id: host(), profile: profile() }))
        .then([HostEvent::HostRegistered { host_id: host(), profile: profile() }]);
    given_nothing()
        .when_full(as_host(HostId::from_u128(9), HostCommand::RegisterHost { host_id: host(), profile: profile() }))
        .then_err(HostError::NotYourProfile);
}

#[test]
fn it_should_set_availability_sorted() {
    let a = Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") };
    let b = Window { start: t("2026-03-09T14:00"), end: t("2026-03-09T17:00") };
    given([registered()])
        .when_full(as_host(host(), HostCommand::SetAvailability { host_id: host(), windows: vec![a, b] }))
        .then([HostEvent::AvailabilitySet { host_id: host(), windows: vec![b, a] }]);
}

#[test]
fn it_should_refuse_overlapping_windows() {
    let a = Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") };
    let b = Window { start: t("2026-03-10T11:00"), end: t("2026-03-10T17:00") };
    given([registered()])
        .when(HostCommand::SetAvailability { host_id: host(), windows: vec![a, b] })
        .then_err(HostError::WindowsOverlap);
}

#[test]
fn it_should_refuse_a_window_that_ends_before_it_starts() {
    let a = Window { start: t("2026-03-10T12:00"), end: t("2026-03-10T09:00") };
    given([registered()])
        .when(HostCommand::SetAvailability { host_id: host(), windows: vec![a] })
        .then_err(HostError::WindowEndNotAfterStart);
}

#[test]
fn it_should_add_a_channel_on_an_allowed_https_site() {
    let url = "https://live.12333.sh.cn/room/1";
    given([allowed()])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details(url) })
        .then([HostEvent::ChannelAdded { channel_id: channel(), details: details(url) }]);
}

#[test]
fn a_subdomain_of_an_allowed_domain_is_allowed() {
    let url = "https://m.live.12333.sh.cn:8443/room/1?x=1";
    given([allowed()])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details(url) })
        .then([HostEvent::ChannelAdded { channel_id: channel(), details: details(url) }]);
}

#[test]
fn it_should_refuse_a_plain_http_url() {
    given([allowed()])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details("http://live.12333.sh.cn/room") })
        .then_err(HostError::StreamUrl { problem: UrlProblem::NotHttps });
}

#[test]
fn it_should_refuse_a_site_not_on_the_list() {
    given([allowed()])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details("https://evil.example.com/x") })
        .then_err(HostError::StreamUrl { problem: UrlProblem::HostNotAllowed { host: "evil.example.com".into() } });
}

#[test]
fn it_should_refuse_tricks_with_credentials_and_lookalike_domains() {
    given([allowed()])
        .when(HostCommand::AddChannel {
            channel_id: channel(),
            details: details("https://live.12333.sh.cn@evil.example.com/"),
        })
        .then_err(HostError::StreamUrl { problem: UrlProblem::HasCredentials });
    given([allowed()])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details("https://live.12333.sh.cn.evil.com/") })
        .then_err(HostError::StreamUrl {
            problem: UrlProblem::HostNotAllowed { host: "live.12333.sh.cn.evil.com".into() },
        });
    given([allowed()])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details("javascript:alert(1)") })
        .then_err(HostError::StreamUrl { problem: UrlProblem::NotHttps });
}

/// Adding a channel with this stream URL, with `live.12333.sh.cn` on the allowlist.
fn adding_a_channel_streaming_from(url: &str) -> crate::testing::Then {
    given([allowed()]).when(HostCommand::AddChannel { channel_id: channel(), details: details(url) })
}
fn refused_because(problem: UrlProblem) -> HostError {
    HostError::StreamUrl { problem }
}
fn added(url: &str) -> [HostEvent; 1] {
    [HostEvent::ChannelAdded { channel_id: channel(), details: details(url) }]
}

#[test]
fn credentials_before_an_allowed_name_do_not_make_the_host_allowed() {
    // The host is evil.com: "live.12333.sh.cn" is only the user name.
    adding_a_channel_streaming_from("https://live.12333.sh.cn@evil.com/")
        .then_err(refused_because(UrlProblem::HasCredentials));
    adding_a_channel_streaming_from("https://user:pw@live.12333.sh.cn/")
        .then_err(refused_because(UrlProblem::HasCredentials));
}

#[test]
fn an_upper_case_host_is_the_same_host() {
    adding_a_channel_streaming_from("https://LIVE.12333.SH.CN/room/1").then(added("https://LIVE.12333.SH.CN/room/1"));
    adding_a_channel_streaming_from("HTTPS://EVIL.EXAMPLE.COM/")
        .then_err(refused_because(UrlProblem::HostNotAllowed { host: "evil.example.com".into() }));
}

#[test]
fn an_international_host_is_judged_by_its_punycode_name() {
    // A look-alike with a Cyrillic "е" is another domain: xn--…, not on the list.
    adding_a_channel_streaming_from("https://livе.12333.sh.cn/")
        .then_err(refused_because(UrlProblem::HostNotAllowed { host: "xn--liv-tdd.12333.sh.cn".into() }));
    // A Unicode name put on the list is kept in the form a browser sends, so it matches.
    given_nothing()
        .when(HostCommand::AllowStreamDomain { domain: "直播.上海.cn".into() })
        .then([HostEvent::StreamDomainAllowed { domain: "xn--z6ut02b.xn--fhqz97e.cn".into() }]);
    let listed: Event = HostEvent::StreamDomainAllowed { domain: "xn--z6ut02b.xn--fhqz97e.cn".into() }.into();
    given([listed])
        .when(HostCommand::AddChannel { channel_id: channel(), details: details("https://直播.上海.cn/room") })
        .then(added("https://直播.上海.cn/room"));
}

#[test]
fn a_port_is_not_part_of_the_host() {
    adding_a_channel_streaming_from("https://live.12333.sh.cn:8443/r").then(added("https://live.12333.sh.cn:8443/r"));
    adding_a_channel_streaming_from("https://live.12333.sh.cn:99999/r")
        .then_err(refused_because(UrlProblem::Malformed));
    adding_a_channel_streaming_from("https://evil.com:443/")
        .then_err(refused_because(UrlProblem::HostNotAllowed { host: "evil.com".into() }));
}

#[test]
fn only_https_urls_written_out_in_full_are_taken() {
    adding_a_channel_streaming_from("javascript:alert(1)").then_err(refused_because(UrlProblem::NotHttps));
    adding_a_channel_streaming_from("JavaScript://live.12333.sh.cn/%0aalert(1)")
        .then_err(refused_because(UrlProblem::NotHttps));
    // Without a scheme, and with the scheme but without "//".
    adding_a_channel_streaming_from("live.12333.sh.cn/room").then_err(refused_because(UrlProblem::NotHttps));
    adding_a_channel_streaming_from("//live.12333.sh.cn/room").then_err(refused_because(UrlProblem::NotHttps));
    adding_a_channel_streaming_from("https:live.12333.sh.cn/room").then_err(refused_because(UrlProblem::NotHttps));
    // A backslash would be read as a slash by the browser.
    adding_a_channel_streaming_from("https://evil.com\\@live.12333.sh.cn/")
        .then_err(refused_because(UrlProblem::Malformed));
}

#[test]
fn a_trailing_dot_names_the_same_host() {
    adding_a_channel_streaming_from("https://live.12333.sh.cn./r").then(added("https://live.12333.sh.cn./r"));
    adding_a_channel_streaming_from("https://evil.com./")
        .then_err(refused_because(UrlProblem::HostNotAllowed { host: "evil.com".into() }));
}

#[test]
fn the_host_is_found_where_a_browser_finds_it() {
    // Query and fragment are not the host.
    adding_a_channel_streaming_from("https://evil.com/?live.12333.sh.cn")
        .then_err(refused_because(UrlProblem::HostNotAllowed { host: "evil.com".into() }));
    adding_a_channel_streaming_from("https://evil.com#@live.12333.sh.cn/")
        .then_err(refused_because(UrlProblem::HostNotAllowed { host: "evil.com".into() }));
    // Percent-escapes in a host are decoded by browsers, and so here.
    adding_a_channel_streaming_from("https://live%2E12333.sh.cn/r").then(added("https://live%2E12333.sh.cn/r"));
    // An address in brackets is no domain on the list.
    adding_a_channel_streaming_from("https://[::1]/r").then_err(refused_because(UrlProblem::Malformed));
}

#[test]
fn only_organizers_edit_the_allowlist_and_channels() {
    given_nothing()
        .when_full(as_host(host(), HostCommand::AllowStreamDomain { domain: "a.example.cn".into() }))
        .then_err(DomainError::Forbidden { role: Role::Host, command: "AllowStreamDomain".into() });
}

#[test]
fn it_should_normalise_an_allowed_domain() {
    given_nothing()
        .when(HostCommand::AllowStreamDomain { domain: " Live.12333.SH.cn. ".into() })
        .then([HostEvent::StreamDomainAllowed { domain: "live.12333.sh.cn".into() }]);
    given_nothing()
        .when(HostCommand::AllowStreamDomain { domain: "https://x.cn/".into() })
        .then_err(HostError::DomainInvalid { domain: "https://x.cn/".into() });
}

#[test]
fn it_should_not_remove_a_domain_a_channel_streams_from() {
    let added: Event =
        HostEvent::ChannelAdded { channel_id: channel(), details: details("https://live.12333.sh.cn/r") }.into();
    given([allowed(), added]).when(HostCommand::RemoveStreamDomain { domain: "live.12333.sh.cn".into() }).then_err(
        HostError::DomainInUse {
            domain: "live.12333.sh.cn".into(), channel: "上海公共招聘新平台直播间".into()
        },
    );
}

#[test]
fn error_codes_are_stable() {
    let e: DomainError = HostError::StreamUrl { problem: UrlProblem::NotHttps }.into();
    assert_eq!(e.code(), "host.stream_url");
    assert_eq!(e.field(), Some("stream_url"));
}
