# lib.sh - helpers for the end-to-end CLI tests (sourced by run.sh).
#
# Each test runs in its own temp dir $T with a clean environment: HOME,
# XDG_*, TZ=UTC, a UTF-8 locale and FOLLOWUP_DB=$T/fu.db.  `fu ARGS` runs
# the real binary ($FU) with FOLLOWUP_TODAY=$TODAY, capturing stdout in
# $T/out, stderr in $T/err and the exit status in $RC.  Assertions print
# what differed and return 1, which fails the test.

fu() {
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" \
		XDG_CONFIG_HOME="$T/config" TZ="${TZ_TEST:-UTC}" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FOLLOWUP_DB="${DB-$T/fu.db}" FOLLOWUP_TODAY="$TODAY" ${FU_ENV:-} \
		"$FU" "$@" >"$T/out" 2>"$T/err" </dev/null && RC=0 || RC=$?
	return 0
}

# fu_ok ARGS: run and require exit 0 and an empty stderr.
fu_ok() {
	fu "$@"
	if [ "$RC" -ne 0 ] || [ -s "$T/err" ]; then
		echo "    followup $*: exit $RC, stderr: $(cat "$T/err")"
		return 1
	fi
}

out() { cat "$T/out"; }

fail() { echo "    $*"; return 1; }

expect_rc() {
	[ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC (stderr: $(cat "$T/err"))"
}

expect_out() {
	local got
	got=$(cat "$T/out")
	[ "$got" = "$1" ] || fail "expected stdout [$1], got [$got]"
}

expect_out_has() {
	grep -qF -- "$1" "$T/out" || fail "stdout lacks [$1]: $(cat "$T/out")"
}

expect_out_lacks() {
	! grep -qF -- "$1" "$T/out" || fail "stdout has [$1]: $(cat "$T/out")"
}

expect_err_has() {
	grep -qF -- "$1" "$T/err" || fail "stderr lacks [$1]: $(cat "$T/err")"
}

# One line, "followup: ..." form.
expect_err_line() {
	local n
	n=$(wc -l <"$T/err")
	[ "$n" -eq 1 ] || fail "expected one stderr line, got $n: $(cat "$T/err")"
	grep -q '^followup: ' "$T/err" || fail "stderr not 'followup: ...': $(cat "$T/err")"
	[ -z "${1:-}" ] || expect_err_has "$1"
}

# jget PATH: a value from the JSON on stdout, Python expression on `d`.
jget() {
	/usr/bin/python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
v=eval(sys.argv[2])
print("null" if v is None else (json.dumps(v) if isinstance(v,(list,dict,bool)) else v))' "$T/out" "$1"
}

expect_json() { # expect_json PYEXPR VALUE
	local got
	got=$(jget "$1") || return 1
	[ "$got" = "$2" ] || fail "json $1: expected [$2], got [$got]"
}

# The due date of prospect $1 via show --format json.
due_of() {
	fu show "$1" --format json && jget 'd["due"]'
}

db_hash() {
	sha256sum "${DB-$T/fu.db}" | cut -d' ' -f1
}

# expect_unchanged CMD...: the command fails with exit 2 and a one-line
# error, and the database is byte-for-byte the same.
expect_refused() {
	local code=$1 want=$2 before after
	shift 2
	before=$(db_hash)
	fu "$@"
	expect_rc "$code" || return 1
	expect_err_line "$want" || return 1
	after=$(db_hash)
	[ "$before" = "$after" ] || fail "database changed by: followup $*"
}
