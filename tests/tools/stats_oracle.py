#!/usr/bin/python3
"""stats_oracle.py - a randomized check of `followup stats --format json`.

    stats_oracle.py BINARY [--seed S ...] [--today YYYY-MM-DD] [--prospects N]
                    [--workdir DIR] [--keep] [--verbose]

For each seed: build a random history (about 150 prospects with day 0 in
the last 200 days, qualification flags, touches, wins and losses, explicit
next dates, non-ASCII names and one name over 130 bytes with a multi-byte
character across byte 127 that is the oldest overdue), create it through
the real CLI (`import`, `import --touches`, then one call at a time `log`,
`edit --flag/--unflag/--status/--first-contact/--cadence`, `touch remove`,
`delete`, a change and its `undo`, `next`), run `followup stats --format
json` for the whole range and for several --from/--to ranges (random, one
empty, one holding a three-way tie for the oldest overdue), then for the
whole range on later days: on each due date d the model has from today on,
and on d + 1 (the overdue count on day D is the number of due dates before
D, so every due date is checked, not only the past ones),
and compare every figure with the same metrics computed here,
independently, from the inputs generated (never from followup's own
output): SPEC §6, §2 rules 1-8 and the key names of man/followup.1
(`stats --format json`).

Each mismatch is printed as

    seed S range R: key.path: expected X, got Y

and the exit status is 1 when there is any (2 when followup could not be
driven at all).  The same mismatch on several ranges is printed once, then
counted on a "note:" line; on a mismatch, "note:" lines also compare each
prospect's status, flags, day 0, touch count and due date in `list --format
json` with the model, to point at the cause (notes do not fail the run).  Also checked: the whole stdout is valid UTF-8, valid JSON,
one line, with exactly the documented keys.  Python 3 standard library only.

The model (what followup must compute, written out from the SPEC):

  * follow-up k of a prospect is its k-th distinct touch date after day 0
    (touches on day 0 are the first contact); a touch's step is the k of
    its date, 0 on day 0; by_step buckets 10 and later as 10;
  * status: the prospects file's status column, then in command order
    `log --outcome won|lost` (sets it) and `edit --status` (sets it); a
    restored touch log (`import --touches`) never changes it; deleted
    prospects and their touches count nowhere; an undone change is gone;
  * the due date: won/lost never due (rule 7); an explicit next date as
    given (rule 5: set by `next` or by the import's due/due_kind columns,
    on today; cleared by a `log` dated on or after that day, never by a
    restored touch log); else rule 4 with rule 1's raw step dates
    (monthly tail from A_m, day clamped; every:N; none: complete, rule 6)
    and W() = the next Monday-Friday (the default configuration);
  * overdue: active, due < today; the oldest: smallest due, then the name
    with ASCII letters folded (SQLite NOCASE, what the due list uses), then
    the id; days = today - due; no_next_step: active, no explicit date,
    finite cadence complete.
"""

import argparse
import calendar
import csv
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

ONE = dt.timedelta(days=1)
CHANNELS = ["call", "email", "chat", "visit", "other"]
PLAIN_OUTCOMES = ["no-answer", "voicemail", "busy", "wrong-number", "connected",
                  "replied", "meeting", "not-now"]
RESPONSES = {"connected", "replied", "meeting"}
FLAGS = ["verified", "need", "decider", "timeline"]
# name: (offsets, tail) with tail ("monthly",), ("every", N) or None.
CADENCES = {
    "standard": ([1, 3, 7, 14, 28, 58], ("monthly",)),
    "short": ([2, 5], None),                    # finite: complete after 2
    "nurture": ([7, 30], ("every", 20)),
}
TODAYS = ["2026-11-02", "2026-03-01", "2027-01-31", "2028-02-29", "2026-12-31",
          "2027-06-05", "2026-08-31"]

FIRST = ["Ana", "Zoë", "Łukasz", "José", "Ørjan", "Chloé", "Đorđe", "Grace",
         "Hugo", "Søren", "Ines", "Kofi", "Nadia", "Owen", "Priya", "Émile",
         "Yara", "Björn", "Ōta", "Mateo"]
LAST = ["García", "Łęcki", "東京 Trading", "Müller", "O'Brien", "Nakamura",
        "Kowalski", "Rossi", "Dubois-Étienne", "Silva", "佐藤", "Ramírez",
        "Öztürk", "Smith", "van der Berg", "Nguyễn"]
ODD_NAMES = ['Ann "Quotes" Lee', "Doe, Jane", "Ünïcödé Ⅻ", "a lower-case name",
             "ANA GARCÍA", "ana garcía"]
COMPANIES = ["Acme", "Globex", "Initech", "株式会社 東京", "Société Générale",
             "Łódź Sp. z o.o.", "", ""]
NOTES = ["", "", "left a voicemail", "asked for pricing, again",
         "wants a \"demo\" next week", "décideur absent", "東京 office closed",
         "multi\nline note"]


# ---- dates and scheduling (SPEC §2) --------------------------------------

def W(d):
    """Rule 2 for the default configuration: Monday to Friday, no holidays."""
    while d.weekday() >= 5:
        d += ONE
    return d


def add_months(d, k):
    m = d.month - 1 + k
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def raw_step(cadence, d0, s):
    """Rule 1: A_s, or None past the end of a finite cadence."""
    offsets, tail = CADENCES[cadence]
    m = len(offsets)
    if s <= 0:
        return d0
    if s <= m:
        return d0 + dt.timedelta(days=offsets[s - 1])
    am = d0 + dt.timedelta(days=offsets[-1])
    if tail is None:
        return None
    if tail[0] == "monthly":
        return add_months(am, s - m)          # from A_m each time, clamped
    return am + dt.timedelta(days=tail[1] * (s - m))


def followup_dates(p):
    """Rule 3: the distinct touch dates after day 0, in order."""
    return sorted({t.date for t in p.touches if t.date > p.d0})


def cadence_due(p, dates):
    """Rule 4 (with rule 6): (due date, complete)."""
    due = W(raw_step(p.cadence, p.d0, 1))
    s = 0
    for k, t in enumerate(dates, 1):
        s += max(0, (t - due).days)
        a = raw_step(p.cadence, p.d0, k + 1)
        if a is None:
            return None, True
        due = W(max(a + dt.timedelta(days=s), t + ONE))
    return due, False


def due_of(p):
    """Rules 4-7: (due date or None, no next step)."""
    if p.status != "active":
        return None, False
    if p.explicit is not None:
        return p.explicit, False
    return cadence_due(p, followup_dates(p))


# ---- the generated history ------------------------------------------------

class Touch:
    __slots__ = ("date", "minutes", "channel", "outcome", "note")

    def __init__(self, date, minutes, channel, outcome, note=""):
        self.date, self.minutes, self.channel = date, minutes, channel
        self.outcome, self.note = outcome, note


class Prospect:
    def __init__(self, pid, name, d0, cadence):
        self.id, self.name, self.d0, self.cadence = pid, name, d0, cadence
        self.company = self.email = self.phone = ""
        self.flags = set()          # the final flags
        self.status = "active"      # the final status
        self.explicit = None        # the final explicit next date
        self.touches = []           # every touch, however it was made
        # What the files say (the CLI operations come after):
        self.csv_flags = set()
        self.csv_status = ""
        self.csv_explicit = None
        self.csv_touches = []
        self.follow = False         # touches follow the cadence
        self.cli_touches = []       # touches to be logged with `log`
        self.deleted = False


def long_name(rng):
    """Over 130 bytes, a multi-byte character across byte 127 (a cut to 127
    bytes splits it)."""
    ch, start = rng.choice([("東", 125), ("東", 126), ("é", 126), ("Ł", 126), ("京", 125)])
    head = "Maximilian Alexander Łukasz Fitzgerald-Ødegård Nakamura-Dubois de la Vallée "
    pad = start - len(head.encode())
    name = head + "x" * pad + ch
    assert len(name.encode()) - len(ch.encode()) == start
    name += " 東京 Holdings Sociedad Anónima"
    assert len(name.encode()) > 130
    return name


def rand_minutes(rng):
    return rng.randint(7 * 60, 19 * 60 + 59)


def plain_touch(rng, d):
    return Touch(d, rand_minutes(rng), rng.choice(CHANNELS), rng.choice(PLAIN_OUTCOMES),
                 rng.choice(NOTES))


def pick_dates(rng, p, today, n, follow=False):
    """n follow-up dates: random days, or a rep working the cadence (on
    time, a little early or late: the branches of rule 4)."""
    span = (today - p.d0).days
    n = min(n, span)
    if n <= 0:
        return []
    if not follow and rng.random() < 0.5:
        return sorted(p.d0 + dt.timedelta(days=x) for x in rng.sample(range(1, span + 1), n))
    dates = []
    while len(dates) < n:
        due, complete = cadence_due(p, dates)
        if complete:
            break
        t = due + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2, 5, 15, -1, -2]))
        if dates and t <= dates[-1]:
            t = dates[-1] + ONE
        if t <= p.d0:
            t = p.d0 + ONE
        if t > today:
            break
        dates.append(t)
    return dates


def generate(seed, today, nprospects):
    """The history, and the CLI operations that follow the two imports:
    a list of (argv, apply) where apply(p) updates the model."""
    rng = random.Random(seed)
    ps = []
    long_id = rng.randint(2, nprospects)
    # Three prospects on one day 0, never touched, due on one day: the
    # oldest of them is decided by the name, case-insensitively (the due
    # list's order, rule 8), not by the id nor by the bytes.
    tie = rng.randint(1, nprospects - 2)
    while long_id in (tie, tie + 1, tie + 2):
        tie = rng.randint(1, nprospects - 2)
    tie_ids = {tie: "Zed Tie", tie + 1: "alpha Tie", tie + 2: "Beta Tie"}
    tie_d0 = today - dt.timedelta(days=rng.randint(100, 190))
    for pid in range(1, nprospects + 1):
        if pid in tie_ids:
            p = Prospect(pid, tie_ids[pid], tie_d0, "standard")
        elif pid == long_id:
            # The earliest day 0 by three days, active, never followed up:
            # the oldest overdue of the whole range.
            d0 = today - dt.timedelta(days=200)
            p = Prospect(pid, long_name(rng), d0, "standard")
        else:
            d0 = today - dt.timedelta(days=rng.randint(0, 197))
            r = rng.random()
            if r < 0.04:
                name = rng.choice(ODD_NAMES)
            else:
                name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
            cad = rng.choices(["standard", "short", "nurture"], [80, 12, 8])[0]
            follow = rng.random() < 0.12
            if follow:
                # Worked through the cadence into its monthly tail from an
                # A_m (day 58) on the 29th to 31st: rule 1's clamping.
                cad = "standard"
                d0 = rng.choice([today - dt.timedelta(days=x) for x in range(90, 198)
                                 if (today - dt.timedelta(days=x - 58)).day >= 29])
            p = Prospect(pid, name, d0, cad)
            p.follow = follow
        p.company = rng.choice(COMPANIES)
        if rng.random() < 0.6:
            p.email = "p%d.s%d@example.com" % (pid, seed)
        if rng.random() < 0.3:
            p.phone = "+1 555 %03d %04d" % (seed % 1000, pid)
        ps.append(p)

    ops = []   # (pid, argv, apply)

    def op(p, argv, apply):
        ops.append((p, argv, apply))

    for p in ps:
        if p.id in tie_ids:
            continue
        if p.id == long_id:
            p.csv_flags = set(rng.sample(FLAGS, rng.randint(0, 4)))
            if rng.random() < 0.5:
                p.csv_touches.append(plain_touch(rng, p.d0))
            continue
        p.csv_flags = set(f for f in FLAGS if rng.random() < 0.4)
        fate = rng.choices(["active", "won", "lost", "won0"], [55, 18, 20, 7])[0]
        nfu = rng.choices(list(range(0, 16)),
                          [16, 14, 11, 9, 8, 7, 6, 5, 4, 4, 3, 3, 3, 3, 2, 2])[0]
        if p.follow:
            nfu = rng.randint(6, 12)
        if fate == "won0":
            nfu = 0
        for d in pick_dates(rng, p, today, nfu, p.follow):
            for _ in range(1 + (rng.random() < 0.25) + (rng.random() < 0.05)):
                p.csv_touches.append(plain_touch(rng, d))
        if rng.random() < (0.5 if fate == "won0" else 0.4):
            for _ in range(1 + (rng.random() < 0.3)):
                p.csv_touches.append(plain_touch(rng, p.d0))
        last = max([t.date for t in p.csv_touches], default=p.d0)

        if fate in ("won", "lost", "won0"):
            outcome = "lost" if fate == "lost" else "won"
            how = rng.choices(["file", "log", "edit", "file-status"], [45, 25, 20, 10])[0]
            if fate == "won0":
                # Won at the first contact: by its touch (file or log), or
                # with no touch at all (edit, or the file's status).
                how = rng.choice(["file", "log", "edit", "file-status"])
                close_day = p.d0
            elif rng.random() < 0.5 and last < today:
                close_day = last + dt.timedelta(days=rng.randint(1, min(10, (today - last).days)))
            else:
                close_day = last
            close = Touch(close_day, rand_minutes(rng), rng.choice(CHANNELS), outcome,
                          rng.choice(NOTES))
            if how == "file":
                # The prospects file says so, and the touch log has the
                # closing touch (restored: it sets nothing itself).
                p.csv_status = outcome
                p.csv_touches.append(close)
            elif how == "file-status":
                p.csv_status = outcome
            elif how == "log":
                p.csv_status = rng.choice(["", "active"])
                argv = ["log", str(p.id), "--channel", close.channel, "--outcome", outcome,
                        "--at", "%s %02d:%02d" % (close.date, close.minutes // 60,
                                                  close.minutes % 60)]
                if close.note:
                    argv += ["--note", close.note]
                p.cli_touches.append(close)
                op(p, argv, lambda q, t=close: log_apply(q, t, today))
            else:
                # No touch at all: edit --status (day 0 or later, however
                # many follow-ups).
                p.csv_status = "active" if rng.random() < 0.5 else ""
                op(p, ["edit", str(p.id), "--status", outcome],
                   lambda q, s=outcome: setattr(q, "status", s))
        else:
            p.csv_status = rng.choice(["active", "", "active"])
            r = rng.random()
            if r < 0.04 and p.csv_touches:
                # A restored won/lost touch leaves the status as the file
                # has it (man page, import --touches).
                p.csv_touches.append(Touch(last, rand_minutes(rng), "call",
                                           rng.choice(["won", "lost"])))
            elif r < 0.10:
                # Won in the file, set back to active: rule 4 again (rule 7).
                p.csv_status = "won"
                op(p, ["edit", str(p.id), "--status", "active"],
                   lambda q: setattr(q, "status", "active"))
            elif r < 0.16:
                # An explicit next date in the prospects file (as an export
                # writes it): used as given, even in the past.
                lo = max(p.d0 + dt.timedelta(days=5), today - dt.timedelta(days=120))
                hi = today + dt.timedelta(days=60)
                if lo <= hi:
                    p.csv_explicit = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
            elif r < 0.40:
                # Touches logged one at a time (dated, or today without --at).
                for _ in range(rng.randint(1, 3)):
                    d = p.d0 + dt.timedelta(days=rng.randint(0, (today - p.d0).days))
                    t = plain_touch(rng, d)
                    argv = ["log", str(p.id), "--channel", t.channel, "--outcome", t.outcome]
                    if t.note:
                        argv += ["--note", t.note]
                    if d == today and rng.random() < 0.5:
                        pass          # no --at: today, now
                    else:
                        argv += ["--at", "%s %02d:%02d" % (d, t.minutes // 60, t.minutes % 60)]
                    p.cli_touches.append(t)
                    op(p, argv, lambda q, t=t: log_apply(q, t, today))

        # Day 0 moved (touches on the old day 0 become follow-ups, or
        # follow-ups become the first contact), never before the earliest
        # day 0 of the history nor after a touch.
        if rng.random() < 0.05:
            first = min([t.date for t in p.csv_touches + p.cli_touches], default=today)
            lo = max(today - dt.timedelta(days=197), p.d0 - dt.timedelta(days=15))
            if lo <= first:
                d = lo + dt.timedelta(days=rng.randint(0, (first - lo).days))
                op(p, ["edit", str(p.id), "--first-contact", d.isoformat()],
                   lambda q, d=d: setattr(q, "d0", d))
        # Another cadence: the touches are kept, rule 4 again.
        if rng.random() < 0.05:
            c = rng.choice([c for c in CADENCES if c != p.cadence])
            op(p, ["edit", str(p.id), "--cadence", c], lambda q, c=c: setattr(q, "cadence", c))
        # A mislogged touch removed (not a closing one).
        plain = [t for t in p.csv_touches if t.outcome not in ("won", "lost")]
        if plain and rng.random() < 0.06:
            t = rng.choice(plain)
            op(p, lambda drv, pid=p.id, t=t: ["touch", "remove", str(touch_id(drv, pid, t))],
               lambda q, t=t: q.touches.remove(t))

        if rng.random() < 0.2:
            argv = ["edit", str(p.id)]
            changes = []
            for f in rng.sample(FLAGS, rng.randint(1, 3)):
                kind = "--flag" if rng.random() < 0.65 else "--unflag"
                argv += [kind, f]
                changes.append((kind, f))
            op(p, argv, lambda q, c=changes: flag_apply(q, c))
        # A change taken back at once with `undo`: the model stays.
        if rng.random() < 0.04:
            d = p.d0 + dt.timedelta(days=rng.randint(0, (today - p.d0).days))
            argv = rng.choice([
                ["log", str(p.id), "--channel", "call", "--outcome",
                 rng.choice(["won", "lost", "connected"]), "--at", d.isoformat()],
                ["edit", str(p.id), "--status", rng.choice(["won", "lost", "active"])],
                ["edit", str(p.id), "--flag", "need", "--flag", "decider", "--unflag", "verified"],
                ["delete", str(p.id), "--yes"],
                ["next", str(p.id), (today + ONE).isoformat()]])
            op(p, argv, lambda q: None)
            op(p, ["undo"], lambda q: None)
        # Deleted: its touches go with it.
        if rng.random() < 0.03:
            p.deleted = True
            op(p, ["delete", str(p.id), "--yes"], lambda q: None)

    # Explicit next dates with `next`, after everything else (a `log` dated
    # today would clear them).
    for p in ps:
        if p.id != long_id and p.id not in tie_ids and not p.deleted and rng.random() < 0.10:
            d = today + dt.timedelta(days=rng.choice([0, 0, 1, 3, 10, 40]))
            argv = ["next", str(p.id), d.isoformat()]
            if rng.random() < 0.4:
                argv.append("%02d:%02d" % (rng.randint(8, 17), rng.choice([0, 30])))
            op(p, argv, lambda q, d=d: setattr(q, "explicit", d))

    # The model: the files, then the operations in order.
    for p in ps:
        p.flags = set(p.csv_flags)
        p.status = p.csv_status or "active"
        p.explicit = p.csv_explicit
        p.touches = list(p.csv_touches)
    for p, argv, apply in ops:
        apply(p)
    return ps, [argv for _, argv, _ in ops], tie_d0


def log_apply(p, t, today):
    p.touches.append(t)
    if t.outcome in ("won", "lost"):
        p.status = t.outcome
    # Rule 5: every next date here was set on today; a touch dated on or
    # after that day clears it.
    if p.explicit is not None and t.date >= today:
        p.explicit = None


def flag_apply(p, changes):
    for kind, f in changes:
        if kind == "--flag":
            p.flags.add(f)
        else:
            p.flags.discard(f)


# ---- the metrics (SPEC §6), from the model ---------------------------------

def ratio(a, b):
    return a / b if b else None


def median(xs):
    if not xs:
        return None
    xs = sorted(xs)
    n = len(xs)
    return float(xs[n // 2]) if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2.0


def nocase(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def facts_of(p):
    """(follow-up dates, due, complete), once per prospect: the model is
    fixed once the history is made."""
    if getattr(p, "facts", None) is None:
        p.facts = (followup_dates(p),) + due_of(p)
    return p.facts


def expected_stats(ps, today, lo, hi):
    sel = [p for p in ps if (lo is None or p.d0 >= lo) and (hi is None or p.d0 <= hi)]
    won = [p for p in sel if p.status == "won"]
    lost = [p for p in sel if p.status == "lost"]
    facts = {p.id: facts_of(p) for p in sel}
    nfu = {p.id: len(facts[p.id][0]) for p in sel}
    followed = [p for p in sel if nfu[p.id] > 0]

    by_channel = {c: [0, 0] for c in CHANNELS}
    by_step = {}
    firsts, on_time, gaps_won, gaps_lost = [], 0, [], []
    for p in sel:
        dates = facts[p.id][0]
        step_of = {d: k for k, d in enumerate(dates, 1)}
        for t in p.touches:
            k = min(step_of.get(t.date, 0), 10)
            resp = t.outcome in RESPONSES
            by_channel[t.channel][0] += 1
            by_channel[t.channel][1] += resp
            e = by_step.setdefault(k, [0, 0])
            e[0] += 1
            e[1] += resp
        if dates:
            firsts.append((dates[0] - p.d0).days)
            on_time += dates[0] <= W(p.d0 + ONE)
        gaps = [(b - a).days for a, b in zip(dates, dates[1:])]
        if p.status == "won":
            gaps_won += gaps
        elif p.status == "lost":
            gaps_lost += gaps

    overdue, no_next = [], 0
    for p in sel:
        due, complete = facts[p.id][1:]
        no_next += complete
        if due is not None and due < today:
            overdue.append((due, nocase(p.name), p.id, p))
    overdue.sort(key=lambda x: x[:3])
    oldest = None
    if overdue:
        due, _, _, p = overdue[0]
        oldest = {"id": p.id, "name": p.name, "days": (today - due).days}

    def qual(group):
        f = [p for p in group if nfu[p.id] > 0]
        w = sum(p.status == "won" for p in f)
        return {"prospects": len(group), "followed_up": len(f),
                "won": sum(p.status == "won" for p in group),
                "conversion_rate": ratio(w, len(f))}

    close = [nfu[p.id] for p in won]
    reached = {str(k): sum(nfu[p.id] >= k for p in sel) for k in (1, 2, 3, 4)}
    reached["5+"] = sum(nfu[p.id] >= 5 for p in sel)
    abandoned = {str(k): sum(nfu[p.id] == k for p in lost) for k in range(5)}
    abandoned["5+"] = sum(nfu[p.id] >= 5 for p in lost)
    return {
        "prospects": {"total": len(sel), "active": len(sel) - len(won) - len(lost),
                      "won": len(won), "lost": len(lost)},
        "followed_up": len(followed),
        "conversion_rate": ratio(sum(p.status == "won" for p in followed), len(followed)),
        "followups_to_close": {"mean": ratio(sum(close), len(close)), "median": median(close)},
        "response_rate": {
            "by_channel": {c: {"touches": v[0], "responses": v[1], "rate": ratio(v[1], v[0])}
                           for c, v in by_channel.items()},
            "by_step": [{"step": k, "touches": v[0], "responses": v[1],
                         "rate": ratio(v[1], v[0])} for k, v in sorted(by_step.items())],
        },
        "funnel": {
            "reached": reached,
            "lost_abandoned_at": abandoned,
            "abandoned_after_one": ratio(abandoned["1"], len(lost)),
            "abandoned_after_one_benchmark": 0.44,
            "reached_five": ratio(reached["5+"], len(sel)),
            "reached_five_benchmark": 0.08,
        },
        "speed": {"first_followup_by_next_workday": ratio(on_time, len(firsts)),
                  "median_days_to_first_followup": median(firsts)},
        "rhythm": {"median_days_between_followups_won": median(gaps_won),
                   "median_days_between_followups_lost": median(gaps_lost)},
        "discipline": {"overdue": len(overdue), "oldest_overdue": oldest,
                       "no_next_step": no_next},
        "qualification": {"well": qual([p for p in sel if len(p.flags) >= 2]),
                          "poor": qual([p for p in sel if len(p.flags) < 2])},
    }


# ---- comparing --------------------------------------------------------------

def show(v):
    return json.dumps(v, ensure_ascii=False)


def compare(path, want, got, errs):
    """Every figure: same keys, ints as ints, floats within 1e-9, null
    where the denominator is zero."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            errs.append((path, show(want), show(got)))
            return
        for k in want:
            if k not in got:
                errs.append(("%s.%s" % (path, k) if path else k, show(want[k]), "(missing)"))
            else:
                compare("%s.%s" % (path, k) if path else k, want[k], got[k], errs)
        for k in got:
            if k not in want:
                errs.append(("%s.%s" % (path, k) if path else k, "(no such key)", show(got[k])))
    elif path == "response_rate.by_step":
        if not isinstance(got, list) or not all(isinstance(e, dict) and "step" in e for e in got):
            errs.append((path, show(want), show(got)))
            return
        steps = [e["step"] for e in got]
        if steps != sorted(steps) or len(set(map(str, steps))) != len(steps):
            errs.append((path + " steps", show([e["step"] for e in want]), show(steps)))
        g = {e["step"]: e for e in got}
        w = {e["step"]: e for e in want}
        for k in sorted(set(w) | set(g), key=lambda x: (str(type(x)), x)):
            p = "%s[step=%s]" % (path, k)
            if k not in g:
                errs.append((p, show(w[k]), "(missing)"))
            elif k not in w:
                errs.append((p, "(no such step)", show(g[k])))
            else:
                compare(p, w[k], g[k], errs)
    elif want is None:
        if got is not None:
            errs.append((path, "null", show(got)))
    elif isinstance(want, (str, bool)):
        if type(got) is not type(want) or got != want:
            errs.append((path, show(want), show(got)))
    elif isinstance(want, int):
        if type(got) is not int or got != want:
            errs.append((path, show(want), show(got)))
    elif isinstance(want, float):
        if (type(got) not in (int, float) or not math.isfinite(got)
                or abs(got - want) > 1e-9):
            errs.append((path, repr(want), show(got)))
    else:
        raise AssertionError("unexpected %r at %s" % (want, path))


# ---- driving followup ----------------------------------------------------

class Driver:
    def __init__(self, binary, work, today):
        self.binary, self.work, self.today = binary, work, today
        for d in ("home", "config/followup", "data"):
            os.makedirs(os.path.join(work, d), exist_ok=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(work, "home"),
            "XDG_DATA_HOME": os.path.join(work, "data"),
            "XDG_CONFIG_HOME": os.path.join(work, "config"),
            "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "FOLLOWUP_DB": os.path.join(work, "fu.db"),
            "FOLLOWUP_TODAY": today.isoformat(),
        }

    def run(self, argv, check=True, today=None):
        env = dict(self.env)
        if today:
            env["FOLLOWUP_TODAY"] = today.isoformat()
        r = subprocess.run([self.binary] + argv, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and (r.returncode != 0 or r.stderr):
            raise RuntimeError("followup %s: exit %d, stderr: %s" % (
                " ".join(argv), r.returncode, r.stderr.decode("utf-8", "replace").strip()))
        return r


def fmt_at(t):
    return "%sT%02d:%02d" % (t.date.isoformat(), t.minutes // 60, t.minutes % 60)


def create(drv, ps, ops):
    for name, (offsets, tail) in CADENCES.items():
        if name != "standard":
            then = "none" if tail is None else "monthly" if tail[0] == "monthly" else "every:%d" % tail[1]
            drv.run(["cadence", "add", name, ",".join(map(str, offsets)), "--then", then])
    pf = os.path.join(drv.work, "prospects.csv")
    with open(pf, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "company", "email", "phone", "first_contact", "cadence",
                    "flags", "status", "due", "due_time", "due_kind"])
        for p in ps:
            w.writerow([p.id, p.name, p.company, p.email, p.phone, p.d0.isoformat(), p.cadence,
                        ",".join(f for f in FLAGS if f in p.csv_flags), p.csv_status,
                        p.csv_explicit.isoformat() if p.csv_explicit else "", "",
                        "explicit" if p.csv_explicit else ""])
    r = drv.run(["import", pf])
    want = "imported %d, updated 0, skipped 0" % len(ps)
    if r.stdout.decode().strip().splitlines()[-1:] != [want]:
        raise RuntimeError("import: expected [%s], got [%s]" % (want, r.stdout.decode().strip()))
    tf = os.path.join(drv.work, "touches.csv")
    rows = [(p.id, t) for p in ps for t in p.csv_touches]
    random.Random(len(rows)).shuffle(rows)     # only the set of dates counts
    with open(tf, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "at", "channel", "outcome", "note"])
        for pid, t in rows:
            w.writerow([pid, fmt_at(t), t.channel, t.outcome, t.note])
    drv.run(["import", "--touches", tf])
    for argv in ops:
        drv.run(argv(drv) if callable(argv) else argv)


def touch_id(drv, pid, t):
    """The id of a touch (for `touch remove`), from `show`."""
    r = drv.run(["show", str(pid), "--format", "json"])
    for x in json.loads(r.stdout.decode("utf-8"))["touches"]:
        if (x["at"], x["channel"], x["outcome"]) == (fmt_at(t), t.channel, t.outcome):
            return x["id"]
    raise RuntimeError("prospect %d has no touch %s %s %s" % (pid, fmt_at(t), t.channel, t.outcome))


def views(rng, today, tie_d0, ps):
    """(label, from, to, today) for each stats run: the whole range and
    random ranges of day 0 on the day the history was made; then the whole
    range on later days, when more of it falls due.  The overdue count on
    day D is the number of due dates before D, so looking on each due date
    d that the model has from today on and on d + 1 checks every due date,
    not just those already past: one that followup has later than d shows
    on d + 1, one earlier on d, one missing on d + 1; the last view, far
    ahead, counts every due date followup has."""
    def day(a, b):
        return today - dt.timedelta(days=rng.randint(a, b))
    out = [("all", None, None)]
    for _ in range(3):
        a, b = sorted((day(0, 205), day(0, 205)))
        out.append(("%s..%s" % (a, b), a, b))
    a = day(0, 120)
    out.append(("%s.." % a, a, None))
    b = day(30, 200)
    out.append(("..%s" % b, None, b))
    out.append(("..%s" % (today - dt.timedelta(days=199)), None, today - dt.timedelta(days=199)))
    a, b = today - dt.timedelta(days=199), today - dt.timedelta(days=198)
    out.append(("%s..%s (empty)" % (a, b), a, b))
    out.append(("%s..%s (a tie)" % (tie_d0, tie_d0), tie_d0, tie_d0))
    out = [(label, lo, hi, today) for label, lo, hi in out]
    later = set()
    for p in ps:
        due = facts_of(p)[1]
        if due is not None and due >= today:
            later |= {due, due + ONE}
    later.add(today + dt.timedelta(days=800))
    later.discard(today)
    for d in sorted(later):
        out.append(("all on today+%d (%s)" % ((d - today).days, d), None, None, d))
    return out


def strict_json(text):
    """json.loads, refusing what RFC 8259 does not allow and Python does
    (NaN, Infinity) and duplicate keys."""
    def constant(c):
        raise ValueError("not JSON: %s" % c)

    def pairs(kv):
        d = {}
        for k, v in kv:
            if k in d:
                raise ValueError("duplicate key %s" % show(k))
            d[k] = v
        return d
    return json.loads(text, parse_constant=constant, object_pairs_hook=pairs)


def check_seed(binary, seed, today, nprospects, work, verbose):
    everyone, ops, tie_d0 = generate(seed, today, nprospects)
    drv = Driver(binary, work, today)
    create(drv, everyone, ops)
    ps = [p for p in everyone if not p.deleted]
    mismatches = []
    seen = {}
    for label, lo, hi, when in views(random.Random(seed * 7919 + 1), today, tie_d0, ps):
        argv = ["stats", "--format", "json"]
        if lo:
            argv += ["--from", lo.isoformat()]
        if hi:
            argv += ["--to", hi.isoformat()]
        r = drv.run(argv, check=False, today=when)
        errs = []
        if r.returncode != 0 or r.stderr:
            errs.append(("(exit status)", "0 and no stderr", "%d, stderr %s" % (
                r.returncode, show(r.stderr.decode("utf-8", "replace").strip()))))
        raw = r.stdout
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            errs.append(("(stdout)", "valid UTF-8",
                         "invalid UTF-8 at byte %d: %r" % (e.start, raw[max(0, e.start - 8):e.end + 8])))
            text = raw.decode("utf-8", "surrogateescape")
        if not text.endswith("\n") or text.count("\n") != 1:
            errs.append(("(stdout)", "one line", "%d lines" % text.count("\n")))
        try:
            got = strict_json(text)
        except ValueError as e:
            errs.append(("(stdout)", "valid JSON", "%s: %s" % (e, show(text[:200]))))
            got = None
        if got is not None and not any(e[0] == "(stdout)" for e in errs):
            # Valid UTF-8 throughout: no lone surrogate from a \u escape.
            try:
                json.dumps(got, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError as e:
                errs.append(("(stdout)", "valid UTF-8 strings", "a lone surrogate: %s" % e))
        if got is not None:
            compare("", expected_stats(ps, when, lo, hi), got, errs)
        for path, want, gotv in errs:
            # The same mismatch on many views (the oldest overdue's name on
            # every later day) is printed once, with a count.
            key = (path, want, gotv if path != "(stdout)" else "")
            if key in seen:
                seen[key][1] += 1
                seen[key][2] = label
                continue
            seen[key] = [label, 0, label]
            mismatches.append("seed %s range %s: %s: expected %s, got %s" % (seed, label, path, want, gotv))
    for (path, _, _), (first, more, last) in seen.items():
        if more:
            mismatches.append("note: seed %s: the mismatch of %s in range %s also in %d more "
                              "ranges, up to %s" % (seed, path, first, more, last))
    if verbose:
        print("note: seed %s: %s" % (seed, coverage(ps, today)))
    if mismatches or verbose:
        mismatches += ["note: " + x for x in diagnose(drv, ps, seed, today)]
    return mismatches, len(everyone) - len(ps), sum(len(p.touches) for p in ps), len(ops)


def coverage(ps, today):
    """What the history holds, to see that the cases are there."""
    c = {}

    def n(k, v=1):
        c[k] = c.get(k, 0) + v
    for p in ps:
        dates, due, complete = facts_of(p)
        n(p.status)
        n("won, no follow-up", p.status == "won" and not dates)
        n("won, no touch", p.status == "won" and not p.touches)
        n("explicit", p.explicit is not None)
        n("explicit past", p.explicit is not None and p.explicit < today)
        n("complete", complete)
        n("overdue", due is not None and due < today)
        n("5+ follow-ups", len(dates) >= 5)
        n("10+ follow-ups", len(dates) >= 10)
        n("in the monthly tail", p.cadence == "standard" and len(dates) >= 6 and due is not None)
        n("non-ASCII name", any(ord(ch) > 127 for ch in p.name))
        n("2+ flags", len(p.flags) >= 2)
        n("day-0 touches", any(t.date == p.d0 for t in p.touches))
    return ", ".join("%s %d" % kv for kv in c.items())


def diagnose(drv, ps, seed, today):
    """Per prospect, what followup holds against the model (status, flags,
    touches, due date): points at the cause of a stats mismatch.  These
    lines are notes; they do not count as mismatches themselves."""
    out = []
    r = drv.run(["list", "--status", "all", "--format", "json"], check=False)
    try:
        rows = {x["id"]: x for x in json.loads(r.stdout.decode("utf-8", "replace"))}
    except ValueError:
        return ["seed %s: list --format json is not JSON" % seed]
    for i in sorted(set(rows) - set(p.id for p in ps)):
        out.append("seed %s prospect #%d: in list --status all, deleted here" % (seed, i))
    for p in ps:
        x = rows.get(p.id)
        if x is None:
            out.append("seed %s prospect #%d: missing from list --status all" % (seed, p.id))
            continue
        due, complete = due_of(p)
        want = {"name": p.name, "status": p.status, "first_contact": p.d0.isoformat(),
                "flags": sorted(p.flags), "touch_count": len(p.touches),
                "due": due.isoformat() if due else None}
        have = dict((k, x.get(k)) for k in want)
        have["flags"] = sorted(have["flags"] or [])
        for k in want:
            if want[k] != have[k]:
                out.append("seed %s prospect #%d: %s: expected %s, got %s" % (
                    seed, p.id, k, show(want[k]), show(have[k])))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--seed", type=int, action="append", help="repeatable (default 1)")
    ap.add_argument("--today", help="YYYY-MM-DD (default: per seed, from a list)")
    ap.add_argument("--prospects", type=int, default=150)
    ap.add_argument("--workdir", help="where to put the databases (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the databases")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    sys.stdout.reconfigure(errors="backslashreplace")
    binary = os.path.abspath(a.binary)
    base = a.workdir or tempfile.mkdtemp(prefix="stats-oracle.")
    os.makedirs(base, exist_ok=True)
    failed = 0
    try:
        for seed in a.seed or [1]:
            today = dt.date.fromisoformat(a.today or TODAYS[(seed - 1) % len(TODAYS)])
            work = os.path.join(base, "seed-%d" % seed)
            shutil.rmtree(work, ignore_errors=True)
            try:
                mm, gone, nt, nops = check_seed(binary, seed, today, a.prospects, work, a.verbose)
            except RuntimeError as e:
                print("seed %s: cannot build the history: %s" % (seed, e))
                return 2
            real = [m for m in mm if not m.startswith("note: ")]
            for m in mm:
                print(m)
            failed += bool(real)
            print("seed %d today %s: %d prospects (%d deleted), %d touches, %d commands: %s" % (
                seed, today, a.prospects, gone, nt, nops, "%d mismatches" % len(real) if real else "ok"),
                file=sys.stderr)
            if not a.keep:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if not a.keep and not a.workdir:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
