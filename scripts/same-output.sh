#!/bin/bash
# same-output.sh OLD_BIN NEW_BIN [SIZES] - a restructuring changes no byte
# of what users and scripts read.  Builds the benchmark's databases
# (bench/gen.py, through the real import) for each size (default "1000
# 10000"), then runs both binaries on copies of them and compares the
# output of due, list, show, stats (text and JSON), export csv (prospects
# and touches) and export ics (its DTSTAMP lines removed: they are the
# export's own time).  Prints one line per command compared and exits 1 on
# the first difference, with the diff.
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2")
sizes=${3:-"1000 10000"}
today=2026-11-16
work=$(mktemp -d /tmp/fu-same.XXXXXX)
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1 FOLLOWUP_TODAY=$today
unset FOLLOWUP_DB
: >"$work/config"
export FOLLOWUP_CONFIG=$work/config
root=$(cd "$(dirname "$0")/.." && pwd)
n_cmp=0
for n in $sizes; do
	d=$work/$n
	python3 "$root/bench/gen.py" "$n" "$d" --today "$today" >/dev/null
	"$old" --db "$d/base.db" import "$d/prospects.csv" >/dev/null
	"$old" --db "$d/base.db" import --touches "$d/touches.csv" >/dev/null
	ids=$("$old" --db "$d/base.db" list --status all --format tsv | awk -F'\t' 'NR > 1 && NR % 97 == 2 { print $1 }')
	cmds=("due" "due --days 7" "due --format json" "due --format tsv" "due --format csv"
		"list" "list --status all --sort due" "list --status all --format json" "list --status won --format csv"
		"list --sort company --format tsv" "list --overdue" "stats" "stats --format json"
		"stats --from 2026-09-01 --format json" "stats --from 2026-09-01 --to 2026-10-15"
		"export csv -" "export csv - --touches" "export ics - --days 60" "export ics - --days 3660")
	for id in $ids; do cmds+=("show $id" "show $id --format json"); done
	for c in "${cmds[@]}"; do
		for b in old new; do
			cp "$d/base.db" "$d/$b.db"
			bin=$old
			[ $b = new ] && bin=$new
			# shellcheck disable=SC2086
			"$bin" --db "$d/$b.db" $c 2>&1 | sed '/^DTSTAMP:/d' >"$d/$b.out" || true
		done
		if ! cmp -s "$d/old.out" "$d/new.out"; then
			echo "DIFFERS at $n prospects: followup $c"
			diff "$d/old.out" "$d/new.out" | head -20
			exit 1
		fi
		n_cmp=$((n_cmp + 1))
	done
	echo "$n prospects: ${#cmds[@]} commands, byte-identical"
done
echo "same-output: $n_cmp comparisons, no difference"
