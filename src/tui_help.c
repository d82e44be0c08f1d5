/*
 * tui_help.c - the `?` screen: every row of the key table (tui_keys.c),
 * under its group's heading, as "keys  help text"; j/k (or the arrows)
 * scroll it, any other key closes it.  Exports tui_help().
 *
 * It is drawn from the table alone, so a key added there is documented
 * here (and, through tests/cli/t_docs.sh, checked against the man page).
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>

#include "followup/text.h"

void tui_help(const struct tui_repaint *under)
{
	const struct tui_key *k;
	const char *group = NULL;
	char buf[512], fit[512];
	int y, start = 0, total = 0;
	wint_t key;
	enum tui_in in;

	for (k = tui_keys; k->name; k++)
		total += 1 + (group == NULL || k->group != group ? 2 : 0), group = k->group;
	for (;;) {
		erase();
		attron(tui_attr(T_HEADER));
		mvhline(0, 0, ' ', COLS);
		mvaddstr(0, 1, text_fit(buf, sizeof buf, "followup help  (j/k scroll, any other key closes)", COLS - 2, 0));
		attroff(tui_attr(T_HEADER));
		group = NULL;
		y = 1 - start;
		for (k = tui_keys; k->name; k++) {
			if (group == NULL || k->group != group) {
				y++;
				if (y >= 1 && y < LINES) {
					attron(tui_attr(T_HEADING));
					mvaddstr(y, 1, k->group);
					attroff(tui_attr(T_HEADING));
				}
				y++;
				group = k->group;
			}
			if (y >= 1 && y < LINES) {
				snprintf(buf, sizeof buf, "  %-14s %s", k->keynames, k->help);
				mvaddstr(y, 0, text_fit(fit, sizeof fit, buf, COLS, 0));
			}
			y++;
		}
		refresh();
		in = tui_read_key(under, &key);
		if (in == IN_QUIT)
			return;
		if (in == IN_IDLE || in == IN_RESIZE)
			continue;
		if (in == IN_CODE && key == KEY_DOWN)
			key = L'j';
		if (in == IN_CODE && key == KEY_UP)
			key = L'k';
		if (key == L'j' && start + LINES - 1 < total + 2)
			start++;
		else if (key == L'k' && start > 0)
			start--;
		else if (key != L'j' && key != L'k')
			return;
	}
}
