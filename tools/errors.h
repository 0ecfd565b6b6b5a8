/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu-config's classes of failure: an exit status each (documented in
 * Documentation/man/srcu-config.1.rst), the symbolic name and the
 * explanation of each errno the device gives, and the report of a
 * failure, on stderr and, with --json, as one JSON object on stdout.
 */
#ifndef SRCU_CONFIG_TOOL_ERRORS_H
#define SRCU_CONFIG_TOOL_ERRORS_H

#define EXIT_ERROR		1	/* anything else (I/O, memory, ...) */
#define EXIT_USAGE		2	/* bad command line */
#define EXIT_NO_MODULE		3	/* the srcu_config module is not loaded */
#define EXIT_NO_PATH		4	/* the device path does not exist */
#define EXIT_NOT_DEVICE		5	/* the path is not the srcu_config device */
#define EXIT_OLD_MODULE		6	/* the module is older than the tool */
#define EXIT_PERMISSION		7	/* not allowed (root, write access) */
#define EXIT_STALE		8	/* --if-generation: it moved */
#define EXIT_TOO_BIG		9	/* larger than the module's max_size */
#define EXIT_TIMEOUT		10	/* watch: fewer changes than --count */

/* The exit status of a failure with errno @err. */
int exit_status(int err);

/* What a failed request to the device with errno @err means. */
const char *explain(int err);

/*
 * Report a failure and return its exit status: @status, or if 0 the one
 * of @err (0 for a usage error).
 */
int report(int status, int err, const char *fmt, ...);

/* Report "@what: <explain(@err)>". */
int fail(const char *what, int err);

#endif
