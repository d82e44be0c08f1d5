# t_deps.sh - scripts/deps.sh installs what was asked for: `run` only what
# building and running followup needs, `test` the test and benchmark tools
# too; without apt-get it prints the packages and fails.
#
# deps.sh runs with PATH set to a bin directory of its own, $T/bin: fake
# cc, make and pkg-config (which knows no library), a fake apt-get and sudo
# that record their arguments in $T/apt.log, a fake id, and links to the
# few real tools the script uses (sort).  DEPS_ROOT points its file checks
# (csv.h, python3, ...) at an empty directory, so every other tool and
# library looks missing and the lists below are exact.

deps_root() { (cd "$(dirname "$FU")/.." && pwd); }

# The packages each mode must ask for here (gcc, make and pkg-config exist).
DEPS_RUN="libcsv-dev libgmime-3.0-dev libical-dev libncurses-dev libsqlite3-dev libunistring-dev"
DEPS_TEST_TOOLS="calcurse clang faketime hyperfine khal libclang-rt-14-dev libcmocka-dev
man-db msmtp nodejs npm python3 python3-aiosmtpd python3-icalendar radicale sqlite3
taskwarrior time tmux util-linux valgrind vdirsyncer zsh"

# deps_bin [UID] [no-apt]: make $T/bin.
deps_bin() {
	local uid=${1:-1000} t
	rm -rf "${T:?}/bin" "${T:?}/empty"
	mkdir -p "$T/bin" "$T/empty"
	for t in cc make; do
		printf '#!/bin/sh\nexit 0\n' >"$T/bin/$t"
	done
	printf '#!/bin/sh\nexit 1\n' >"$T/bin/pkg-config"
	printf '#!/bin/sh\necho %s\n' "$uid" >"$T/bin/id"
	printf '#!/bin/sh\necho "sudo $*" >>"%s"\nexec "$@"\n' "$T/apt.log" >"$T/bin/sudo"
	if [ "${2:-}" != no-apt ]; then
		printf '#!/bin/sh\necho "apt-get $*" >>"%s"\n' "$T/apt.log" >"$T/bin/apt-get"
	fi
	ln -s "$(command -v sort)" "$T/bin/sort"
	chmod +x "$T"/bin/*
	: >"$T/apt.log"
}

# deps_run MODE: run deps.sh MODE in that world; exit status in $RC.
deps_run() {
	env -i PATH="$T/bin" DEPS_ROOT="$T/empty" /bin/sh "$(deps_root)/scripts/deps.sh" "$@" \
		>"$T/out" 2>"$T/err" </dev/null && RC=0 || RC=$?
}

# The packages of the `apt-get install` line, sorted, one a line.
deps_installed() {
	grep '^apt-get install ' "$T/apt.log" |
		sed 's/^apt-get install -y -qq --no-install-recommends //' | tr ' ' '\n' | sort
}

test_deps_run_installs_only_run_packages() {
	deps_bin 1000
	deps_run run
	expect_rc 0 || return 1
	grep -qx 'apt-get update -qq' "$T/apt.log" || fail "no apt-get update: $(cat "$T/apt.log")"
	grep -q '^sudo apt-get install ' "$T/apt.log" || fail "not through sudo: $(cat "$T/apt.log")"
	deps_installed >"$T/got"
	printf '%s\n' $DEPS_RUN | sort >"$T/want"
	cmp -s "$T/want" "$T/got" ||
		fail "deps.sh run installed [$(tr '\n' ' ' <"$T/got")], expected [$DEPS_RUN]"
	local p
	for p in calcurse khal taskwarrior hyperfine valgrind clang tmux python3-icalendar \
		libcmocka-dev faketime radicale vdirsyncer msmtp nodejs npm zsh; do
		! grep -qx -- "$p" "$T/got" || fail "deps.sh run installs the test tool $p"
	done
}

test_deps_test_installs_test_tools() {
	deps_bin 0
	deps_run test
	expect_rc 0 || return 1
	! grep -q '^sudo' "$T/apt.log" || fail "sudo used as root: $(cat "$T/apt.log")"
	deps_installed >"$T/got"
	printf '%s\n' $DEPS_RUN $DEPS_TEST_TOOLS | sort >"$T/want"
	cmp -s "$T/want" "$T/got" || {
		echo "    deps.sh test installs (- expected, + actual):"
		diff -u "$T/want" "$T/got" | sed -n '3,$s/^/      /p'
		return 1
	}
	# No argument: the full set (make deps, CI).
	deps_bin 0
	deps_run
	expect_rc 0 || return 1
	deps_installed >"$T/got2"
	cmp -s "$T/want" "$T/got2" || fail "deps.sh without an argument is not deps.sh test"
}

test_deps_nothing_missing_installs_nothing() {
	deps_bin 1000
	# Every run dependency present: pkg-config knows every library, the
	# headers checked by name (csv.h, uninorm.h) exist.
	printf '#!/bin/sh\nexit 0\n' >"$T/bin/pkg-config"
	mkdir -p "$T/empty/usr/include"
	: >"$T/empty/usr/include/csv.h"
	: >"$T/empty/usr/include/uninorm.h"
	deps_run run
	expect_rc 0 || return 1
	[ ! -s "$T/apt.log" ] || fail "apt-get called with nothing missing: $(cat "$T/apt.log")"
}

test_deps_without_apt_get_prints_packages() {
	deps_bin 1000 no-apt
	deps_run run
	expect_rc 1 || return 1
	[ ! -s "$T/apt.log" ] || fail "sudo called: $(cat "$T/apt.log")"
	grep -qxF "deps: missing packages (Debian names): $DEPS_RUN" "$T/err" ||
		fail "stderr lacks the package list: $(cat "$T/err")"
	deps_run test
	expect_rc 1 || return 1
	grep -qF "deps: missing packages (Debian names): " "$T/err" || fail "no package list: $(cat "$T/err")"
	for p in calcurse radicale zsh libgmime-3.0-dev; do
		grep -q "names):.* $p\\b" "$T/err" || fail "deps.sh test does not name $p: $(cat "$T/err")"
	done
}

test_deps_rejects_unknown_mode() {
	deps_bin 1000
	deps_run bench
	expect_rc 2 || return 1
	grep -q '^usage: ' "$T/err" || fail "no usage line: $(cat "$T/err")"
	[ ! -s "$T/apt.log" ] || fail "apt-get called: $(cat "$T/apt.log")"
}

# make deps-run / make run use the run set; make deps (check, bench, fuzz)
# the full one.
test_deps_makefile_targets() {
	local root
	root=$(deps_root)
	make -n -s -C "$root" deps-run 2>&1 | grep -qx 'sh scripts/deps.sh run' ||
		fail "make deps-run does not run deps.sh run"
	make -n -s -C "$root" deps 2>&1 | grep -qx 'sh scripts/deps.sh test' ||
		fail "make deps does not run deps.sh test"
	grep -qE '^run:.*\bdeps-run\b' "$root/Makefile" || fail "make run does not depend on deps-run"
	local t
	for t in check bench fuzz; do
		grep -qE "^$t: *deps( |\$)" "$root/Makefile" || fail "make $t does not depend on deps"
	done
}
