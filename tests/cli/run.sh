#!/bin/sh
# run.sh BINARY - run every test_* function of tests/cli/t_*.sh against the
# real binary, each in a fresh temp dir $T (cd'ed into, with $T/home,
# $T/config/followup and $T/data, TODAY=2026-11-02, under set -eu), several
# at once.  Prints "FAIL FILE TEST" and the test's log (indented) for each
# failure, sorted by file and test name whatever order they ran in, then
# "cli: N passed, N failed"; exits non-zero on any failure.
#
# Environment: ONLY=TEXT runs the tests whose names contain TEXT;
# JOBS=N tests at once (default twice the cores, nproc); CLI_TIMES=N prints
# the N slowest tests (before the last line).
#
# The tests in SERIAL below run after the others, one at a time: each
# races the clock, and a neighbour's load could decide the race.  The
# slowest tests (SLOW_FIRST) start first, so that the run does not end
# waiting for one of them.  Every test's JSON server (lib.sh's jget) is
# stopped when the test ends.
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -u
FU=${1:?usage: run.sh BINARY}
case $FU in /*) ;; *) FU=$PWD/$FU ;; esac
export FU
dir=$(cd "$(dirname "$0")" && pwd)

# After the parallel part, one at a time: the tests whose assertions race
# the clock, so that no neighbour's load (200 writers, an import of
# 200,000 rows, a compiler) decides the race.
#  - kill -9 of `export vdir` once 20 files are there (a shell polling
#    every 20 ms, forking ls): the export of its 400 files takes 0.1 to
#    0.3 s here;
#  - kill -9 of a 200,000-row import inside its commit, which writes its
#    log in tens of milliseconds (a Python loop watching the WAL);
#  - zsh's real completion widgets through a pty: a fixed 0.3 s pause
#    after each TAB before the next keys.
# The other kill -9 tests only get safer under load (the 100,000-row
# import must outlive a 0.4 s sleep), or accept both outcomes (undo, log);
# the 200 parallel writers wait on a 120 s busy timeout.
SERIAL="
t_hardening.sh:test_kill9_during_export_vdir_leaves_no_partial_file
t_import.sh:test_import_kill_9_leaves_the_database_as_it_was
t_completion.sh:test_completion_zsh_real_widgets
"
# Started first (the longest, as measured on 2 cores).
SLOW_FIRST="
t_caldav.sh:test_caldav_vdirsyncer_radicale_round_trip
t_stats_oracle.sh:test_stats_oracle_five_seeds
t_completion.sh:test_completion_install_and_uninstall
t_install.sh:test_install_prefix_destdir_and_uninstall
t_caldav.sh:test_caldav_older_vdir_is_adopted_and_cleaned_on_the_server
"

. "$dir/lib.sh"
. "$dir/../jobs.sh"

# ---- the tests -------------------------------------------------------------

# FILE:TEST for every test_* function, sorted by file, then by name (one
# subshell per file: helpers of the same name in two files do not mix).
tests=()
while IFS= read -r _cli_entry; do
	case ${_cli_entry##*:} in *"${ONLY:-}"*) tests+=("$_cli_entry") ;; esac
done < <(bash -c '
	for f; do
		(. "${f%/*}/lib.sh" && . "$f" && declare -F | awk -v f="${f##*/}" "\$3 ~ /^test_/ { print f \":\" \$3 }")
	done' discover "$dir"/t_*.sh)

# cli_run_one FILE TEST N: the test, in a fresh $T, its output in $logdir/N.log;
# returns its status.
cli_run_one() {
	local file=$dir/$1 t=$2 n=$3
	T=$(mktemp -d /tmp/fu-cli.XXXXXX)
	mkdir -p "$T/home" "$T/config/followup" "$T/data"
	echo "$T" >"$logdir/$n.T"
	# Not inside `if` or `&&`: there bash would ignore set -e in the test.
	# A background job ignores SIGINT and SIGQUIT: the test gets them
	# back, as when it ran in the foreground.
	(
		trap - INT QUIT
		echo "$BASHPID" >"$logdir/$n.pid"
		cd "$T" && TODAY=2026-11-02 && JGET_OWNER=$BASHPID JGET_DIR=$logdir/$n.jget &&
			. "$dir/lib.sh" && . "$file" && set -e && $t
	) >"$logdir/$n.log" 2>&1
	local rc=$?
	jget_stop "$logdir/$n.jget"
	rm -rf "$T" 2>/dev/null || { chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"; }
	return $rc
}

# cli_start N: test N in the background (its status in $logdir/N.rc).
cli_start() {
	local n=$1 e=${tests[$1]}
	(
		t0=$EPOCHREALTIME
		cli_run_one "${e%%:*}" "${e##*:}" "$n"
		rc=$?
		echo "$t0 $EPOCHREALTIME" >"$logdir/$n.time"
		echo "$rc" >"$logdir/$n.rc"
	) &
	pids[$n]=$!
}

# cli_report: print the results of the tests finished so far, in order, up to
# the first one still running.
next=0 passed=0 failed=0
cli_report() {
	local rc e
	while [ "$next" -lt "${#tests[@]}" ] && [ -s "$logdir/$next.rc" ]; do
		read -r rc <"$logdir/$next.rc"
		e=${tests[$next]}
		if [ "$rc" = 0 ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "FAIL ${e%%:*} ${e##*:}"
			sed 's/^/  /' "$logdir/$next.log"
		fi
		unset "pids[$next]"
		next=$((next + 1))
	done
}

logdir=$(mktemp -d /tmp/fu-cli-logs.XXXXXX)
declare -a pids=()
# Interrupted: end the tests still running, each job with every process
# under it (found from /proc before any is killed, as an orphan is
# reparented at once), then whatever still works in or names their
# directories (an orphan, a server: nobody's children), and remove them.
cli_interrupted() {
	local n p s q round live=() kids=() all=() dirs=()
	trap - INT TERM
	for n in "${!pids[@]}"; do
		[ -e "$logdir/$n.rc" ] || live+=("$n")
	done
	# The children of every process, then the jobs' descendants.
	for s in /proc/[0-9]*/stat; do
		read -r q 2>/dev/null <"$s" || continue
		p=${q%% *}
		q=${q##*) }
		q=${q#* }
		kids[${q%% *}]+=" $p"
	done
	for n in "${live[@]}"; do
		q=${pids[$n]}
		while [ -n "$q" ]; do
			set -- $q
			p=$1
			shift
			q="$* ${kids[$p]:-}"
			q=${q# }
			all+=("$p")
		done
		[ -s "$logdir/$n.T" ] && read -r p <"$logdir/$n.T" && dirs+=("$p")
	done
	[ "${#all[@]}" -eq 0 ] || kill -TERM "${all[@]}" 2>/dev/null
	wait
	dirs+=("$logdir")
	for round in 1 2 3 4 5; do
		all=()
		for p in /proc/[0-9]*; do
			for s in "${dirs[@]}"; do
				[ "$p/cwd" -ef "$s" ] && all+=("${p#/proc/}")
			done
		done
		for p in $(printf '%s\n' "${dirs[@]}" | grep -lsFf - /proc/[0-9]*/cmdline); do
			p=${p#/proc/}
			all+=("${p%/cmdline}")
		done
		for p in "${!all[@]}"; do
			[ "${all[$p]}" != "$$" ] || unset "all[$p]"
		done
		[ "${#all[@]}" -eq 0 ] || kill -KILL "${all[@]}" 2>/dev/null
		rm -rf "${dirs[@]:0:${#dirs[@]}-1}" 2>/dev/null && [ "${#all[@]}" -eq 0 ] && break
		sleep 0.2
	done
	echo "cli: interrupted"
	exit 130
}
trap 'rm -rf "$logdir"' EXIT
trap cli_interrupted INT TERM

# ---- the schedule ----------------------------------------------------------

jobs_max=${JOBS:-}
if ! [[ $jobs_max =~ ^[1-9][0-9]*$ ]]; then
	cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
	jobs_max=$((2 * cores))
fi

order=() serial=()
for pass in slow rest; do
	for i in "${!tests[@]}"; do
		e=${tests[$i]}
		case $SERIAL in *"
$e
"*) [ "$pass" = slow ] && serial+=("$i"); continue ;; esac
		case $SLOW_FIRST in *"
$e
"*) [ "$pass" = slow ] && order+=("$i") ;;
		*) [ "$pass" = rest ] && order+=("$i") ;;
		esac
	done
done

for i in "${order[@]}"; do
	cli_start "$i"
	jobs_throttle "$jobs_max" && cli_report
done
wait
cli_report
for i in "${serial[@]}"; do
	cli_start "$i"
	wait
	cli_report
done
cli_report

[ -z "${CLI_TIMES:-}" ] || jobs_slowest "$CLI_TIMES" "$logdir" "${tests[@]}"
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
