/*
 * module.h - loading one of followup's on-demand modules (followup-ical.so,
 * followup-mail.so): the heavy libraries live there, so that the morning
 * commands never map them.  A module is looked for in the file an
 * environment variable names (tests), else beside the program (a build
 * tree), else in PREFIX/lib/followup relative to the program, else in the
 * compiled-in FOLLOWUP_LIBDIR.  It exports one table, whose first member
 * is its ABI number.
 */
#ifndef FOLLOWUP_MODULE_H
#define FOLLOWUP_MODULE_H

/*
 * module_load - the table `symbol` of the module file `name` (what names
 * it in errors: `what`, e.g. "calendar module"), checked to start with
 * `abi`.  NULL with a runtime error recorded.  The module stays loaded.
 */
const void *module_load(const char *name, const char *env, const char *symbol, int abi,
			const char *what);

#endif
