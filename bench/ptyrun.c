/*
 * ptyrun.c - run a program on a new pseudo-terminal until it prints a
 * marker, then type "q" and wait for it to exit; or drive it by a script.
 *
 *     ptyrun MARKER PROGRAM [ARG...]
 *     ptyrun -s SCRIPT [-g COLSxROWS] PROGRAM [ARG...]
 *
 * The benchmark times the TUI from exec to its first complete screen (the
 * marker is on the last line it draws) and back out; the same wrapper
 * around `echo MARKER` is the baseline subtracted from it.  The terminal is
 * 80x24 (or -g) and TERM is xterm-256color unless set.  Gives up after 10
 * seconds (a script: 10 seconds per step; PTYRUN_TIMEOUT=S sets another).
 * Exits with the program's status, or 1.
 *
 * A script (issue 17: view switches, search keystrokes and RSS inside one
 * session) is read line by line:
 *
 *     wait TEXT       wait until the output since the last key sent holds TEXT
 *     send KEYS       type KEYS
 *     barrier KEYS TEXT  how `time` knows the keys before it were handled:
 *                     KEYS open a screen that draws TEXT, and `x` closes it
 *                     (the TUI's help screen: `?` and a line of it)
 *     time NAME KEYS  type KEYS and the barrier's keys, wait for its TEXT,
 *                     print "NAME <tab> ms <tab> VmRSS KB <tab> VmHWM KB";
 *                     the barrier's screen is closed (`x`) with the next
 *                     keys sent, in the same write
 *     timeto NAME KEYS TEXT  type KEYS, wait for TEXT (no barrier: a screen
 *                     that comes after the keys were handled, the stats view's
 *                     figures), print as `time` does
 *     rss NAME        print "NAME <tab> - <tab> VmRSS KB <tab> VmHWM KB"
 *     repeat N ... end   the lines between, N times (not nested)
 *
 * KEYS and TEXT are one word each, with C escapes (\e \r \n \t \s for a
 * space, \xHH, \\).  The program's output is matched as it arrives (the
 * escape sequences around the text included), so TEXT should be a run of
 * the screen that a repaint writes whole.  At the end of the script,
 * ptyrun types "q" and waits for the program to exit.
 */

#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t child;
static unsigned timeout_s = 10;

static void give_up(int sig)
{
	(void)sig;
	if (child > 0)
		kill(child, SIGKILL);
	_exit(1);
}

static pid_t start(char **argv, int *fd, struct winsize *ws)
{
	child = forkpty(fd, NULL, NULL, ws);
	if (child < 0) {
		perror("ptyrun: forkpty");
		exit(1);
	}
	if (child == 0) {
		setenv("TERM", getenv("TERM") ? getenv("TERM") : "xterm-256color", 0);
		execvp(argv[0], argv);
		perror("ptyrun: exec");
		_exit(127);
	}
	return child;
}

static int finish(int seen, const char *what)
{
	int status;
	if (waitpid(child, &status, 0) < 0) {
		perror("ptyrun: waitpid");
		return 1;
	}
	if (!seen) {
		fprintf(stderr, "ptyrun: %s\n", what);
		return 1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* ---- the marker mode ---------------------------------------------------- */

static int run_marker(const char *marker, char **argv)
{
	struct winsize ws = {24, 80, 0, 0};
	char buf[65536], tail[256] = "", what[512];
	size_t mlen = strlen(marker), tlen = 0;
	int fd, seen = 0;

	if (mlen == 0 || mlen >= sizeof tail / 2) {
		fprintf(stderr, "ptyrun: marker must be 1-%zu bytes\n", sizeof tail / 2 - 1);
		return 2;
	}
	signal(SIGALRM, give_up);
	alarm(timeout_s);
	start(argv, &fd, &ws);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EIO: the program exited and closed the terminal */
		if (seen)
			continue;
		/* Look for the marker in what is new, plus the end of what came
		 * before (a write may split it). */
		{
			size_t i, keep = tlen < mlen ? tlen : mlen - 1;
			char *scan = malloc(keep + (size_t)n + 1);
			if (!scan)
				give_up(0);
			memcpy(scan, tail + tlen - keep, keep);
			memcpy(scan + keep, buf, (size_t)n);
			for (i = 0; i + mlen <= keep + (size_t)n && !seen; i++)
				seen = !memcmp(scan + i, marker, mlen);
			tlen = keep + (size_t)n < mlen ? keep + (size_t)n : mlen;
			memcpy(tail, scan + keep + (size_t)n - tlen, tlen);
			free(scan);
		}
		if (seen && write(fd, "q", 1) != 1)
			break;
	}
	snprintf(what, sizeof what, "%s exited without printing %s", argv[0], marker);
	return finish(seen, what);
}

/* ---- the script mode ---------------------------------------------------- */

static int pty_fd;
static char *out;          /* output since the last key sent */
static size_t out_len, out_cap;
/* The barrier's screen is closed with the next keys sent, in the same
 * write: between two steps the program never waits for a key (and never
 * starts what it does while none waits). */
static int close_pending;

/* Decode the escapes of a script word in place; its length. */
static size_t unescape(char *s)
{
	char *r = s, *w = s;
	while (*r) {
		if (*r != '\\' || !r[1]) {
			*w++ = *r++;
			continue;
		}
		r++;
		switch (*r) {
		case 'e': *w++ = 27; break;
		case 'r': *w++ = '\r'; break;
		case 'n': *w++ = '\n'; break;
		case 't': *w++ = '\t'; break;
		case 's': *w++ = ' '; break;
		case 'x': {
			unsigned v = 0;
			int i;
			for (i = 0; i < 2 && r[1] && strchr("0123456789abcdefABCDEF", r[1]); i++) {
				r++;
				v = v * 16 + (unsigned)(*r <= '9' ? *r - '0' : (*r | 32) - 'a' + 10);
			}
			*w++ = (char)v;
			break;
		}
		default: *w++ = *r; break;
		}
		r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void send_keys(const char *k, size_t n)
{
	char buf[4096];
	out_len = 0;
	if (close_pending && n < sizeof buf) {
		buf[0] = 'x';
		memcpy(buf + 1, k, n);
		k = buf, n++;
		close_pending = 0;
	}
	while (n) {
		ssize_t w = write(pty_fd, k, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			perror("ptyrun: write");
			give_up(0);
		}
		k += w, n -= (size_t)w;
	}
}

/* Read until the output since the last send holds text; 0, or -1 when
 * the program exited first. */
static int wait_text(const char *text)
{
	size_t tl = strlen(text);
	alarm(timeout_s);
	for (;;) {
		char buf[65536];
		ssize_t n;
		if (out_len >= tl && memmem(out, out_len, text, tl))
			return alarm(0), 0;
		n = read(pty_fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		if (out_len + (size_t)n > out_cap) {
			out_cap = (out_len + (size_t)n) * 2;
			if (!(out = realloc(out, out_cap)))
				give_up(0);
		}
		memcpy(out + out_len, buf, (size_t)n);
		out_len += (size_t)n;
	}
}

/* VmRSS and VmHWM of the program, in KB. */
static void mem_kb(long *rss, long *hwm)
{
	char path[64], line[256];
	FILE *f;
	*rss = *hwm = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)child);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "VmRSS: %ld", rss);
		sscanf(line, "VmHWM: %ld", hwm);
	}
	fclose(f);
}

/* One line of the report: NAME, the milliseconds (ms < 0: "-"), then the
 * program's VmRSS and VmHWM. */
static void report(const char *name, double ms)
{
	char t[32] = "-";
	long rss, hwm;
	mem_kb(&rss, &hwm);
	if (ms >= 0)
		snprintf(t, sizeof t, "%.3f", ms);
	printf("%s\t%s\t%ld\t%ld\n", name, t, rss, hwm);
	fflush(stdout);
}

/* A timed step: the keys (n bytes) sent, then the wait until the output
 * holds text, reported as name; -1 when the program exited first. */
static int timed(const char *name, const char *keys, size_t n, const char *text)
{
	double t0 = now_ms();
	send_keys(keys, n);
	if (wait_text(text) < 0)
		return -1;
	report(name, now_ms() - t0);
	return 0;
}

static int run_script(const char *path, struct winsize *ws, char **argv)
{
	char **lines = NULL, line[4096], bkeys[256] = "?", btext[256] = "";
	size_t n = 0, cap = 0, i, rep_start = 0;
	long rep_left = 0;
	FILE *f = fopen(path, "r");
	int seen = 0;

	if (!f) {
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (n == cap && !(lines = realloc(lines, (cap = cap * 2 + 16) * sizeof *lines)))
			return 1;
		lines[n++] = strdup(line);
	}
	fclose(f);
	signal(SIGALRM, give_up);
	alarm(timeout_s);
	start(argv, &pty_fd, ws);
	for (i = 0; i < n; i++) {
		char cmd[16] = "", a[2048] = "", b[2048] = "";
		int k = sscanf(lines[i], "%15s %2047s %2047s", cmd, a, b);
		if (!strcmp(cmd, "wait") && k >= 2) {
			unescape(a);
			if (wait_text(a) < 0)
				return finish(0, "the program exited while waiting");
		} else if (!strcmp(cmd, "send") && k >= 2) {
			size_t l = unescape(a);
			send_keys(a, l);
		} else if (!strcmp(cmd, "barrier") && k == 3) {
			unescape(a), unescape(b);
			snprintf(bkeys, sizeof bkeys, "%s", a);
			snprintf(btext, sizeof btext, "%s", b);
		} else if (!strcmp(cmd, "time") && k >= 2) {
			char keys[2400];
			size_t l = k == 3 ? unescape(b) : 0;
			if (!btext[0])
				return fprintf(stderr, "ptyrun: time before barrier\n"), 2;
			unescape(a);
			memcpy(keys, b, l);
			memcpy(keys + l, bkeys, strlen(bkeys));
			if (timed(a, keys, l + strlen(bkeys), btext) < 0)
				return finish(0, "the program exited during a timed step");
			close_pending = 1;
		} else if (!strcmp(cmd, "timeto") && k >= 2) {
			char c[2048] = "";
			size_t l;
			if (sscanf(lines[i], "%*s %*s %*s %2047s", c) != 1)
				return fprintf(stderr, "ptyrun: timeto NAME KEYS TEXT\n"), 2;
			l = unescape(b);
			unescape(c);
			unescape(a);
			if (timed(a, b, l, c) < 0)
				return finish(0, "the program exited during a timed step");
		} else if (!strcmp(cmd, "rss") && k >= 2) {
			unescape(a);
			report(a, -1);
		} else if (!strcmp(cmd, "repeat") && k >= 2) {
			rep_left = atol(a);
			rep_start = i;
			if (rep_left <= 0)
				while (i + 1 < n && strncmp(lines[i + 1], "end", 3))
					i++;
		} else if (!strcmp(cmd, "end")) {
			if (--rep_left > 0)
				i = rep_start;
		} else {
			fprintf(stderr, "ptyrun: %s: bad line: %s\n", path, lines[i]);
			give_up(0);
		}
	}
	seen = 1;
	send_keys("q", 1);
	alarm(timeout_s);
	for (;;) { /* until EIO: the program exited */
		char buf[4096];
		ssize_t r = read(pty_fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
	}
	return finish(seen, "");
}

int main(int argc, char **argv)
{
	if (getenv("PTYRUN_TIMEOUT") && atoi(getenv("PTYRUN_TIMEOUT")) > 0)
		timeout_s = (unsigned)atoi(getenv("PTYRUN_TIMEOUT"));
	if (argc >= 4 && !strcmp(argv[1], "-s")) {
		struct winsize ws = {24, 80, 0, 0};
		int first = 3;
		unsigned c, r;
		if (argc >= 6 && !strcmp(argv[3], "-g") && sscanf(argv[4], "%ux%u", &c, &r) == 2)
			ws.ws_col = (unsigned short)c, ws.ws_row = (unsigned short)r, first = 5;
		return run_script(argv[2], &ws, argv + first);
	}
	if (argc < 3) {
		fprintf(stderr, "usage: ptyrun MARKER PROGRAM [ARG...]\n"
				"       ptyrun -s SCRIPT [-g COLSxROWS] PROGRAM [ARG...]\n");
		return 2;
	}
	return run_marker(argv[1], argv + 2);
}
