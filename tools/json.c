// SPDX-License-Identifier: GPL-2.0
/* srcu-config's JSON encoder (json.h). */
#include <string.h>

#include "json.h"

/* Length of the valid UTF-8 sequence at @p, or 0 if it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
	unsigned int cp, min;
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = p[0] & 0x1f;
		min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = p[0] & 0x0f;
		min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = p[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

bool json_is_utf8(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t n;

	while (len) {
		n = utf8_seq(p, len);
		if (!n)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

void json_escape(FILE *out, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i;

	for (i = 0; i < len; i++) {
		switch (p[i]) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		default:
			if (p[i] < 0x20 || p[i] == 0x7f)
				fprintf(out, "\\u%04x", p[i]);
			else
				fputc(p[i], out);
			break;
		}
	}
}

void json_base64(FILE *out, const char *data, size_t len)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)data;
	unsigned int v;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		v = p[i] << 16 | p[i + 1] << 8 | p[i + 2];
		fputc(digits[v >> 18 & 63], out);
		fputc(digits[v >> 12 & 63], out);
		fputc(digits[v >> 6 & 63], out);
		fputc(digits[v & 63], out);
	}
	if (len - i == 1) {
		v = p[i] << 16;
		fputc(digits[v >> 18 & 63], out);
		fputc(digits[v >> 12 & 63], out);
		fputs("==", out);
	} else if (len - i == 2) {
		v = p[i] << 16 | p[i + 1] << 8;
		fputc(digits[v >> 18 & 63], out);
		fputc(digits[v >> 12 & 63], out);
		fputc(digits[v >> 6 & 63], out);
		fputc('=', out);
	}
}

void json_data(FILE *out, const char *data, size_t len)
{
	if (json_is_utf8(data, len)) {
		fputs(",\"encoding\":\"utf-8\",\"data\":\"", out);
		json_escape(out, data, len);
	} else {
		fputs(",\"encoding\":\"base64\",\"data\":\"", out);
		json_base64(out, data, len);
	}
	fputc('"', out);
}

void json_string(FILE *out, const char *name, const char *s)
{
	fprintf(out, ",\"%s\":\"", name);
	json_escape(out, s, strlen(s));
	fputc('"', out);
}
