// SPDX-License-Identifier: GPL-2.0
/* srcu-config's four commands (commands.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "errors.h"
#include "output.h"
#include "srcu-config.h"
#include "tool.h"

static double now_ms(void)
{
	return srcu_config_now_ns() / 1e6;
}

/* Open the device; on failure, report why and return -(exit status). */
static int open_device(int flags)
{
	int fd = srcu_config_open(tool.device, flags);

	if (fd >= 0)
		return fd;
	switch (-fd) {
	case ENODEV:
		report(0, ENODEV, "%s: the srcu_config module is not loaded (modprobe srcu_config)",
		       tool.device);
		break;
	case ENOENT:
		report(0, ENOENT, "%s: no such file; the srcu_config module is loaded: its device is " SRCU_CONFIG_DEVICE " unless udev named it otherwise",
		       tool.device);
		break;
	case ENOTTY:
		report(0, ENOTTY, "%s: not the srcu_config device", tool.device);
		break;
	case EPROTO:
		report(0, EPROTO, "%s: the loaded srcu_config module is older than this tool (it does not answer INFO as this tool asks it)",
		       tool.device);
		break;
	case EACCES:
	case EPERM:
		report(0, -fd, "%s: permission denied; %s (run as root)", tool.device,
		       flags == O_RDONLY ? "reading it needs read permission" :
		       "changing the configuration needs write permission and CAP_SYS_ADMIN");
		break;
	default:
		report(0, -fd, "%s: %s", tool.device, explain(-fd));
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
	ret = print_read(&(struct read_result){
		.data = buf, .len = n, .output = opt->output,
		.ms = now_ms() - start,
	});
	free(buf);
	return ret;
}

int cmd_get(const struct options *opt)
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
	ret = print_get(&(struct get_result){
		.cfg = &cfg, .output = opt->output, .ms = now_ms() - start,
	});
	free(cfg.data);
	return ret;
}

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

int cmd_set(const char *path, const struct options *opt)
{
	bool from_stdin = !path || !strcmp(path, "-");
	const char *name = from_stdin ? "stdin" : path;
	uint64_t flags = 0, generation = 0;
	struct srcu_config_info info;
	size_t len, limit = SIZE_MAX - 1;
	unsigned long long before = 0;
	struct set_result result;
	bool truncated, waited;
	double start, ms;
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
	ms = now_ms() - start;
	waited = deferred_waited(fd, opt, before);
	result = (struct set_result){
		.generation = generation, .size = len,
		.checksum = srcu_config_checksum(data, len),
		.expedited = opt->expedited, .deferred = opt->deferred,
		.waited = waited, .ms = ms,
	};
	free(data);
	close(fd);
	return print_set(&result);
}

int cmd_info(void)
{
	struct srcu_config_info info;
	int fd, ret;

	fd = open_device(O_RDONLY);
	if (fd < 0)
		return -fd;
	ret = get_info(fd, &info);
	close(fd);
	if (ret)
		return fail("info", -ret);

	return print_info(tool.device, &info);
}

int cmd_watch(const struct options *opt)
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
	note("watch: watching %s from generation %llu", tool.device, last);

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
			print_change(&(struct change_result){
				.cfg = &cfg, .previous = last,
			});
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

