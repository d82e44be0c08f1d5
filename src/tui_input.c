/*
 * tui_input.c - reading keys: tui_read_key(), the one function every loop
 * of the TUI reads keys with (the main loop, the line editor, the form,
 * the y/n and one-key prompts, the help screen), and the signals that end
 * them (tui_input_init()).
 *
 * So that a loop never has to know about resizes, signals or a dead
 * terminal, it gets one of five events (enum tui_in): a character, a
 * KEY_* code, a second without a key, a resize (after the screen under it
 * was repainted), or "quit".  The quit flag below is set by SIGINT,
 * SIGTERM and SIGHUP, or when the terminal is gone; nothing else reads it.
 *
 * Ctrl-C: cbreak mode keeps the terminal's ISIG, so Ctrl-C arrives as
 * SIGINT, and today it quits the TUI from wherever it is, a prompt
 * included (as SIGTERM does).  To give it other meanings (cancel the
 * prompt, say), change on_signal() and tui_read_key() here: no loop
 * handles it itself.
 */
#include "tui_int.h"

#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Set by a signal or a vanished terminal: every read returns IN_QUIT. */
static volatile sig_atomic_t quit_flag;

static void on_signal(int sig)
{
	quit_flag = sig ? 1 : 0;
}

void tui_input_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* One get_wch: 1 for a KEY_* code, 0 for a character, -1 on a timeout or
 * an error (setting quit_flag when the terminal is gone). */
static int get_key(wint_t *key)
{
	static int fast_errors;
	struct timespec t0, t1;
	struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
	int r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = get_wch(key);
	if (r == KEY_CODE_YES)
		return fast_errors = 0, 1;
	if (r == OK)
		return fast_errors = 0, 0;
	/* A timeout takes the full second; an error that returns at once,
	 * again and again, or a hung-up stdin means the terminal is gone:
	 * quit instead of spinning. */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 100)
		fast_errors++;
	else
		fast_errors = 0;
	if (fast_errors > 20 ||
	    (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))))
		quit_flag = 1;
	return -1;
}

enum tui_in tui_read_key(const struct tui_repaint *under, wint_t *key)
{
	int k;

	if (quit_flag)
		return IN_QUIT;
	k = get_key(key);
	/* A signal interrupts get_wch; one that came with a key wins too. */
	if (quit_flag)
		return IN_QUIT;
	if (k < 0)
		return IN_IDLE;
	if (k == 1 && *key == KEY_RESIZE) {
		/* ncurses has the new LINES and COLS: lay out and paint the
		 * screen again, then the caller draws itself over it. */
		if (under && under->fn)
			under->fn(under->ctx);
		return IN_RESIZE;
	}
	return k == 1 ? IN_CODE : IN_CHAR;
}
