/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of srcu-config share: the options of the command line
 * (srcu-config.c) that every command and every output follows.
 */
#ifndef SRCU_CONFIG_TOOL_H
#define SRCU_CONFIG_TOOL_H

#include <stdbool.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

struct tool_settings {
	const char *device;	/* -d; default SRCU_CONFIG_DEVICE */
	bool verbose;		/* -v: timings and details on stderr */
	bool json;		/* --json: one JSON object per line on stdout */
};

extern struct tool_settings tool;

#endif
