/*
 * proc.c - commands of the rep's, run without a shell (see proc.h).
 */
#include "followup/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "followup/err.h"
#include "followup/util.h"

char **proc_split(const char *cmd, const char *what)
{
	size_t cap = 8, n = 0, len = cmd ? strlen(cmd) : 0;
	char **argv = xmalloc(cap * sizeof *argv), *word = xmalloc(len + 1);
	const char *p = cmd ? cmd : "";
	int in_word = 0, quote = 0;
	size_t w = 0;

	for (;; p++) {
		char c = *p;
		if (quote) {
			if (!c)
				break;
			if (c == quote) {
				quote = 0;
			} else if (quote == '"' && c == '\\' && p[1] && strchr("\"\\$`", p[1])) {
				word[w++] = *++p;
			} else {
				word[w++] = c;
			}
			continue;
		}
		if (!c || c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				if (n + 2 > cap)
					argv = xrealloc(argv, (cap *= 2) * sizeof *argv);
				argv[n++] = xstrndup(word, w);
				w = 0;
				in_word = 0;
			}
			if (!c)
				break;
			continue;
		}
		in_word = 1;
		if (c == '\'' || c == '"')
			quote = c;
		else if (c == '\\' && p[1])
			word[w++] = *++p;
		else
			word[w++] = c;
	}
	free(word);
	argv[n] = NULL;
	if (quote || !n) {
		proc_free_words(argv);
		if (quote)
			err_usage("%s %s: a quote is not closed", what, err_quote(cmd));
		else
			err_usage("%s %s: no command", what, err_quote(cmd));
		return NULL;
	}
	return argv;
}

void proc_free_words(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* In a child: exec argv, or write exec's errno to fd (close-on-exec, so
 * the parent reads EOF when the exec worked) and exit 127. */
static _Noreturn void exec_or_report(char *const argv[], int fd)
{
	int e;

	execvp(argv[0], argv);
	e = errno;
	if (write(fd, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/* In the parent, after the child's exec or exit: -1 with "WHAT: cannot
 * run ARGV0: REASON" when fd brings the errno of a failed exec, else 0.
 * Closes fd. */
static int exec_failed(const char *what, char *const argv[], int fd)
{
	int e = 0;
	ssize_t got;

	while ((got = read(fd, &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(fd);
	if (got == (ssize_t)sizeof e)
		return err_runtime("%s: cannot run %s: %s", what, err_quote(argv[0]), util_strerror(e));
	return 0;
}

int proc_run(const char *what, char *const argv[], const char *input, size_t len, int quiet)
{
	int fds[2] = {-1, -1}, status, err[2];
	void (*old_pipe)(int);
	pid_t pid;

	/* A pipe that reports an exec failure (close-on-exec: EOF means the
	 * exec worked). */
	if (pipe(err) < 0 || (input && pipe(fds) < 0))
		return err_runtime("%s %s: %s", what, err_quote(argv[0]), util_strerror(errno));
	fcntl(err[1], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) < 0)
		return err_runtime("%s %s: %s", what, err_quote(argv[0]), util_strerror(errno));
	if (pid == 0) {
		close(err[0]);
		if (input) {
			dup2(fds[0], 0);
			close(fds[0]);
			close(fds[1]);
		}
		if (quiet)
			dup2(2, 1);
		exec_or_report(argv, err[1]);
	}
	close(err[1]);
	old_pipe = signal(SIGPIPE, SIG_IGN);
	if (input) {
		size_t off = 0;
		close(fds[0]);
		while (off < len) {
			ssize_t w = write(fds[1], input + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break; /* it stopped reading: its status tells */
			off += (size_t)w;
		}
		close(fds[1]);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	signal(SIGPIPE, old_pipe);
	if (exec_failed(what, argv, err[0]) < 0)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int proc_edit(char *const editor[], char *path)
{
	char **argv;
	size_t k;
	int status;

	for (k = 0; editor[k]; k++)
		;
	argv = xmalloc((k + 2) * sizeof *argv);
	memcpy(argv, editor, k * sizeof *argv);
	argv[k] = path;
	argv[k + 1] = NULL;
	status = proc_run("editor", argv, NULL, 0, 0);
	free(argv);
	return status;
}

char **proc_editor(void)
{
	const char *e = getenv("VISUAL");

	if (!e || !*e)
		e = getenv("EDITOR");
	if (!e || !*e)
		e = "vi";
	return proc_split(e, "editor");
}

int proc_spawn(const char *what, char *const argv[])
{
	int fd[2], e, status;
	pid_t pid;

	if (pipe(fd) < 0)
		return err_runtime("%s %s: %s", what, err_quote(argv[0]), util_strerror(errno));
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) < 0) {
		e = errno;
		close(fd[0]);
		close(fd[1]);
		return err_runtime("%s %s: %s", what, err_quote(argv[0]), util_strerror(e));
	}
	if (pid == 0) {
		int nul;
		close(fd[0]);
		setsid();
		if ((pid = fork()) != 0)
			_exit(pid < 0 ? 1 : 0);
		if ((nul = open("/dev/null", O_RDWR)) >= 0) {
			dup2(nul, 0), dup2(nul, 1), dup2(nul, 2);
			if (nul > 2)
				close(nul);
		}
		signal(SIGPIPE, SIG_DFL);
		exec_or_report(argv, fd[1]);
	}
	close(fd[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return exec_failed(what, argv, fd[0]);
}
