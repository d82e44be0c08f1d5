# t_docs.sh - the README and the man page stay true (STYLE: "Examples in
# the README and man page are run by a test, so they stay true").
#
# The repository root is found from $FU (build/followup, build-asan/followup,
# build-clang/followup: one level up).  Every check returns 1 explicitly on
# failure rather than relying on `set -e`, which bash ignores inside the
# `if ( ... )` that run.sh wraps each test in.

# docs_root: print the repository root (the directory holding README.md and
# man/followup.1 above the binary's directory).
docs_root() {
	local d
	d=$(cd "$(dirname "$FU")" && pwd) || return 1
	while [ "$d" != / ]; do
		if [ -f "$d/README.md" ] && [ -f "$d/man/followup.1" ]; then
			echo "$d"
			return 0
		fi
		d=$(dirname "$d")
	done
	echo "    no README.md and man/followup.1 above $FU" >&2
	return 1
}

# Run one README command ("followup ARGS", $1) and compare its stdout with
# the expected lines in file $2.  The arguments are split by the shell
# (eval), exactly as a reader pasting the line would have them split.
readme_run() {
	local cmd=$1 want=$2 args
	case "$cmd" in
	"followup "*) args=${cmd#followup } ;;
	*) fail "README console command does not start with 'followup ': \$ $cmd"; return 1 ;;
	esac
	eval "set -- $args" || { fail "cannot split: \$ $cmd"; return 1; }
	fu "$@"
	if [ "$RC" -ne 0 ]; then
		fail "\$ $cmd: exit $RC, stderr: $(cat "$T/err")"
		return 1
	fi
	if ! cmp -s "$want" "$T/out"; then
		echo "    \$ $cmd: stdout differs from README.md (- README, + actual):"
		diff -u "$want" "$T/out" | sed -n '3,$s/^/      /p'
		return 1
	fi
}

# Every ```console block of README.md: each "$ followup ..." line runs in
# order against one fresh database; the lines after it, up to the next
# "$ " line or the closing fence, are its exact stdout.
test_readme_tour() {
	local root readme line cmd="" in_block=0 n=0 bad=0 want="$T/want"
	root=$(docs_root) || return 1
	readme="$root/README.md"
	rm -f "$T/fu.db"
	: >"$want"
	while IFS= read -r line || [ -n "$line" ]; do
		if [ "$in_block" -eq 0 ]; then
			[ "$line" = '```console' ] && in_block=1
			continue
		fi
		case "$line" in
		'```')
			if [ -n "$cmd" ]; then
				readme_run "$cmd" "$want" || bad=$((bad + 1))
				n=$((n + 1))
			fi
			cmd="" in_block=0
			: >"$want"
			;;
		'$ '*)
			if [ -n "$cmd" ]; then
				readme_run "$cmd" "$want" || bad=$((bad + 1))
				n=$((n + 1))
			fi
			cmd=${line#\$ }
			: >"$want"
			;;
		*)
			if [ -z "$cmd" ]; then
				fail "README.md: console block line before any command: $line"
				return 1
			fi
			printf '%s\n' "$line" >>"$want"
			;;
		esac
	done <"$readme"
	[ "$in_block" -eq 0 ] || { fail "README.md: unterminated console block"; return 1; }
	[ "$n" -ge 5 ] || { fail "README.md: expected a tour, found $n console commands"; return 1; }
	[ "$bad" -eq 0 ] || { fail "$bad of $n README commands differ"; return 1; }
	echo "    $n README commands checked"
}

# man -l renders the page without warnings, it has the sections a reader
# looks for, and it documents every subcommand that `followup --help` lists.
test_man_page_renders() {
	local root page name missing=""
	root=$(docs_root) || return 1
	page="$root/man/followup.1"
	if ! command -v man >/dev/null 2>&1; then
		echo "    skip: man is not installed (make deps installs man-db)"
		return 0
	fi
	LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" >"$T/man.raw" 2>"$T/man.err" ||
		{ fail "man -l failed: $(cat "$T/man.err")"; return 1; }
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>"$T/man.warn" >/dev/null
	if [ -s "$T/man.err" ] || [ -s "$T/man.warn" ]; then
		fail "man page warnings: $(cat "$T/man.err" "$T/man.warn")"
		return 1
	fi
	sed 's/.\x08//g' "$T/man.raw" >"$T/man.txt"
	for name in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS DATES SCHEDULING \
		"OUTPUT FORMATS" CONFIGURATION ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -qx "$name" "$T/man.txt" || missing="$missing [section $name]"
	done
	fu_ok --help || return 1
	awk '/^commands:/ { f = 1; next } f && /^$/ { exit } f { print $1 }' "$T/out" >"$T/cmds"
	[ "$(wc -l <"$T/cmds")" -ge 10 ] ||
		{ fail "could not read the command list of followup --help: $(cat "$T/out")"; return 1; }
	while read -r name; do
		grep -q "followup $name\\b" "$T/man.txt" || missing="$missing [followup $name]"
	done <"$T/cmds"
	for name in FOLLOWUP_DB FOLLOWUP_TODAY FOLLOWUP_CONFIG XDG_DATA_HOME XDG_CONFIG_HOME \
		NO_COLOR FOLLOWUP_ICAL_MODULE followup-ical.so; do
		grep -qF "$name" "$T/man.txt" || missing="$missing [$name]"
	done
	[ -z "$missing" ] || { fail "man page lacks:$missing"; return 1; }
}

# Every long option in the option tables of the command line (src/cli*.c,
# src/main.c and the global options in include/followup/cli.h) appears in
# the man page source as \-\-name (or --name).
test_man_documents_options() {
	local root page opt missing="" n=0
	root=$(docs_root) || return 1
	page="$root/man/followup.1"
	grep -ohE '\{"[a-z][a-z0-9-]*", *(required|no|optional)_argument' \
		"$root"/src/cli*.c "$root/src/main.c" "$root/include/followup/cli.h" |
		sed 's/^{"\([^"]*\)".*/\1/' | sort -u >"$T/opts"
	# roff writes a literal hyphen as \- (\-\-first\-contact): compare with
	# those escapes undone, so --name and \-\-name both count.
	sed 's/\\-/-/g' "$page" >"$T/page"
	while read -r opt; do
		n=$((n + 1))
		grep -qE -- "--$opt([^a-z0-9-]|\$)" "$T/page" || missing="$missing --$opt"
	done <"$T/opts"
	[ "$n" -ge 20 ] || { fail "found only $n long options in the sources"; return 1; }
	[ -z "$missing" ] || { fail "man/followup.1 does not document:$missing"; return 1; }
	echo "    $n long options documented"
}

# The TUI's one key table (src/tui_keys.c) feeds the man page too: every
# entry's key names ("j Down", "PgDn ^F Space", ...) label an item of the
# TERMINAL INTERFACE section, as `.B "j Down"` (or `.B q`).
test_man_documents_tui_keys() {
	local root keys n=0 k missing=""
	root=$(docs_root) || return 1
	keys="$root/src/tui_keys.c"
	if [ ! -f "$keys" ]; then
		echo "    skip: no $keys"
		return 0
	fi
	grep -oE '\}, "[^"]+", "(Move|Prospect|Views|Other)", "' "$keys" |
		sed 's/^}, "\([^"]*\)".*/\1/' >"$T/keys"
	sed 's/\\-/-/g' "$root/man/followup.1" >"$T/page"
	grep -qx '.SH "TERMINAL INTERFACE"' "$T/page" || { fail "man page has no TERMINAL INTERFACE section"; return 1; }
	while IFS= read -r k; do
		n=$((n + 1))
		grep -qxF ".B \"$k\"" "$T/page" || grep -qxF ".B $k" "$T/page" || missing="$missing [$k]"
	done <"$T/keys"
	[ "$n" -ge 10 ] || { fail "found only $n entries in $keys"; return 1; }
	[ -z "$missing" ] || { fail "man/followup.1 does not document the TUI keys:$missing"; return 1; }
	echo "    $n key table entries documented"
}
