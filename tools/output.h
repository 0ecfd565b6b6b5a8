/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What srcu-config prints: each command hands its result, one value, to
 * one function here, which prints it for people or as one JSON object
 * per line (--json); the commands themselves print nothing.
 */
#ifndef SRCU_CONFIG_TOOL_OUTPUT_H
#define SRCU_CONFIG_TOOL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srcu-config.h"

/* A configuration fetched with GET: bytes and metadata of one generation. */
struct config {
	char *data;
	struct srcu_config_get meta;
};

/* get: the configuration, and where its bytes went (NULL: stdout). */
struct get_result {
	const struct config *cfg;
	const char *output;
	double ms;
};

/* get --read: what one read(2) returned. */
struct read_result {
	const char *data;
	size_t len;
	const char *output;
	double ms;
};

/* set: the new generation and how the old one was reclaimed. */
struct set_result {
	uint64_t generation;
	size_t size;
	uint32_t checksum;
	bool expedited;
	bool deferred;
	/* A deferred change waited for a grace period instead. */
	bool waited;
	double ms;
};

/* watch: one new generation, and the one seen before it. */
struct change_result {
	const struct config *cfg;
	unsigned long long previous;
};

int print_get(const struct get_result *r);
int print_read(const struct read_result *r);
int print_set(const struct set_result *r);
int print_info(const char *device, const struct srcu_config_info *info);
void print_change(const struct change_result *r);

/* -v: a detail on stderr. */
void note(const char *fmt, ...);

/* Flush stdout; an error writing it is a failure (exit status 1). */
int finish_stdout(void);

#endif
