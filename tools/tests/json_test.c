// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of srcu-config's JSON encoder (json.c), each output compared
 * byte for byte with what JSON (RFC 8259) and base64 (RFC 4648) say it
 * must be. Prints KTAP and ends with "json: N passed, N failed, N
 * skipped"; the exit status is non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static int pass, fail;

static void result(int ok, const char *what, const char *got, const char *want)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", pass + fail + 1, what);
	if (!ok)
		printf("#   got  '%s'\n#   want '%s'\n", got, want);
	if (ok)
		pass++;
	else
		fail++;
}

/* What @write puts on a stream for @len bytes of @data. */
static char *capture(void (*write)(FILE *, const char *, size_t),
		     const char *data, size_t len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	if (!out) {
		perror("open_memstream");
		exit(2);
	}
	write(out, data, len);
	fclose(out);
	return buf;
}

/* Bytes that may hold NUL: a literal and its length. */
struct bytes {
	const char *data;
	size_t len;
};

#define BYTES(lit) ((struct bytes){ (lit), sizeof(lit) - 1 })

static void expect(void (*write)(FILE *, const char *, size_t), const char *what,
		   struct bytes in, const char *want)
{
	char *got = capture(write, in.data, in.len);

	result(!strcmp(got, want), what, got, want);
	free(got);
}

static void utf8(const char *what, struct bytes in, int want)
{
	int got = json_is_utf8(in.data, in.len);

	result(got == want, what, got ? "utf-8" : "not utf-8",
	       want ? "utf-8" : "not utf-8");
}

static void string_member(FILE *out, const char *s, size_t len)
{
	(void)len;
	json_string(out, "output", s);
}

int main(void)
{
	printf("TAP version 13\n1..25\n");

	expect(json_escape, "escape: plain text as it is", BYTES("abc 123"), "abc 123");
	expect(json_escape, "escape: quote and backslash", BYTES("a\"b\\c"), "a\\\"b\\\\c");
	expect(json_escape, "escape: the two-character escapes",
	       BYTES("\n\r\t\b\f"), "\\n\\r\\t\\b\\f");
	expect(json_escape, "escape: other controls, NUL and DEL as \\u",
	       BYTES("\x01\x1f\x00\x7f"), "\\u0001\\u001f\\u0000\\u007f");
	expect(json_escape, "escape: UTF-8 passes through", BYTES("caf\xc3\xa9 \xe2\x82\xac"),
	       "caf\xc3\xa9 \xe2\x82\xac");
	expect(json_escape, "escape: '/' needs none", BYTES("a/b"), "a/b");

	expect(json_base64, "base64: empty", BYTES(""), "");
	expect(json_base64, "base64: f (RFC 4648)", BYTES("f"), "Zg==");
	expect(json_base64, "base64: fo", BYTES("fo"), "Zm8=");
	expect(json_base64, "base64: foo", BYTES("foo"), "Zm9v");
	expect(json_base64, "base64: foob", BYTES("foob"), "Zm9vYg==");
	expect(json_base64, "base64: fooba", BYTES("fooba"), "Zm9vYmE=");
	expect(json_base64, "base64: foobar", BYTES("foobar"), "Zm9vYmFy");
	expect(json_base64, "base64: every bit set", BYTES("\xff\xff\xfe"), "///+");

	utf8("utf-8: ASCII", BYTES("plain"), 1);
	utf8("utf-8: 2, 3 and 4 bytes", BYTES("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), 1);
	utf8("utf-8: overlong form refused", BYTES("\xc0\xaf"), 0);
	utf8("utf-8: surrogate refused", BYTES("\xed\xa0\x80"), 0);
	utf8("utf-8: past U+10FFFF refused", BYTES("\xf4\x90\x80\x80"), 0);
	utf8("utf-8: truncated sequence refused", BYTES("ok\xe2\x82"), 0);
	utf8("utf-8: lone continuation byte refused", BYTES("\x80"), 0);

	expect(json_data, "data: UTF-8 as a string", BYTES("a\n"),
	       ",\"encoding\":\"utf-8\",\"data\":\"a\\n\"");
	expect(json_data, "data: other bytes as base64", BYTES("\xff\x00"),
	       ",\"encoding\":\"base64\",\"data\":\"/wA=\"");
	expect(json_data, "data: empty is an empty string", BYTES(""),
	       ",\"encoding\":\"utf-8\",\"data\":\"\"");
	expect(string_member, "string member, escaped", BYTES("/tmp/a\"b"),
	       ",\"output\":\"/tmp/a\\\"b\"");

	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n", pass, fail);
	printf("json: %d passed, %d failed, 0 skipped\n", pass, fail);
	return fail ? 1 : 0;
}
