/*
 * tui_input.c - reading keys: tui_read_key(), the one function every loop
 * of the TUI reads keys with (the main loop, the line editor, the form,
 * the y/n and one-key prompts, the help screen), the terminal modes it
 * needs (tui_input_start(), tui_input_stop()) and the signals that end
 * the TUI (tui_input_init()).  Also act_paste, the key table's handler
 * for a paste in the list.
 *
 * So that a loop never has to know about resizes, signals, suspending,
 * pastes or a dead terminal, it gets one of five events (enum tui_in): a
 * character, a KEY_* code, a second without a key, a resize (after the
 * screen under it was repainted), or "quit".  The quit flag below is set
 * by SIGINT, SIGTERM and SIGHUP sent by another process, or when the
 * terminal is gone; nothing else reads it.
 *
 * Ctrl-C and Ctrl-Z: the terminal is in raw mode, so they arrive as the
 * characters 3 and 26, not as signals (SPEC §7: Ctrl-C cancels the prompt
 * it is typed in, and quits only from the list, where it is a row of the
 * key table).  Ctrl-Z is handled here, for every loop: bracketed paste
 * off, suspended by ncurses' own SIGTSTP handler, paste on again, and the
 * screen repainted as after a resize.  A SIGTSTP sent from outside goes
 * through the same wrapper (on_tstp).
 *
 * A program that takes the terminal over (the editor of the mail flow)
 * runs between tui_input_leave() and tui_input_return(): the program
 * mode saved and the shell's restored (def_prog_mode, endwin), paste off,
 * and Ctrl-C, Ctrl-\ and Ctrl-Z left to the program; then all of it
 * back (reset_prog_mode, refresh, paste on) and the screen repainted.
 *
 * Pastes: bracketed paste is on while the TUI runs, so a paste arrives
 * between ESC [200~ and ESC [201~, which define_key() turns into two key
 * codes.  tui_read_key() reads the whole paste into one buffer and hands
 * it over as one IN_CODE event, TUI_KEY_PASTE, with the text in
 * tui_paste_text(): a line editor inserts it (tui_edit.c), every other
 * loop ignores it as it ignores other codes, and in the list the key
 * table's "paste" row says that it ran no command.  Nothing pasted is
 * ever read as a key.
 */
#include "tui_int.h"

#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#undef CTRL /* term.h's own; the one of tui_int.h, again */
#define CTRL(c) ((c) & 0x1f)

/* Set by a signal or a vanished terminal: every read returns IN_QUIT. */
static volatile sig_atomic_t quit_flag;
/* Bracketed paste is on (what tui_input_stop() undoes). */
static volatile sig_atomic_t paste_on;
/* The paste being handed over: wide characters, line breaks as '\n'. */
static wchar_t paste_buf[TUI_PASTE_MAX];
static size_t paste_len;
static int paste_cut;
/* ncurses' SIGTSTP handler, which on_tstp wraps. */
static struct sigaction ncurses_tstp;

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

/* The sequences that turn bracketed paste on and off: the terminal's own
 * (terminfo BE/BD), or xterm's, which terminals that lack it ignore. */
static const char *paste_seq(int on)
{
	static char name_on[] = "BE", name_off[] = "BD";
	char *s = tigetstr(on ? name_on : name_off);
	if (s == NULL || s == (char *)-1 || !*s)
		return on ? "\033[?2004h" : "\033[?2004l";
	return s;
}

/* Written straight to the terminal (async-signal-safe: the die hook and
 * on_tstp use it); ncurses has flushed its own output by then. */
static void write_all(const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w <= 0)
			return;
		s += w, n -= (size_t)w;
	}
}

static const char *seq_on, *seq_off;

static void paste_mode(int on)
{
	if (on == paste_on || !seq_on)
		return;
	write_all(on ? seq_on : seq_off);
	paste_on = on;
}

/* SIGTSTP (Ctrl-Z, or another process): paste off while suspended,
 * around ncurses' handler (which leaves and restores the screen). */
static int tstp_wrapped;
static void on_tstp(int sig)
{
	int was = paste_on;
	paste_mode(0);
	ncurses_tstp.sa_handler(sig);
	paste_mode(was);
}

void tui_input_start(void)
{
	static char key_on[] = "\033[200~", key_off[] = "\033[201~";
	struct sigaction sa;

	/* Ctrl-C and Ctrl-Z as characters (see the top of this file). */
	raw();
	define_key(key_on, TUI_KEY_PASTE);
	define_key(key_off, TUI_KEY_PASTE_END);
	seq_on = paste_seq(1);
	seq_off = paste_seq(0);
	/* After initscr: ncurses installed its handler then, unless the
	 * signal was ignored; wrap it. */
	if (sigaction(SIGTSTP, NULL, &ncurses_tstp) == 0 && ncurses_tstp.sa_handler != SIG_IGN &&
	    ncurses_tstp.sa_handler != SIG_DFL && !(ncurses_tstp.sa_flags & SA_SIGINFO)) {
		sa = ncurses_tstp;
		sa.sa_handler = on_tstp;
		sigaction(SIGTSTP, &sa, NULL);
		tstp_wrapped = 1;
	}
	refresh();
	paste_mode(1);
}

void tui_input_stop(void)
{
	paste_mode(0);
}

/* ---- a program on the terminal (the editor) ----------------------------- */

/* What tui_input_leave() set aside, for tui_input_return(). */
static struct sigaction left_tstp, left_int, left_quit;
static int left;

/* SIGINT and SIGQUIT typed while the program runs are its own: they reach
 * the whole foreground group, and must not end the TUI (git does the same
 * around its editor).  A handler, not SIG_IGN, so that the program starts
 * with the default (exec resets a caught signal, not an ignored one). */
static void on_program_signal(int sig)
{
	(void)sig;
}

void tui_input_leave(void)
{
	struct sigaction sa;

	if (left)
		return;
	paste_mode(0);
	def_prog_mode();
	endwin();
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_program_signal;
	sigaction(SIGINT, &sa, &left_int);
	sigaction(SIGQUIT, &sa, &left_quit);
	/* Ctrl-Z in the program stops us with it, as a shell's job would be;
	 * ncurses' handler would repaint the TUI over the program. */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &left_tstp);
	left = 1;
}

void tui_input_return(const struct tui_repaint *under)
{
	if (!left)
		return;
	sigaction(SIGTSTP, &left_tstp, NULL);
	sigaction(SIGQUIT, &left_quit, NULL);
	sigaction(SIGINT, &left_int, NULL);
	left = 0;
	reset_prog_mode();
	refresh();
	paste_mode(1);
	/* Whatever the program left on the terminal goes: every cell again. */
	clearok(stdscr, TRUE);
	if (under && under->fn)
		under->fn(under->ctx);
}

const wchar_t *tui_paste_text(size_t *len, int *cut)
{
	*len = paste_len;
	if (cut)
		*cut = paste_cut;
	return paste_buf;
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

/*
 * Read a paste up to its end mark into paste_buf: CR, LF and CR LF become
 * one '\n', a tab a space, other control characters and key codes are
 * dropped.  A paste whose end mark never comes ends after a second of
 * silence; one longer than the buffer is cut (paste_cut).
 */
static void read_paste(void)
{
	wint_t k;
	int r, cr = 0;

	paste_len = 0;
	paste_cut = 0;
	while (!quit_flag && (r = get_key(&k)) >= 0) {
		if (r == 1) {
			if (k == TUI_KEY_PASTE_END)
				break;
			continue;
		}
		if (k == L'\n' && cr) {
			cr = 0;
			continue;
		}
		cr = k == L'\r';
		if (k == L'\r')
			k = L'\n';
		else if (k == L'\t')
			k = L' ';
		else if (k < 32 || k == 127)
			continue;
		if (paste_len < TUI_PASTE_MAX)
			paste_buf[paste_len++] = (wchar_t)k;
		else
			paste_cut = 1;
	}
}

/* Ctrl-Z: suspend as a SIGTSTP would, then repaint. */
static int suspend(const struct tui_repaint *under)
{
	if (tstp_wrapped) {
		raise(SIGTSTP);
	} else if (ncurses_tstp.sa_handler == SIG_DFL) {
		/* No handler of ncurses' (it found one it left alone). */
		paste_mode(0);
		endwin();
		raise(SIGTSTP);
		refresh();
		paste_mode(1);
	} else {
		return 0; /* job control is off: SIGTSTP is ignored */
	}
	/* Back in the foreground. */
	clearok(stdscr, TRUE);
	if (under && under->fn)
		under->fn(under->ctx);
	return 1;
}

enum tui_in tui_read_key(const struct tui_repaint *under, wint_t *key)
{
	int k;

	for (;;) {
		if (quit_flag)
			return IN_QUIT;
		k = get_key(key);
		/* A signal interrupts get_wch; one that came with a key wins too. */
		if (quit_flag)
			return IN_QUIT;
		if (k < 0)
			return IN_IDLE;
		if (k == 1 && *key == KEY_RESIZE) {
			/* ncurses has the new LINES and COLS: lay out and paint
			 * the screen again, then the caller draws itself over it.
			 * From a cleared screen: a paint made between the
			 * terminal's resize and this key was laid out for the old
			 * width, and the terminal may have wrapped and scrolled it,
			 * so what ncurses believes is there no longer is. */
			clearok(stdscr, TRUE);
			if (under && under->fn)
				under->fn(under->ctx);
			return IN_RESIZE;
		}
		if (k == 1 && *key == TUI_KEY_PASTE) {
			read_paste();
			return quit_flag ? IN_QUIT : IN_CODE;
		}
		if (k == 1 && *key == TUI_KEY_PASTE_END)
			continue; /* a stray end mark */
		if (k == 0 && *key == CTRL('z')) {
			if (suspend(under))
				return IN_RESIZE;
			continue;
		}
		return k == 1 ? IN_CODE : IN_CHAR;
	}
}

int act_paste(struct tui *t)
{
	tui_status_set(t, 0, "pasted text ignored: the list runs no pasted command (paste into a prompt: the note after l, a form)");
	return R_DRAW;
}
