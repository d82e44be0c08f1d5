# t_install.sh - `make install` / `make uninstall` honour PREFIX and
# DESTDIR, and an installed binary finds its calendar module under
# PREFIX/lib/followup (not only beside itself in the build tree).

repo_root() { (cd "$(dirname "$FU")/.." && pwd); }

test_install_prefix_destdir_and_uninstall() {
	local root
	root=$(repo_root)
	make_tree -C "$root" O="$T/build" PREFIX="$T/prefix" install >"$T/make.log" 2>&1 ||
		fail "make install failed: $(tail -5 "$T/make.log")"
	for f in bin/followup lib/followup/followup-ical.so share/man/man1/followup.1 \
		share/followup/schema.sql share/followup/sample-prospects.csv; do
		[ -e "$T/prefix/$f" ] || fail "not installed: $f"
	done
	# The installed binary loads its module from PREFIX/lib/followup.
	printf '[schedule]\nholiday_calendar = %s\n' "$root/tests/data/holidays.ics" >"$T/config/followup/config"
	FU="$T/prefix/bin/followup"
	TODAY=2026-11-25
	fu_ok add "Ana Ruiz"
	fu_ok show 1 --format json
	expect_json 'd["due"]' 2026-11-30
	# ... and its built-in templates from PREFIX/share/followup/templates.
	fu_ok template list
	expect_out_has "call-1     built-in  $T/prefix/share/followup/templates/call-1"
	fu_ok script 1
	expect_out_has "Hello Ana"
	make_tree -C "$root" O="$T/build" PREFIX="$T/prefix" uninstall >"$T/make.log" 2>&1 ||
		fail "make uninstall failed"
	[ ! -e "$T/prefix/share/followup/templates" ] || fail "templates left after uninstall"
	[ ! -e "$T/prefix/bin/followup" ] || fail "binary left after uninstall"
	[ ! -e "$T/prefix/lib/followup/followup-ical.so" ] || fail "module left after uninstall"
	# DESTDIR stages the same tree under it (the same build: one compile
	# for both).
	make_tree -C "$root" O="$T/build" PREFIX="$T/prefix" DESTDIR="$T/stage" install >"$T/make.log" 2>&1 ||
		fail "make install DESTDIR failed: $(tail -5 "$T/make.log")"
	[ -x "$T/stage$T/prefix/bin/followup" ] || fail "no staged binary"
	[ -e "$T/stage$T/prefix/lib/followup/followup-ical.so" ] || fail "no staged module"
	[ -e "$T/stage$T/prefix/share/man/man1/followup.1" ] || fail "no staged man page"
	[ ! -e "$T/prefix/bin/followup" ] || fail "DESTDIR installed outside the stage"
}
