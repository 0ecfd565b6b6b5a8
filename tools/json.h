/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu-config's JSON encoder: the few pieces its output needs (strings,
 * and a configuration's bytes as a UTF-8 string or base64), written to a
 * stdio stream. Tested on its own (tests/json_test.c).
 */
#ifndef SRCU_CONFIG_TOOL_JSON_H
#define SRCU_CONFIG_TOOL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Whether @data is valid UTF-8 (no overlong form, surrogate or > U+10FFFF). */
bool json_is_utf8(const char *data, size_t len);

/* @data (valid UTF-8) as the body of a JSON string, quotes excluded. */
void json_escape(FILE *out, const char *data, size_t len);

/* @data in base64 (RFC 4648, with padding). */
void json_base64(FILE *out, const char *data, size_t len);

/*
 * The members ,"encoding":...,"data":"..." for a configuration's bytes:
 * a string if they are UTF-8, base64 otherwise.
 */
void json_data(FILE *out, const char *data, size_t len);

/* The member ,"@name":"@s". */
void json_string(FILE *out, const char *name, const char *s);

#endif
