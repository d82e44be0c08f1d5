#!/usr/bin/env python3
"""gen.py - build the benchmark's input for one size.

    gen.py N OUTDIR [--today YYYY-MM-DD] [--seed S] [--week]

Writes, for N prospects with about 5 touches each:

  OUTDIR/prospects.csv   for `followup import` (the columns of `export csv`)
  OUTDIR/touches.csv     for `followup import --touches`
  OUTDIR/expected.tsv    id, due date (or -) as SPEC §2 rule 4 computes it,
                         so the benchmark can check the imported database
  OUTDIR/task/           a taskwarrior data directory and taskrc: one pending
                         task with a due date per active prospect, one
                         completed task per won or lost one
  OUTDIR/calcurse/apts   a calcurse calendar: one item per active prospect on
                         its due date, overdue ones on today (an appointment
                         when it has a time)

Exactly 50 prospects are due today or overdue (a rep's real morning), for
every today: weekday, weekend, month end, leap day or New Year; the rest are
active and due after today (by the cadence, or an explicit next date up to
four months out), or won or lost, with histories up to ten years old.  So
each tool's query for "this morning" lists the same 50: `followup due`,
taskwarrior's `+PENDING due.before:tomorrow`, calcurse's `-d 1`.  Workdays
are Monday to Friday (the benchmark's empty configuration: no holidays).
The peers' timestamps are local times in the TZ this runs in (bench/run.sh
sets it), so run them in the same TZ.  The output depends only on N, the
seed and today.

With --week, the TUI's worst case instead (issue 17): a CSV import of N new
prospects in which almost all are due within the week.  Still exactly 50
are due today or overdue; every other one is active, with no touch, due on
one of the next six days (by its cadence from a recent day 0, or by an
explicit next date, half of them at a time of day).  Only prospects.csv, an
empty touches.csv and expected.tsv are written (no peers): a million rows
take about half a minute (and `followup import` of them about a minute).
"""

import argparse
import calendar
import csv
import datetime as dt
import os
import random
import uuid

OFFSETS = [1, 3, 7, 14, 28, 58]          # the built-in standard cadence
DUE_TODAY_OR_OVERDUE = 50
FIRST = ["Ana", "Ben", "Carla", "Dev", "Eun-ji", "Farid", "Grace", "Hugo",
         "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Owen", "Priya",
         "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoë"]
LAST = ["Alvarez", "Brandt", "Chen", "Diallo", "Eriksen", "Fischer", "García",
        "Haddad", "Ibrahim", "Jensen", "Kowalski", "Lindqvist", "Moreau",
        "Nakamura", "O'Brien", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka"]
COMPANY = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
           "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Wonka"]
SUFFIX = ["Corp", "GmbH", "Ltd", "Inc", "SA", "AB", "& Sons", "Labs"]
SOURCES = ["hubspot", "referral", "trade show", "cold list", "website"]
CHANNELS = ["call", "call", "call", "email", "chat", "visit"]
NOTES = ["left a voicemail", "asked for pricing", "wants a demo next week",
         "budget frozen until Q2", "talk to procurement first",
         "sent the case study", "decision maker is on leave", ""]


def workday(d):
    """W(d) for a Monday-to-Friday week."""
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def add_months(d, k):
    m = d.month - 1 + k
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def raw_step(d0, k):
    """A_k of the standard cadence (rule 1)."""
    if k <= len(OFFSETS):
        return d0 + dt.timedelta(days=OFFSETS[k - 1])
    return add_months(d0 + dt.timedelta(days=OFFSETS[-1]), k - len(OFFSETS))


def history(rng, d0, today, stop_before_today):
    """Touch on (or a little after) each due step up to today.  Returns (touch dates, due date after them) by rule 4.  With
    stop_before_today the last touch is left out, so the prospect is due
    today or overdue."""
    touches, dues, s, k = [], [], 0, 1
    due = workday(raw_step(d0, 1))
    while due <= today:
        t = min(due + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2, 3])), today)
        touches.append(t)
        dues.append(due)
        s += max(0, (t - due).days)
        k += 1
        due = workday(max(raw_step(d0, k) + dt.timedelta(days=s), t + dt.timedelta(days=1)))
    if stop_before_today and touches:
        touches.pop()
        due = dues.pop()
    return touches, due


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--today", default=dt.date.today().isoformat())
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--week", action="store_true")
    a = ap.parse_args()
    if a.n < DUE_TODAY_OR_OVERDUE:
        ap.error("N must be at least %d" % DUE_TODAY_OR_OVERDUE)
    today = dt.date.fromisoformat(a.today)
    rng = random.Random(a.seed)
    if a.week:
        return week(a, today, rng)
    os.makedirs(os.path.join(a.outdir, "task"), exist_ok=True)
    os.makedirs(os.path.join(a.outdir, "calcurse"), exist_ok=True)

    due_ids = set(rng.sample(range(1, a.n + 1), DUE_TODAY_OR_OVERDUE))
    pf = open(os.path.join(a.outdir, "prospects.csv"), "w", newline="")
    tf = open(os.path.join(a.outdir, "touches.csv"), "w", newline="")
    ef = open(os.path.join(a.outdir, "expected.tsv"), "w")
    pending = open(os.path.join(a.outdir, "task", "pending.data"), "w")
    completed = open(os.path.join(a.outdir, "task", "completed.data"), "w")
    apts = open(os.path.join(a.outdir, "calcurse", "apts"), "w")
    pw, tw = csv.writer(pf), csv.writer(tf)
    pw.writerow(["id", "name", "company", "title", "email", "phone", "source",
                 "notes", "status", "first_contact", "cadence", "due",
                 "due_time", "due_kind", "flags"])
    tw.writerow(["id", "at", "channel", "outcome", "note"])
    # Local time, in the TZ the peers will run in: a follow-up due (or
    # overdue) today at 17:00 is before taskwarrior's `tomorrow` (local
    # midnight), one due tomorrow at 08:00 is not.
    epoch = lambda d, m=0: int(dt.datetime(d.year, d.month, d.day, m // 60, m % 60).timestamp())

    for pid in range(1, a.n + 1):
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        company = "%s %s" % (rng.choice(COMPANY), rng.choice(SUFFIX))
        email = "p%d@%s.example" % (pid, company.split()[0].lower())
        phone = "+1 555 %07d" % pid
        status, due, due_time, kind = "active", None, None, ""
        r = rng.random()
        if pid in due_ids:
            d0 = today - dt.timedelta(days=rng.randint(10, 80))
            touches, due = history(rng, d0, today, True)
        elif r < 0.4:                      # closed: won or lost, years ago
            status = "won" if r < 0.12 else "lost"
            d0 = today - dt.timedelta(days=rng.randint(120, 3650))
            touches, _ = history(rng, d0, d0 + dt.timedelta(days=rng.randint(20, 90)), False)
        else:                              # active, due later
            d0 = today - dt.timedelta(days=rng.randint(15, 90))
            touches, due = history(rng, d0, today, False)
            if r < 0.7:                    # an appointment or a snooze
                kind = "explicit"
                due = today + dt.timedelta(days=rng.randint(1, 120))
                if rng.random() < 0.5:
                    due_time = "%02d:%02d" % (rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
        pw.writerow([pid, name, company, rng.choice(["VP Sales", "CTO", "Buyer", ""]),
                     email, phone, rng.choice(SOURCES), "", status, d0.isoformat(),
                     "standard", due.isoformat() if kind else "", due_time or "",
                     kind, ""])
        for i, t in enumerate(touches):
            outcome = rng.choice(["no-answer", "voicemail", "connected", "replied"])
            if status != "active" and i == len(touches) - 1:
                outcome = status
            tw.writerow([pid, "%sT%02d:%02d" % (t.isoformat(), rng.randint(8, 17), rng.randint(0, 59)),
                         rng.choice(CHANNELS), outcome, rng.choice(NOTES)])
        ef.write("%d\t%s\n" % (pid, due.isoformat() if due else "-"))

        # The same follow-up in the peers' own formats.
        desc = ("Follow up %s (%s)" % (name, company)).replace('"', "'")
        u = uuid.UUID(int=rng.getrandbits(128), version=4)
        entry = epoch(d0, 9 * 60)
        if status == "active":
            m = int(due_time[:2]) * 60 + int(due_time[3:]) if due_time else 17 * 60
            pending.write('[description:"%s" due:"%d" entry:"%d" modified:"%d" status:"pending" uuid:"%s"]\n'
                          % (desc, epoch(due, m), entry, entry, u))
            # calcurse has no notion of overdue: a past item is simply past,
            # and `-d 1` lists today's alone.  Overdue follow-ups go on today,
            # exactly as followup's own calendar export places them (SPEC
            # §4), so `calcurse -d 1` lists the same 50 as `followup due`.
            day = max(due, today).strftime("%m/%d/%Y")
            if due_time:
                end = "%02d:%02d" % divmod(m + 30, 60)
                apts.write("%s @ %s -> %s @ %s |%s\n" % (day, due_time, day, end, desc))
            else:
                apts.write("%s [1] %s\n" % (day, desc))
        else:
            last = touches[-1] if touches else d0
            completed.write('[description:"%s" end:"%d" entry:"%d" modified:"%d" status:"completed" uuid:"%s"]\n'
                            % (desc, epoch(last, 12 * 60), entry, epoch(last, 12 * 60), u))
    for f in (pf, tf, ef, pending, completed, apts):
        f.close()
    with open(os.path.join(a.outdir, "task", "taskrc"), "w") as f:
        f.write("data.location=%s\nconfirmation=off\nhooks=off\n"
                % os.path.abspath(os.path.join(a.outdir, "task")))
    open(os.path.join(a.outdir, "calcurse", "todo"), "w").close()


def week(a, today, rng):
    """The --week data set (see the module's comment)."""
    os.makedirs(a.outdir, exist_ok=True)
    due_ids = set(rng.sample(range(1, a.n + 1), DUE_TODAY_OR_OVERDUE))
    with open(os.path.join(a.outdir, "prospects.csv"), "w", newline="") as pf, \
            open(os.path.join(a.outdir, "expected.tsv"), "w") as ef:
        pw = csv.writer(pf)
        pw.writerow(["id", "name", "company", "title", "email", "phone", "source",
                     "notes", "status", "first_contact", "cadence", "due",
                     "due_time", "due_kind", "flags"])
        for pid in range(1, a.n + 1):
            name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
            company = "%s %s" % (rng.choice(COMPANY), rng.choice(SUFFIX))
            due, due_time, kind = None, "", ""
            if pid in due_ids:
                # Step 1 (day 0 + 1, the next workday) today or before.
                d0 = today - dt.timedelta(days=rng.randint(1, 20))
                while workday(raw_step(d0, 1)) > today:
                    d0 -= dt.timedelta(days=1)
            elif rng.random() < 0.5:
                d0 = today
                kind = "explicit"
                due = today + dt.timedelta(days=rng.randint(1, 6))
                if rng.random() < 0.5:
                    due_time = "%02d:%02d" % (rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
            else:
                # Day 0 today: step 1 on the next workday, within the week.
                d0 = today
            if not kind:
                due = workday(raw_step(d0, 1))
            pw.writerow([pid, name, company, rng.choice(["VP Sales", "CTO", "Buyer", ""]),
                         "p%d@%s.example" % (pid, company.split()[0].lower()),
                         "+1 555 %07d" % pid, rng.choice(SOURCES), "", "active",
                         d0.isoformat(), "standard", due.isoformat() if kind else "",
                         due_time, kind, ""])
            ef.write("%d\t%s\n" % (pid, due.isoformat()))
    open(os.path.join(a.outdir, "touches.csv"), "w").write("id,at,channel,outcome,note\n")


if __name__ == "__main__":
    main()
