#!/usr/bin/env python3
"""Independent computation of Fairlog's public figures from an exported log (JSON Lines).

It shares no code with the Rust domain: it replays the events itself, following the definitions
written in crates/domain/src/figures.rs, so that the dashboard can be checked against it.

    python3 tests/tools/figures.py LOG.jsonl [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--district key]
prints the figures as JSON.
"""
import argparse
import datetime as dt
import json
import sys

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def parse_time(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--from", dest="date_from")
    ap.add_argument("--to", dest="date_to")
    ap.add_argument("--district")
    a = ap.parse_args(argv)

    fairs, posts, bookings, waitlist, plans, booth_fair, sessions = {}, {}, {}, {}, {}, {}, {}
    with open(a.log, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    header = json.loads(lines[0])
    assert header["format"] == "fairlog.events", "not a Fairlog log"
    for line in lines[1:]:
        env = json.loads(line)
        (concept, inner), = env["event"].items()
        (kind, e), = inner.items()
        if concept == "fair":
            fid = e["fair_id"]
            if kind == "FairCreated":
                fairs[fid] = {"details": e["details"], "status": "draft", "outcome": None}
            elif kind == "FairEdited":
                fairs[fid]["details"] = e["details"]
            elif kind == "FairPublished":
                fairs[fid]["status"] = "published"
            elif kind == "FairUnpublished":
                fairs[fid]["status"] = "draft"
            elif kind == "FairClosed":
                fairs[fid]["status"] = "closed"
            elif kind == "FairCancelled":
                fairs[fid]["status"] = "cancelled"
            elif kind == "FairOutcomeRecorded":
                fairs[fid]["outcome"] = e["outcome"]
        elif concept == "floor_plan":
            if kind == "BoothAdded":
                plans.setdefault(e["fair_id"], {"booths": {}, "virtual": 0})["booths"][e["booth"]["booth_id"]] = False
                booth_fair[e["booth"]["booth_id"]] = e["fair_id"]
            elif kind == "BoothRemoved":
                plans[booth_fair.pop(e["booth_id"])]["booths"].pop(e["booth_id"])
            elif kind in ("BoothBlocked", "BoothUnblocked"):
                plans[booth_fair[e["booth_id"]]]["booths"][e["booth_id"]] = kind == "BoothBlocked"
            elif kind == "VirtualBoothsSet":
                plans.setdefault(e["fair_id"], {"booths": {}, "virtual": 0})["virtual"] = e["count"]
        elif concept == "post":
            pid = e["post_id"]
            if kind == "PostOpened":
                posts[pid] = {"enterprise": e["enterprise_id"], "details": e["details"], "status": "open"}
            elif kind == "PostEdited":
                posts[pid]["details"] = e["details"]
            elif kind == "PostFilled":
                posts[pid]["status"] = "filled"
            elif kind == "PostWithdrawn":
                posts[pid]["status"] = "withdrawn"
        elif concept == "livestream":
            sid = e["session_id"]
            if kind in ("SessionPlanned", "SessionEdited"):
                sessions.setdefault(sid, {"status": "draft", "outcome": None})["plan"] = e["plan"]
            elif kind == "SessionMoved":
                sessions[sid]["plan"]["start"] = e["start"]
            elif kind == "SessionEnded":
                sessions[sid]["status"] = "ended"
                sessions[sid]["outcome"] = e["outcome"]
            elif kind == "SessionCancelled":
                sessions[sid]["status"] = "cancelled"
        elif concept == "booking":
            if kind == "BoothRequested":
                bookings[e["booking_id"]] = {"fair": e["fair_id"], "enterprise": e["enterprise_id"], "status": "requested"}
            elif kind == "WaitlistJoined":
                waitlist[e["waitlist_id"]] = (e["fair_id"], e["enterprise_id"])
            elif kind == "WaitlistOffered":
                fair, ent = waitlist[e["waitlist_id"]]
                bookings[e["booking_id"]] = {"fair": fair, "enterprise": ent, "status": "offered"}
            elif kind in ("BookingApproved", "OfferAccepted"):
                bookings[e["booking_id"]]["status"] = "booked"
            elif kind == "BookingApprovalRevoked":
                bookings[e["booking_id"]]["status"] = "requested"
            elif kind in ("BookingRejected", "BookingCancelled", "HoldExpired", "OfferDeclined"):
                bookings[e["booking_id"]]["status"] = "ended"

    date_from = dt.date.fromisoformat(a.date_from) if a.date_from else None
    date_to = dt.date.fromisoformat(a.date_to) if a.date_to else None

    def venue_district(d):
        v = d.get("venue")
        if not v:
            return None
        (vk, vv), = v.items()
        return vv.get("district")

    held = set()
    out = {"fairs_held": 0, "enterprises": 0, "jobs_offered": 0, "posts": 0, "booths": 0, "booths_booked": 0,
           "visitors": 0, "applications": 0, "hires": 0, "returned_to_work": 0, "by_mode": {}}
    for fid, f in fairs.items():
        d = f["details"]
        if f["status"] not in ("published", "closed") or not d.get("schedule"):
            continue
        day = parse_time(d["schedule"]["start"]).astimezone(SHANGHAI).date()
        if (date_from and day < date_from) or (date_to and day > date_to):
            continue
        if a.district and (venue_district(d) or "").lower() != a.district.lower():
            continue
        held.add(fid)
        out["fairs_held"] += 1
        out["by_mode"][d["mode"]] = out["by_mode"].get(d["mode"], 0) + 1
        for k in ("visitors", "applications", "hires", "returned_to_work"):
            out[k] += (f["outcome"] or {}).get(k, 0)
        plan = plans.get(fid, {"booths": {}, "virtual": 0})
        out["booths"] += sum(1 for blocked in plan["booths"].values() if not blocked) + plan["virtual"]
    ents = set()
    for b in bookings.values():
        if b["fair"] in held and b["status"] == "booked":
            out["booths_booked"] += 1
            ents.add(b["enterprise"])
    out["enterprises"] = len(ents)
    out["sessions"] = out["session_viewers"] = out["session_applications"] = 0
    for sess in sessions.values():
        if sess["status"] != "ended":
            continue
        day = parse_time(sess["plan"]["start"]).astimezone(SHANGHAI).date()
        if (date_from and day < date_from) or (date_to and day > date_to):
            continue
        if a.district and sess["plan"].get("fair") not in held:
            continue
        out["sessions"] += 1
        out["session_viewers"] += sess["outcome"]["peak_viewers"]
        out["session_applications"] += sum(sess["outcome"]["applications"].values())
    for p in posts.values():
        if p["status"] == "open" and held.intersection(p["details"].get("fairs", [])):
            out["posts"] += 1
            out["jobs_offered"] += p["details"]["headcount"]
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
