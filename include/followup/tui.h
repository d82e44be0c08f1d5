/*
 * tui.h - the ncurses front end of SPEC §7 (tui*.c only; the core never
 * sees this).  tui_run() is the whole program when `followup` runs on a
 * terminal with no subcommand.
 *
 * Shape: one key table (src/tui_keys.c) declares every action once: its
 * keys, name, group, help text and handler; the same table dispatches
 * keys, draws the `?` screen and the status-line hints, and is what the
 * man page check reads.  Handlers change state and return what needs
 * repainting; only the main loop draws (htop's Action.c).  The pieces
 * the TUI's files share are in src/tui_int.h.
 */
#ifndef FOLLOWUP_TUI_H
#define FOLLOWUP_TUI_H

#include <stddef.h>

#include "followup/cli.h"

/* Run the TUI on c's open store until the user quits (or a signal, or the
 * terminal goes away); 0, or -1 with an error recorded. */
int tui_run(struct cli *c);
/*
 * tui_terminal_check - whether $TERM can show the full-screen view (its
 * terminfo entry exists and can address the cursor): 1, or 0 with the
 * reason ("unknown to terminfo", ...) in why (size n).  No output.
 */
int tui_terminal_check(char *why, size_t n);

#endif
