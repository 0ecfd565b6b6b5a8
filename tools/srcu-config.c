// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config: read and replace the configuration held by /dev/srcu_config.
 *
 *   srcu-config [-v] get           print the configuration to stdout
 *   srcu-config [-v] set [FILE|-]  replace it with FILE (default stdin)
 *
 * -v reports on stderr how long the call took, which shows a writer
 * waiting for a grace period and a reader sleeping in its critical section.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "srcu_config.h"

static const char *device = SRCU_CONFIG_DEVICE;
static int verbose;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *explain(int err)
{
	switch (err) {
	case EPERM:
		return "changing the configuration needs CAP_SYS_ADMIN";
	case EBADF:
		return "the device was not opened for writing";
	case E2BIG:
		return "configuration larger than the module's max_size";
	case EFAULT:
		return "bad address";
	case EINVAL:
		return "invalid request (reserved fields or flags)";
	case ENOTTY:
		return "the device does not know this request";
	case ENOENT:
		return "no such device: is srcu_config loaded?";
	default:
		return strerror(err);
	}
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "srcu-config: %s: %s\n", what, explain(err));
	return 1;
}

/* The module's max_size, so that one read(2) can return everything. */
static size_t max_config_size(void)
{
	FILE *f = fopen("/sys/module/srcu_config/parameters/max_size", "r");
	unsigned long size = 1UL << 20;

	if (f) {
		if (fscanf(f, "%lu", &size) != 1)
			size = 1UL << 20;
		fclose(f);
	}
	return size;
}

static int cmd_get(void)
{
	/* One read(2) call is served from one generation: read it all at once. */
	size_t cap = max_config_size() + 1;
	char *buf = malloc(cap);
	double start = now_ms();
	ssize_t n;
	int fd = open(device, O_RDONLY);

	if (fd < 0)
		return fail(device, errno);
	if (!buf)
		return fail("get", ENOMEM);
	n = read(fd, buf, cap);
	if (n < 0)
		return fail("read", errno);
	if (fwrite(buf, 1, n, stdout) != (size_t)n)
		return fail("stdout", errno);
	fflush(stdout);
	if (verbose)
		fprintf(stderr, "get: %zd bytes in %.0f ms\n", n,
			now_ms() - start);
	free(buf);
	close(fd);
	return 0;
}

static char *read_all(FILE *in, size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap);

	while (buf && (r = fread(buf + n, 1, cap - n, in)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	if (!buf || ferror(in)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int cmd_set(const char *path)
{
	FILE *in = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "rb");
	struct srcu_config_set req = { 0 };
	double start;
	size_t len;
	char *data;
	int fd;

	if (!in)
		return fail(path, errno);
	data = read_all(in, &len);
	if (!data)
		return fail(path ? path : "stdin", errno ? errno : ENOMEM);
	fd = open(device, O_RDWR);
	if (fd < 0)
		return fail(device, errno);
	req.data = (uintptr_t)data;
	req.len = len;
	start = now_ms();
	if (ioctl(fd, SRCU_CONFIG_IOC_SET, &req))
		return fail("set", errno);
	if (verbose)
		fprintf(stderr,
			"set: generation %llu, %zu bytes, in %.0f ms (old configuration freed after a grace period)\n",
			(unsigned long long)req.generation, len,
			now_ms() - start);
	close(fd);
	free(data);
	return 0;
}

static int print_usage(void)
{
	fprintf(stderr, "usage: srcu-config [-v] [-d DEVICE] get\n"
			"       srcu-config [-v] [-d DEVICE] set [FILE|-]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "vd:h")) != -1) {
		switch (opt) {
		case 'v':
			verbose = 1;
			break;
		case 'd':
			device = optarg;
			break;
		default:
			return print_usage();
		}
	}
	if (optind >= argc)
		return print_usage();
	if (!strcmp(argv[optind], "get"))
		return cmd_get();
	if (!strcmp(argv[optind], "set"))
		return cmd_set(optind + 1 < argc ? argv[optind + 1] : NULL);
	return print_usage();
}
