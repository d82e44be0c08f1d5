#!/bin/sh
# deps.sh [run|test] - make sure what followup needs is present.
#
#   deps.sh run    what building and running followup needs (`make run`)
#   deps.sh test   that plus every test and benchmark tool (`make deps`,
#                  `make check`, `make bench`, `make fuzz`); the default
#
# Each line of the tables below is "how to check" and "the Debian package
# that provides it".  When something is missing: on Debian/Ubuntu it is
# installed with apt-get (through sudo when not root); elsewhere the exact
# packages are printed and the exit status is 1.
#
# DEPS_ROOT (for tests/cli/t_deps.sh) is prefixed to the paths of the `hdr`
# and `file` checks, so that a test can point them at an empty directory.
set -eu

mode=${1:-test}
case "$mode" in
run | test) ;;
*)
	echo "usage: sh scripts/deps.sh [run|test]" >&2
	exit 2
	;;
esac

root=${DEPS_ROOT:-}
missing=""
have_pkg_config=no
command -v pkg-config >/dev/null 2>&1 && have_pkg_config=yes
need() { # need KIND NAME PACKAGE
	case "$1" in
	# Without pkg-config nothing can be checked: ask for the package
	# (apt-get skips what is installed already).
	pc) [ "$have_pkg_config" = yes ] && pkg-config --exists "$2" 2>/dev/null || missing="$missing $3" ;;
	cmd) command -v "$2" >/dev/null 2>&1 || missing="$missing $3" ;;
	hdr) [ -f "$root/usr/include/$2" ] || [ -f "$root/usr/local/include/$2" ] || missing="$missing $3" ;;
	file) [ -e "$root$2" ] || missing="$missing $3" ;;
	esac
}

# ---- build and run ------------------------------------------------------
need cmd pkg-config pkg-config
need cmd cc gcc
need cmd make make
need pc sqlite3 libsqlite3-dev
need pc ncursesw libncurses-dev
need pc libical libical-dev
need hdr csv.h libcsv-dev
# Search folding (Unicode decomposition).
need hdr uninorm.h libunistring-dev
# The mail module (coming).
need pc gmime-3.0 libgmime-3.0-dev

# ---- tests and benchmarks -----------------------------------------------
if [ "$mode" = test ]; then
	need pc cmocka libcmocka-dev
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
	else
		missing="$missing libclang-rt-14-dev"
	fi
	need file /usr/lib/python3/dist-packages/icalendar python3-icalendar
	need cmd calcurse calcurse
	need cmd khal khal
	need cmd faketime faketime
	# CalDAV, mail: a local server and the clients the tests drive.
	need cmd radicale radicale
	need cmd vdirsyncer vdirsyncer
	need cmd msmtp msmtp
	need file /usr/lib/python3/dist-packages/aiosmtpd python3-aiosmtpd
	need cmd node nodejs
	# Debian's npm; a node from elsewhere (nodesource) brings its own.
	need cmd npm npm
	# The zsh completion's test (tests/cli/t_completion.sh).
	need cmd zsh zsh
	# make bench (and its smoke test in make check)
	need cmd hyperfine hyperfine
	need cmd task taskwarrior
	need file /usr/bin/time time
fi

[ -z "$missing" ] && exit 0

# shellcheck disable=SC2046,SC2086
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
