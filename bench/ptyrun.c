/*
 * ptyrun.c - run a program on a new pseudo-terminal until it prints a
 * marker, then type "q" and wait for it to exit.
 *
 *     ptyrun MARKER PROGRAM [ARG...]
 *
 * The benchmark times the TUI from exec to its first complete screen (the
 * marker is on the last line it draws) and back out; the same wrapper
 * around `echo MARKER` is the baseline subtracted from it.  The terminal is
 * 80x24 and TERM is xterm-256color unless set.  Gives up after 10 seconds.
 * Exits with the program's status, or 1.
 */

#include <errno.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void give_up(int sig)
{
	(void)sig;
	if (child > 0)
		kill(child, SIGKILL);
	_exit(1);
}

int main(int argc, char **argv)
{
	struct winsize ws = {24, 80, 0, 0};
	char buf[65536], tail[256] = "";
	size_t mlen, tlen = 0;
	int fd, status, seen = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: ptyrun MARKER PROGRAM [ARG...]\n");
		return 2;
	}
	mlen = strlen(argv[1]);
	if (mlen == 0 || mlen >= sizeof tail / 2) {
		fprintf(stderr, "ptyrun: marker must be 1-%zu bytes\n", sizeof tail / 2 - 1);
		return 2;
	}
	signal(SIGALRM, give_up);
	alarm(10);
	child = forkpty(&fd, NULL, NULL, &ws);
	if (child < 0) {
		perror("ptyrun: forkpty");
		return 1;
	}
	if (child == 0) {
		setenv("TERM", getenv("TERM") ? getenv("TERM") : "xterm-256color", 0);
		execvp(argv[2], argv + 2);
		perror("ptyrun: exec");
		_exit(127);
	}
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
				seen = !memcmp(scan + i, argv[1], mlen);
			tlen = keep + (size_t)n < mlen ? keep + (size_t)n : mlen;
			memcpy(tail, scan + keep + (size_t)n - tlen, tlen);
			free(scan);
		}
		if (seen && write(fd, "q", 1) != 1)
			break;
	}
	if (waitpid(child, &status, 0) < 0) {
		perror("ptyrun: waitpid");
		return 1;
	}
	if (!seen) {
		fprintf(stderr, "ptyrun: %s exited without printing %s\n", argv[2], argv[1]);
		return 1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
