/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu-config's four commands: each talks to the device, hands its
 * result to output.h and returns the exit status.
 */
#ifndef SRCU_CONFIG_TOOL_COMMANDS_H
#define SRCU_CONFIG_TOOL_COMMANDS_H

#include <stdbool.h>

/* The options of one command, from the command line. */
struct options {
	const char *output;			/* get -o */
	bool read_mode;				/* get --read */
	bool expedited;				/* set --expedited */
	bool deferred;				/* set --deferred */
	bool if_generation;			/* set --if-generation */
	unsigned long long expected_generation;
	unsigned long long count;		/* watch --count; 0: none */
	bool has_timeout;			/* watch --timeout */
	double timeout;
};

int cmd_get(const struct options *opt);
/* @path: a file, or "-" or NULL for stdin. */
int cmd_set(const char *path, const struct options *opt);
int cmd_info(void);
int cmd_watch(const struct options *opt);

#endif
