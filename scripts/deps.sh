#!/bin/sh
# deps.sh - make sure everything followup needs to build and test is present.
#
# Called by `make deps` (and so by `make run` and `make check`).  Each line of
# the table below is "how to check" and "the Debian package that provides it".
# When something is missing: on Debian/Ubuntu it is installed with apt-get
# (through sudo when not root); elsewhere the exact packages are printed.
set -eu

missing=""
need() { # need KIND NAME PACKAGE
	case "$1" in
	pc)  pkg-config --exists "$2" 2>/dev/null || missing="$missing $3" ;;
	cmd) command -v "$2" >/dev/null 2>&1 || missing="$missing $3" ;;
	hdr) [ -f "/usr/include/$2" ] || [ -f "/usr/local/include/$2" ] || missing="$missing $3" ;;
	file) [ -e "$2" ] || missing="$missing $3" ;;
	esac
}

need cmd pkg-config pkg-config
need cmd cc gcc
need cmd make make
if command -v pkg-config >/dev/null 2>&1; then
	need pc sqlite3 libsqlite3-dev
	need pc ncursesw libncurses-dev
	need pc libical libical-dev
	need pc cmocka libcmocka-dev
fi
need hdr csv.h libcsv-dev
need cmd sqlite3 sqlite3
need file /usr/bin/python3 python3
need cmd tmux tmux
need cmd clang clang
need cmd man man-db
need cmd setpriv util-linux
need cmd valgrind valgrind
# The sanitizer runtime clang links for ASan/UBSan builds.
if command -v clang >/dev/null 2>&1; then
	rt=$(clang --print-file-name=libclang_rt.asan-x86_64.a 2>/dev/null || true)
	case "$rt" in /*) [ -e "$rt" ] || missing="$missing libclang-rt-14-dev" ;; *) missing="$missing libclang-rt-14-dev" ;; esac
fi
need file /usr/lib/python3/dist-packages/icalendar python3-icalendar
need cmd calcurse calcurse
need cmd khal khal
# make bench (and its smoke test in make check)
need cmd hyperfine hyperfine
need cmd task taskwarrior
need file /usr/bin/time time

[ -z "$missing" ] && exit 0

# shellcheck disable=SC2086
set -- $(printf '%s\n' $missing | sort -u)
if command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing $*" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2
	$sudo apt-get install -y -qq --no-install-recommends "$@" >&2
	exit 0
fi
echo "deps: missing packages (Debian names): $*" >&2
echo "deps: install them with your package manager, then run make again" >&2
exit 1
