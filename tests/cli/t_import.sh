# t_import.sh - CSV import and export, SPEC §5 / issue 6: `import FILE|-
# [--dry-run] [--strict] [--start DATE]`, `import --touches FILE`,
# `export csv [FILE] [--touches]`.  The CRM sample exports and the edge-case
# files live in tests/data/csv/; each test copies the one it needs into $T,
# so that reports name it by its short name.  TODAY is Mon 2026-11-02
# unless a test says otherwise.

# --- helpers ---------------------------------------------------------------

CSVDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../data/csv" 2>/dev/null && pwd)

# fixture NAME...: copy tests/data/csv/NAME into $T.
fixture() {
	local f
	for f in "$@"; do
		[ -f "$CSVDIR/$f" ] || fail "no fixture $CSVDIR/$f" || return 1
		cp "$CSVDIR/$f" "$T/$f"
	done
}

# expect_err TEXT: standard error is exactly TEXT (lines joined by \n).
expect_err() {
	local got
	got=$(cat "$T/err")
	[ "$got" = "$1" ] || fail "expected stderr:
$1
    got:
$got"
}

# expect_unknown_columns FILE NAME...: standard error is one line,
# "followup: FILE:1: ...", that names every NAME exactly once (quoted) and
# nothing else that looks like a column.
expect_unknown_columns() {
	local file=$1 name n
	shift
	n=$(wc -l <"$T/err")
	[ "$n" -eq 1 ] || fail "expected one stderr line naming the unknown columns, got $n: $(cat "$T/err")" || return 1
	grep -q "^followup: $file:1: " "$T/err" || fail "unknown columns line: $(cat "$T/err")" || return 1
	for name in "$@"; do
		[ "$(grep -oF "'$name'" "$T/err" | wc -l)" -eq 1 ] ||
			fail "stderr does not name '$name' once: $(cat "$T/err")" || return 1
	done
	[ "$(grep -o "'[^']*'" "$T/err" | wc -l)" -eq $# ] ||
		fail "stderr names other columns than $*: $(cat "$T/err")"
}

# keep_io / restore_io: save the last command's stdout and stderr, and put
# them back after other commands (expect_fields, expect_count) ran.
keep_io() { cp "$T/out" "$T/kept.out" && cp "$T/err" "$T/kept.err"; }
restore_io() { cp "$T/kept.out" "$T/out" && cp "$T/kept.err" "$T/err"; }

# expect_fields ID JSON: `show ID --format json` has these keys and values.
expect_fields() {
	fu_ok show "$1" --format json || return 1
	/usr/bin/python3 - "$T/out" "$2" <<'EOF' || return 1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = json.loads(sys.argv[2])
j = lambda v: json.dumps(v, ensure_ascii=False)
bad = ["%s: expected %s, got %s" % (k, j(v), j(d.get(k, "<absent>")))
       for k, v in want.items() if d.get(k, "<absent>") != v]
if bad:
    print("    prospect %s (%s): %s" % (d.get("id"), d.get("name"), "; ".join(bad)))
    sys.exit(1)
EOF
}

# prospect_count: how many prospects (any status) the database holds.
prospect_count() {
	fu_ok list --status all --format json || return 1
	jget 'len(d)'
}

# expect_count N: the database holds N prospects.
expect_count() {
	local n
	n=$(prospect_count) || return 1
	[ "$n" = "$1" ] || fail "expected $1 prospects, found $n: $(cat "$T/out")"
}

# no_empty_strings: no text field of any prospect is "" (SPEC §3).
no_empty_strings() {
	fu_ok list --status all --format json || return 1
	/usr/bin/python3 - "$T/out" <<'EOF' || return 1
import json, sys
bad = ["#%s %s" % (p["id"], k) for p in json.load(open(sys.argv[1])) for k, v in p.items() if v == ""]
if bad:
    print("    empty strings instead of null: " + ", ".join(bad))
    sys.exit(1)
EOF
}

# snapshot FILE: every prospect (any status) with its touches, as one JSON
# object keyed by id, touch ids left out (they are the database's own).
snapshot() {
	local ids id
	fu_ok list --status all --format json || return 1
	ids=$(jget '" ".join(str(p["id"]) for p in sorted(d, key=lambda p: p["id"]))') || return 1
	: >"$T/snap.lines"
	for id in $ids; do
		fu_ok show "$id" --format json || return 1
		cat "$T/out" >>"$T/snap.lines"
		echo >>"$T/snap.lines"
	done
	/usr/bin/python3 - "$T/snap.lines" "$1" <<'EOF'
import json, sys
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        p = json.loads(line)
        for t in p["touches"]:
            del t["id"]
        out[str(p["id"])] = p
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1, sort_keys=True)
EOF
}

# same_snapshots A B: two snapshots hold the same prospects, compared field
# by field; every difference is listed.
same_snapshots() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
j = lambda v: json.dumps(v, ensure_ascii=False)
bad = []
for i in sorted(set(a) | set(b), key=int):
    if i not in b:
        bad.append("#%s %s: missing after the round trip" % (i, a[i]["name"]))
    elif i not in a:
        bad.append("#%s %s: new after the round trip" % (i, b[i]["name"]))
    else:
        for k in sorted(set(a[i]) | set(b[i])):
            if a[i].get(k) != b[i].get(k):
                bad.append("#%s %s %s: was %s, now %s" % (i, a[i]["name"], k, j(a[i].get(k)), j(b[i].get(k))))
if bad:
    print("    " + "\n    ".join(bad))
    sys.exit(1)
EOF
}

# fu_stdin FILE ARGS: like fu, with standard input read from FILE.
fu_stdin() {
	local in=$1
	shift
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" \
		XDG_CONFIG_HOME="$T/config" TZ="${TZ_TEST:-UTC}" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FOLLOWUP_DB="${DB-$T/fu.db}" FOLLOWUP_TODAY="$TODAY" \
		"$FU" "$@" <"$in" >"$T/out" 2>"$T/err" && RC=0 || RC=$?
	return 0
}

# big_csv FILE N: N distinct prospects (unique email and phone), LF.
big_csv() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("name,company,email,phone,first_contact,notes\n")
    for i in range(int(sys.argv[2])):
        f.write('Person %d,"Company %d, Inc.",p%d@example.com,+1 555 %07d,2026-10-01,"row %d"\n'
                % (i, i % 1000, i, i, i))
EOF
}

# The rows of bad-rows.csv, as reported.
BAD_ROWS_ERR="followup: bad-rows.csv:3: no name
followup: bad-rows.csv:4: malformed email 'bo@@x.example'
followup: bad-rows.csv:5: invalid date '2026-02-30'
followup: bad-rows.csv:7: expected 4 fields, found 2
followup: bad-rows.csv:8: expected 4 fields, found 5
followup: bad-rows.csv:10: malformed email 'gus.example'"

# --- CRM sample exports ------------------------------------------------------

test_import_hubspot_contacts_export() {
	fixture hubspot-contacts.csv
	fu import hubspot-contacts.csv
	expect_rc 0
	expect_out "imported 3, updated 0, skipped 0"
	expect_unknown_columns hubspot-contacts.csv 'Record ID' 'Lifecycle Stage' 'Contact owner'
	expect_count 3
	# "Create Date" 2026-10-28 14:33 is day 0 (Wed): step 1 Thu 10-29.
	expect_fields 1 '{"id":1,"name":"Ana Ruiz","company":"Acme, Inc.","title":"VP Sales",
		"email":"ana.ruiz@acme.example","phone":"+1 555 0100","source":"Referral","notes":null,
		"status":"active","first_contact":"2026-10-28","cadence":"standard","due":"2026-10-29",
		"due_kind":"cadence","step":1,"overdue_days":4,"touch_count":0,"flags":[]}'
	expect_fields 2 '{"name":"Bo Chen","company":"Globex","title":"Head of Ops",
		"email":"bo.chen@globex.example","phone":null,"source":"Webinar","first_contact":"2026-10-29",
		"due":"2026-10-30"}'
	# Fri 10-30: Day 1 is a Saturday, so Monday.
	expect_fields 3 '{"name":"Zoë Lambert","company":"Initech","title":null,"email":null,
		"phone":"+33 1 23 45 67 89","source":null,"first_contact":"2026-10-30","due":"2026-11-02",
		"overdue_days":0}'
	no_empty_strings
	# The same file again: every row is a duplicate (by email, or by phone
	# for Zoë) with nothing new.
	fu import hubspot-contacts.csv
	expect_rc 0
	expect_out "imported 0, updated 0, skipped 3"
	expect_unknown_columns hubspot-contacts.csv 'Record ID' 'Lifecycle Stage' 'Contact owner'
	expect_count 3
}

test_import_salesforce_contacts_export() {
	fixture salesforce-contacts.csv
	fu import salesforce-contacts.csv
	expect_rc 0
	expect_out "imported 2, updated 0, skipped 0"
	expect_unknown_columns salesforce-contacts.csv 'Contact ID' 'Mailing City'
	expect_count 2
	expect_fields 1 '{"name":"Kenji Tanaka","company":"東京商事","title":"部長",
		"email":"kenji@tokyo-shoji.example","phone":"+81 3 1234 5678","source":"Trade Show",
		"notes":null,"first_contact":"2026-10-27","due":"2026-10-28","step":1}'
	expect_fields 2 '{"name":"Priya Natarajan","company":"Umbrella Health","title":"Procurement Lead",
		"email":"priya@umbrella.example","phone":"+44 20 7946 0958","source":"Cold Call",
		"first_contact":"2026-10-26","due":"2026-10-27"}'
	no_empty_strings
}

test_import_pipedrive_people_export() {
	fixture pipedrive-people.csv
	fu import pipedrive-people.csv
	expect_rc 0
	expect_out "imported 2, updated 0, skipped 0"
	expect_unknown_columns pipedrive-people.csv 'Person - Label'
	# No date column: day 0 is today.
	expect_fields 1 '{"name":"Dora Diaz","company":"Hooli","email":"dora@hooli.example",
		"phone":"+1 (555) 010-0199","title":null,"source":null,"first_contact":"2026-11-02",
		"due":"2026-11-03","step":1}'
	expect_fields 2 '{"name":"Eli Stone","company":null,"email":"eli@stone.example","phone":null,
		"first_contact":"2026-11-02"}'
	no_empty_strings
}

# --- RFC 4180 -----------------------------------------------------------------

test_import_rfc4180_edge_cases() {
	fixture rfc4180-edge.csv
	# The fixture really has what it claims (no line-ending normalisation).
	[ "$(grep -c $'\r$' "$T/rfc4180-edge.csv")" -ge 6 ] || fail "fixture lost its CRLFs"
	grep -q $'^line two$' "$T/rfc4180-edge.csv" || fail "fixture lost its bare LF"
	[ -n "$(tail -c 1 "$T/rfc4180-edge.csv")" ] || fail "fixture ends in a line break"
	fu import rfc4180-edge.csv
	expect_rc 2
	expect_out "imported 6, updated 0, skipped 0, rejected 1"
	# Line 11 follows records spanning lines 2-4 and 7-10.
	expect_err "followup: rfc4180-edge.csv:11: no name
followup: import 'rfc4180-edge.csv': 1 bad row (reported above)"
	expect_count 6
	# Doubled quotes, embedded comma, embedded CRLF and LF kept as written.
	expect_fields 1 '{"name":"Ana \"The Closer\" Ruiz","company":"Acme, Inc.","title":null,
		"email":"ana@acme.example","phone":null,"notes":"line one\r\nline two\nline three"}'
	expect_fields 2 '{"name":"Bo Chen","company":null,"title":null,"email":null,"phone":null,
		"source":null,"notes":null}'
	# Quoted empty fields are absent too.
	expect_fields 3 '{"name":"Cy, Jr.","company":null,"title":"CTO","email":null,
		"phone":"+1 555 0100","notes":null}'
	# A field that is one quote; a quoted field that begins with a quote.
	expect_fields 4 '{"name":"Dee","company":"Multi\nline\nCo","title":"\"","email":"dee@x.example",
		"notes":"say \"hi\", then\r\n\"bye\""}'
	# UTF-8; a blank quoted field is absent.
	expect_fields 5 '{"name":"Zoë","company":"Émile & Fils","notes":null}'
	# The last record has no line break.
	expect_fields 6 '{"name":"Eve","notes":"last, \"quoted\" and no line break"}'
	no_empty_strings
}

test_import_bom_and_crlf() {
	fixture bom-crlf.csv
	[ "$(head -c 3 "$T/bom-crlf.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "fixture has no BOM"
	fu_ok import bom-crlf.csv
	expect_out "imported 2, updated 0, skipped 0"
	# The BOM is not part of the first header ("Name", quoted), and no
	# field keeps a CR.
	expect_fields 1 '{"name":"Zoë Lambert","email":"zoe@initech.example","company":"Initech, SA"}'
	expect_fields 2 '{"name":"Bo Chen","email":"bo@globex.example","company":"Globex"}'
	fu_ok list --status all --format json
	! grep -q -e '\\r' -e $'\xef\xbb\xbf' -e '\\ufeff' "$T/out" || fail "CR or BOM in the data: $(out)"
}

# --- bad rows, --strict, --dry-run -------------------------------------------

test_import_bad_rows_reported_with_physical_line_numbers() {
	fixture bad-rows.csv
	fu import bad-rows.csv
	expect_rc 2
	expect_out "imported 2, updated 0, skipped 0, rejected 6"
	expect_err "$BAD_ROWS_ERR
followup: import 'bad-rows.csv': 6 bad rows (reported above)"
	# The good rows are in, the bad ones are not.
	expect_count 2
	fu_ok list --status all --format json
	expect_json '[p["name"] for p in sorted(d, key=lambda p: p["id"])]' '["Ana Ruiz", "Fay"]'
	expect_fields 1 '{"name":"Ana Ruiz","email":"ana@x.example","first_contact":"2026-10-01"}'
	expect_fields 2 '{"name":"Fay","email":"fay@x.example","phone":"+1 555 0100","first_contact":"2026-10-30"}'
}

test_import_strict_imports_nothing_when_a_row_is_bad() {
	local before
	fu_ok add "Already here"
	fixture bad-rows.csv bom-crlf.csv
	before=$(db_hash)
	fu import --strict bad-rows.csv
	expect_rc 2
	keep_io
	[ "$(db_hash)" = "$before" ] || fail "--strict with bad rows changed the database"
	expect_count 1
	restore_io
	# The bad rows are still reported, each on its line.
	grep -F 'bad-rows.csv:' "$T/err" | grep -v "^followup: import " >"$T/rows" || true
	[ "$(cat "$T/rows")" = "$BAD_ROWS_ERR" ] || fail "--strict reports: $(cat "$T/err")"
	expect_out_has "rejected 6"
	# The summary must not claim rows were imported when none were.
	! grep -q '^imported [1-9]' "$T/out" || fail "--strict summary claims imports that did not happen: $(out)"
	# A clean file imports normally under --strict.
	fu_ok import --strict bom-crlf.csv
	expect_out "imported 2, updated 0, skipped 0"
	expect_count 3
}

test_import_dry_run_writes_nothing() {
	local before
	fu_ok add "Ana Ruiz" --email ana.ruiz@acme.example
	fixture hubspot-contacts.csv bad-rows.csv touches.csv
	before=$(db_hash)
	fu import --dry-run hubspot-contacts.csv
	expect_rc 0
	expect_out "would import 2, update 1, skip 0 (dry run: nothing written)"
	expect_unknown_columns hubspot-contacts.csv 'Record ID' 'Lifecycle Stage' 'Contact owner'
	[ "$(db_hash)" = "$before" ] || fail "--dry-run changed the database"
	expect_count 1
	expect_fields 1 '{"company":null,"title":null,"phone":null}'
	# With bad rows: the same reports and exit status, still nothing written.
	fu import --dry-run bad-rows.csv
	expect_rc 2
	expect_out "would import 2, update 0, skip 0, rejected 6 (dry run: nothing written)"
	expect_err "$BAD_ROWS_ERR
followup: import 'bad-rows.csv': 6 bad rows (reported above)"
	[ "$(db_hash)" = "$before" ] || fail "--dry-run with bad rows changed the database"
	# A touch log too.
	fu import --dry-run --touches touches.csv
	[ "$(db_hash)" = "$before" ] || fail "--dry-run --touches changed the database"
	# The real import does what the dry run said.
	fu import hubspot-contacts.csv
	expect_rc 0
	expect_out "imported 2, updated 1, skipped 0"
	expect_count 3
	expect_fields 1 '{"name":"Ana Ruiz","company":"Acme, Inc.","title":"VP Sales","phone":"+1 555 0100"}'
}

# --- duplicates -----------------------------------------------------------------

test_import_duplicates_by_email_and_phone() {
	fu_ok add "Ana Ruiz" --email Ana@Acme.example --company Acme
	fu_ok add "Bo Chen" --phone "+15550100100"
	fixture duplicates.csv
	fu import duplicates.csv
	expect_rc 0
	keep_io
	expect_count 4
	# #1 by email (case-insensitive): empty fields filled, the differing
	# company and the email as stored kept.
	expect_fields 1 '{"name":"Ana Ruiz","company":"Acme","title":"VP Sales","email":"Ana@Acme.example",
		"phone":null,"source":"Referral"}'
	# #2 by phone ("+1 (555) 010-0100" is "+15550100100"): filled, phone kept.
	expect_fields 2 '{"name":"Bo Chen","company":"Globex","email":"bo@globex.example",
		"phone":"+15550100100","title":null,"source":null}'
	# Within the file: line 5 is line 4's Cy (by email), line 7 line 6's Dan
	# (by phone).
	expect_fields 3 '{"name":"Cy Diaz","company":"Initech","title":"CTO","email":"cy@initech.example",
		"phone":"+44 20 7946 0958","source":"Webinar"}'
	expect_fields 4 '{"name":"Dan Eto","company":"DanCo","phone":"555-0199","email":null}'
	restore_io
	# Conflicts: differing non-empty values only.  A phone equal after
	# normalisation, like an email equal but for case, is the same value.
	! grep -qi 'phone' "$T/err" || fail "a phone equal after normalisation reported as a conflict: $(cat "$T/err")"
	expect_err "followup: duplicates.csv:2: duplicate of #1 'Ana Ruiz': company 'Acme' kept, the file has 'Acme Corp'
followup: duplicates.csv:7: duplicate of #4 'Dan Eto': name 'Dan Eto' kept, the file has 'Daniel Eto'"
	# Cy and Dan new; Ana, Bo, Cy (line 5) and Dan (line 7) updated; line 8
	# brings nothing new.
	expect_out "imported 2, updated 4, skipped 1, conflicts 2"
}

# --- day 0 ----------------------------------------------------------------------

test_import_start_overrides_the_create_date() {
	fixture hubspot-contacts.csv pipedrive-people.csv
	# Without --start the create date is day 0 (test_import_hubspot_...).
	DB=$T/today.db
	fu import --start today hubspot-contacts.csv
	expect_rc 0
	expect_out "imported 3, updated 0, skipped 0"
	local id
	for id in 1 2 3; do
		expect_fields $id '{"first_contact":"2026-11-02","due":"2026-11-03","step":1,"overdue_days":0}'
	done
	# A Sunday: step 1 (Mon 11-02) is due today.
	DB=$T/sunday.db
	fu import --start 2026-11-01 hubspot-contacts.csv
	expect_rc 0
	for id in 1 2 3; do
		expect_fields $id '{"first_contact":"2026-11-01","due":"2026-11-02","step":1,"overdue_days":0}'
	done
	# A file without a date column takes --start as well.
	DB=$T/pd.db
	fu import --start 2026-10-26 pipedrive-people.csv
	expect_rc 0
	expect_fields 1 '{"first_contact":"2026-10-26","due":"2026-10-27","overdue_days":6}'
	# A bad --start is refused before anything happens.
	expect_refused 2 "2026-02-30" import --start 2026-02-30 hubspot-contacts.csv
}

test_import_start_after_today_is_refused_as_one_error() {
	fixture hubspot-contacts.csv
	fu_ok add "Already here"
	fu import --start 2026-11-05 hubspot-contacts.csv
	expect_rc 2
	keep_io
	expect_count 1
	restore_io
	# The offending value is --start's, not the file's create dates.
	grep -q "2026-11-05" "$T/err" || fail "error does not name --start 2026-11-05: $(cat "$T/err")"
	! grep -q "2026-10-2[89]" "$T/err" || fail "error blames the file's create dates for --start: $(cat "$T/err")"
}

# --- formula guard --------------------------------------------------------------

test_export_csv_formula_guard() {
	fu_ok add '=SUM(A1:A2)' --company '+1 555' --title '-5' --source '@home' \
		--email x@y.example --phone '+34 600 111 222' --note '=cmd|calc'
	fu_ok log 1 --channel call --outcome connected --at '2026-11-02 09:00' --note '=HYPERLINK("x")'
	fu_ok export csv
	# Header: the JSON names of SPEC §3, CRLF line ends.
	[ "$(sed -n 1p "$T/out")" = $'id,name,company,title,email,phone,source,notes,status,first_contact,cadence,due,due_time,due_kind,step,overdue_days,touch_count,last_touch,flags,agenda\r' ] ||
		fail "header: $(sed -n 1p "$T/out" | od -c | head -3)"
	[ "$(sed -n 2p "$T/out")" = $'1,\'=SUM(A1:A2),\'+1 555,\'-5,x@y.example,\'+34 600 111 222,\'@home,\'=cmd|calc,active,2026-11-02,standard,2026-11-03,,cadence,1,0,1,2026-11-02T09:00,,\r' ] ||
		fail "row: $(sed -n 2p "$T/out")"
	[ "$(wc -l <"$T/out")" -eq 2 ] || fail "export: $(out)"
	cp "$T/out" "$T/stdout.csv"
	# FILE and - write the same bytes.
	fu_ok export csv "$T/p.csv"
	expect_out "exported 1 prospect to $T/p.csv"
	cmp -s "$T/p.csv" "$T/stdout.csv" || fail "export csv FILE differs from stdout"
	fu_ok export csv -
	cmp -s "$T/out" "$T/stdout.csv" || fail "export csv - differs"
	fu_ok export csv --touches "$T/t.csv"
	expect_out "exported 1 touch to $T/t.csv"
	[ "$(cat "$T/t.csv")" = $'id,email,phone,at,channel,outcome,note\r\n1,x@y.example,\'+34 600 111 222,2026-11-02T09:00,call,connected,"\'=HYPERLINK(""x"")"\r' ] ||
		fail "touch export: $(cat "$T/t.csv")"
	# Import strips the guard again.
	DB=$T/new.db
	fu_ok import "$T/p.csv"
	expect_out "imported 1, updated 0, skipped 0"
	expect_fields 1 '{"name":"=SUM(A1:A2)","company":"+1 555","title":"-5","source":"@home",
		"phone":"+34 600 111 222","notes":"=cmd|calc"}'
	fu_ok import --touches "$T/t.csv"
	fu_ok show 1 --format json
	expect_json 'd["touches"][0]["note"]' '=HYPERLINK("x")'
	# An apostrophe that is no guard stays.
	printf "name,company,title\n'twas,O'Brien & Co,'hello'\n" >"$T/apos.csv"
	fu_ok import "$T/apos.csv"
	expect_fields 2 "{\"name\":\"'twas\",\"company\":\"O'Brien & Co\",\"title\":\"'hello'\"}"
}

test_export_csv_guard_keeps_a_leading_apostrophe() {
	# A value that itself begins with ' and a formula character must come
	# back as it was, not lose its apostrophe to the guard stripping.
	fu_ok add "'=not a formula" --company "'+44"
	fu_ok export csv "$T/p.csv"
	DB=$T/new.db
	fu_ok import "$T/p.csv"
	expect_fields 1 "{\"name\":\"'=not a formula\",\"company\":\"'+44\"}"
}

# --- round trip -------------------------------------------------------------------

# make_round_trip_db: prospects covering every exported field.  Ids 1-8
# with 6 deleted (ids are kept by the round trip too).
make_round_trip_db() {
	fu_ok cadence add nurture 7,30,90 --then every:90
	fu_ok cadence add short 2,5 --then none
	# 1: every text field, a custom cadence, flags, an appointment with a time.
	fu_ok add "Ana Ruiz" --company 'Acme, Inc.' --title '=cmd' --email ana@acme.example \
		--phone '+1 555 0100' --source 'Trade show' --note $'met at booth 12\n"wants a pilot", Q1' \
		--first-contact 2026-10-26 --cadence nurture --flag verified --flag need
	fu_ok log 1 --channel call --outcome connected --at '2026-10-27 10:00' --note 'talked'
	fu_ok log 1 --channel email --outcome replied --at '2026-10-30 16:20' --note '=HYPERLINK("x")'
	fu_ok next 1 2026-11-10 14:30
	# 2: an explicit date without a time; guarded cells.
	fu_ok add "Bo Chen" --company '@Home' --source '-paid search' --first-contact 2026-10-28
	fu_ok next 2 2026-11-09
	# 3: won by a touch.
	fu_ok add "Cy Won" --email cy@won.example --first-contact 2026-10-20
	fu_ok log 3 --channel visit --outcome won --at '2026-10-30 11:00' --note signed
	# 4: lost by an edit.
	fu_ok add "Di Lost" --email di@lost.example --first-contact 2026-10-21
	fu_ok log 4 --channel call --outcome no-answer --at '2026-10-22 09:00'
	fu_ok edit 4 --status lost
	# 5: a finite cadence run out (cadence complete: no due date).
	fu_ok add "Eve Short" --cadence short --first-contact 2026-10-19 --phone 555-0105
	fu_ok log 5 --channel call --outcome voicemail --at '2026-10-21 09:00'
	fu_ok log 5 --channel call --outcome connected --at '2026-10-26 09:00'
	# 6: deleted.
	fu_ok add "Gone"
	fu_ok delete 6 --yes
	# 7: overdue, touches logged out of order, a day-0 touch, two on a day.
	fu_ok add "Gus Late" --flag decider --flag timeline --first-contact 2026-10-12 --company 'Late & Co'
	fu_ok log 7 --channel chat --outcome replied --at '2026-10-16 12:00' --note $'two\nlines'
	fu_ok log 7 --channel call --outcome connected --at '2026-10-12 17:00' --note 'day 0'
	fu_ok log 7 --channel email --outcome replied --at '2026-10-16 08:00'
	# 8: only a name, met today.
	fu_ok add "Fay Plain"
}

test_round_trip_export_import_field_by_field() {
	make_round_trip_db
	snapshot "$T/before.json"
	fu_ok export csv "$T/p.csv"
	expect_out "exported 7 prospects to $T/p.csv"
	fu_ok export csv --touches "$T/t.csv"
	expect_out "exported 9 touches to $T/t.csv"
	# Sanity of the source: what the comparison relies on.
	fu_ok list --status all --format json
	expect_json '[[p["status"], p["due"], p["due_time"], p["due_kind"]] for p in d if p["id"] == 1][0]' \
		'["active", "2026-11-10", "14:30", "explicit"]'
	expect_json '[[p["status"], p["due"], p["due_kind"]] for p in d if p["id"] == 5][0]' '["active", null, null]'
	# Into an empty database (the custom cadences must exist there).
	DB=$T/new.db
	fu_ok cadence add nurture 7,30,90 --then every:90
	fu_ok cadence add short 2,5 --then none
	fu_ok import "$T/p.csv"
	expect_out "imported 7, updated 0, skipped 0"
	fu_ok import --touches "$T/t.csv"
	expect_out "imported 9, updated 0, skipped 0"
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
	# Exporting again gives the same bytes.
	fu_ok export csv "$T/p2.csv"
	fu_ok export csv --touches "$T/t2.csv"
	cmp -s "$T/p.csv" "$T/p2.csv" || fail "re-export differs: $(diff "$T/p.csv" "$T/p2.csv")"
	cmp -s "$T/t.csv" "$T/t2.csv" || fail "touch re-export differs: $(diff "$T/t.csv" "$T/t2.csv")"
}

test_round_trip_keeps_an_appointment_booked_after_todays_call() {
	# The everyday case: call this morning, agree on a meeting, `next`.
	fu_ok add "Ana Ruiz" --email ana@acme.example --first-contact 2026-10-26
	fu_ok log 1 --channel call --outcome connected --at '2026-11-02 09:00' --note 'demo Thursday'
	fu_ok next 1 2026-11-05 10:00
	expect_fields 1 '{"due":"2026-11-05","due_time":"10:00","due_kind":"explicit"}'
	snapshot "$T/before.json"
	fu_ok export csv "$T/p.csv"
	fu_ok export csv --touches "$T/t.csv"
	DB=$T/new.db
	fu_ok import "$T/p.csv"
	fu_ok import --touches "$T/t.csv"
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
}

test_round_trip_keeps_a_status_changed_after_a_won_or_lost_touch() {
	# Won, then reopened; lost, then won after all.
	fu_ok add "Wendy Reopened" --first-contact 2026-10-20
	fu_ok log 1 --channel call --outcome won --at '2026-10-22 10:00'
	fu_ok edit 1 --status active
	fu_ok add "Lou Comeback" --first-contact 2026-10-20
	fu_ok log 2 --channel call --outcome lost --at '2026-10-23 10:00'
	fu_ok edit 2 --status won
	snapshot "$T/before.json"
	fu_ok export csv "$T/p.csv"
	fu_ok export csv --touches "$T/t.csv"
	DB=$T/new.db
	fu_ok import "$T/p.csv"
	fu_ok import --touches "$T/t.csv"
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
}

# --- touch log --------------------------------------------------------------------

# touch_prospects: Ana (email), Bo (phone), Cy, Di, all met Mon 2026-11-02.
touch_prospects() {
	fu_ok add Ana --first-contact 2026-11-02 --email ana@x.example
	fu_ok add Bo --first-contact 2026-11-02 --phone "+1 (555) 010-0100"
	fu_ok add Cy --first-contact 2026-11-02
	fu_ok add Di --first-contact 2026-11-02
}

test_import_touches_by_id_email_and_phone() {
	TODAY=2026-11-25
	touch_prospects
	fixture touches.csv
	fu import --touches touches.csv
	expect_rc 2
	expect_out "imported 7, updated 0, skipped 0, rejected 3"
	expect_err "followup: touches.csv:6: no prospect with id '99'
followup: touches.csv:7: no prospect with email 'zed@x.example'
followup: touches.csv:8: no prospect with phone '+1 555 999 9999'
followup: import 'touches.csv': 3 bad rows (reported above)"
	# SPEC §2 worked example: day 0 11-02, touches 11-03, 11-20, 11-24
	# (in the file out of order) -> step 4 due Tue 2026-12-01.
	expect_fields 1 '{"due":"2026-12-01","due_kind":"cadence","step":4,"overdue_days":0,"touch_count":3,
		"last_touch":"2026-11-24T09:15","status":"active"}'
	fu_ok show 1 --format json
	expect_json '[(t["at"], t["channel"], t["outcome"], t["note"]) for t in d["touches"]]' \
		'[["2026-11-03T10:00", "call", "connected", "wants pricing, \"v2\""], ["2026-11-20T12:00", "email", "replied", "multi\nline note"], ["2026-11-24T09:15", "call", "voicemail", null]]'
	# Bo by phone, written two other ways: on time 11-03 and 11-05 -> Day 7.
	expect_fields 2 '{"due":"2026-11-09","step":3,"touch_count":2,"last_touch":"2026-11-05T08:00"}'
	# Cy by id.
	expect_fields 3 '{"due":"2026-11-05","step":2,"touch_count":1,"last_touch":"2026-11-03T09:30"}'
	# Di: a restored touch log keeps the status the prospect has (the
	# prospects file carries status; see the round-trip test), so a won
	# touch does not reopen or close anyone.
	expect_fields 4 '{"status":"active","touch_count":1}'
	# Exactly what logging the same touches one by one gives.
	snapshot "$T/imported.json"
	DB=$T/logged.db
	touch_prospects
	fu_ok log 1 --channel call --outcome connected --at '2026-11-03 10:00' --note 'wants pricing, "v2"'
	fu_ok log 1 --channel call --outcome voicemail --at '2026-11-24 09:15'
	fu_ok log 2 --channel call --outcome voicemail --at '2026-11-03 11:00'
	fu_ok log 3 --channel email --outcome replied --at '2026-11-03 09:30' --note 'sent deck'
	fu_ok log 1 --channel email --outcome replied --at 2026-11-20 --note $'multi\nline note'
	fu_ok log 2 --channel chat --outcome replied --at '2026-11-05 08:00'
	fu_ok log 4 --channel visit --outcome won --at '2026-11-10 15:00' --note signed
	fu_ok edit 4 --status active # a restored log keeps the status (see above)
	snapshot "$T/logged.json"
	same_snapshots "$T/logged.json" "$T/imported.json"
}

test_import_touches_strict_and_bad_values() {
	local before
	TODAY=2026-11-25
	touch_prospects
	fixture touches.csv
	before=$(db_hash)
	fu import --touches --strict touches.csv
	expect_rc 2
	[ "$(db_hash)" = "$before" ] || fail "--strict --touches with bad rows changed the database"
	# Bad channel, outcome, dates (invalid, before day 0, after today).
	printf '%s\n' 'id,at,channel,outcome,note' \
		'1,2026-11-03T10:00,fax,connected,' \
		'1,2026-11-03T10:00,call,maybe,' \
		'1,2026-11-31T10:00,call,connected,' \
		'1,2026-10-30T10:00,call,connected,' \
		'1,2026-11-26T10:00,call,connected,' \
		'1,2026-11-04T10:00,call,connected,ok' >"$T/tb.csv"
	fu import --touches tb.csv
	expect_rc 2
	expect_out "imported 1, updated 0, skipped 0, rejected 5"
	[ "$(grep -c '^followup: tb.csv:[2-6]: ' "$T/err")" -eq 5 ] || fail "bad touch rows: $(cat "$T/err")"
	grep -q "^followup: tb.csv:2: .*'fax'" "$T/err" || fail "channel: $(cat "$T/err")"
	grep -q "^followup: tb.csv:3: .*'maybe'" "$T/err" || fail "outcome: $(cat "$T/err")"
	grep -q "^followup: tb.csv:4: .*'2026-11-31T10:00'" "$T/err" || fail "date: $(cat "$T/err")"
	expect_fields 1 '{"touch_count":1,"last_touch":"2026-11-04T10:00"}'
}

test_import_touches_trusts_no_id_that_names_another_prospect() {
	# A touch log from another database: its ids are that database's.  Here
	# id 1 is someone else; the row's email names Ana (#2).  The touch must
	# not land on #1.
	fu_ok add "Other Person" --email other@x.example --first-contact 2026-10-01
	fu_ok add "Ana Ruiz" --email ana@acme.example --first-contact 2026-10-01
	printf '%s\r\n' 'id,email,phone,at,channel,outcome,note' \
		'1,ana@acme.example,,2026-10-30T10:00,call,connected,for Ana' >"$T/t.csv"
	fu import --touches t.csv
	expect_fields 1 '{"touch_count":0}'
}

# --- standard input ----------------------------------------------------------------

test_import_from_standard_input() {
	fixture bom-crlf.csv bad-rows.csv touches.csv
	fu_stdin "$T/bom-crlf.csv" import -
	expect_rc 0
	expect_out "imported 2, updated 0, skipped 0"
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	expect_fields 1 '{"name":"Zoë Lambert","company":"Initech, SA"}'
	# Reports from standard input carry the physical line too.
	DB=$T/bad.db
	fu_stdin "$T/bad-rows.csv" import -
	expect_rc 2
	expect_out "imported 2, updated 0, skipped 0, rejected 6"
	[ "$(grep -c '^followup: [^:]*:\(3\|4\|5\|7\|8\|10\): ' "$T/err")" -eq 6 ] || fail "stdin reports: $(cat "$T/err")"
	grep -q '^followup: [^:]*:5: invalid date' "$T/err" || fail "stdin reports: $(cat "$T/err")"
	# A touch log on standard input.
	TODAY=2026-11-25
	DB=$T/touch.db
	touch_prospects
	fu_stdin "$T/touches.csv" import --touches -
	expect_rc 2
	expect_out "imported 7, updated 0, skipped 0, rejected 3"
	expect_fields 1 '{"due":"2026-12-01","step":4}'
}

# --- one transaction ---------------------------------------------------------------

test_import_kill_9_leaves_the_database_as_it_was() {
	local pid before_list
	fu_ok add "Ana Ruiz" --email ana@acme.example
	fu_ok add "Bo Chen" --phone 555-0100
	fu_ok list --status all --format json
	before_list=$(out)
	big_csv "$T/big.csv" 200000
	[ "$(wc -l <"$T/big.csv")" -eq 200001 ] || fail "generator"
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" \
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="$T/fu.db" FOLLOWUP_TODAY="$TODAY" \
		"$FU" import "$T/big.csv" >"$T/big.out" 2>"$T/big.err" </dev/null &
	pid=$!
	# Kill it inside its transaction.  The import keeps its pages in memory
	# until it commits, and the commit writes its ~60 MB of log in tens of
	# milliseconds: a shell polling every 0.1 s often saw the log only
	# once the commit was done.  A tight loop kills at the log's first
	# 64 KiB, in the middle of the commit.
	/usr/bin/python3 - "$T/fu.db-wal" "$pid" <<'PY' ||
import os, signal, sys, time
wal, pid = sys.argv[1], int(sys.argv[2])
end = time.monotonic() + 60
while time.monotonic() < end:
    try:
        if os.stat(wal).st_size > 65536:
            os.kill(pid, signal.SIGKILL)
            sys.exit(0)
    except FileNotFoundError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(1)
sys.exit(1)
PY
		fail "the import ended before it could be killed: $(cat "$T/big.out" "$T/big.err")" || return 1
	wait "$pid" 2>/dev/null || true
	[ ! -s "$T/big.out" ] || fail "the killed import printed a summary: $(cat "$T/big.out")"
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(sqlite3 "$T/fu.db" 'PRAGMA integrity_check' | head)"
	[ "$(sqlite3 "$T/fu.db" 'SELECT count(*) FROM prospect')" = 2 ] ||
		fail "prospects after kill -9: $(sqlite3 "$T/fu.db" 'SELECT count(*) FROM prospect')"
	fu_ok list --status all --format json
	[ "$(out)" = "$before_list" ] || fail "prospects changed by a killed import"
	# The database works, and the last change is still the last add.
	fu_ok undo
	expect_out_has "Bo Chen"
	fixture bom-crlf.csv
	fu_ok import bom-crlf.csv
	expect_out "imported 2, updated 0, skipped 0"
}

test_undo_after_import_removes_all_it_did() {
	fu_ok add "Ana Ruiz" --email Ana@Acme.example --company Acme
	fu_ok add "Bo Chen" --phone "+15550100100"
	snapshot "$T/before.json"
	fixture duplicates.csv bad-rows.csv touches.csv
	fu import duplicates.csv
	expect_rc 0
	expect_count 4
	fu_ok undo
	grep -q '^undone: import' "$T/out" || fail "undo printed [$(out)]"
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
	# One undo group: the next undo is the add before the import.
	fu_ok undo
	expect_out_has "Bo Chen"
	expect_count 1
	# An import with rejected rows is undone as a whole too.
	fu import bad-rows.csv
	expect_rc 2
	expect_count 3
	fu_ok undo
	expect_count 1
	# And a touch log.
	TODAY=2026-11-25
	DB=$T/touch.db
	touch_prospects
	snapshot "$T/before.json"
	fu import --touches touches.csv
	expect_rc 2
	fu_ok undo
	grep -q '^undone: import' "$T/out" || fail "undo printed [$(out)]"
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
}

test_import_journals_its_new_prospects_as_runs_of_ids() {
	# An import's new prospects take consecutive ids, and the undo journal
	# keeps one entry a run of them (row_id..row_last), not one a row.  A
	# prospect the import updates is journaled (its old image) between two
	# runs, and so is a row of the file that updates one it added earlier;
	# undo restores the database exactly.
	local i
	fu_ok add "Ana Ruiz" --email ana@acme.example --company Acme
	fu_ok add "Bo Chen" --phone "+15550100100"
	snapshot "$T/before.json"
	{
		echo 'name,title,email'
		for i in $(seq 1 150); do echo "Person $i,,p$i@run.example"; done
		echo 'Ana Ruiz,VP Sales,ana@acme.example'
		echo 'Ana Ruiz,,ana@acme.example'
		for i in $(seq 151 300); do echo "Person $i,,p$i@run.example"; done
		echo 'Person 7,CTO,p7@run.example'
	} >"$T/runs.csv"
	fu_ok import runs.csv
	expect_out "imported 300, updated 2, skipped 1"
	expect_count 302
	[ "$(sqlite3 "$T/fu.db" "SELECT group_concat(row_id || '..' || coalesce(row_last, row_id), ' ')
		FROM (SELECT * FROM undo_entry WHERE tbl = 'prospect' AND op = 'insert' ORDER BY id)
		WHERE grp = (SELECT max(id) FROM undo_group)")" = "3..152 153..302" ] ||
		fail "runs: $(sqlite3 "$T/fu.db" "SELECT grp, row_id, row_last FROM undo_entry WHERE op = 'insert'")"
	fu_ok undo
	grep -q '^undone: import' "$T/out" || fail "undo printed [$(out)]"
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
	# Ids are never reused: the next prospect is 303.
	fu_ok add "Cy Diaz"
	fu_ok show 303
	expect_out_has "Cy Diaz"
}

test_database_from_schema_11_keeps_its_undo_journal() {
	# Schema 12 adds undo_entry.row_last; the entries a schema 11 database
	# holds (one row each) are still undone after the migration.
	fu_ok add "Ana Ruiz"
	fu_ok add "Bo Chen"
	sqlite3 "$T/fu.db" 'ALTER TABLE undo_entry DROP COLUMN row_last; PRAGMA user_version = 11;' ||
		fail "cannot make a schema 11 database"
	fu_ok undo
	expect_out_has "Bo Chen"
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA user_version')" = "$(latest_schema)" ] || fail "user_version not $(latest_schema)"
	sqlite3 "$T/fu.db" 'SELECT row_last FROM undo_entry' >/dev/null || fail "no undo_entry.row_last"
	expect_count 1
	printf 'name\nCy Diaz\nDee Eng\n' >"$T/two.csv"
	fu_ok import two.csv
	expect_count 3
	fu_ok undo
	expect_count 1
	fu_ok undo
	expect_out_has "Ana Ruiz"
	expect_count 0
}

# --- databases, usage, progress -------------------------------------------------

test_import_into_a_database_made_by_the_previous_version() {
	# A database created before the CSV import existed (schema version 1
	# without prospect.phone_key): it must be migrated forward (SPEC §8),
	# not break import and add.
	fu_ok add "Old Timer" --phone 555-0100
	sqlite3 "$T/fu.db" 'DROP INDEX prospect_phone; ALTER TABLE prospect DROP COLUMN phone_key; PRAGMA user_version = 1;' ||
		fail "cannot make a previous-version database"
	fixture pipedrive-people.csv
	fu import pipedrive-people.csv
	expect_rc 0
	expect_out "imported 2, updated 0, skipped 0"
	expect_count 3
	# The old prospect's phone takes part in duplicate detection.
	printf 'name,phone\nOld T.,555 0100\n' >"$T/old.csv"
	fu import old.csv
	expect_rc 0
	expect_out "imported 0, updated 0, skipped 1, conflicts 1"
	fu_ok add "New" --phone 555-0199
}

test_database_from_schema_2_gets_the_undo_row_index() {
	# Schema 3 finds undo entries by (group, table, row); a schema 2
	# database has an index on the group alone and is migrated on open.
	fu_ok add "Old Timer" --email old@example.com
	sqlite3 "$T/fu.db" 'DROP INDEX undo_entry_row; CREATE INDEX undo_entry_grp ON undo_entry (grp); PRAGMA user_version = 2;' ||
		fail "cannot make a schema 2 database"
	fu_ok log 1 --channel call --outcome busy
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA user_version')" = "$(latest_schema)" ] || fail "user_version not $(latest_schema)"
	[ "$(sqlite3 "$T/fu.db" "SELECT group_concat(name) FROM sqlite_schema WHERE name LIKE 'undo_entry_%'")" = undo_entry_row ] ||
		fail "indexes: $(sqlite3 "$T/fu.db" "SELECT group_concat(name) FROM sqlite_schema WHERE name LIKE 'undo_entry_%'")"
	fu_ok undo
	expect_out_has "Old Timer"
	[ "$(sqlite3 "$T/fu.db" 'SELECT count(*) FROM touch')" = 0 ] || fail "undo left the touch"
}

test_database_from_schema_3_gets_follow_up_steps() {
	# Schema 4 keeps each touch's follow-up step and gap and each
	# prospect's follow-up count; a schema 3 database gets them computed
	# for every prospect on open, and stats come out the same.
	fu_ok add "Ana Ruiz" --first-contact 2026-10-01
	fu_ok add "Bo Chen" --first-contact 2026-10-05
	fu_ok log 1 --channel call --outcome voicemail --at 2026-10-01
	fu_ok log 1 --channel call --outcome voicemail --at 2026-10-02
	fu_ok log 1 --channel email --outcome replied --at 2026-10-02
	fu_ok log 1 --channel call --outcome connected --at 2026-10-09
	fu_ok log 2 --channel visit --outcome meeting --at 2026-10-20
	fu_ok log 2 --channel call --outcome won --at 2026-10-27
	fu_ok list --status all --format json
	local before list_before
	list_before=$(out)
	fu_ok stats --format json
	before=$(out)
	sqlite3 "$T/fu.db" 'DROP INDEX touch_kind; DROP INDEX touch_gap;
		ALTER TABLE touch DROP COLUMN step; ALTER TABLE touch DROP COLUMN gap;
		ALTER TABLE prospect DROP COLUMN fu_count; ALTER TABLE prospect DROP COLUMN first_fu_days;
		ALTER TABLE prospect DROP COLUMN touch_count; ALTER TABLE prospect DROP COLUMN last_touch_id;
		PRAGMA user_version = 3;' || fail "cannot make a schema 3 database"
	fu_ok stats --format json
	[ "$(out)" = "$before" ] || fail "stats changed by the migration:
$before
$(out)"
	# Touch counts and last touches (schema 5) as before.
	fu_ok list --status all --format json
	[ "$(out)" = "$list_before" ] || fail "list changed by the migration:
$list_before
$(out)"
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA user_version')" = "$(latest_schema)" ] || fail "user_version not $(latest_schema)"
	[ "$(sqlite3 "$T/fu.db" 'SELECT group_concat(step || ":" || coalesce(gap, "-"), " ") FROM (SELECT * FROM touch ORDER BY id)')" = "0:- 1:- 1:- 2:7 1:- 2:7" ] ||
		fail "steps: $(sqlite3 "$T/fu.db" 'SELECT group_concat(step || ":" || coalesce(gap, "-"), " ") FROM (SELECT * FROM touch ORDER BY id)')"
	[ "$(sqlite3 "$T/fu.db" 'SELECT group_concat(fu_count || ":" || coalesce(first_fu_days, "-"), " ") FROM prospect')" = "2:1 2:15" ] ||
		fail "counts: $(sqlite3 "$T/fu.db" 'SELECT group_concat(fu_count || ":" || coalesce(first_fu_days, "-"), " ") FROM prospect')"
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
}

test_database_from_schema_5_gets_checks_without_in_lists() {
	# Schema 6 writes the status, channel and outcome CHECK constraints as
	# comparisons (an IN list built a temporary b-tree for every inserted
	# row).  A schema 5 database has its constraint text edited in place on
	# open: the same text as a new database, the same rows accepted and
	# refused, and the file intact.
	local fresh
	fu_ok add "Ana Ruiz" --email ana@acme.example
	fu_ok log 1 --channel call --outcome voicemail
	fresh=$(sqlite3 "$T/fu.db" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name IN ('prospect', 'touch')")
	case $fresh in *"status IN ("* | *"channel IN ("* | *"outcome IN ("*) fail "a new database has an IN list: $fresh" ;; esac
	sqlite3 "$T/fu.db" "PRAGMA writable_schema = ON;
		UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (status = ''active'' OR status = ''won'' OR status = ''lost'')',
			'CHECK (status IN (''active'', ''won'', ''lost''))') WHERE name = 'prospect';
		UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (channel = ''call'' OR channel = ''email'' OR channel = ''chat'' OR
                channel = ''visit'' OR channel = ''other'')', 'CHECK (channel IN (''call'', ''email'', ''chat'', ''visit'', ''other''))')
			WHERE name = 'touch';
		UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (outcome = ''no-answer'' OR outcome = ''voicemail'' OR
                outcome = ''busy'' OR outcome = ''wrong-number'' OR outcome = ''connected'' OR
                outcome = ''replied'' OR outcome = ''meeting'' OR outcome = ''not-now'' OR
                outcome = ''won'' OR outcome = ''lost'')', 'CHECK (outcome IN (''no-answer'', ''voicemail'', ''busy'',
                ''wrong-number'', ''connected'', ''replied'', ''meeting'', ''not-now'', ''won'', ''lost''))')
			WHERE name = 'touch';
		PRAGMA schema_version = 100; PRAGMA writable_schema = OFF; PRAGMA user_version = 5;" ||
		fail "cannot make a schema 5 database"
	[ "$(sqlite3 "$T/fu.db" "SELECT count(*) FROM sqlite_schema WHERE (name = 'prospect' AND sql LIKE '%status IN (%') OR (name = 'touch' AND sql LIKE '%channel IN (%' AND sql LIKE '%outcome IN (%')")" = 2 ] ||
		fail "the schema 5 database has no IN lists to edit"
	fu_ok log 1 --channel email --outcome replied
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA user_version')" = "$(latest_schema)" ] || fail "user_version not $(latest_schema)"
	[ "$(sqlite3 "$T/fu.db" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name IN ('prospect', 'touch')")" = "$fresh" ] ||
		fail "constraints differ from a new database's:
$(sqlite3 "$T/fu.db" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name IN ('prospect', 'touch')")"
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
	sqlite3 "$T/fu.db" "UPDATE prospect SET status = 'bogus'" 2>/dev/null && fail "status 'bogus' accepted"
	sqlite3 "$T/fu.db" "UPDATE touch SET channel = 'fax'" 2>/dev/null && fail "channel 'fax' accepted"
	sqlite3 "$T/fu.db" "UPDATE touch SET outcome = 'meh'" 2>/dev/null && fail "outcome 'meh' accepted"
	sqlite3 "$T/fu.db" "UPDATE touch SET outcome = 'lost' WHERE id = 1" || fail "outcome 'lost' refused"
	fu_ok show 1
	expect_out_has "touches (2)"
	fu_ok undo
	expect_out_has "log email/replied"
}

test_touch_log_import_keeps_one_old_image_per_prospect() {
	# Each imported touch updates its prospect (revision, due date); the
	# undo journal keeps the prospect's image from before the import once,
	# not once per touch, and undo still restores it exactly.
	local i
	fu_ok add "Ana Ruiz" --email ana@acme.example --first-contact 2026-10-01
	fu_ok add "Bo Chen" --email bo@acme.example --first-contact 2026-10-01
	snapshot "$T/before.json"
	{
		echo 'email,at,channel,outcome,note'
		for i in 02 05 08 12 15 19 22 26; do
			echo "ana@acme.example,2026-10-${i}T10:00,call,voicemail,try $i"
			echo "bo@acme.example,2026-10-${i}T11:00,email,replied,"
		done
	} >"$T/calls.csv"
	fu_ok import --touches calls.csv
	expect_out "imported 16, updated 0, skipped 0"
	[ "$(sqlite3 "$T/fu.db" "SELECT count(*) FROM undo_entry WHERE tbl = 'prospect' AND op = 'update'")" = 2 ] ||
		fail "prospect images: $(sqlite3 "$T/fu.db" "SELECT count(*) FROM undo_entry WHERE tbl = 'prospect' AND op = 'update'")"
	[ "$(sqlite3 "$T/fu.db" "SELECT count(*) FROM undo_entry WHERE tbl = 'touch' AND op = 'insert'")" = 16 ] ||
		fail "touch entries"
	fu_ok undo
	snapshot "$T/after.json"
	same_snapshots "$T/before.json" "$T/after.json"
	[ "$(sqlite3 "$T/fu.db" 'SELECT count(*) FROM touch')" = 0 ] || fail "undo left touches"
	# After the batch a plain log is journaled as usual and undone.
	fu_ok log 1 --channel call --outcome busy
	fu_ok undo
	[ "$(sqlite3 "$T/fu.db" 'SELECT count(*) FROM touch')" = 0 ] || fail "undo of a log after an import"
}

test_import_and_export_csv_usage() {
	local before
	fu_ok add "Already here"
	before=$(db_hash)
	printf 'company,email\nAcme,a@acme.example\n' >"$T/noname.csv"
	expect_refused 2 "noname.csv" import noname.csv
	: >"$T/empty.csv"
	expect_refused 2 "empty.csv" import empty.csv
	expect_refused 2 "missing.csv" import missing.csv
	fu import
	expect_rc 2
	fu import a.csv b.csv
	expect_rc 2
	printf 'id,at,channel,outcome\n' >"$T/t.csv"
	fu import --touches --start today t.csv
	expect_rc 2
	expect_err_line "--start"
	printf 'name,at\nAna,2026-11-01\n' >"$T/notouch.csv"
	expect_refused 2 "notouch.csv" import --touches notouch.csv
	fu export csv --days 3
	expect_rc 2
	[ "$(db_hash)" = "$before" ] || fail "a refused command changed the database"
	# A header alone imports nothing, successfully.
	printf 'name,email\r\n' >"$T/header.csv"
	fu_ok import header.csv
	expect_out "imported 0, updated 0, skipped 0"
	# Header names are matched case- and space-insensitively.
	printf 'FULL NAME,Email ADDRESS,  Company   Name ,MOBILE PHONE NUMBER,description\n"Ana Ruiz",ana@acme.example,Acme,+1 555 0100,hello\n' >"$T/case.csv"
	fu_ok import case.csv
	expect_out "imported 1, updated 0, skipped 0"
	expect_fields 2 '{"name":"Ana Ruiz","email":"ana@acme.example","company":"Acme","phone":"+1 555 0100","notes":"hello"}'
}

test_import_progress_only_on_a_terminal() {
	command -v script >/dev/null || fail "script (util-linux) not installed" || return 1
	big_csv "$T/big.csv" 30000
	# Standard error not a terminal: nothing but the summary on stdout.
	DB=$T/quiet.db
	fu_ok import big.csv
	expect_out "imported 30000, updated 0, skipped 0"
	# Standard error a terminal (stdout to a file): a progress indicator.
	DB=$T/tty.db
	local client_env
	client_env="env -i PATH=$PATH HOME=$T/home TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB=$T/tty.db FOLLOWUP_TODAY=$TODAY"
	script -qec "$client_env $FU import $T/big.csv >$T/tty.out" "$T/tty.log" </dev/null >/dev/null 2>&1 || true
	[ "$(cat "$T/tty.out")" = "imported 30000, updated 0, skipped 0" ] || fail "tty run: $(cat "$T/tty.out" "$T/tty.log")" || return 1
	[ -n "$(grep -v -e '^Script started' -e '^Script done' "$T/tty.log" | tr -d '\r\n')" ] || fail "no progress indicator on a terminal during a 30,000-row import"
}

# --- issue 14: regressions found by property checks -------------------------

test_csv_round_trip_keeps_any_number_of_apostrophes_before_a_formula() {
	# ''=x was exported as ''=x and imported as '=x: the guard covered
	# F… and 'F… only.  Every '*F cell gets one more ', import takes one.
	fu_ok add "''=x" --company "'''+1" --title "''@a" --source "'''" --note "''-n"
	fu_ok log 1 --channel call --outcome busy --note "'''=HYPERLINK(1)"
	fu_ok export csv "$T/p.csv"
	fu_ok export csv --touches "$T/t.csv"
	grep -qF "'''=x" "$T/p.csv" || fail "''=x not guarded: $(cat "$T/p.csv")"
	DB=$T/new.db
	fu_ok import "$T/p.csv"
	fu_ok import --touches "$T/t.csv"
	expect_fields 1 "{\"name\":\"''=x\",\"company\":\"'''+1\",\"title\":\"''@a\",\"source\":\"'''\",\"notes\":\"''-n\"}"
	fu_ok show 1 --format json
	expect_json 'd["touches"][0]["note"]' "'''=HYPERLINK(1)"
}

test_import_never_reuses_the_id_of_a_deleted_prospect() {
	# An imported id reused a deleted prospect's id, and with it its
	# calendar UID; the wanted id is used only when it was never used.
	fu_ok add "Old Person"
	fu_ok delete 1 --yes
	printf 'id,name\n1,New Person\n5,Five\n' >"$T/p.csv"
	fu_ok import "$T/p.csv"
	fu_ok list --status all --format json
	expect_json '[[p["id"], p["name"]] for p in d]' '[[5, "Five"], [2, "New Person"]]'
	# Ids above every id given so far are free: round trips keep them.
	fu_ok add "Next"
	expect_out "6"
}

test_phone_key_is_taken_after_trimming() {
	# The key was computed before trimming: a phone typed after a line
	# break lost its leading + in the key, so the same number imported
	# later made a duplicate.
	fu_ok add Ana --phone $'\n+1 555 0100'
	printf 'name,phone\nAna Again,+1 555 0100\n' >"$T/d.csv"
	fu import "$T/d.csv"
	expect_rc 0
	expect_err_has "duplicate of #1 'Ana'"
	expect_count 1
}

test_edit_phone_keeps_the_whole_phone_key() {
	# edit --phone cut the key to 15 characters, so two long numbers that
	# differ after that were one key, and duplicates were missed.
	fu_ok add Ana --phone "+1 (555) 010-0100 x1234"
	fu_ok add Bo
	fu_ok edit 2 --phone "+1 (555) 010-0100 x9876"
	printf 'name,phone\nAna Again,+1 555 010 0100 x1234\nBo Again,+1 555 010 0100 x9876\n' >"$T/d.csv"
	fu import "$T/d.csv"
	expect_rc 0
	expect_err_has "duplicate of #1 'Ana'"
	expect_err_has "duplicate of #2 'Bo'"
	expect_count 2
}

# --- issue 19: CRM dates as the CRM writes them ------------------------------

test_import_salesforce_us_dates_month_first() {
	# Settled by 5/17/2026 (17 cannot be a month): every row is M/D.
	TODAY=2026-11-20
	fixture salesforce-en-us.csv
	fu import salesforce-en-us.csv
	expect_rc 0
	expect_out "imported 3, updated 0, skipped 0"
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])]' \
		'["2026-05-17", "2026-11-03", "2026-10-02"]'
}

test_import_salesforce_de_and_gb_dates_day_first() {
	TODAY=2026-11-20
	fixture salesforce-de.csv salesforce-en-gb.csv
	fu import salesforce-de.csv
	expect_rc 0
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])]' '["2026-05-17", "2026-11-03"]'
	fu import salesforce-en-gb.csv
	expect_rc 0
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])][2:]' '["2026-05-17", "2026-11-03"]'
}

test_import_pipedrive_add_time_is_day_0() {
	# Everyone started today before: Person - Add time was ignored.
	TODAY=2026-11-20
	fixture pipedrive-add-time.csv
	fu import pipedrive-add-time.csv
	expect_rc 0
	expect_fields 1 '{"name":"Sofia Marino","company":"Trattoria Da Marco","first_contact":"2026-05-17"}'
	expect_fields 2 '{"name":"Tomás Ortega","first_contact":"2026-10-30"}'
	printf 'Organization - Name,Organization - Add time,Person - Name\nAcme,2026-09-01 08:00:00,Ana\n' >"$T/org.csv"
	fu_ok import "$T/org.csv"
	expect_fields 3 '{"name":"Ana","first_contact":"2026-09-01"}'
}

test_import_every_date_form_and_both_orders() {
	TODAY=2026-11-20
	printf 'name,Created Date\nIso,2026-05-17\nIsoT,2026-05-17T14:21:33Z\nIsoSp,2026-05-17 14:21\nDots,7.5.2026\nDash,07-05-2026\nSl,7/5/2026\n' >"$T/forms.csv"
	fu import "$T/forms.csv" --date-order mdy
	expect_rc 0
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])]' \
		'["2026-05-17", "2026-05-17", "2026-05-17", "2026-05-07", "2026-05-07", "2026-07-05"]'
	DB=$T/dmy.db
	fu import "$T/forms.csv" --date-order dmy
	expect_rc 0
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])][5]' '2026-05-07'
	fu import "$T/forms.csv" --date-order ymd
	expect_rc 2
	expect_err_line "--date-order 'ymd': expected mdy or dmy"
}

test_import_one_unambiguous_row_settles_the_file() {
	TODAY=2026-11-20
	# Only the last row settles it (25 is a day): all are D/M.
	printf 'name,Created Date\nA,3/4/2026\nB,5/6/2026\nC,25/10/2026\n' >"$T/one.csv"
	fu import "$T/one.csv"
	expect_rc 0
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])]' '["2026-04-03", "2026-06-05", "2026-10-25"]'
}

test_import_both_orders_refused_and_nothing_imported() {
	TODAY=2026-11-20
	fu_ok add "Before"
	local before
	before=$(db_hash)
	printf 'name,Created Date\nA,13/6/2026\nB,7/18/2026\nC,1/1/2026\n' >"$T/both.csv"
	fu import "$T/both.csv"
	expect_rc 2
	expect_err_line "both.csv:2: dates in both orders: line 2 is day/month, line 3 month/day (give --date-order mdy or dmy)"
	[ "$(db_hash)" = "$before" ] || fail "a refused file changed the database"
	expect_count 1
}

test_import_all_ambiguous_refused_naming_the_first_row() {
	TODAY=2026-11-20
	printf 'name,Created Date\nIso,2026-01-01\nA,5/6/2026\nB,7/8/2026\n' >"$T/amb.csv"
	fu import "$T/amb.csv"
	expect_rc 2
	expect_err_line "amb.csv:3: date '5/6/2026': month/day or day/month, and no date in the file settles it (give --date-order mdy or dmy)"
	expect_count 0
	# Standard input is read twice as well.
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC \
		LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="$T/fu.db" FOLLOWUP_TODAY="$TODAY" \
		"$FU" import - --date-order dmy <"$T/amb.csv" >"$T/out" 2>"$T/err" || fail "stdin: $(cat "$T/err")"
	expect_count 3
	fu_ok list --status all --format json
	expect_json '[p["first_contact"] for p in sorted(d, key=lambda p: p["id"])]' '["2026-01-01", "2026-06-05", "2026-08-07"]'
}

test_import_no_such_day_is_a_bad_row_with_its_line() {
	TODAY=2026-11-20
	printf 'name,Created Date\nGood,5/17/2026\nBad,2/30/2026\nShort,5/17/26\n' >"$T/feb.csv"
	fu import "$T/feb.csv"
	expect_rc 2
	expect_err_has "feb.csv:3: invalid date '2/30/2026'"
	expect_err_has "feb.csv:4: invalid date '5/17/26'"
	expect_count 1
}
