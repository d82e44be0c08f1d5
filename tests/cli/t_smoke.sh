# t_smoke.sh - the worked example of SPEC §2 end to end (issue 3 acceptance).

test_worked_example() {
	TODAY=2026-11-02
	fu_ok add "Ana Ruiz" --company Acme
	expect_out 1
	[ "$(due_of 1)" = 2026-11-03 ] || fail "before any touch"
	TODAY=2026-11-03; fu_ok log 1 --channel call --outcome no-answer; expect_out 2026-11-05
	TODAY=2026-11-20; fu_ok log 1 --channel call --outcome connected; expect_out 2026-11-24
	TODAY=2026-11-24; fu_ok log 1 --channel call --outcome connected; expect_out 2026-12-01
	[ "$(due_of 1)" = 2026-12-01 ]
}

test_version_and_help() {
	fu_ok --version
	expect_out_has "followup "
	fu_ok --help
	expect_out_has "usage: followup"
	fu_ok add --help
	expect_out_has "usage: followup add NAME"
}
