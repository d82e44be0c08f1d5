# t_completion.sh - the bash and zsh completions (data/completion/) offer
# every command and option that the binary under test lists in its --help,
# the values, sub-words, prospect ids and cadence names.
#
# bash: followup.bash is sourced in `bash --norc` with the tests' clean
# environment and a PATH whose `followup` is $FU; COMP_WORDS (split as bash
# splits them: `--format=j` is `--format` `=` `j`), COMP_CWORD, COMP_LINE and
# COMP_POINT are set, _followup called, COMPREPLY printed one a line.
#
# zsh: `zsh -n` checks _followup's syntax; then _followup is autoloaded in
# `zsh -f` and called with `words` and CURRENT set and the completion
# system's primitives it uses (_describe, compadd, compset, _files) stubbed
# by functions that print what they were given (_describe: "D name:descr",
# compadd: "C word", _files: "F args"), since compinit's widgets need an
# interactive shell.  One test then drives a real interactive zsh through
# the zsh/zpty module (compinit, TAB) for the few cases where the stubs
# could hide a mistake.  Without zsh (scripts/deps.sh test installs it) the
# zsh tests are skipped.
#
# The expected commands and options are parsed here from the binary's
# --help, independently of the completion scripts.

comp_root() { (cd "$(dirname "$FU")/.." && pwd); }

# $T/cbin/followup is the binary under test.
comp_path() {
	if [ ! -e "$T/cbin/followup" ]; then
		mkdir -p "$T/cbin"
		ln -s "$FU" "$T/cbin/followup"
	fi
	printf '%s' "$T/cbin:$PATH"
}

# comp_env CMD...: run CMD in the environment of `fu`.
comp_env() {
	env -i PATH="$(comp_path)" HOME="$T/home" XDG_DATA_HOME="$T/data" \
		XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FOLLOWUP_DB="${DB-$T/fu.db}" FOLLOWUP_TODAY="$TODAY" "$@"
}

# comp_bash WORD...: COMPREPLY for the last WORD, in $T/out.
comp_bash() {
	comp_env bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_followup || exit 1
		[ "${#COMPREPLY[@]}" -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"
	' comp "$(comp_root)/data/completion/followup.bash" "$@" >"$T/out" 2>"$T/err" </dev/null ||
		fail "bash completion of [$*] failed: $(cat "$T/err")"
	[ ! -s "$T/err" ] || fail "bash completion of [$*] wrote to stderr: $(cat "$T/err")"
}

# comp_offers WORD...: each WORD is a line of $T/out.
comp_offers() {
	local w missing=""
	for w in "$@"; do
		grep -qxF -- "$w" "$T/out" || missing="$missing [$w]"
	done
	[ -z "$missing" ] || fail "not offered:$missing; offered: $(tr '\n' ' ' <"$T/out")"
}

comp_lacks() {
	local w
	for w in "$@"; do
		! grep -qxF -- "$w" "$T/out" || fail "offered [$w]: $(tr '\n' ' ' <"$T/out")"
	done
}

# The commands of `followup --help`, one a line, in $T/cmds.
comp_commands() {
	fu_ok --help || return 1
	awk '/^commands:/ { f = 1; next } f && /^$/ { exit } f { print $1 }' "$T/out" >"$T/cmds"
	[ "$(wc -l <"$T/cmds")" -ge 10 ] || fail "few commands in followup --help: $(cat "$T/out")"
}

# comp_options CMD: the --options of `followup CMD --help` (its usage line
# and its global options line), one a line, in $T/opts.
comp_options() {
	fu_ok "$1" --help || return 1
	{ sed -n 1p "$T/out"; grep '^global options:' "$T/out"; } |
		grep -oE -- '--[a-z][a-z0-9-]*' | sort -u >"$T/opts"
	grep -qx -- --help "$T/opts" || fail "no global options line in followup $1 --help: $(cat "$T/out")"
}

test_completion_bash_offers_every_command() {
	comp_commands || return 1
	comp_bash followup ""
	# shellcheck disable=SC2046
	comp_offers $(cat "$T/cmds") || return 1
	comp_bash followup ex
	[ "$(cat "$T/out")" = export ] || fail "followup ex: expected export, got $(cat "$T/out")"
	# After global options too.
	comp_bash followup --db "$T/fu.db" --today 2026-11-02 ""
	# shellcheck disable=SC2046
	comp_offers $(cat "$T/cmds")
}

test_completion_bash_offers_every_option() {
	local cmd n=0
	comp_commands || return 1
	while read -r cmd; do
		comp_options "$cmd" || return 1
		comp_bash followup "$cmd" --
		# shellcheck disable=SC2046
		comp_offers $(cat "$T/opts") || { fail "followup $cmd --"; return 1; }
		n=$((n + $(wc -l <"$T/opts")))
	done <"$T/cmds"
	echo "    $n options of $(wc -l <"$T/cmds") commands offered"
	# Before the command: the top usage line's options.
	fu_ok --help
	sed -n 's/^usage: //p' "$T/out" | grep -oE -- '--[a-z][a-z0-9-]*' >"$T/opts"
	[ -s "$T/opts" ] || fail "no options on the usage line of followup --help"
	comp_bash followup --
	# shellcheck disable=SC2046
	comp_offers $(cat "$T/opts") --help
}

test_completion_bash_values() {
	comp_bash followup due --format ""
	comp_offers text tsv csv json || return 1
	comp_bash followup due --format j
	[ "$(cat "$T/out")" = json ] || fail "due --format j: $(cat "$T/out")"
	# --format=j: bash splits at the =, and replaces only the j.
	comp_bash followup due --format = j
	[ "$(cat "$T/out")" = json ] || fail "due --format=j: $(cat "$T/out")"
	comp_bash followup list --status ""
	comp_offers active won lost all || return 1
	comp_bash followup list --sort ""
	comp_offers name company due status || return 1
	comp_bash followup cadence add nurture 7,30 --then ""
	comp_offers monthly every: none || return 1
	# --channel and --outcome: the lists in the text of log --help.
	fu_ok log --help
	tr '\n' ' ' <"$T/out" | grep -oE 'Channels: [a-z, -]+\.' | sed 's/^Channels: //; s/\.$//; s/, /\n/g' >"$T/ch"
	tr '\n' ' ' <"$T/out" | grep -oE 'Outcomes: [a-z, -]+\.' | sed 's/^Outcomes: //; s/\.$//; s/, */\n/g' >"$T/oc"
	grep -qx call "$T/ch" && grep -qx wrong-number "$T/oc" ||
		fail "cannot read the channels and outcomes of log --help: $(cat "$T/out")"
	comp_bash followup log 1 --channel ""
	# shellcheck disable=SC2046
	comp_offers $(cat "$T/ch") || return 1
	comp_bash followup log 1 --outcome ""
	# shellcheck disable=SC2046
	comp_offers $(cat "$T/oc") || return 1
	comp_bash followup edit 1 --flag ""
	comp_offers verified need decider timeline || return 1
	comp_bash followup edit 1 --unflag d
	comp_offers decider
}

test_completion_bash_subwords() {
	comp_bash followup export ""
	comp_offers csv ics vdir || return 1
	comp_bash followup cadence ""
	comp_offers list show add || return 1
	comp_bash followup away ""
	comp_offers list remove || return 1
	comp_bash followup touch ""
	comp_offers remove || return 1
	# Each sub-word its own options.
	comp_bash followup export csv --
	comp_offers --touches --db || return 1
	comp_lacks --days || return 1
	comp_bash followup export ics --
	comp_offers --days || return 1
	comp_lacks --touches
}

test_completion_bash_files() {
	: >"$T/leads.csv"
	mkdir "$T/cal"
	comp_bash followup import le
	comp_offers leads.csv || return 1
	comp_bash followup import ""
	comp_offers - leads.csv || return 1
	comp_bash followup export vdir c
	comp_offers cal || return 1
	comp_bash followup --db le
	comp_offers leads.csv
}

test_completion_bash_ids() {
	fu_ok add "Ana Ruiz"
	fu_ok add "Bo Chen"
	comp_bash followup show ""
	comp_offers 1 2 || return 1
	[ "$(wc -l <"$T/out")" -eq 2 ] || fail "show: expected 2 ids, got $(cat "$T/out")"
	comp_bash followup log ""
	comp_offers 1 2 || return 1
	# --db typed (before or after the command): that database's ids.
	DB="$T/other.db" fu_ok add "Carla"
	DB="$T/other.db" fu_ok add "Dan"
	DB="$T/other.db" fu_ok add "Eve"
	comp_bash followup --db "$T/other.db" edit ""
	comp_offers 1 2 3 || return 1
	comp_bash followup edit --db="$T/other.db" ""
	comp_offers 1 2 3 || return 1
	# No database: no ids, and none is created.
	comp_bash followup --db "$T/none.db" show ""
	[ ! -s "$T/out" ] || fail "ids offered from no database: $(cat "$T/out")"
	[ ! -e "$T/none.db" ] || fail "completion created $T/none.db"
	# The binary the line names, not the one on PATH.
	comp_env bash --norc --noprofile -c '
		PATH=/usr/bin:/bin
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_followup; printf "%s\n" "${COMPREPLY[@]}"
	' comp "$(comp_root)/data/completion/followup.bash" "$FU" show "" >"$T/out" 2>"$T/err"
	comp_offers 1 2
}

test_completion_bash_cadences() {
	fu_ok cadence add quick 1,2,5
	comp_bash followup cadence show ""
	comp_offers standard quick || return 1
	comp_bash followup add "Ana" --cadence q
	[ "$(cat "$T/out")" = quick ] || fail "--cadence q: $(cat "$T/out")"
	comp_bash followup edit 1 --cadence ""
	comp_offers standard quick || return 1
	# A new cadence's name is not completed.
	comp_bash followup cadence add ""
	comp_lacks standard quick
}

test_completion_bash_away_ids() {
	fu_ok away 2026-12-24 2026-12-31
	comp_bash followup away remove ""
	comp_offers 1
}

# ---- zsh ---------------------------------------------------------------------

comp_have_zsh() {
	command -v zsh >/dev/null 2>&1 && return 0
	echo "    skip: zsh is not installed (scripts/deps.sh test installs it)"
	return 1
}

# comp_zsh WORD...: what _followup gave the stubs for the last WORD, in
# $T/out (the descriptions of "D name:description" kept, see comp_zsh_names).
comp_zsh() {
	cat >"$T/stubs.zsh" <<'EOF'
fpath=($1 $fpath)
shift
autoload -Uz _followup
_describe() {
	local n
	local -a arr
	while [[ $1 == -? ]]; do
		case $1 in (-t|-J|-V|-x|-X) shift 2 ;; (*) shift ;; esac
	done
	shift
	for n in "$@"; do
		[[ $n == -* ]] && continue
		arr=("${(@P)n}")
		(( $#arr )) && print -rl -- "D "${^arr}
	done
	return 0
}
compadd() {
	while (( $# )) && [[ $1 != -- ]]; do shift; done
	shift
	(( $# )) && print -rl -- "C "${^@}
	return 0
}
_files() { print -r -- "F $*"; return 0 }
compset() { print -r -- "S $*"; return 0 }
words=("$@")
CURRENT=$#
_followup
EOF
	# Exit status 1: nothing offered.
	comp_env zsh -f "$T/stubs.zsh" "$(comp_root)/data/completion" "$@" >"$T/zout" 2>"$T/err" </dev/null ||
		[ $? -eq 1 ] || fail "zsh completion of [$*] failed: $(cat "$T/err")"
	[ ! -s "$T/err" ] || fail "zsh completion of [$*] wrote to stderr: $(cat "$T/err")"
	# The words offered (D and C lines), one a line, in $T/out.
	sed -n 's/^[DC] //p' "$T/zout" | sed 's/\(^[^:]*\):.*/\1/' >"$T/out"
}

test_completion_zsh_syntax() {
	comp_have_zsh || return 0
	zsh -n "$(comp_root)/data/completion/_followup" 2>"$T/err" || fail "zsh -n: $(cat "$T/err")"
	head -n 1 "$(comp_root)/data/completion/_followup" | grep -qx '#compdef followup' ||
		fail "_followup does not start with #compdef followup"
}

test_completion_zsh_commands_and_options() {
	local cmd
	comp_have_zsh || return 0
	comp_commands || return 1
	comp_zsh followup ""
	# shellcheck disable=SC2046
	comp_offers $(cat "$T/cmds") || return 1
	# Each command described by its usage.
	grep -qF 'D export:csv [FILE]' "$T/zout" || fail "export not described by its usage: $(cat "$T/zout")"
	while read -r cmd; do
		comp_options "$cmd" || return 1
		comp_zsh followup "$cmd" --
		# shellcheck disable=SC2046
		comp_offers $(cat "$T/opts") || { fail "followup $cmd --"; return 1; }
	done <"$T/cmds"
	comp_zsh followup --
	comp_offers --db --today --config --help
}

test_completion_zsh_values_subwords_files() {
	comp_have_zsh || return 0
	comp_zsh followup due --format ""
	comp_offers text tsv csv json || return 1
	comp_zsh followup due --format=j
	grep -qx 'S -P \*=' "$T/zout" || fail "--format=j: no compset -P: $(cat "$T/zout")"
	comp_offers json || return 1
	comp_zsh followup log 1 --outcome ""
	comp_offers no-answer wrong-number won lost || return 1
	comp_zsh followup export ""
	comp_offers csv ics vdir || return 1
	comp_zsh followup cadence ""
	comp_offers list show add || return 1
	comp_zsh followup export csv --
	comp_lacks --days || return 1
	comp_zsh followup import ""
	grep -q '^F ' "$T/zout" || fail "import: no file completion: $(cat "$T/zout")"
	comp_offers - || return 1
	comp_zsh followup export vdir ""
	grep -qx 'F -/' "$T/zout" || fail "export vdir: no directory completion: $(cat "$T/zout")"
}

test_completion_zsh_ids_and_cadences() {
	comp_have_zsh || return 0
	fu_ok add "Ana Ruiz"
	fu_ok add "Bo Chen"
	fu_ok cadence add quick 1,2,5
	comp_zsh followup show ""
	grep -qx 'D 1:Ana Ruiz' "$T/zout" && grep -qx 'D 2:Bo Chen' "$T/zout" ||
		fail "show: ids with their names expected: $(cat "$T/zout")"
	DB="$T/other.db" fu_ok add "Carla"
	comp_zsh followup --db "$T/other.db" show ""
	grep -qx 'D 1:Carla' "$T/zout" || fail "--db not honoured: $(cat "$T/zout")"
	comp_zsh followup --db "$T/none.db" show ""
	[ ! -e "$T/none.db" ] || fail "completion created $T/none.db"
	comp_zsh followup cadence show ""
	comp_offers standard quick || return 1
	comp_zsh followup add Ana --cadence ""
	comp_offers standard quick
}

# The real completion system: an interactive `zsh -f` under zsh/zpty runs
# compinit; each case types a line and TAB, then goes to the start of the
# line and makes it `print -r -- $((6*7)) LINE`, so that the completed line
# comes back as the output "42 LINE" (the echo of the typing shows $((6*7))).
test_completion_zsh_real_widgets() {
	comp_have_zsh || return 0
	zsh -f -c 'zmodload zsh/zpty' 2>/dev/null || {
		echo "    skip: zsh has no zsh/zpty module"
		return 0
	}
	fu_ok add "Ana Ruiz"
	cat >"$T/pty.zsh" <<'EOF'
zmodload zsh/zpty
zpty z 'TERM=dumb zsh -f -i'
zpty -w z "PS1='%% '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt beep; print RE''ADY"
zpty -r z out '*READY*'
shift
for line in "$@"; do
	zpty -w -n z "$line"$'\t'
	sleep 0.3
	zpty -w z $'\C-a''print -r -- $((6*7)) '
	zpty -r z out '*42 *'$'\n'
	out=${${out##*42 }%%[$'\r\n']*}
	print -r -- "[$out]"
done
zpty -d z
EOF
	comp_env timeout 60 zsh -f "$T/pty.zsh" "$(comp_root)/data/completion" \
		'followup sh' 'followup show ' 'followup due --format=j' 'followup export c' \
		>"$T/out" 2>"$T/err" || fail "zpty run failed: $(cat "$T/err" "$T/out")"
	printf '%s\n' '[followup show]' '[followup show 1]' '[followup due --format=json]' \
		'[followup export csv]' >"$T/want"
	cmp -s "$T/want" "$T/out" || {
		echo "    real zsh completion (- expected, + actual):"
		diff -u "$T/want" "$T/out" | sed -n '3,$s/^/      /p'
		return 1
	}
}

# make install puts both where bash-completion and zsh look; uninstall
# removes them.  The installed bash script completes the installed binary.
test_completion_install_and_uninstall() {
	local root p=$T/prefix
	root=$(comp_root)
	make_tree -C "$root" O="$T/build" PREFIX="$p" install >"$T/make.log" 2>&1 ||
		fail "make install failed: $(tail -5 "$T/make.log")"
	cmp -s "$root/data/completion/followup.bash" "$p/share/bash-completion/completions/followup" ||
		fail "bash completion not installed as share/bash-completion/completions/followup"
	cmp -s "$root/data/completion/_followup" "$p/share/zsh/site-functions/_followup" ||
		fail "zsh completion not installed as share/zsh/site-functions/_followup"
	comp_env bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_followup; printf "%s\n" "${COMPREPLY[@]}"
	' comp "$p/share/bash-completion/completions/followup" "$p/bin/followup" export "" >"$T/out" 2>"$T/err"
	comp_offers csv ics vdir || return 1
	make_tree -C "$root" O="$T/build" PREFIX="$p" uninstall >"$T/make.log" 2>&1 ||
		fail "make uninstall failed: $(tail -5 "$T/make.log")"
	[ ! -e "$p/share/bash-completion/completions/followup" ] || fail "bash completion left after uninstall"
	[ ! -e "$p/share/zsh/site-functions/_followup" ] || fail "zsh completion left after uninstall"
}
