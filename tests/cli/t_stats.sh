# t_stats.sh - `followup stats`: the follow-up metrics of SPEC §6 (issue 7),
# checked against a fixture built through the CLI whose figures are
# computed by hand below.
#
# Counting (SPEC §6, §2 rule 3): follow-up k is the k-th distinct touch
# date after day 0; touches on day 0 are the first contact; several
# touches on one day are one follow-up.  A touch's step is the follow-up
# number of its date (0 on day 0; 10 stands for 10+).  Responses are
# touches with outcome connected, replied or meeting.
#
# The fixture, seen on TODAY = Tue 2026-12-01 (workdays Mon-Fri, the
# standard cadence 1,3,7,14,28,58 then monthly unless said):
#
#  id name       day 0       flags               status  touches (date channel outcome [step])
#  1  Ana Ruiz   Mon 11-02   verified,need (2)   won     11-02 call connected [0]
#                                                        11-03 email replied [1]
#                                                        11-05 call no-answer [2]
#                                                        11-05 call connected [2]
#                                                        11-09 visit meeting [3]
#                                                        11-16 call won [4] (sets won)
#                    follow-ups 4; first 11-03: 1 day, by Tue 11-03 (on time);
#                    gaps 2, 4, 7
#  2  Bob Stone  Fri 11-06   none (0)            won     11-09 call voicemail [1]
#                                                        11-12 call connected [2]
#                    (edit --status won)  follow-ups 2; first Mon 11-09: 3 days,
#                    the first workday after a Friday (on time); gap 3
#  3  Cleo Park  Tue 11-10   verified,need,      won     11-10 visit won [0]
#                            decider (3)                 follow-ups 0 (won at day 0)
#  4  Dan Wu     Thu 11-05   need (1: decider    lost    11-05 chat replied [0]
#                            unflagged)                  11-10 email no-answer [1]
#                    (edit --status lost)  follow-ups 1; first 5 days, after Fri
#                    11-06 (late)
#  5  Eve Marsh  Mon 10-05   verified,decider,   lost    10-06 call no-answer [1]
#                            timeline (3)                10-08 call busy [2]
#                                                        10-12 email no-answer [3]
#                                                        10-19 call voicemail [4]
#                                                        11-02 call connected [5]
#                                                        11-30 email lost [6] (sets lost)
#                    follow-ups 6; first 1 day (on time); gaps 2, 4, 7, 14, 28
#  6  Fay Lin    Thu 10-01   decider (1)         active  10-01 call connected [0]
#                    11 follow-ups, logged out of order: 10-02 10-05 10-06 10-07
#                    10-08 10-09 10-12 10-13 10-14 (other no-answer, steps 1-9),
#                    10-15 other meeting [10+], 10-16 chat replied [10+];
#                    first 1 day (on time); early all along: due 2027-05-28
#  7  Gus Hill   Mon 11-16   none                active  11-17 call no-answer [1]
#                    follow-ups 1; first 1 day (on time); due Thu 11-19: 12 days
#                    overdue (the oldest)
#  8  Hal Ode    Fri 11-20   none                active  (none) due Mon 11-23: 8 days overdue
#  9  Ivy Chen   Mon 11-02   verified,timeline   active  11-04 email replied [1]
#                            (2)                         11-09 call not-now [2]
#                    cadence short = 2,5 then none: complete after 2 follow-ups
#                    (no next step); first 2 days, after Tue 11-03 (late); gap 5
#
# Hand-computed figures (all prospects):
#   prospects 9: active 4 (Fay Gus Hal Ivy), won 3 (Ana Bob Cleo), lost 2 (Dan Eve)
#   follow-up counts: Ana 4, Bob 2, Cleo 0, Dan 1, Eve 6, Fay 11, Gus 1, Hal 0, Ivy 2
#   followed_up 7; conversion = won with a follow-up (Ana Bob) / 7 = 2/7
#   followups_to_close over won (4, 2, 0): mean 2, median 2
#   funnel reached 1: 7, 2: 5, 3: 3, 4: 3, 5+: 2
#   lost abandoned at: 1 (Dan), 5+ (Eve); after one 1/2; reached five 2/9
#   speed: on time Ana Bob Eve Fay Gus = 5/7; days to first 1,1,1,1,2,3,5:
#     median 1
#   rhythm: won gaps 2,4,7,3 -> median 3.5; lost gaps 2,4,7,14,28 -> 7
#   response by channel: call 5/13, email 2/5, chat 2/2, visit 1/2, other 1/10
#   response by step: 0: 3/4, 1: 2/7, 2: 2/6, 3: 1/3, 4: 0/3, 5: 1/2, 6: 0/2,
#     7: 0/1, 8: 0/1, 9: 0/1, 10+: 2/2                      (32 touches, 11 responses)
#   discipline: overdue 2 (Gus, Hal), oldest Gus #7 12 days; no next step 1 (Ivy)
#   qualification: well (>= 2 flags) Ana Cleo Eve Ivy: 4 prospects, followed
#     up 3 (Ana Eve Ivy), won 2 (Ana Cleo), conversion as above (won with a
#     follow-up / followed up) 1/3; poor Bob Dan Fay Gus Hal: 5 prospects,
#     followed up 4, won 1 (Bob), conversion 1/4

make_stats_fixture() {
	TODAY=2026-12-01
	fu_ok cadence add short 2,5 --then none
	# 1 Ana
	fu_ok add "Ana Ruiz" --company Acme --first-contact 2026-11-02
	fu_ok edit 1 --flag verified --flag need
	fu_ok log 1 --channel call --outcome connected --at "2026-11-02 10:00"
	fu_ok log 1 --channel email --outcome replied --at "2026-11-03 09:00"
	fu_ok log 1 --channel call --outcome no-answer --at "2026-11-05 09:00"
	fu_ok log 1 --channel call --outcome connected --at "2026-11-05 15:00"
	fu_ok log 1 --channel visit --outcome meeting --at "2026-11-09 11:00"
	fu_ok log 1 --channel call --outcome won --at "2026-11-16 10:00"
	# 2 Bob
	fu_ok add "Bob Stone" --company Initech --first-contact 2026-11-06
	fu_ok log 2 --channel call --outcome voicemail --at "2026-11-09 09:30"
	fu_ok log 2 --channel call --outcome connected --at "2026-11-12 16:00"
	fu_ok edit 2 --status won
	# 3 Cleo
	fu_ok add "Cleo Park" --first-contact 2026-11-10 --flag verified --flag need
	fu_ok edit 3 --flag decider
	fu_ok log 3 --channel visit --outcome won --at "2026-11-10 14:00"
	# 4 Dan
	fu_ok add "Dan Wu" --first-contact 2026-11-05
	fu_ok edit 4 --flag need --flag decider
	fu_ok edit 4 --unflag decider
	fu_ok log 4 --channel chat --outcome replied --at "2026-11-05 12:00"
	fu_ok log 4 --channel email --outcome no-answer --at "2026-11-10 08:00"
	fu_ok edit 4 --status lost
	# 5 Eve
	fu_ok add "Eve Marsh" --first-contact 2026-10-05
	fu_ok edit 5 --flag verified --flag decider --flag timeline
	fu_ok log 5 --channel call --outcome no-answer --at "2026-10-06 09:00"
	fu_ok log 5 --channel call --outcome busy --at "2026-10-08 09:00"
	fu_ok log 5 --channel email --outcome no-answer --at "2026-10-12 09:00"
	fu_ok log 5 --channel call --outcome voicemail --at "2026-10-19 09:00"
	fu_ok log 5 --channel call --outcome connected --at "2026-11-02 09:00"
	fu_ok log 5 --channel email --outcome lost --at "2026-11-30 09:00"
	# 6 Fay: logged out of order (only the set of dates counts).
	fu_ok add "Fay Lin" --first-contact 2026-10-01 --flag decider
	fu_ok log 6 --channel chat --outcome replied --at "2026-10-16 10:00"
	fu_ok log 6 --channel other --outcome meeting --at "2026-10-15 10:00"
	local d
	for d in 09 08 07 06 05 02 12 13 14; do
		fu_ok log 6 --channel other --outcome no-answer --at "2026-10-$d 10:00"
	done
	fu_ok log 6 --channel call --outcome connected --at "2026-10-01 10:00"
	# 7 Gus, 8 Hal: overdue.
	fu_ok add "Gus Hill" --first-contact 2026-11-16
	fu_ok log 7 --channel call --outcome no-answer --at "2026-11-17 10:00"
	fu_ok add "Hal Ode" --first-contact 2026-11-20
	# 9 Ivy: a finite cadence, complete.
	fu_ok add "Ivy Chen" --first-contact 2026-11-02 --cadence short --flag verified
	fu_ok edit 9 --flag timeline
	fu_ok log 9 --channel email --outcome replied --at "2026-11-04 10:00"
	fu_ok log 9 --channel call --outcome not-now --at "2026-11-09 10:00"
}

# expect_stats PYDICT: the JSON on stdout equals the Python literal
# exactly (same keys, in any order; ints as ints), floats within 1e-9.
expect_stats() {
	/usr/bin/python3 -c "$STATS_CMP_PY" "$T/out" "$1"
}

STATS_CMP_PY='
import json, sys
got = json.load(open(sys.argv[1]))
want = eval(sys.argv[2], {"null": None})
errs = []
def cmp(path, w, g):
    if isinstance(w, dict):
        if not isinstance(g, dict):
            errs.append("%s: expected an object, got %r" % (path, g)); return
        for k in w:
            if k not in g:
                errs.append("%s: missing key %r" % (path, k))
            else:
                cmp("%s.%s" % (path, k), w[k], g[k])
        for k in g:
            if k not in w:
                errs.append("%s: unexpected key %r" % (path, k))
    elif isinstance(w, list):
        if not isinstance(g, list) or len(g) != len(w):
            errs.append("%s: expected %r, got %r" % (path, w, g)); return
        for i, (a, b) in enumerate(zip(w, g)):
            cmp("%s[%d]" % (path, i), a, b)
    elif w is None:
        if g is not None:
            errs.append("%s: expected null, got %r" % (path, g))
    elif isinstance(w, bool) or isinstance(w, str):
        if g != w or type(g) != type(w):
            errs.append("%s: expected %r, got %r" % (path, w, g))
    elif isinstance(w, int):
        if type(g) is not int or g != w:
            errs.append("%s: expected integer %r, got %r" % (path, w, g))
    elif isinstance(w, float):
        if type(g) not in (int, float) or isinstance(g, bool) or abs(g - w) > 1e-9:
            errs.append("%s: expected %.6f, got %r" % (path, w, g))
cmp("d", want, got)
for line in errs:
    print("    " + line)
sys.exit(1 if errs else 0)
'

# expect_line TEXT: stdout has a line equal to TEXT, runs of spaces
# squeezed to one on both sides (the layout's column padding is free).
expect_line() {
	local want
	want=$(printf '%s' "$1" | tr -s ' ')
	tr -s ' ' <"$T/out" | grep -qxF -- "$want" ||
		fail "stdout lacks the line [$want]: $(cat "$T/out")"
}

# The JSON for the empty database (also any selection with no prospect).
EMPTY_STATS='{
 "prospects": {"total": 0, "active": 0, "won": 0, "lost": 0},
 "followed_up": 0, "conversion_rate": null,
 "followups_to_close": {"mean": null, "median": null},
 "response_rate": {
  "by_channel": {c: {"touches": 0, "responses": 0, "rate": null}
                 for c in ("call", "email", "chat", "visit", "other")},
  "by_step": []},
 "funnel": {
  "reached": {"1": 0, "2": 0, "3": 0, "4": 0, "5+": 0},
  "lost_abandoned_at": {"0": 0, "1": 0, "2": 0, "3": 0, "4": 0, "5+": 0},
  "abandoned_after_one": null, "abandoned_after_one_benchmark": 0.44,
  "reached_five": null, "reached_five_benchmark": 0.08},
 "speed": {"first_followup_by_next_workday": null, "median_days_to_first_followup": null},
 "rhythm": {"median_days_between_followups_won": null, "median_days_between_followups_lost": null},
 "discipline": {"overdue": 0, "oldest_overdue": null, "no_next_step": 0},
 "qualification": {
  "well": {"prospects": 0, "followed_up": 0, "won": 0, "conversion_rate": null},
  "poor": {"prospects": 0, "followed_up": 0, "won": 0, "conversion_rate": null}}
}'

test_stats_fixture_is_as_computed_by_hand() {
	# A guard on the fixture itself, so a figure that fails below is the
	# metric's fault, not the fixture's.
	make_stats_fixture
	fu_ok list --status all --format json
	expect_json '[p["status"] for p in d]' \
		'["won", "won", "won", "lost", "lost", "active", "active", "active", "active"]'
	expect_json '[len(p["flags"]) for p in d]' '[2, 0, 3, 1, 3, 1, 0, 0, 2]'
	expect_json '[p["touch_count"] for p in d]' '[6, 2, 1, 2, 6, 12, 1, 0, 2]'
	fu_ok show 6 --format json
	expect_json 'd["due"]' 2027-05-28
	fu_ok show 7 --format json
	expect_json 'd["due"]' 2026-11-19
	fu_ok show 8 --format json
	expect_json 'd["due"]' 2026-11-23
	fu_ok show 9 --format json
	expect_json 'd["due"]' null
	expect_json 'd["status"]' active
}

test_stats_json_every_figure() {
	make_stats_fixture
	fu_ok stats --format json
	expect_json 'type(d).__name__' dict
	[ "$(wc -l <"$T/out")" -eq 1 ] || fail "json is not one line: $(out)"
	expect_stats '{
 "prospects": {"total": 9, "active": 4, "won": 3, "lost": 2},
 "followed_up": 7, "conversion_rate": 2/7,
 "followups_to_close": {"mean": 2.0, "median": 2.0},
 "response_rate": {
  "by_channel": {
   "call": {"touches": 13, "responses": 5, "rate": 5/13},
   "email": {"touches": 5, "responses": 2, "rate": 2/5},
   "chat": {"touches": 2, "responses": 2, "rate": 1.0},
   "visit": {"touches": 2, "responses": 1, "rate": 0.5},
   "other": {"touches": 10, "responses": 1, "rate": 0.1}},
  "by_step": [
   {"step": 0, "touches": 4, "responses": 3, "rate": 0.75},
   {"step": 1, "touches": 7, "responses": 2, "rate": 2/7},
   {"step": 2, "touches": 6, "responses": 2, "rate": 1/3},
   {"step": 3, "touches": 3, "responses": 1, "rate": 1/3},
   {"step": 4, "touches": 3, "responses": 0, "rate": 0.0},
   {"step": 5, "touches": 2, "responses": 1, "rate": 0.5},
   {"step": 6, "touches": 2, "responses": 0, "rate": 0.0},
   {"step": 7, "touches": 1, "responses": 0, "rate": 0.0},
   {"step": 8, "touches": 1, "responses": 0, "rate": 0.0},
   {"step": 9, "touches": 1, "responses": 0, "rate": 0.0},
   {"step": 10, "touches": 2, "responses": 2, "rate": 1.0}]},
 "funnel": {
  "reached": {"1": 7, "2": 5, "3": 3, "4": 3, "5+": 2},
  "lost_abandoned_at": {"0": 0, "1": 1, "2": 0, "3": 0, "4": 0, "5+": 1},
  "abandoned_after_one": 0.5, "abandoned_after_one_benchmark": 0.44,
  "reached_five": 2/9, "reached_five_benchmark": 0.08},
 "speed": {"first_followup_by_next_workday": 5/7, "median_days_to_first_followup": 1.0},
 "rhythm": {"median_days_between_followups_won": 3.5, "median_days_between_followups_lost": 7.0},
 "discipline": {"overdue": 2, "oldest_overdue": {"id": 7, "name": "Gus Hill", "days": 12},
                "no_next_step": 1},
 "qualification": {
  "well": {"prospects": 4, "followed_up": 3, "won": 2, "conversion_rate": 1/3},
  "poor": {"prospects": 5, "followed_up": 4, "won": 1, "conversion_rate": 0.25}}
}'
}

test_stats_json_key_order_is_stable() {
	# Documented, stable key names: the top-level order is part of the
	# contract scripts see (jq output, diffs).
	make_stats_fixture
	fu_ok stats --format json
	expect_json 'list(d)' '["prospects", "followed_up", "conversion_rate", "followups_to_close", "response_rate", "funnel", "speed", "rhythm", "discipline", "qualification"]'
	expect_json 'list(d["response_rate"]["by_channel"])' '["call", "email", "chat", "visit", "other"]'
	expect_json 'list(d["funnel"]["reached"])' '["1", "2", "3", "4", "5+"]'
	expect_json 'list(d["funnel"]["lost_abandoned_at"])' '["0", "1", "2", "3", "4", "5+"]'
}

test_stats_text_every_figure() {
	make_stats_fixture
	fu_ok stats
	expect_line "Prospects 9 (active 4, won 3, lost 2)"
	expect_line "Conversion 28.6% of 7 prospects with a follow-up won"
	expect_line "To close mean 2, median 2 follow-ups (3 won)"
	expect_line "Persistence reached follow-up 1: 7 2: 5 3: 3 4: 3 5+: 2"
	expect_line " reached five: 22.2% of prospects (only about 8% of reps get there)"
	expect_line "Lost after 0: 0 1: 1 2: 0 3: 0 4: 0 5+: 1 follow-ups"
	expect_line " abandoned after one: 50.0% of lost (44% of reps give up after one)"
	expect_line "Speed first follow-up by the next workday: 71.4%; median 1 day to it"
	expect_line "Rhythm median days between follow-ups: won 3.5, lost 7"
	expect_line "Response rate (connected, replied or meeting)"
	expect_line " call 38.5% (5 of 13)"
	expect_line " email 40.0% (2 of 5)"
	expect_line " chat 100.0% (2 of 2)"
	expect_line " visit 50.0% (1 of 2)"
	expect_line " other 10.0% (1 of 10)"
	expect_line " day 0 75.0% (3 of 4)"
	expect_line " step 1 28.6% (2 of 7)"
	expect_line " step 2 33.3% (2 of 6)"
	expect_line " step 3 33.3% (1 of 3)"
	expect_line " step 4 0.0% (0 of 3)"
	expect_line " step 5 50.0% (1 of 2)"
	expect_line " step 6 0.0% (0 of 2)"
	expect_line " step 7 0.0% (0 of 1)"
	expect_line " step 8 0.0% (0 of 1)"
	expect_line " step 9 0.0% (0 of 1)"
	expect_line " step 10+ 100.0% (2 of 2)"
	expect_line "Discipline 2 overdue (oldest: Gus Hill #7, 12 days); 1 needs a decision"
	expect_out_lacks "no data yet"
	# Qualification: the same conversion (won with a follow-up / followed
	# up) per group: well 1 of 3, poor 1 of 4.
	grep -E '^Qualification +well qualified' "$T/out" | grep -qF "33.3%" ||
		fail "well-qualified conversion is not 33.3% (Ana of Ana, Eve, Ivy): $(grep -A1 '^Qualification' "$T/out")"
	grep -E '^ +poorly qualified' "$T/out" | grep -qF "25.0%" ||
		fail "poorly-qualified conversion is not 25.0%: $(grep -A1 '^Qualification' "$T/out")"
	grep -E '^ +poorly qualified' "$T/out" | grep -qF "(1 of 4 followed up)" ||
		fail "poorly qualified: $(grep -A1 '^Qualification' "$T/out")"
}

test_stats_qualification_conversion_is_a_rate() {
	# Won at the first contact (no follow-up) is not a follow-up
	# conversion (SPEC §6: won / prospects with a follow-up, as the overall
	# figure counts it): the group rates stay within 0..1.
	TODAY=2026-11-10
	fu_ok add "Won one" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome won --at "2026-11-02 10:00"
	fu_ok add "Won two" --first-contact 2026-11-02
	fu_ok log 2 --channel visit --outcome won --at "2026-11-02 11:00"
	fu_ok add "Chased" --first-contact 2026-11-02
	fu_ok log 3 --channel call --outcome no-answer --at "2026-11-03 10:00"
	fu_ok stats --format json
	expect_json 'd["conversion_rate"]' 0.0
	expect_json 'd["followed_up"]' 1
	expect_json 'd["qualification"]["poor"]["followed_up"]' 1
	expect_json 'd["qualification"]["poor"]["prospects"]' 3
	expect_json 'd["qualification"]["poor"]["conversion_rate"]' 0.0
	fu_ok stats
	expect_out_lacks "200.0%"
}

test_stats_empty_database() {
	fu_ok stats --format json
	expect_stats "$EMPTY_STATS"
	fu_ok stats
	expect_out_has "no data yet"
	expect_line "Prospects 0 (active 0, won 0, lost 0)"
	expect_out_lacks "nan"
	expect_out_lacks "inf"
	# Prospects but no touches: no division by zero either.
	fu_ok add "Lonely" --first-contact 2026-11-02
	fu_ok stats --format json
	expect_json 'd["prospects"]["total"]' 1
	expect_json 'd["followed_up"]' 0
	expect_json 'd["conversion_rate"]' null
	expect_json 'd["funnel"]["reached_five"]' 0.0
	expect_json 'd["speed"]' '{"first_followup_by_next_workday": null, "median_days_to_first_followup": null}'
	expect_json 'd["response_rate"]["by_step"]' '[]'
	expect_json 'd["qualification"]["poor"]' '{"prospects": 1, "followed_up": 0, "won": 0, "conversion_rate": null}'
	fu_ok stats
	expect_out_lacks "no data yet"
	expect_out_lacks "nan"
	expect_line "Conversion - of 0 prospects with a follow-up won"
	expect_line "To close mean -, median - follow-ups (0 won)"
	expect_line "Discipline 0 overdue; 0 need a decision"
}

test_stats_from_to_selects_by_day0() {
	make_stats_fixture
	# Day 0 in 11-01..11-10: Ana, Bob, Cleo, Dan, Ivy.
	#   followed up Ana Bob Dan Ivy (4), won with one Ana Bob: 2/4
	#   funnel 4, 3 (Ana Bob Ivy), 1, 1, 0; lost Dan at 1: after one 1/1
	#   speed: on time Ana Bob: 2/4; days 1, 3, 5, 2: median 2.5
	#   rhythm: won 2, 4, 7, 3: 3.5; lost none: null
	#   call 3/7 (Ana 2/4, Bob 1/2, Ivy 0/1), email 2/3, chat 1/1, visit 1/2
	#   overdue none (Gus, Hal are outside); Ivy needs a decision
	fu_ok stats --from 2026-11-01 --to 2026-11-10
	expect_line "Prospects 5 (active 1, won 3, lost 1)"
	expect_line "Speed first follow-up by the next workday: 50.0%; median 2.5 days to it"
	expect_line "Rhythm median days between follow-ups: won 3.5, lost -"
	expect_line "Discipline 0 overdue; 1 needs a decision"
	expect_out_lacks " other "
	fu_ok stats --from 2026-11-01 --to 2026-11-10 --format json
	expect_stats '{
 "prospects": {"total": 5, "active": 1, "won": 3, "lost": 1},
 "followed_up": 4, "conversion_rate": 0.5,
 "followups_to_close": {"mean": 2.0, "median": 2.0},
 "response_rate": {
  "by_channel": {
   "call": {"touches": 7, "responses": 3, "rate": 3/7},
   "email": {"touches": 3, "responses": 2, "rate": 2/3},
   "chat": {"touches": 1, "responses": 1, "rate": 1.0},
   "visit": {"touches": 2, "responses": 1, "rate": 0.5},
   "other": {"touches": 0, "responses": 0, "rate": null}},
  "by_step": [
   {"step": 0, "touches": 3, "responses": 2, "rate": 2/3},
   {"step": 1, "touches": 4, "responses": 2, "rate": 0.5},
   {"step": 2, "touches": 4, "responses": 2, "rate": 0.5},
   {"step": 3, "touches": 1, "responses": 1, "rate": 1.0},
   {"step": 4, "touches": 1, "responses": 0, "rate": 0.0}]},
 "funnel": {
  "reached": {"1": 4, "2": 3, "3": 1, "4": 1, "5+": 0},
  "lost_abandoned_at": {"0": 0, "1": 1, "2": 0, "3": 0, "4": 0, "5+": 0},
  "abandoned_after_one": 1.0, "abandoned_after_one_benchmark": 0.44,
  "reached_five": 0.0, "reached_five_benchmark": 0.08},
 "speed": {"first_followup_by_next_workday": 0.5, "median_days_to_first_followup": 2.5},
 "rhythm": {"median_days_between_followups_won": 3.5, "median_days_between_followups_lost": null},
 "discipline": {"overdue": 0, "oldest_overdue": null, "no_next_step": 1},
 "qualification": {
  "well": {"prospects": 3, "followed_up": 2, "won": 2, "conversion_rate": 0.5},
  "poor": {"prospects": 2, "followed_up": 2, "won": 1, "conversion_rate": 0.5}}
}'
}

test_stats_from_to_bounds() {
	make_stats_fixture
	# --from alone: Gus and Hal (day 0 11-16, 11-20), both overdue.
	fu_ok stats --from 2026-11-16 --format json
	expect_json 'd["prospects"]' '{"total": 2, "active": 2, "won": 0, "lost": 0}'
	expect_json 'd["followed_up"]' 1
	expect_json 'd["conversion_rate"]' 0.0
	expect_json 'd["followups_to_close"]' '{"mean": null, "median": null}'
	expect_json 'd["funnel"]["abandoned_after_one"]' null
	expect_json 'd["discipline"]' '{"overdue": 2, "oldest_overdue": {"id": 7, "name": "Gus Hill", "days": 12}, "no_next_step": 0}'
	# --to alone: Fay and Eve (October).
	fu_ok stats --to 2026-10-31 --format json
	expect_json 'd["prospects"]' '{"total": 2, "active": 1, "won": 0, "lost": 1}'
	expect_json 'd["funnel"]["reached"]' '{"1": 2, "2": 2, "3": 2, "4": 2, "5+": 2}'
	expect_json 'd["funnel"]["reached_five"]' 1.0
	expect_json 'd["discipline"]["overdue"]' 0
	# Bounds are inclusive: day 0 11-02 is Ana and Ivy.
	fu_ok stats --from 2026-11-02 --to 2026-11-02 --format json
	expect_json 'd["prospects"]["total"]' 2
	expect_json 'd["qualification"]["well"]["prospects"]' 2
	fu_ok stats --from 2026-11-03 --to 2026-11-04 --format json
	expect_stats "$EMPTY_STATS"
	fu_ok stats --from 2026-11-03 --to 2026-11-04
	expect_out_has "no data yet"
	# Relative dates name the past: yesterday .. today selects nobody.
	fu_ok stats --from yesterday --format json
	expect_json 'd["prospects"]["total"]' 0
	# Stats never write.
	local before
	before=$(db_hash)
	fu_ok stats --from 2026-11-01
	[ "$(db_hash)" = "$before" ] || fail "stats changed the database"
}

test_stats_weekend_holiday_and_away_speed() {
	# The 24-hour rule in dates: "the first workday after day 0" follows
	# the workday calendar of SPEC §2 rule 2: weekends, holidays, time off.
	TODAY=2026-11-30
	printf '[schedule]\nholidays = 2026-11-10\n' >"$T/config/followup/config"
	fu_ok away 2026-11-23 2026-11-24
	fu_ok add "Fri lead" --first-contact 2026-11-06    # next workday Mon 11-09
	fu_ok log 1 --channel call --outcome no-answer --at "2026-11-09 10:00"  # on time, 3 days
	fu_ok add "Sat lead" --first-contact 2026-11-07    # next workday Mon 11-09
	fu_ok log 2 --channel call --outcome no-answer --at "2026-11-10 10:00"  # late, 3 days
	fu_ok add "Mon lead" --first-contact 2026-11-09    # Tue 11-10 a holiday: Wed 11-11
	fu_ok log 3 --channel call --outcome no-answer --at "2026-11-11 10:00"  # on time, 2 days
	fu_ok add "Fri away" --first-contact 2026-11-20    # Mon, Tue away: Wed 11-25
	fu_ok log 4 --channel call --outcome no-answer --at "2026-11-25 10:00"  # on time, 5 days
	fu_ok add "Thu lead" --first-contact 2026-11-12    # Fri 11-13
	fu_ok log 5 --channel call --outcome no-answer --at "2026-11-16 10:00"  # late, 4 days
	fu_ok stats --format json
	expect_json 'd["speed"]["first_followup_by_next_workday"]' 0.6
	# days 3, 3, 2, 5, 4: median 3
	expect_json 'd["speed"]["median_days_to_first_followup"]' 3.0
	fu_ok stats
	expect_line "Speed first follow-up by the next workday: 60.0%; median 3 days to it"
}

test_stats_bad_input() {
	make_stats_fixture
	expect_refused 2 "--from" stats --from 2026-13-01
	expect_refused 2 "--to" stats --to notadate
	expect_refused 2 "--to" stats --from 2026-11-10 --to 2026-11-01
	expect_refused 2 "xml" stats --format xml
	expect_refused 2 "" stats --format tsv
	expect_refused 2 "" stats extra
	expect_refused 2 "" stats --bogus
	[ ! -s "$T/out" ] || fail "output on error: $(out)"
	# --to equal to --from is fine.
	fu_ok stats --from 2026-11-10 --to 2026-11-10
}

# --- issue 14: two bugs found by an independent recomputation ---------------

test_stats_oldest_overdue_name_is_whole_and_valid_utf8() {
	# The name was cut to 127 bytes in a fixed buffer: a 2-byte character
	# at byte 127 was cut in half and the whole JSON document invalid.
	local name
	name="$(printf 'A%.0s' $(seq 126))é Smith"
	fu_ok add "$name" --first-contact 2026-10-01
	fu_ok stats --format json
	iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null || fail "stats JSON is not valid UTF-8"
	expect_json 'd["discipline"]["oldest_overdue"]["name"]' "$name"
	name=$(printf 'B%.0s' $(seq 200))
	fu_ok edit 1 --name "$name"
	fu_ok stats --format json
	expect_json 'len(d["discipline"]["oldest_overdue"]["name"])' 200
}

test_stats_qualification_line_counts_what_its_rate_counts() {
	# "0.0% won (1 of 1 followed up)": the rate counted wins after a
	# follow-up, the bracket every win.  Both now count the same.
	TODAY=2026-11-10
	fu_ok add "Won at once" --first-contact 2026-11-02 --flag verified --flag need
	fu_ok edit 1 --status won
	fu_ok add "Chased" --first-contact 2026-11-02 --flag verified --flag need
	fu_ok log 2 --channel call --outcome no-answer --at "2026-11-03 10:00"
	fu_ok stats
	expect_line "Qualification well qualified (2+ flags): 0.0% won (0 of 1 followed up), 1 won in all"
	expect_line " poorly qualified: - won (0 of 0 followed up), 0 won in all"
}
