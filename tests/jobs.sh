# jobs.sh - sourced by the three runners (tests/cli/run.sh,
# tests/tui/run.sh, tests/fuzz/run.sh), in bash: how many of their jobs run
# at once, and which of their tests took longest.

# jobs_throttle MAX: count the job just started in the background; with
# MAX of them running, wait for any one to end and return 0 (the caller
# may report it), else return 1 at once.
JOBS_RUNNING=0
jobs_throttle() {
	JOBS_RUNNING=$((JOBS_RUNNING + 1))
	[ "$JOBS_RUNNING" -ge "$1" ] || return 1
	wait -n
	JOBS_RUNNING=$((JOBS_RUNNING - 1))
	return 0
}

# jobs_slowest N LOGDIR NAME...: the N slowest of the tests, slowest
# first: test I (the Ith NAME, shown without its directory) recorded
# "START END" ($EPOCHREALTIME at each) in LOGDIR/I.time.
jobs_slowest() {
	local n=$1 logdir=$2 i=0 a b name
	shift 2
	for name; do
		read -r a b <"$logdir/$i.time"
		printf '%7.2f s  %s\n' "$(echo "$b - $a" | bc)" "${name##*/}"
		i=$((i + 1))
	done | sort -rn | head -n "$n"
}
