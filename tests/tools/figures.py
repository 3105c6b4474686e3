#!/usr/bin/env python3
"""Independent computation of Fairlog's public figures from an exported log (JSON Lines).

It shares no code with the Rust domain: it replays the events itself, following the definitions
written in crates/domain/src/figures.rs, so that the dashboard can be checked against it.

    python3 tests/tools/figures.py LOG.jsonl [--from YYYY-MM-DD] [--to YYYY-MM-DD]
        [--series UUID] [--district Key] [--industry snake_case] [--mode onsite|online|hybrid]

prints the figures as JSON, in the shape `fairlog figures` prints them (maps keyed by the serde
names of districts, industries and modes, weeks as YYYY-MM-DD, pairs as two-element lists).
"""
import argparse
import datetime as dt
import json
import sys

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
MODES = ("onsite", "online", "hybrid")


def parse_time(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def shanghai_day(s):
    return parse_time(s).astimezone(SHANGHAI).date()


def replay(path):
    """The parts of the state the figures need, event by event."""
    st = {k: {} for k in ("fairs", "series", "enterprises", "posts", "bookings", "waitlist", "plans",
                          "booth_fair", "sessions")}
    fairs, plans, booth_fair = st["fairs"], st["plans"], st["booth_fair"]
    posts, bookings, waitlist, sessions = st["posts"], st["bookings"], st["waitlist"], st["sessions"]

    def plan(fid):
        return plans.setdefault(fid, {"booths": {}, "virtual": 0})

    with open(path, encoding="utf-8") as f:
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
            elif fid not in fairs:
                continue
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
            elif kind == "FairPostponed":
                fairs[fid]["details"]["schedule"] = e["schedule"]
            elif kind == "FairOutcomeRecorded":
                fairs[fid]["outcome"] = e["outcome"]
        elif concept == "series":
            if kind == "SeriesCreated":
                st["series"][e["series_id"]] = e["name"]
        elif concept == "enterprise":
            # The industry a post's jobs count under is the enterprise's current profile's.
            if kind == "EnterpriseRegistered" or (kind == "EnterpriseEdited" and e["enterprise_id"] in st["enterprises"]):
                st["enterprises"][e["enterprise_id"]] = e["profile"]["industry"]
        elif concept == "floor_plan":
            if kind == "BoothAdded":
                plan(e["fair_id"])["booths"][e["booth"]["booth_id"]] = False
                booth_fair[e["booth"]["booth_id"]] = e["fair_id"]
            elif kind == "BoothRemoved":
                fid = booth_fair.pop(e["booth_id"], None)
                if fid in plans:
                    plans[fid]["booths"].pop(e["booth_id"], None)
            elif kind in ("BoothBlocked", "BoothUnblocked"):
                fid = booth_fair.get(e["booth_id"])
                if fid in plans and e["booth_id"] in plans[fid]["booths"]:
                    plans[fid]["booths"][e["booth_id"]] = kind == "BoothBlocked"
            elif kind == "VirtualBoothsSet":
                plan(e["fair_id"])["virtual"] = e["count"]
        elif concept == "post":
            pid = e["post_id"]
            if kind == "PostOpened":
                posts[pid] = {"enterprise": e["enterprise_id"], "details": e["details"], "status": "open"}
            elif pid not in posts:
                continue
            elif kind == "PostEdited":
                posts[pid]["details"] = e["details"]
            elif kind == "PostFilled":
                posts[pid]["status"] = "filled"
            elif kind == "PostWithdrawn":
                posts[pid]["status"] = "withdrawn"
        elif concept == "livestream":
            sid = e["session_id"]
            if kind == "SessionPlanned":
                sessions[sid] = {"status": "draft", "outcome": None, "plan": dict(e["plan"])}
            elif sid not in sessions:
                continue
            elif kind == "SessionEdited":
                sessions[sid]["plan"] = dict(e["plan"])
            elif kind == "SessionMoved":
                sessions[sid]["plan"]["start"] = e["start"]
            elif kind == "SessionEnded":
                sessions[sid]["status"] = "ended"
                sessions[sid]["outcome"] = e["outcome"]
            elif kind == "SessionCancelled":
                sessions[sid]["status"] = "cancelled"
            elif kind == "SessionScheduled":
                sessions[sid]["status"] = "scheduled"
            elif kind == "SessionStarted":
                sessions[sid]["status"] = "live"
        elif concept == "booking":
            if kind == "BoothRequested":
                bookings[e["booking_id"]] = {"fair": e["fair_id"], "enterprise": e["enterprise_id"], "status": "requested"}
            elif kind == "WaitlistJoined":
                waitlist[e["waitlist_id"]] = (e["fair_id"], e["enterprise_id"])
            elif kind == "WaitlistOffered":
                fair, ent = waitlist[e["waitlist_id"]]
                bookings[e["booking_id"]] = {"fair": fair, "enterprise": ent, "status": "offered"}
            elif e.get("booking_id") not in bookings:
                continue
            elif kind in ("BookingApproved", "OfferAccepted"):
                bookings[e["booking_id"]]["status"] = "booked"
            elif kind == "BookingApprovalRevoked":
                bookings[e["booking_id"]]["status"] = "requested"
            elif kind in ("BookingRejected", "BookingCancelled", "HoldExpired", "OfferDeclined"):
                bookings[e["booking_id"]]["status"] = "ended"
    return st


def venue_district(details):
    """The district of a hall or a service station; remote venues and online fairs have none."""
    v = details.get("venue")
    if not v:
        return None
    (_, vv), = v.items()
    return vv.get("district")


def monday(day):
    return day - dt.timedelta(days=day.weekday())


def bump(m, k, n=1):
    m[k] = m.get(k, 0) + n


def figures(st, date_from=None, date_to=None, series=None, district=None, industry=None, mode=None):
    narrows = any(x is not None for x in (series, district, industry, mode))

    def in_period(day):
        return not ((date_from and day < date_from) or (date_to and day > date_to))

    def is_held(f):
        d = f["details"]
        if f["status"] not in ("published", "closed") or not d.get("schedule"):
            return False
        if not in_period(shanghai_day(d["schedule"]["start"])):
            return False
        if series is not None and d.get("series") != series:
            return False
        if district is not None and (venue_district(d) or "").lower() != district.lower():
            return False
        if industry is not None and d["industry"] != industry:
            return False
        if mode is not None and d["mode"] != mode:
            return False
        return True

    out = {k: 0 for k in ("fairs_held", "enterprises", "jobs_offered", "posts", "booths", "booths_booked",
                          "visitors", "applications", "hires", "returned_to_work", "sessions",
                          "session_viewers", "session_applications")}
    for k in ("by_mode", "by_series", "by_district", "by_industry", "per_week", "jobs_by_industry",
              "fill_by_district"):
        out[k] = {}

    held = {}  # fair id -> (week, district)
    for fid, f in st["fairs"].items():
        if not is_held(f):
            continue
        d = f["details"]
        week = monday(shanghai_day(d["schedule"]["start"])).isoformat()
        dist = venue_district(d)
        held[fid] = (week, dist)
        out["fairs_held"] += 1
        bump(out["by_mode"], d["mode"])
        if d.get("series"):
            bump(out["by_series"], d["series"])
        if dist:
            bump(out["by_district"], dist)
        bump(out["by_industry"], d["industry"])
        for k in ("visitors", "applications", "hires", "returned_to_work"):
            out[k] += (f["outcome"] or {}).get(k, 0)
        out["per_week"].setdefault(week, [0, 0])[0] += 1
        plan = st["plans"].get(fid, {"booths": {}, "virtual": 0})
        booths = sum(1 for blocked in plan["booths"].values() if not blocked) + plan["virtual"]
        out["booths"] += booths
        if dist:
            out["fill_by_district"].setdefault(dist, [0, 0])[1] += booths

    ents = set()
    for b in st["bookings"].values():
        if b["status"] == "booked" and b["fair"] in held:
            out["booths_booked"] += 1
            ents.add(b["enterprise"])
            dist = held[b["fair"]][1]
            if dist:
                out["fill_by_district"].setdefault(dist, [0, 0])[0] += 1
    out["enterprises"] = len(ents)

    for sess in st["sessions"].values():
        if sess["status"] != "ended" or not sess["outcome"]:
            continue
        if not in_period(shanghai_day(sess["plan"]["start"])):
            continue
        if narrows and sess["plan"].get("fair") not in held:
            continue
        out["sessions"] += 1
        out["session_viewers"] += sess["outcome"]["peak_viewers"]
        out["session_applications"] += sum(sess["outcome"]["applications"].values())

    for p in st["posts"].values():
        weeks = [held[f][0] for f in p["details"].get("fairs", []) if f in held]
        if p["status"] != "open" or not weeks:
            continue
        n = p["details"]["headcount"]
        out["posts"] += 1
        out["jobs_offered"] += n
        # Counted once, in the week of the earliest held fair it is offered at (ISO dates sort).
        out["per_week"].setdefault(min(weeks), [0, 0])[1] += n
        ind = st["enterprises"].get(p["enterprise"])
        if ind is not None:
            bump(out["jobs_by_industry"], ind, n)

    out["fill_rate"] = out["booths_booked"] / out["booths"] if out["booths"] else 0.0
    return out


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--from", dest="date_from", type=dt.date.fromisoformat)
    ap.add_argument("--to", dest="date_to", type=dt.date.fromisoformat)
    ap.add_argument("--series")
    ap.add_argument("--district")
    ap.add_argument("--industry")
    ap.add_argument("--mode", choices=MODES)
    a = ap.parse_args(argv)
    st = replay(a.log)
    if a.series is not None and a.series.strip().lower() not in st["series"]:
        ap.error(f"unknown series {a.series}: the log has {len(st['series'])} series")
    series = a.series.strip().lower() if a.series is not None else None
    out = figures(st, a.date_from, a.date_to, series, a.district, a.industry, a.mode)
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
