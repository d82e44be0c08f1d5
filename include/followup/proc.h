/*
 * proc.h - running the rep's own commands (the editor, [mail] sendmail,
 * [phone] dial) without a shell: the command line is split into words as
 * a shell splits words ('…' and "…" quote, \ escapes), with no expansion
 * of any kind, and run with execvp.
 */
#ifndef FOLLOWUP_PROC_H
#define FOLLOWUP_PROC_H

#include <stddef.h>

/*
 * proc_split - the words of cmd (a NULL-terminated, malloc'd array; free
 * it with proc_free_words).  Usage error naming `what` (the setting) when
 * a quote is left open or there is no word at all.
 */
char **proc_split(const char *cmd, const char *what);
void proc_free_words(char **argv);

/*
 * proc_run - run argv with len bytes of input on its standard input (NULL:
 * the caller's stdin, for an editor on the terminal), its standard output
 * to the caller's stderr when quiet, and wait.  Returns its exit status
 * (0..255; 128 + N for signal N), or -1 with a runtime error when it could
 * not be started (the error names what it is for, "editor" or
 * "mail.sendmail", and argv[0]).
 */
int proc_run(const char *what, char *const argv[], const char *input, size_t len, int quiet);
/*
 * proc_spawn - run argv in the background, detached from the terminal
 * (its own session; stdin, stdout and stderr on /dev/null, so it can
 * neither read keys nor draw over a screen) and never waited for: a
 * middle child forks it and exits at once.  0 once it runs, or -1 with a
 * runtime error naming `what` and the reason exec gave.
 */
int proc_spawn(const char *what, char *const argv[]);
/* proc_run of the editor's words (proc_editor) on path, on the terminal. */
int proc_edit(char *const editor[], char *path);

/* The editor for --edit and `template edit`: $VISUAL, else $EDITOR, else
 * vi, split into words (proc_split). */
char **proc_editor(void);

#endif
