// SPDX-License-Identifier: GPL-2.0
/* What srcu-config prints (output.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "errors.h"
#include "json.h"
#include "output.h"
#include "tool.h"

#define PREVIEW_CHARS		60

void note(const char *fmt, ...)
{
	va_list ap;

	if (!tool.verbose)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int finish_stdout(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		int err = errno ? errno : EIO;

		/* No JSON: stdout is what failed. */
		tool.json = false;
		return report(EXIT_ERROR, err, "stdout: %s", strerror(err));
	}
	return 0;
}

static void format_time(unsigned long long ns, char *buf, size_t len)
{
	time_t sec = ns / 1000000000ULL;
	struct tm tm;
	size_t n;

	if (!gmtime_r(&sec, &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, len - n, ".%09lluZ", ns % 1000000000ULL);
}

/* First line of the configuration, printable characters only. */
static void preview(FILE *out, const char *data, size_t len)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < len && i < PREVIEW_CHARS && data[i] != '\n'; i++)
		fputc(data[i] >= 0x20 && data[i] < 0x7f ? data[i] : '.', out);
	fputc('"', out);
	/* More than one line, or a line longer than the preview. */
	if (i < len && !(data[i] == '\n' && i + 1 == len))
		fputs("...", out);
}

/* The configuration's bytes, to @path or (NULL) stdout. */
static int write_data(const char *path, const char *data, size_t len)
{
	FILE *out = path ? fopen(path, "wb") : stdout;

	if (!out)
		return report(EXIT_ERROR, errno, "%s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, out) != len || fflush(out)) {
		int err = errno;

		if (path)
			fclose(out);
		return report(EXIT_ERROR, err, "%s: %s", path ? path : "stdout",
			      strerror(err));
	}
	if (path && fclose(out))
		return report(EXIT_ERROR, errno, "%s: %s", path, strerror(errno));
	return 0;
}

int print_get(const struct get_result *r)
{
	const struct srcu_config_get *m = &r->cfg->meta;
	int ret = 0;

	note("get: generation %llu, %llu bytes, checksum 0x%08x, in %.3f ms",
	     (unsigned long long)m->generation, (unsigned long long)m->size,
	     m->checksum, r->ms);
	/* With --json the bytes are in the object, unless -o took them. */
	if (!tool.json || r->output)
		ret = write_data(r->output, r->cfg->data, m->size);
	if (ret || !tool.json)
		return ret;
	printf("{\"generation\":%llu,\"size\":%llu,\"checksum\":\"0x%08x\",\"time_set_ns\":%llu",
	       (unsigned long long)m->generation, (unsigned long long)m->size,
	       m->checksum, (unsigned long long)m->time_set_ns);
	if (r->output)
		json_string(stdout, "output", r->output);
	else
		json_data(stdout, r->cfg->data, m->size);
	printf("}\n");
	return finish_stdout();
}

int print_read(const struct read_result *r)
{
	note("get: %zu bytes with one read(2) in %.0f ms", r->len, r->ms);
	return write_data(r->output, r->data, r->len);
}

int print_set(const struct set_result *r)
{
	const char *how = "waited for a grace period";
	const char *mode = "normal";

	if (r->deferred)
		mode = "deferred";
	else if (r->expedited)
		mode = "expedited";
	if (tool.verbose) {
		if (r->expedited)
			how = "waited for an expedited grace period";
		else if (r->deferred && r->waited)
			how = "deferred, but more than max_deferred_bytes awaited freeing: waited for a grace period";
		else if (r->deferred)
			how = "old configuration freed later (deferred)";
		fprintf(stderr, "set: generation %llu, %zu bytes, %s, in %.3f ms\n",
			(unsigned long long)r->generation, r->size, how, r->ms);
	}
	if (tool.json)
		printf("{\"generation\":%llu,\"size\":%zu,\"checksum\":\"0x%08x\",\"mode\":\"%s\",\"waited_for_grace_period\":%s,\"elapsed_ns\":%llu}\n",
		       (unsigned long long)r->generation, r->size, r->checksum,
		       mode, !r->deferred || r->waited ? "true" : "false",
		       (unsigned long long)(r->ms * 1e6));
	return finish_stdout();
}

int print_info(const char *device, const struct srcu_config_info *info)
{
	char when[64];

	if (tool.json) {
		printf("{\"generation\":%llu,\"size\":%llu,\"checksum\":\"0x%08x\",\"time_set_ns\":%llu,\"flags\":%u,",
		       (unsigned long long)info->generation,
		       (unsigned long long)info->size, info->checksum,
		       (unsigned long long)info->time_set_ns, info->flags);
		printf("\"max_size\":%llu,\"max_deferred_bytes\":%llu,\"swaps\":%llu,\"grace_periods\":%llu,",
		       (unsigned long long)info->max_size,
		       (unsigned long long)info->max_deferred_bytes,
		       (unsigned long long)info->swaps,
		       (unsigned long long)info->grace_periods);
		printf("\"deferred_pending\":%llu,\"deferred_pending_bytes\":%llu,\"deferred_freed\":%llu,",
		       (unsigned long long)info->deferred_pending,
		       (unsigned long long)info->deferred_pending_bytes,
		       (unsigned long long)info->deferred_freed);
		printf("\"max_pinned_bytes\":%llu,\"pinned\":%llu,\"pinned_bytes\":%llu}\n",
		       (unsigned long long)info->max_pinned_bytes,
		       (unsigned long long)info->pinned,
		       (unsigned long long)info->pinned_bytes);
		return finish_stdout();
	}
	format_time(info->time_set_ns, when, sizeof(when));
	printf("device:                 %s\n", device);
	printf("generation:             %llu\n", (unsigned long long)info->generation);
	printf("size:                   %llu bytes\n", (unsigned long long)info->size);
	printf("checksum:               0x%08x (FNV-1a)\n", info->checksum);
	printf("set at:                 %s (%llu ns)\n", when,
	       (unsigned long long)info->time_set_ns);
	printf("flags:                  0x%x\n", info->flags);
	printf("max_size:               %llu bytes\n", (unsigned long long)info->max_size);
	printf("max_deferred_bytes:     %llu bytes\n",
	       (unsigned long long)info->max_deferred_bytes);
	printf("swaps:                  %llu\n", (unsigned long long)info->swaps);
	printf("grace_periods:          %llu\n", (unsigned long long)info->grace_periods);
	printf("deferred_pending:       %llu\n", (unsigned long long)info->deferred_pending);
	printf("deferred_pending_bytes: %llu\n",
	       (unsigned long long)info->deferred_pending_bytes);
	printf("deferred_freed:         %llu\n", (unsigned long long)info->deferred_freed);
	printf("max_pinned_bytes:       %llu bytes\n",
	       (unsigned long long)info->max_pinned_bytes);
	printf("pinned:                 %llu\n", (unsigned long long)info->pinned);
	printf("pinned_bytes:           %llu\n", (unsigned long long)info->pinned_bytes);
	return finish_stdout();
}

void print_change(const struct change_result *r)
{
	const struct srcu_config_get *m = &r->cfg->meta;
	char when[64];

	if (tool.json) {
		printf("{\"generation\":%llu,\"previous_generation\":%llu,\"changes\":%llu,",
		       (unsigned long long)m->generation, r->previous,
		       (unsigned long long)m->generation - r->previous);
		printf("\"size\":%llu,\"checksum\":\"0x%08x\",\"time_set_ns\":%llu}\n",
		       (unsigned long long)m->size, m->checksum,
		       (unsigned long long)m->time_set_ns);
	} else if (tool.verbose) {
		format_time(m->time_set_ns, when, sizeof(when));
		printf("generation %llu: %llu bytes, checksum 0x%08x, set at %s: ",
		       (unsigned long long)m->generation,
		       (unsigned long long)m->size, m->checksum, when);
		preview(stdout, r->cfg->data, m->size);
		putchar('\n');
	} else {
		printf("generation %llu\n", (unsigned long long)m->generation);
	}
	fflush(stdout);
}
