# followup - terminal follow-up cadence tracker.
#
#   make run      build, then open the TUI on the default database
#   make check    build, run every test (also under ASan+UBSan)
#   make install  PREFIX=/usr/local DESTDIR=
#
# Plain GNU make.  Flags come from pkg-config; CFLAGS, LDFLAGS, PREFIX and
# DESTDIR can be overridden.  Quiet unless V=1.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib/followup
MANDIR   ?= $(PREFIX)/share/man/man1
DATADIR  ?= $(PREFIX)/share/followup

O        ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
LDFLAGS  ?=
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
            -Wmissing-prototypes -Wvla -Wwrite-strings -Werror
DEFS      = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
            -DFOLLOWUP_VERSION='"$(VERSION)"' -DFOLLOWUP_LIBDIR='"$(LIBDIR)"' -DFOLLOWUP_DATADIR='"$(DATADIR)"'
PKG      := pkg-config

# Evaluated lazily: `make check` runs deps first, then a sub-make.
#
# SQLite, ncurses (with tinfo) and libcsv are linked from their static
# archives when the system has them (Debian's -dev packages do): every
# `followup due` would otherwise map, relocate and symbol-bind shared
# libraries, three of them used only by the TUI or `import`: about 0.7 ms
# of the 6-7 ms morning command (bench/results.md).  The benchmark's C
# floor links SQLite the same way, so it stays the floor.  A static SQLite
# does not pick up the system's SQLite updates until followup is rebuilt;
# STATIC_LIBS=no links them all shared.
STATIC_LIBS ?= yes
have_archive = $(if $(filter yes,$(STATIC_LIBS)),$(filter /%,$(shell $(CC) -print-file-name=$(1))))
BSTATIC     = -Wl,-Bstatic
BDYNAMIC    = -Wl,-Bdynamic
static_or   = $(if $(call have_archive,$(1)),$(BSTATIC) $(2) $(BDYNAMIC),$(3))
CORE_CFLAGS = $(shell $(PKG) --cflags sqlite3)
SQLITE_LIBS = $(call static_or,libsqlite3.a,-lsqlite3,$(shell $(PKG) --libs sqlite3)) -lm
CORE_LIBS   = $(SQLITE_LIBS) $(call static_or,libcsv.a,-lcsv,-lcsv) $(call static_or,libunistring.a,-lunistring,-lunistring) -ldl
TUI_CFLAGS  = $(shell $(PKG) --cflags ncursesw)
TUI_LIBS    = $(call static_or,libncursesw.a,-lncursesw -ltinfo,$(shell $(PKG) --libs ncursesw))
ICAL_CFLAGS = $(shell $(PKG) --cflags libical)
ICAL_LIBS   = $(shell $(PKG) --libs libical)
MAIL_CFLAGS = $(shell $(PKG) --cflags gmime-3.0)
MAIL_LIBS   = $(shell $(PKG) --libs gmime-3.0)
TEST_CFLAGS = $(shell $(PKG) --cflags cmocka)
TEST_LIBS   = $(shell $(PKG) --libs cmocka)

ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude -I$(O) $(CFLAGS)

ifeq ($(V),1)
Q =
say =
else
Q = @
say = @printf '  %-6s %s\n' $(1) $(2);
endif

CORE_SRC = src/err.c src/util.c src/date.c src/workcal.c src/cadence.c \
           src/config.c src/clock.c src/prospect.c src/json.c src/stats.c src/store.c src/store_schema.c src/store_undo.c src/store_due.c src/store_write.c src/store_query.c src/store_view.c src/store_mail.c src/store_stats.c src/module.c src/text.c src/fold.c src/template.c src/script.c src/proc.c src/mail.c src/export.c src/outfile.c src/csvio.c src/csv_import.c
CLI_SRC  = src/main.c src/cli.c src/cli_prospect.c src/cli_touch.c \
           src/cli_query.c src/cli_undo.c src/cli_cadence.c src/cli_away.c src/cli_import.c src/cli_export.c src/cli_stats.c src/tui.c src/tui_list.c src/tui_keys.c src/tui_form.c \
           src/tui_act.c src/tui_prospect.c src/tui_prompt.c src/tui_call.c src/tui_draw.c src/tui_pane.c src/tui_stats.c src/tui_input.c src/tui_edit.c src/tui_help.c
CLI_SRC += src/cli_script.c src/cli_template.c src/cli_mail.c
ICAL_SRC = src/ical.c src/ical_feed.c
UNIT_SRC = $(wildcard tests/unit/test_*.c)

CORE_OBJ = $(CORE_SRC:%.c=$(O)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(O)/%.o)
UNIT_BIN = $(UNIT_SRC:%.c=$(O)/%)

BIN      = $(O)/followup
ICAL_SO  = $(O)/followup-ical.so
MAIL_SO  = $(O)/followup-mail.so
CORE_A   = $(O)/libfollowup.a

.PHONY: all deps run check check-build unit cli test-all asan clang-build \
        install uninstall clean bench bench-smoke
.DEFAULT_GOAL := all
.SECONDARY:

all: $(BIN) $(ICAL_SO) $(MAIL_SO)

# deps: everything the tests and benchmarks need; deps-run: only what
# building and running followup needs (make run).
deps:
	@sh scripts/deps.sh test

.PHONY: deps-run
deps-run:
	@sh scripts/deps.sh run

run: deps-run
	@$(MAKE) --no-print-directory all
	$(BIN)

# The whole suite: normal build, clang warnings build, then ASan+UBSan.
# The builds use every core (JOBS); each suite's runner runs its tests
# in parallel itself, after its build.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) test-all
	@if command -v clang >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory -j$(JOBS) O=build-clang CC=clang all; fi
	@$(MAKE) --no-print-directory -j$(JOBS) asan
	@$(MAKE) --no-print-directory -j$(JOBS) fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_O) 3 $(FUZZ_NAMES)
	@$(MAKE) --no-print-directory bench-smoke

# make bench once, end to end, at the smallest size (not its targets).
bench-smoke: all $(O)/bench/floor $(O)/bench/ptyrun $(O)/bench/followup-linked
	@sh tests/bench-smoke.sh $(O)

ICSCHECK = $(O)/tests/tools/icscheck

test-all: all $(UNIT_BIN) $(ICSCHECK)
	@sh tests/run-unit.sh $(UNIT_BIN)
	@sh tests/cli/run.sh $(abspath $(BIN))
	@if [ -f tests/tui/run.sh ]; then sh tests/tui/run.sh $(abspath $(BIN)); fi

asan:
	@$(MAKE) --no-print-directory O=build-asan CC=clang \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=address,undefined" test-all

$(O)/schema.h: data/schema.sql
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q){ echo 'static const unsigned char schema_sql[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; } > $@

$(O)/src/store_schema.o: $(O)/schema.h

$(O)/src/ical.o $(O)/src/ical_feed.o: $(O)/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC $(ICAL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/src/gmime.o: src/gmime.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC $(MAIL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/src/tui%.o: src/tui%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(TUI_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) $(CORE_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(CORE_A): $(CORE_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(CORE_A)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(CORE_A) $(CORE_LIBS) $(TUI_LIBS)

$(ICAL_SO): $(O)/src/ical.o $(O)/src/ical_feed.o $(O)/src/clock.o $(O)/src/err.o $(O)/src/util.o $(O)/src/date.o src/ical.map
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,--version-script=src/ical.map -Wl,--as-needed \
		-o $@ $(filter %.o,$^) $(ICAL_LIBS)

$(MAIL_SO): $(O)/src/gmime.o src/mail.map
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,--version-script=src/mail.map -Wl,--as-needed \
		-o $@ $(O)/src/gmime.o $(MAIL_LIBS)

$(ICSCHECK): tests/tools/icscheck.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(ICAL_CFLAGS) $(LDFLAGS) -o $@ $< $(ICAL_LIBS)

$(O)/tests/unit/%: $(O)/tests/unit/%.o $(CORE_A)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_A) $(CORE_LIBS) $(TEST_LIBS)

# Shell completion (data/completion/), where bash-completion and zsh look.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/followup
	install -m 644 $(ICAL_SO) $(DESTDIR)$(LIBDIR)/followup-ical.so
	install -m 644 $(MAIL_SO) $(DESTDIR)$(LIBDIR)/followup-mail.so
	install -m 644 man/followup.1 $(DESTDIR)$(MANDIR)/followup.1
	install -m 644 data/schema.sql data/sample-prospects.csv $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/templates
	install -m 644 data/templates/* $(DESTDIR)$(DATADIR)/templates/
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 data/completion/followup.bash $(DESTDIR)$(BASHCOMPDIR)/followup
	install -m 644 data/completion/_followup $(DESTDIR)$(ZSHCOMPDIR)/_followup

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/followup $(DESTDIR)$(LIBDIR)/followup-ical.so \
	      $(DESTDIR)$(LIBDIR)/followup-mail.so \
	      $(DESTDIR)$(MANDIR)/followup.1 $(DESTDIR)$(DATADIR)/schema.sql \
	      $(DESTDIR)$(DATADIR)/sample-prospects.csv \
	      $(DESTDIR)$(BASHCOMPDIR)/followup $(DESTDIR)$(ZSHCOMPDIR)/_followup
	rm -rf $(DESTDIR)$(DATADIR)/templates
	-rmdir $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-asan build-clang build-fuzz

-include $(shell find $(O) -name '*.d' 2>/dev/null)

# ---- fuzz -------------------------------------------------------------------
# make fuzz [FUZZ_SECONDS=20]: libFuzzer targets in tests/fuzz/ (date parser,
# config parser, CSV importer, cadence engine), built with clang into
# build-fuzz/ against the core compiled with -fsanitize=fuzzer-no-link,
# address,undefined.  tests/fuzz/run.sh replays every kept crash input in
# tests/fuzz/regressions/NAME/, then runs each target FUZZ_SECONDS seconds
# on build-fuzz/corpus/NAME seeded from tests/fuzz/seeds/NAME/; it fails on
# any crash, leak or sanitizer report (and keeps the input).
FUZZ_O       = build-fuzz
FUZZ_SECONDS ?= 20
FUZZ_CC      = clang
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  = $(WARN) $(DEFS) -Iinclude -I$(O) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -g -O1
FUZZ_NAMES   = date config csv cadence template
FUZZ_BIN     = $(FUZZ_NAMES:%=$(FUZZ_O)/fuzz_%)
FUZZ_CORE_A  = $(FUZZ_O)/libfollowup-fuzz.a

.PHONY: fuzz fuzz-build fuzz-clean

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_O) $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-build: $(FUZZ_BIN)

fuzz-clean:
	rm -rf $(FUZZ_O)

$(FUZZ_O)/src/store_schema.o: $(O)/schema.h

$(FUZZ_O)/%.o: %.c
	@mkdir -p $(@D)
	$(call say,FUZZCC,$<)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(CORE_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_CORE_A): $(CORE_SRC:%.c=$(FUZZ_O)/%.o)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_O)/fuzz_%: $(FUZZ_O)/tests/fuzz/fuzz_%.o $(FUZZ_CORE_A)
	$(call say,LD,$@)
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -g -o $@ $< $(FUZZ_CORE_A) $(CORE_LIBS)

-include $(shell find $(FUZZ_O) -name '*.d' 2>/dev/null)

# ---- bench ------------------------------------------------------------------
# make bench [SIZES="1000 10000 100000"] [RUNS=20] [SLOW_RUNS=5]
# [WORST_SIZES="1000 1000000"] [OUT=bench/results.md]: bench/run.sh builds
# databases of SIZES prospects (bench/gen.py, through `import` and `import
# --touches`), then times followup against the C floor (bench/floor.c), the
# sqlite3 CLI, a build that links libical, taskwarrior and calcurse; the TUI
# runs under bench/ptyrun.c, also on the worst case of WORST_SIZES (gen.py
# --week: almost every prospect due within the week).  Not part of `make check`, which runs it once at the
# smallest size as a smoke test (tests/cli/t_bench.sh).
BENCH_O = $(O)/bench

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_O)/floor $(BENCH_O)/ptyrun $(BENCH_O)/followup-linked
	@bash bench/run.sh

$(BENCH_O)/floor: bench/floor.c
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(LDFLAGS) -o $@ $< $(SQLITE_LIBS)

$(BENCH_O)/ptyrun: bench/ptyrun.c
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -lutil

# The same program with libical (and what it pulls in) mapped at start-up,
# as a build without the dlopen'd module would be: the benchmark shows what
# keeping it off the morning path saves.
$(BENCH_O)/followup-linked: $(CLI_OBJ) $(CORE_A)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(CORE_A) $(CORE_LIBS) $(TUI_LIBS) \
		-Wl,--no-as-needed $(ICAL_LIBS) -Wl,--as-needed
