//! The published JSON Schema (docs/schema/fairlog-events.schema.json) describes what we export.
use fairlog_domain::booking::{BookingCommand, BoothTarget};
use fairlog_domain::codec;
use fairlog_domain::demo::demo_commands;
use fairlog_domain::enterprise::{EnterpriseCommand, EnterpriseProfile};
use fairlog_domain::fair::FairCommand;
use fairlog_domain::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use fairlog_domain::ids::*;
use fairlog_domain::testing::{counter_ids, organizer_cmd, sample_profile, t, xuhui_fair};
use fairlog_domain::{synth, Engine};
use serde_json::Value;

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema/fairlog-events.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema is JSON")
}

fn validator(def: &str) -> jsonschema::Validator {
    let mut s = schema();
    // Validate against one definition, keeping $defs for the references.
    s["$ref"] = Value::String(format!("#/$defs/{def}"));
    s.as_object_mut().unwrap().remove("oneOf");
    jsonschema::validator_for(&s).expect("a valid JSON Schema")
}

/// A log with every kind of event we can produce in a few commands.
fn rich_log() -> String {
    let mut engine = Engine::new();
    let mut ids = counter_ids(9000);
    for c in demo_commands(t("2026-11-24T10:00"), &mut ids) {
        engine.execute(c, &mut ids).unwrap();
    }
    let fair = FairId::from_u128(1);
    let zone = ZoneId::from_u128(2);
    let ent = EnterpriseId::from_u128(3);
    let mut run = |i: fairlog_domain::Intent| engine.execute(organizer_cmd(i), &mut ids).unwrap().len();
    run(FairCommand::CreateFair { fair_id: fair, details: xuhui_fair("<script>alert('x')</script> 专场") }.into());
    run(FairCommand::PublishFair { fair_id: fair }.into());
    run(FloorPlanCommand::SizeHall { fair_id: fair, width: 20, depth: 10 }.into());
    run(FloorPlanCommand::AddZone { fair_id: fair, zone_id: zone, name: "A馆".into() }.into());
    run(FloorPlanCommand::AddBooth {
        fair_id: fair,
        booth: NewBooth {
            booth_id: BoothId::from_u128(4),
            zone_id: zone,
            code: "A-01".into(),
            rect: Rect { x: 0, y: 0, w: 3, h: 3 },
            amenities: Amenities { power: true, table: true, screen: false },
        },
    }
    .into());
    run(EnterpriseCommand::RegisterEnterprise {
        enterprise_id: ent,
        profile: EnterpriseProfile { ..sample_profile() },
    }
    .into());
    run(BookingCommand::RequestBooth {
        booking_id: BookingId::from_u128(5),
        fair_id: fair,
        enterprise_id: ent,
        target: BoothTarget::AnyInZone { zone_id: zone },
    }
    .into());
    run(BookingCommand::ApproveBooking { booking_id: BookingId::from_u128(5) }.into());
    codec::export(engine.log())
}

fn check(text: &str) {
    let header = validator("Header");
    let envelope = validator("Envelope");
    let mut lines = text.lines();
    let h: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert!(header.is_valid(&h), "header: {:?}", header.iter_errors(&h).map(|e| e.to_string()).collect::<Vec<_>>());
    for line in lines {
        let v: Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = envelope.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{line}\n{errors:?}");
    }
}

#[test]
fn exported_logs_match_the_published_schema() {
    check(&rich_log());
    check(&codec::export(synth::fair_log(2_000, 11).log()));
}

#[test]
fn the_schema_rejects_what_import_rejects() {
    let envelope = validator("Envelope");
    let header = validator("Header");
    let text = rich_log();
    let line: Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();

    let mut unknown = line.clone();
    unknown["event"] = serde_json::json!({ "fair": { "type": "FairTeleported" } });
    assert!(!envelope.is_valid(&unknown));

    let mut bad_prev = line.clone();
    bad_prev["prev"] = Value::String("not a hash".into());
    assert!(!envelope.is_valid(&bad_prev));

    let mut extra = line.clone();
    extra["html"] = Value::String("<b>x</b>".into());
    assert!(!envelope.is_valid(&extra));

    let mut role = line;
    role["actor"]["role"] = Value::String("admin".into());
    assert!(!envelope.is_valid(&role));

    assert!(!header.is_valid(&serde_json::json!({ "format": "other", "schema": 1, "count": 0, "last_hash": "" })));
}
