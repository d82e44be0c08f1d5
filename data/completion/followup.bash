# bash completion for followup(1)                          -*- shell-script -*-
#
# Installed by `make install` as $(PREFIX)/share/bash-completion/completions/
# followup; from a checkout: `source data/completion/followup.bash`.
#
# Nothing here lists followup's commands or options.  On each TAB the
# followup being completed (the first word of the line, so ./build/followup
# completes itself) is asked:
#
#   followup --help       the commands (the "commands:" section, one command
#                         and its usage a line) and, on its "usage:" line,
#                         the global options allowed before a command;
#   followup CMD --help   "usage: followup CMD USAGE": USAGE's --options,
#                         their values (`--format text|tsv|csv|json` is a
#                         fixed set, `--db PATH` a file), its literal
#                         sub-words (`export csv|ics|vdir`, `cadence
#                         list|show|add`) and placeholders; the "global
#                         options:" line; the text, for value lists it
#                         names ("Channels: call, email, ...").
#
# USAGE is read as: alternatives separated by " | "; [ ] groups optional
# words; a --name followed, in its own [ ] group (or outside any), by a word
# that is not an option takes that word as its value; a word with no
# capital letter is a literal; FILE, DIR and PATH are files, ID a prospect
# id (an `away` id in `followup away`), NAME in `cadence` (not `cadence
# add`) and the value of --cadence a cadence name.  Ids come from `followup
# list --status all --format tsv`, cadences from `followup cadence list`,
# with the --db and --config already typed; they are read only from a
# database that exists (so that a TAB never creates one).  Nothing is
# cached between TABs.

# _followup_run ARGS: run the followup being completed.
_followup_run() {
	command "$_fu_bin" "$@" 2>/dev/null </dev/null
}

# _followup_tilde WORD: the path WORD names once the shell has removed its
# quotes ('...', "..." or backslashes) and expanded a leading ~/.
_followup_tilde() {
	local x=$1
	case $x in
	\'*\' | \"*\") x=${x:1:${#x}-2} ;;
	\~) x=${HOME-} ;;
	\~/*) x=${HOME-}/${x#\~/} x=${x//\\/} ;;
	*) x=${x//\\/} ;;
	esac
	printf '%s' "$x"
}

# _followup_parse USAGE: fill _fu_pos[ALT] (the positional words of each
# alternative, space-separated) and _fu_oname/_fu_oval/_fu_oalt (each
# option, its value word or "", its alternative).
_followup_parse() {
	local u=$1 pre rest tok next depth=0 a=0 i
	local -a t
	# A quoted group ('DATE[ HH:MM]') is one value word.
	while [[ $u == *\'*\'* ]]; do
		pre=${u%%\'*} rest=${u#*\'} rest=${rest#*\'}
		u="${pre}VALUE${rest}"
	done
	u=${u//\[/ [ } u=${u//\]/ ] }
	read -r -a t <<<"$u"
	_fu_pos=("") _fu_oname=() _fu_oval=() _fu_oalt=()
	for ((i = 0; i < ${#t[@]}; i++)); do
		tok=${t[i]}
		case $tok in
		"[") depth=$((depth + 1)) ;;
		"]") depth=$((depth - 1)) ;;
		"|")
			if ((depth == 0)); then
				a=$((a + 1))
				_fu_pos[a]=""
			fi
			;;
		--?*)
			next=${t[i + 1]-}
			if [[ -n $next && $next != "[" && $next != "]" && $next != "|" && $next != -* ]]; then
				i=$((i + 1))
			else
				next=""
			fi
			_fu_oname+=("$tok") _fu_oval+=("$next") _fu_oalt+=("$a")
			;;
		*) _fu_pos[a]+="${_fu_pos[a]:+ }$tok" ;;
		esac
	done
}

# _followup_globals LINE: the options of a "global options: --db PATH,
# --today YYYY-MM-DD, --config PATH, --help" line, as alternative -1.
_followup_globals() {
	local item name
	local -a items
	IFS=, read -r -a items <<<"${1#*:}"
	for item in "${items[@]}"; do
		read -r name item <<<"$item"
		[[ $name == --?* ]] || continue
		_fu_oname+=("$name") _fu_oval+=("$item") _fu_oalt+=(-1)
	done
}

# _followup_optval NAME: print the value word of option NAME (empty: a
# flag); fails if NAME is not an option here.
_followup_optval() {
	local i found=1
	for ((i = 0; i < ${#_fu_oname[@]}; i++)); do
		[[ ${_fu_oname[i]} == "$1" ]] || continue
		found=0
		if [[ -n ${_fu_oval[i]} ]]; then
			printf '%s' "${_fu_oval[i]}"
			return 0
		fi
	done
	return $found
}

# _followup_tokmatch TOKEN WORD: WORD can stand at a position whose usage
# word is TOKEN (a placeholder, or a literal, or one of A|B).
_followup_tokmatch() {
	local part
	local -a parts
	IFS='|' read -r -a parts <<<"$1"
	for part in "${parts[@]}"; do
		[[ $part == *[A-Z]* || $part == "$2" ]] && return 0
	done
	return 1
}

# _followup_db_exists: the database the command would open exists.
_followup_db_exists() {
	local db=$_fu_db
	if [[ -z $db ]]; then
		db=${FOLLOWUP_DB-}
	fi
	if [[ -z $db ]]; then
		if [[ ${XDG_DATA_HOME-} == /* ]]; then
			db=$XDG_DATA_HOME/followup/followup.db
		else
			db=${HOME:-.}/.local/share/followup/followup.db
		fi
	fi
	[[ -f $db ]]
}

# _followup_dbrun ARGS: run a command on the database the line names.
_followup_dbrun() {
	_followup_db_exists || return 0
	local -a g=()
	[[ -n $_fu_db ]] && g+=(--db "$_fu_db")
	[[ -n $_fu_config ]] && g+=(--config "$_fu_config")
	_followup_run "${g[@]}" "$@"
}

# The candidates go to _fu_cands (one word an element).
_followup_ids() { # prospect ids: the first column, after the header
	local id rest
	while IFS=$'\t' read -r id rest; do
		[[ $id == [0-9]* ]] && _fu_cands+=("$id")
	done < <(_followup_dbrun list --status all --format tsv)
}

_followup_away_ids() {
	local id rest
	while IFS=$'\t' read -r id rest; do
		[[ $id == [0-9]* ]] && _fu_cands+=("$id")
	done < <(_followup_dbrun away list)
}

_followup_cadences() {
	local name rest
	while read -r name rest; do
		[[ -n $name ]] && _fu_cands+=("$name")
	done < <(_followup_dbrun cadence list)
}

# _followup_helplist NAME: the values the help text lists for NAME, as in
# "Channels: call, email, chat." (NAME, or NAME plural; "unNAME" as NAME).
_followup_helplist() {
	local text=${_fu_help//$'\n'/ } name re v nocase=0
	local -a vals
	shopt -q nocasematch && nocase=1
	shopt -s nocasematch
	for name in "$1" "${1#un}"; do
		re="(^|[^a-z])${name}s?: ([a-z][a-z-]*(, +[a-z][a-z-]*)*)"
		if [[ $text =~ $re ]]; then
			IFS=, read -r -a vals <<<"${BASH_REMATCH[2]}"
			for v in "${vals[@]}"; do
				_fu_cands+=("${v// /}")
			done
			break
		fi
	done
	((nocase)) || shopt -u nocasematch
}

# _followup_words SPEC: the candidates for a usage word SPEC (a value or a
# positional); FILE, PATH (files) and DIR (directories) set _fu_files.
_followup_words() {
	local part
	local -a parts
	IFS='|' read -r -a parts <<<"$1"
	for part in "${parts[@]}"; do
		case $part in
		*FILE* | *PATH*) _fu_files=f ;;
		*DIR*) _fu_files=${_fu_files:-d} ;;
		ID)
			if [[ $_fu_cmd == away ]]; then _followup_away_ids; else _followup_ids; fi
			;;
		NAME)
			# cadence show NAME (not cadence add NAME, a new one).
			if [[ $_fu_cmd == cadence && ${_fu_typed[0]-} != add ]]; then
				_followup_cadences
			fi
			;;
		[a-z]*:[A-Z]*) _fu_cands+=("${part%%:*}:") ;; # every:N -> every:
		*[A-Z]*) ;;
		*) _fu_cands+=("$part") ;;
		esac
	done
}

# _followup_values OPTION SPEC: the candidates for OPTION's value.
_followup_values() {
	case $1:$2 in
	--cadence:*) _followup_cadences ;;
	*:*"|"* | *:*FILE* | *:*DIR* | *:*PATH*) _followup_words "$2" ;;
	*) _followup_helplist "${1#--}" ;;
	esac
}

# _followup_top: read `followup --help` (once per TAB): its usage line's
# options, the global ones allowed before a command.
_followup_top() {
	[[ -n $_fu_help ]] && return 0
	_fu_help=$(_followup_run --help) || return 1
	_followup_parse "$(sed -n 's/^usage: [^ ]* //p' <<<"$_fu_help" | head -n 1)"
}

# _followup_sawopt OPTION VALUE: remember the --db and --config typed.
_followup_sawopt() {
	case $1 in
	--db) _fu_db=$(_followup_tilde "$2") ;;
	--config) _fu_config=$(_followup_tilde "$2") ;;
	esac
}

# The completion function: _followup_main under bash's default matching.
_followup() {
	local _fu_nocase=0
	if shopt -q nocasematch; then
		_fu_nocase=1
		shopt -u nocasematch
	fi
	_followup_main
	((_fu_nocase)) && shopt -s nocasematch
	return 0
}

_followup_main() {
	local _fu_bin _fu_help="" _fu_cmd="" _fu_db="" _fu_config="" _fu_files=""
	local -a _fu_pos=() _fu_oname=() _fu_oval=() _fu_oalt=() _fu_typed=() _fu_cands=()
	local -a w=() alts=() pos=()
	local i x cw=0 join=0 cur prev ci=0 dd=0 k a v strip opt vcur vpre="" any=0
	COMPREPLY=()

	# Words as followup sees them: bash splits --opt=value and every:N at
	# the = and :, join them back.
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		x=${COMP_WORDS[i]}
		if ((i > 0)) && [[ $x =~ ^[=:]+$ ]]; then
			w[${#w[@]} - 1]+=$x
			join=1
		elif ((join)); then
			w[${#w[@]} - 1]+=$x
			join=0
		else
			w+=("$x")
		fi
		((i == COMP_CWORD)) && cw=$((${#w[@]} - 1))
	done
	if ((COMP_CWORD >= ${#COMP_WORDS[@]})); then
		w+=("")
		cw=$((${#w[@]} - 1))
	fi
	cur=${w[cw]}
	# bash replaces only COMP_WORDS[COMP_CWORD], what follows the last = or
	# :, so each reply loses the head of cur before it.
	x=${COMP_WORDS[COMP_CWORD]-}
	if [[ $x =~ ^[=:]+$ ]]; then
		strip=$cur
	else
		strip=${cur%"$x"}
	fi
	_fu_bin=$(_followup_tilde "${w[0]}")

	# Global options (the top usage line says which take a value), then
	# the command.
	for ((i = 1; i < cw; i++)); do
		x=${w[i]}
		case $x in
		--?*=*) _followup_sawopt "${x%%=*}" "${x#*=}" ;;
		-?*)
			_followup_top || return 0
			if v=$(_followup_optval "$x") && [[ -n $v ]]; then
				i=$((i + 1))
				_followup_sawopt "$x" "${w[i]-}"
			fi
			;;
		*)
			ci=$i
			_fu_cmd=$x
			break
			;;
		esac
	done

	prev=${w[cw - 1]-}
	if [[ -z $_fu_cmd ]]; then
		_followup_top || return 0
		if ((cw > 1)) && [[ $prev == --?* && $prev != *=* ]] &&
			v=$(_followup_optval "$prev") && [[ -n $v ]]; then
			_followup_values "$prev" "$v"
		elif [[ $cur == --*=* ]]; then
			opt=${cur%%=*} vpre=$opt=
			v=$(_followup_optval "$opt") && [[ -n $v ]] && _followup_values "$opt" "$v"
		elif [[ $cur == -* ]]; then
			# --help is not on the usage line; `followup COMMAND --help` is.
			_fu_cands=("${_fu_oname[@]}" --help)
		else
			while read -r x; do
				_fu_cands+=("$x")
			done < <(awk '/^commands:/ { f = 1; next } f && /^$/ { exit } f { print $1 }' <<<"$_fu_help")
		fi
	else
		_fu_help=$(_followup_run "$_fu_cmd" --help) || return 0
		_followup_parse "$(sed -n "s/^usage: [^ ]* $_fu_cmd *//p" <<<"$_fu_help" | head -n 1)"
		_followup_globals "$(grep -m 1 '^global options:' <<<"$_fu_help")"
		# The words typed after the command: options (and their values)
		# aside, the positional words.
		for ((i = ci + 1; i < cw; i++)); do
			x=${w[i]}
			if ((!dd)); then
				case $x in
				--) dd=1; continue ;;
				--?*=*) _followup_sawopt "${x%%=*}" "${x#*=}"; continue ;;
				--?*)
					if v=$(_followup_optval "$x") && [[ -n $v ]]; then
						i=$((i + 1))
						_followup_sawopt "$x" "${w[i]-}"
					fi
					continue
					;;
				-?*) continue ;; # a short option: not in the usage
				esac
			fi
			_fu_typed+=("$x")
		done
		k=${#_fu_typed[@]}
		# The alternatives that the typed words fit.
		for ((a = 0; a < ${#_fu_pos[@]}; a++)); do
			read -r -a pos <<<"${_fu_pos[a]}"
			((k <= ${#pos[@]})) || continue
			for ((i = 0; i < k; i++)); do
				_followup_tokmatch "${pos[i]}" "${_fu_typed[i]}" || continue 2
			done
			alts+=("$a")
		done
		# None (more words than the usage has): every alternative's options.
		if ((${#alts[@]} == 0)); then
			for ((a = 0; a < ${#_fu_pos[@]}; a++)); do alts+=("$a"); done
		fi

		if ((!dd && cw > ci + 1)) && [[ $prev == --?* && $prev != *=* ]] &&
			v=$(_followup_optval "$prev") && [[ -n $v ]]; then
			_followup_values "$prev" "$v"
		elif ((!dd)) && [[ $cur == --*=* ]]; then
			opt=${cur%%=*} vpre=$opt=
			v=$(_followup_optval "$opt") && [[ -n $v ]] && _followup_values "$opt" "$v"
		elif ((!dd)) && [[ $cur == -?* ]]; then
			for ((i = 0; i < ${#_fu_oname[@]}; i++)); do
				for a in -1 "${alts[@]}"; do
					[[ ${_fu_oalt[i]} == "$a" ]] && _fu_cands+=("${_fu_oname[i]}")
				done
			done
		else
			for a in "${alts[@]}"; do
				read -r -a pos <<<"${_fu_pos[a]}"
				((k < ${#pos[@]})) || continue
				any=1
				_followup_words "${pos[k]}"
			done
			# No positional word left here: the options.
			if ((!any && !dd)); then
				for ((i = 0; i < ${#_fu_oname[@]}; i++)); do
					for a in -1 "${alts[@]}"; do
						[[ ${_fu_oalt[i]} == "$a" ]] && _fu_cands+=("${_fu_oname[i]}")
					done
				done
			fi
		fi
	fi

	vcur=${cur#"$vpre"}
	if ((${#_fu_cands[@]})); then
		mapfile -t COMPREPLY < <(compgen -W "$(printf '%s\n' "${_fu_cands[@]}" | sort -u)" -- "$vcur")
	fi
	if [[ -n $_fu_files ]]; then
		if [[ $_fu_files == d ]]; then
			mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$vcur")
		else
			mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$vcur")
		fi
		compopt -o filenames 2>/dev/null
	fi
	for ((i = 0; i < ${#COMPREPLY[@]}; i++)); do
		x=$vpre${COMPREPLY[i]}
		COMPREPLY[i]=${x#"$strip"}
	done
	# every: waits for its N.
	if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == *: ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}

complete -F _followup followup
