# t_layers.sh - the architecture of STYLE.md, enforced: the core never
# includes curses, only the store's files (store*.c, and their private
# store_int.h) include sqlite3.h, only the calendar module (ical.c, ical_feed.c) includes
# libical, and the binary itself does not link libical or ncurses' TUI
# pieces into the morning path.

repo_root() { (cd "$(dirname "$FU")/.." && pwd); }

test_core_does_not_include_curses() {
	local root bad
	root=$(repo_root)
	bad=$(cd "$root/src" && grep -l 'curses\.h' *.c | grep -v '^tui' || true)
	[ -z "$bad" ] || fail "core files include curses.h: $bad"
}

test_only_store_includes_sqlite() {
	local root bad
	root=$(repo_root)
	bad=$(cd "$root" && grep -l '<sqlite3.h>\|"store_int.h"' src/*.c src/*.h include/followup/*.h |
		grep -v '^src/store[a-z_]*\.[ch]$' || true)
	[ -z "$bad" ] || fail "sqlite3.h (or store_int.h) outside store*.c: $bad"
	grep -q '<sqlite3.h>' "$root/src/store_int.h" || fail "store_int.h no longer includes sqlite3.h: is this test still looking in the right place?"
}

test_only_ical_module_includes_libical() {
	local root bad
	root=$(repo_root)
	bad=$(cd "$root" && grep -l '<libical/\|<ical\.h>' src/*.c include/followup/*.h | grep -v "^src/ical\(_feed\)\?\.c$" || true)
	[ -z "$bad" ] || fail "libical outside ical.c: $bad"
}

test_only_the_mail_module_includes_gmime() {
	local root bad
	root=$(repo_root)
	bad=$(cd "$root" && grep -l '<gmime/' src/*.c src/*.h include/followup/*.h | grep -v '^src/gmime\.c$' || true)
	[ -z "$bad" ] || fail "GMime outside gmime.c: $bad"
}

test_binary_does_not_link_gmime_or_glib() {
	# GMime and GLib are the mail module's, loaded when a message is built.
	! ldd "$FU" | grep -qE 'libgmime|libglib|libgobject|libgio' ||
		fail "followup links GMime or GLib: $(ldd "$FU" | grep -E 'gmime|glib|gobject|gio')"
	ldd "$(dirname "$FU")/followup-mail.so" | grep -q 'libgmime-3.0' ||
		fail "the mail module does not link GMime"
}

test_binary_does_not_link_libical() {
	! ldd "$FU" | grep -q 'libical' || fail "followup links libical: $(ldd "$FU" | grep ical)"
	ldd "$(dirname "$FU")/followup-ical.so" | grep -q 'libical' ||
		fail "the calendar module does not link libical"
}
