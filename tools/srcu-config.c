// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config: read, replace and watch the configuration held by
 * /dev/srcu_config (see Documentation/userspace-api.rst).
 *
 *   srcu-config [OPTIONS] get [-o FILE] [--read]
 *   srcu-config [OPTIONS] set [FILE|-] [--expedited|--deferred]
 *                             [--if-generation N]
 *   srcu-config [OPTIONS] info
 *   srcu-config [OPTIONS] watch [--count N] [--timeout SECONDS]
 *
 * OPTIONS: -d DEVICE, -v (timings and details on stderr), --json (one JSON
 * object per line on stdout, and one for a failure). The exit statuses
 * are the EXIT_* below, documented in Documentation/srcu-config.rst.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "srcu-config.h"

/* Exit statuses: each class of failure has its own. */
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

#define PREVIEW_CHARS		60

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

static const char *device = SRCU_CONFIG_DEVICE;
static bool verbose;
static bool json;

struct options {
	const char *output;
	bool read_mode;
	bool expedited;
	bool deferred;
	bool if_generation;
	unsigned long long expected_generation;
	unsigned long long count;
	bool has_timeout;
	double timeout;
};

/* A configuration fetched with GET: bytes and metadata of one generation. */
struct config {
	char *data;
	struct srcu_config_get meta;
};

static double now_ms(void)
{
	return srcu_config_now_ns() / 1e6;
}

static void json_escape(FILE *out, const char *data, size_t len);

/* The symbolic name of the errnos the tool reports. */
static const char *errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
		{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { EBADF, "EBADF" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { ENODEV, "ENODEV" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { ENOTTY, "ENOTTY" },
		{ E2BIG, "E2BIG" }, { EPROTO, "EPROTO" }, { ESTALE, "ESTALE" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { EPIPE, "EPIPE" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	return "EUNKNOWN";
}

/* The exit status for a failure with errno @err. */
static int exit_status(int err)
{
	switch (err) {
	case ENODEV:
		return EXIT_NO_MODULE;
	case ENOENT:
		return EXIT_NO_PATH;
	case ENOTTY:
		return EXIT_NOT_DEVICE;
	case EPROTO:
		return EXIT_OLD_MODULE;
	case EPERM:
	case EACCES:
	case EBADF:
		return EXIT_PERMISSION;
	case ESTALE:
		return EXIT_STALE;
	case E2BIG:
		return EXIT_TOO_BIG;
	case ETIMEDOUT:
		return EXIT_TIMEOUT;
	default:
		return EXIT_ERROR;
	}
}

/*
 * Report a failure: the message on stderr and, with --json, one JSON
 * object on stdout. Returns @status (0: the one for @err).
 */
static int vreport(int status, int err, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!status)
		status = exit_status(err);
	fprintf(stderr, "srcu-config: %s\n", msg);
	if (json) {
		printf("{\"error\":\"%s\",\"errno\":%d,\"exit_status\":%d,\"message\":\"",
		       err ? errno_name(err) : "usage", err, status);
		json_escape(stdout, msg, strlen(msg));
		printf("\"}\n");
		fflush(stdout);
	}
	return status;
}

static int report(int status, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status = vreport(status, err, fmt, ap);
	va_end(ap);
	return status;
}

static void note(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Explanation of an errno from the device common to every request. */
static const char *explain(int err)
{
	switch (err) {
	case EPERM:
		return "changing the configuration needs CAP_SYS_ADMIN (run as root)";
	case EBADF:
		return "the device is not open for writing (a change needs a read-write open)";
	case EINVAL:
		return "the module rejected the request as malformed (flags, reserved fields or struct size); is the loaded srcu_config module older than this tool?";
	case E2BIG:
		return "the module does not know some fields this tool set; is the loaded srcu_config module older than this tool?";
	case EFAULT:
		return "the kernel could not access this program's memory (bad address); this is a bug in srcu-config";
	case ENOMEM:
		return "the kernel is out of memory; nothing was changed: free memory or use a smaller configuration";
	case EINTR:
		return "interrupted by a signal; nothing was changed: try again";
	case ENOTTY:
		return "the device does not know this request; is the loaded srcu_config module older than this tool, or is the device not /dev/srcu_config?";
	case ENOSPC:
		return "the configuration kept growing while it was fetched: try again";
	case ESTALE:
		return "the configuration changed since the expected generation; nothing was changed";
	case ENXIO:
		return "the device is gone; is the srcu_config module being unloaded?";
	case EAGAIN:
		return "the configuration kept changing size while it was fetched: try again";
	default:
		return strerror(err);
	}
}

static int fail(const char *what, int err)
{
	return report(0, err, "%s: %s", what, explain(err));
}

/* Open the device; on failure, report why and return -(exit status). */
static int open_device(int flags)
{
	int fd = srcu_config_open(device, flags);

	if (fd >= 0)
		return fd;
	switch (-fd) {
	case ENODEV:
		report(0, ENODEV, "%s: the srcu_config module is not loaded (modprobe srcu_config)",
		       device);
		break;
	case ENOENT:
		report(0, ENOENT, "%s: no such file; the srcu_config module is loaded: its device is " SRCU_CONFIG_DEVICE " unless udev named it otherwise",
		       device);
		break;
	case ENOTTY:
		report(0, ENOTTY, "%s: not the srcu_config device", device);
		break;
	case EPROTO:
		report(0, EPROTO, "%s: the loaded srcu_config module is older than this tool (it does not answer INFO as this tool asks it)",
		       device);
		break;
	case EACCES:
	case EPERM:
		report(0, -fd, "%s: permission denied; %s (run as root)", device,
		       flags == O_RDONLY ? "reading it needs read permission" :
		       "changing the configuration needs write permission and CAP_SYS_ADMIN");
		break;
	default:
		report(0, -fd, "%s: %s", device, explain(-fd));
		break;
	}
	return -exit_status(-fd);
}

static int get_info(int fd, struct srcu_config_info *info)
{
	return srcu_config_info(fd, info);
}

/* The whole configuration with GET, atomically (the library grows the buffer). */
static int get_config(int fd, struct config *cfg)
{
	void *data;
	int err = srcu_config_get(fd, &data, &cfg->meta);

	cfg->data = err ? NULL : data;
	return err;
}

/* --- output helpers -------------------------------------------------- */

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

static bool is_utf8(const char *data, size_t len)
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

/* @data (valid UTF-8) as the body of a JSON string. */
static void json_escape(FILE *out, const char *data, size_t len)
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

static void base64(FILE *out, const char *data, size_t len)
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

/* The data as a JSON member: a string if it is UTF-8, base64 otherwise. */
static void json_data(FILE *out, const char *data, size_t len)
{
	if (is_utf8(data, len)) {
		fputs(",\"encoding\":\"utf-8\",\"data\":\"", out);
		json_escape(out, data, len);
	} else {
		fputs(",\"encoding\":\"base64\",\"data\":\"", out);
		base64(out, data, len);
	}
	fputc('"', out);
}

static void json_string(FILE *out, const char *name, const char *s)
{
	fprintf(out, ",\"%s\":\"", name);
	json_escape(out, s, strlen(s));
	fputc('"', out);
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

static int finish_stdout(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		int err = errno ? errno : EIO;

		/* No JSON: stdout is what failed. */
		json = false;
		return report(EXIT_ERROR, err, "stdout: %s", strerror(err));
	}
	return 0;
}

/* --- get --------------------------------------------------------------- */

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

/*
 * --read: one read(2) call, served from one generation, with a buffer one
 * byte larger than max_size so that it always returns everything. Unlike
 * GET it is subject to the test_read_delay_ms hook.
 */
static int get_with_read(int fd, const struct options *opt)
{
	struct srcu_config_info info;
	double start = now_ms();
	size_t cap;
	ssize_t n;
	char *buf;
	int ret;

	ret = get_info(fd, &info);
	if (ret)
		return fail("info", -ret);
	cap = info.max_size + 1;
	buf = malloc(cap);
	if (!buf)
		return fail("get", ENOMEM);
	n = read(fd, buf, cap);
	if (n < 0) {
		ret = errno;
		free(buf);
		return fail("read", ret);
	}
	note("get: %zd bytes with one read(2) in %.0f ms", n, now_ms() - start);
	ret = write_data(opt->output, buf, n);
	free(buf);
	return ret;
}

static int cmd_get(const struct options *opt)
{
	double start = now_ms();
	struct config cfg;
	int fd, ret;

	fd = open_device(O_RDONLY);
	if (fd < 0)
		return -fd;
	if (opt->read_mode) {
		ret = get_with_read(fd, opt);
		close(fd);
		return ret;
	}
	ret = get_config(fd, &cfg);
	close(fd);
	if (ret)
		return fail("get", -ret);
	note("get: generation %llu, %llu bytes, checksum 0x%08x, in %.3f ms",
	     (unsigned long long)cfg.meta.generation,
	     (unsigned long long)cfg.meta.size, cfg.meta.checksum,
	     now_ms() - start);

	if (!json || opt->output)
		ret = write_data(opt->output, cfg.data, cfg.meta.size);
	if (!ret && json) {
		printf("{\"generation\":%llu,\"size\":%llu,\"checksum\":\"0x%08x\",\"time_set_ns\":%llu",
		       (unsigned long long)cfg.meta.generation,
		       (unsigned long long)cfg.meta.size, cfg.meta.checksum,
		       (unsigned long long)cfg.meta.time_set_ns);
		if (opt->output)
			json_string(stdout, "output", opt->output);
		else
			json_data(stdout, cfg.data, cfg.meta.size);
		printf("}\n");
		ret = finish_stdout();
	}
	free(cfg.data);
	return ret;
}

/* --- set --------------------------------------------------------------- */

/* Up to @limit bytes of @in; *@truncated if there was more. */
static char *read_input(FILE *in, size_t limit, size_t *len, bool *truncated)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap);
	char *bigger;

	*truncated = false;
	while (buf) {
		if (n == cap) {
			cap *= 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = bigger;
		}
		r = fread(buf + n, 1, cap - n, in);
		if (!r)
			break;
		n += r;
		if (n >= limit) {
			/* Already more than the module takes: stop reading. */
			*truncated = true;
			n = limit;
			break;
		}
	}
	if (!buf) {
		errno = ENOMEM;
		return NULL;
	}
	if (ferror(in)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static const char *set_mode(const struct options *opt)
{
	if (opt->deferred)
		return "deferred";
	if (opt->expedited)
		return "expedited";
	return "normal";
}

static int set_failed(int fd, const struct options *opt, int err,
		      size_t len, bool truncated, uint64_t current)
{
	struct srcu_config_info info;
	bool have_info = !get_info(fd, &info);

	switch (err) {
	case E2BIG:
		if (have_info)
			return report(0, err, "set: the configuration is %s%zu bytes, larger than the module's max_size of %llu bytes; nothing was changed: make it smaller, or reload the module with a larger max_size=",
				      truncated ? "at least " : "", len,
				      (unsigned long long)info.max_size);
		return report(0, err, "set: the configuration (%zu bytes) is larger than the module's max_size; nothing was changed",
			      len);
	case ESTALE:
		/* The module reports the generation it found. */
		return report(0, err, "set: the configuration changed: it is at generation %llu, not %llu (--if-generation); nothing was changed: get it again and retry",
			      (unsigned long long)current,
			      opt->expected_generation);
	case EINTR:
		return report(0, err, "set: interrupted by a signal while waiting for the writer lock; nothing was changed: try again");
	default:
		return fail("set", err);
	}
}

/*
 * A deferred change waits for a grace period instead when more than
 * max_deferred_bytes await freeing: grace_periods moved. Another writer
 * waiting at the same moment moves it too; the report may then say
 * "waited" for a change that did not.
 */
static bool deferred_waited(int fd, const struct options *opt,
			    unsigned long long grace_periods)
{
	struct srcu_config_info info;

	return opt->deferred && !get_info(fd, &info) &&
	       info.grace_periods != grace_periods;
}

/* -v: what the change cost the caller. */
static void set_report(const struct options *opt, uint64_t generation,
		       size_t len, bool waited, double ms)
{
	const char *how = "waited for a grace period";

	if (opt->expedited)
		how = "waited for an expedited grace period";
	else if (opt->deferred && waited)
		how = "deferred, but more than max_deferred_bytes awaited freeing: waited for a grace period";
	else if (opt->deferred)
		how = "old configuration freed later (deferred)";
	fprintf(stderr, "set: generation %llu, %zu bytes, %s, in %.3f ms\n",
		(unsigned long long)generation, len, how, ms);
}

static int cmd_set(const char *path, const struct options *opt)
{
	bool from_stdin = !path || !strcmp(path, "-");
	const char *name = from_stdin ? "stdin" : path;
	uint64_t flags = 0, generation = 0;
	struct srcu_config_info info;
	size_t len, limit = SIZE_MAX - 1;
	unsigned long long before = 0;
	bool truncated, waited;
	double start;
	FILE *in;
	char *data;
	int fd, err;

	fd = open_device(O_RDWR);
	if (fd < 0)
		return -fd;
	/* Never read more than one byte past what the module accepts. */
	if (!get_info(fd, &info)) {
		before = info.grace_periods;
		if (info.max_size < SIZE_MAX - 1)
			limit = info.max_size + 1;
	}

	in = from_stdin ? stdin : fopen(path, "rb");
	if (!in) {
		err = errno;
		close(fd);
		/* The input file's errno is not the device's: status 1. */
		return report(EXIT_ERROR, err, "%s: %s", path, strerror(err));
	}
	data = read_input(in, limit, &len, &truncated);
	if (!data) {
		err = errno;
		close(fd);
		return report(EXIT_ERROR, err, "%s: %s", name, strerror(err));
	}
	if (!from_stdin)
		fclose(in);

	if (opt->expedited)
		flags |= SRCU_CONFIG_SET_EXPEDITED;
	if (opt->deferred)
		flags |= SRCU_CONFIG_SET_DEFERRED;
	if (opt->if_generation)
		flags |= SRCU_CONFIG_SET_IF_GENERATION;

	start = now_ms();
	err = srcu_config_set(fd, data, len, flags, opt->expected_generation,
			      &generation);
	if (err) {
		err = set_failed(fd, opt, -err, len, truncated, generation);
		free(data);
		close(fd);
		return err;
	}
	waited = deferred_waited(fd, opt, before);
	if (verbose)
		set_report(opt, generation, len, waited, now_ms() - start);
	if (json) {
		printf("{\"generation\":%llu,\"size\":%zu,\"checksum\":\"0x%08x\",\"mode\":\"%s\",\"waited_for_grace_period\":%s,\"elapsed_ns\":%llu}\n",
		       (unsigned long long)generation, len,
		       srcu_config_checksum(data, len), set_mode(opt),
		       !opt->deferred || waited ? "true" : "false",
		       (unsigned long long)((now_ms() - start) * 1e6));
	}
	free(data);
	close(fd);
	return finish_stdout();
}

/* --- info -------------------------------------------------------------- */

static int cmd_info(void)
{
	struct srcu_config_info info;
	char when[64];
	int fd, ret;

	fd = open_device(O_RDONLY);
	if (fd < 0)
		return -fd;
	ret = get_info(fd, &info);
	close(fd);
	if (ret)
		return fail("info", -ret);

	format_time(info.time_set_ns, when, sizeof(when));
	if (json) {
		printf("{\"generation\":%llu,\"size\":%llu,\"checksum\":\"0x%08x\",\"time_set_ns\":%llu,\"flags\":%u,",
		       (unsigned long long)info.generation,
		       (unsigned long long)info.size, info.checksum,
		       (unsigned long long)info.time_set_ns, info.flags);
		printf("\"max_size\":%llu,\"max_deferred_bytes\":%llu,\"swaps\":%llu,\"grace_periods\":%llu,",
		       (unsigned long long)info.max_size,
		       (unsigned long long)info.max_deferred_bytes,
		       (unsigned long long)info.swaps,
		       (unsigned long long)info.grace_periods);
		printf("\"deferred_pending\":%llu,\"deferred_pending_bytes\":%llu,\"deferred_freed\":%llu,",
		       (unsigned long long)info.deferred_pending,
		       (unsigned long long)info.deferred_pending_bytes,
		       (unsigned long long)info.deferred_freed);
		printf("\"max_pinned_bytes\":%llu,\"pinned\":%llu,\"pinned_bytes\":%llu}\n",
		       (unsigned long long)info.max_pinned_bytes,
		       (unsigned long long)info.pinned,
		       (unsigned long long)info.pinned_bytes);
		return finish_stdout();
	}
	printf("device:                 %s\n", device);
	printf("generation:             %llu\n", (unsigned long long)info.generation);
	printf("size:                   %llu bytes\n", (unsigned long long)info.size);
	printf("checksum:               0x%08x (FNV-1a)\n", info.checksum);
	printf("set at:                 %s (%llu ns)\n", when,
	       (unsigned long long)info.time_set_ns);
	printf("flags:                  0x%x\n", info.flags);
	printf("max_size:               %llu bytes\n", (unsigned long long)info.max_size);
	printf("max_deferred_bytes:     %llu bytes\n",
	       (unsigned long long)info.max_deferred_bytes);
	printf("swaps:                  %llu\n", (unsigned long long)info.swaps);
	printf("grace_periods:          %llu\n", (unsigned long long)info.grace_periods);
	printf("deferred_pending:       %llu\n", (unsigned long long)info.deferred_pending);
	printf("deferred_pending_bytes: %llu\n",
	       (unsigned long long)info.deferred_pending_bytes);
	printf("deferred_freed:         %llu\n", (unsigned long long)info.deferred_freed);
	printf("max_pinned_bytes:       %llu bytes\n",
	       (unsigned long long)info.max_pinned_bytes);
	printf("pinned:                 %llu\n", (unsigned long long)info.pinned);
	printf("pinned_bytes:           %llu\n", (unsigned long long)info.pinned_bytes);
	return finish_stdout();
}

/* --- watch ------------------------------------------------------------- */

static void print_change(const struct config *cfg, unsigned long long previous)
{
	const struct srcu_config_get *m = &cfg->meta;
	char when[64];

	if (json) {
		printf("{\"generation\":%llu,\"previous_generation\":%llu,\"changes\":%llu,",
		       (unsigned long long)m->generation, previous,
		       (unsigned long long)m->generation - previous);
		printf("\"size\":%llu,\"checksum\":\"0x%08x\",\"time_set_ns\":%llu}\n",
		       (unsigned long long)m->size, m->checksum,
		       (unsigned long long)m->time_set_ns);
	} else if (verbose) {
		format_time(m->time_set_ns, when, sizeof(when));
		printf("generation %llu: %llu bytes, checksum 0x%08x, set at %s: ",
		       (unsigned long long)m->generation,
		       (unsigned long long)m->size, m->checksum, when);
		preview(stdout, cfg->data, m->size);
		putchar('\n');
	} else {
		printf("generation %llu\n", (unsigned long long)m->generation);
	}
	fflush(stdout);
}

static int cmd_watch(const struct options *opt)
{
	unsigned long long last, changes = 0;
	double deadline = 0;
	struct config cfg;
	int fd, ret, wait;

	fd = open_device(O_RDONLY);
	if (fd < 0)
		return -fd;
	/* GET also marks the current generation as seen by this open file. */
	ret = get_config(fd, &cfg);
	if (ret) {
		close(fd);
		return fail("watch", -ret);
	}
	last = cfg.meta.generation;
	free(cfg.data);
	if (opt->has_timeout)
		deadline = now_ms() + opt->timeout * 1e3;
	note("watch: watching %s from generation %llu", device, last);

	while (!opt->count || changes < opt->count) {
		wait = -1;
		if (opt->has_timeout) {
			double left = deadline - now_ms();

			if (left <= 0)
				break;
			wait = left > INT_MAX ? INT_MAX : (int)left + 1;
		}
		ret = srcu_config_wait(fd, wait);
		if (ret == -EINTR || ret == 0)
			continue;
		if (ret == -EIO) {
			close(fd);
			return report(EXIT_ERROR, EIO, "watch: the device reported an error; is the module being unloaded?");
		}
		if (ret < 0) {
			close(fd);
			return report(EXIT_ERROR, -ret, "watch: poll: %s", strerror(-ret));
		}
		ret = get_config(fd, &cfg);
		if (ret) {
			close(fd);
			return fail("watch", -ret);
		}
		if (cfg.meta.generation != last) {
			print_change(&cfg, last);
			changes += cfg.meta.generation - last;
			last = cfg.meta.generation;
		}
		free(cfg.data);
	}
	close(fd);
	if (ferror(stdout))
		return finish_stdout();
	if (opt->count && changes < opt->count)
		return report(0, ETIMEDOUT, "watch: timed out after %g s having seen %llu of %llu changes",
			      opt->timeout, changes, opt->count);
	return 0;
}

/* --- command line ---------------------------------------------------- */

static int print_usage(FILE *out)
{
	fprintf(out,
		"usage: srcu-config [-v] [--json] [-d DEVICE] COMMAND [ARGS]\n"
		"\n"
		"  get [-o FILE] [--read]   print the configuration (GET: one generation);\n"
		"                           --read uses one read(2) call instead\n"
		"  set [FILE|-] [--expedited|--deferred] [--if-generation N]\n"
		"                           replace it with FILE or stdin\n"
		"  info                     show generation, size, limits and counters\n"
		"  watch [--count N] [--timeout SECONDS]\n"
		"                           print each new generation as it is set\n"
		"\n"
		"  -d, --device DEVICE      default " SRCU_CONFIG_DEVICE "\n"
		"  -v, --verbose            timings and details (on stderr)\n"
		"  -j, --json               one JSON object per line on stdout\n"
		"\n"
		"exit status: 0 success, 1 error, 2 usage, 3 module not loaded,\n"
		"  4 no such device path, 5 not the srcu_config device, 6 module\n"
		"  older than the tool, 7 permission denied, 8 generation moved\n"
		"  (--if-generation), 9 too large, 10 watch timed out\n");
	return out == stdout ? 0 : EXIT_USAGE;
}

static int usage_error(const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	report(EXIT_USAGE, 0, "%s", msg);
	fputs("Try 'srcu-config --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static bool parse_u64(const char *s, unsigned long long *out)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return !errno && !*end;
}

enum {
	OPT_DEFERRED = 256,
	OPT_READ,
};

static const struct option long_options[] = {
	{ "device", required_argument, NULL, 'd' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "read", no_argument, NULL, OPT_READ },
	{ "expedited", no_argument, NULL, 'e' },
	{ "deferred", no_argument, NULL, OPT_DEFERRED },
	{ "if-generation", required_argument, NULL, 'g' },
	{ "count", required_argument, NULL, 'n' },
	{ "timeout", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

/* Which command each command-specific option belongs to. */
static const char *option_command(int opt, const char **name)
{
	const struct option *o;

	for (o = long_options; o->name; o++)
		if (o->val == opt)
			*name = o->name;
	switch (opt) {
	case 'o':
	case OPT_READ:
		return "get";
	case 'e':
	case OPT_DEFERRED:
	case 'g':
		return "set";
	case 'n':
	case 't':
		return "watch";
	default:
		return NULL;
	}
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	const char *cmd, *owner, *name = NULL, *used[8], *names[8];
	int c, nused = 0, i;
	char *end;

	/* Usage errors are reported as JSON too: know it before parsing. */
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			json = true;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:vjho:eg:n:t:", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'd':
			device = optarg;
			break;
		case 'v':
			verbose = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			return print_usage(stdout);
		case 'o':
			opt.output = optarg;
			break;
		case OPT_READ:
			opt.read_mode = true;
			break;
		case 'e':
			opt.expedited = true;
			break;
		case OPT_DEFERRED:
			opt.deferred = true;
			break;
		case 'g':
			/* Generations start at 1: 0 is never one. */
			if (!parse_u64(optarg, &opt.expected_generation) ||
			    !opt.expected_generation)
				return usage_error("--if-generation needs a generation number (1 or more), not '%s'",
						   optarg);
			opt.if_generation = true;
			break;
		case 'n':
			if (!parse_u64(optarg, &opt.count) || !opt.count)
				return usage_error("--count needs a positive number, not '%s'",
						   optarg);
			break;
		case 't':
			errno = 0;
			opt.timeout = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(opt.timeout >= 0) ||
			    opt.timeout > 1e9)
				return usage_error("--timeout needs a number of seconds, not '%s'",
						   optarg);
			opt.has_timeout = true;
			break;
		case ':':
			return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			if (optopt) {
				char opt_name[3] = { '-', (char)optopt, 0 };

				return usage_error("unknown option '%s'", opt_name);
			}
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
		owner = option_command(c, &name);
		if (owner && nused < (int)ARRAY_SIZE(used)) {
			names[nused] = name;
			used[nused++] = owner;
		}
	}
	if (optind >= argc) {
		if (json)
			return usage_error("%s", "no command given");
		print_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[optind++];
	if (strcmp(cmd, "get") && strcmp(cmd, "set") && strcmp(cmd, "info") &&
	    strcmp(cmd, "watch"))
		return usage_error("unknown command '%s'", cmd);
	for (i = 0; i < nused; i++) {
		if (strcmp(used[i], cmd)) {
			char msg[128];

			snprintf(msg, sizeof(msg), "--%s is an option of '%s', not of '%s'",
				 names[i], used[i], cmd);
			return usage_error("%s", msg);
		}
	}
	if (opt.expedited && opt.deferred)
		return usage_error("%s", "--expedited and --deferred exclude each other");
	if (opt.read_mode && json)
		return usage_error("%s", "--read gives bytes only; it does not combine with --json");
	if (!strcmp(cmd, "set")) {
		if (argc - optind > 1)
			return usage_error("set takes one FILE, not '%s'", argv[optind + 1]);
		return cmd_set(optind < argc ? argv[optind] : NULL, &opt);
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!strcmp(cmd, "get"))
		return cmd_get(&opt);
	if (!strcmp(cmd, "info"))
		return cmd_info();
	return cmd_watch(&opt);
}
