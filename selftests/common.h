/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the selftests of /dev/srcu_config.
 */
#ifndef SRCU_CONFIG_SELFTEST_COMMON_H
#define SRCU_CONFIG_SELFTEST_COMMON_H

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "srcu_config.h"

/*
 * The harness kills a test after 30 s, but the tests bound their own
 * waits (a sleeping reader 60 s, a torture 20 s and the change in
 * flight), and on a debug kernel under emulation one change through
 * SRCU-fast can take seconds. With the harness's bound past theirs a
 * slow test ends with its own verdict, not killed with threads inside
 * a change; the VM's timeout still ends a hang.
 */
#ifdef TEST_TIMEOUT_DEFAULT
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 180
#endif

#define PARAM_DIR "/sys/module/srcu_config/parameters/"
#define SYSFS_DIR "/sys/class/misc/srcu_config/"
#define DELAY_PARAM PARAM_DIR "test_read_delay_ms"
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
/* What the read hook recorded, on the kernel's monotonic clock. */
#define HOOK_RECORD "/sys/kernel/debug/srcu_config/read_hook"

/* Whole contents of a file, NUL-terminated; *len excludes the NUL. */
static inline char *slurp(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	close(fd);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* A number from a sysfs file; ~0 if it cannot be read. */
static inline unsigned long long read_number(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	unsigned long long value = ~0ULL;

	if (text)
		value = strtoull(text, NULL, 0);
	free(text);
	return value;
}

static inline int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static inline int set_config_flags(int fd, const void *data, size_t len,
				   __u64 flags, __u64 expected,
				   __u64 *generation)
{
	struct srcu_config_set req = {
		.data = (uintptr_t)data,
		.len = len,
		.flags = flags,
		.expected_generation = expected,
	};
	int ret = ioctl(fd, SRCU_CONFIG_IOC_SET, &req);

	if (ret == 0 && generation)
		*generation = req.generation;
	return ret;
}

static inline int set_config(int fd, const void *data, size_t len,
			     __u64 *generation)
{
	return set_config_flags(fd, data, len, 0, 0, generation);
}

static inline int get_info(int fd, struct srcu_config_info *info)
{
	memset(info, 0, sizeof(*info));
	return ioctl(fd, SRCU_CONFIG_IOC_INFO, info);
}

static inline __u32 fnv1a(const void *data, size_t len)
{
	const unsigned char *bytes = data;
	__u32 hash = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		hash ^= bytes[i];
		hash *= 16777619u;
	}
	return hash;
}

/*
 * The read hook's record (module/read_hook.c): readers asleep in it now,
 * how many entered and left, when the last did (ns), the generation it
 * held; changes returned, when the last did, and the generation it made.
 */
struct hook_record {
	long long inside, entered, left, entered_ns, left_ns, generation;
	long long changes, changed_ns, changed_to, now_ns;
};

static inline int read_hook_record(struct hook_record *r)
{
	static const struct {
		const char *name;
		size_t offset;
	} fields[] = {
#define HOOK_FIELD(f) { #f, offsetof(struct hook_record, f) }
		HOOK_FIELD(inside), HOOK_FIELD(entered), HOOK_FIELD(left),
		HOOK_FIELD(entered_ns), HOOK_FIELD(left_ns),
		HOOK_FIELD(generation), HOOK_FIELD(changes),
		HOOK_FIELD(changed_ns), HOOK_FIELD(changed_to),
		HOOK_FIELD(now_ns),
#undef HOOK_FIELD
	};
	size_t len, i, found = 0;
	char *text = slurp(HOOK_RECORD, &len), *line;

	if (!text)
		return -1;
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char name[32];
		long long value;

		if (sscanf(line, "%31s %lld", name, &value) != 2)
			continue;
		for (i = 0; i < ARRAY_SIZE(fields); i++) {
			if (!strcmp(name, fields[i].name)) {
				*(long long *)((char *)r + fields[i].offset) = value;
				found++;
			}
		}
	}
	free(text);
	return found == ARRAY_SIZE(fields) ? 0 : -1;
}

/*
 * Wait until the kernel says a reader has entered the hook since
 * @before (and is asleep there), for up to @timeout_ms: a starved vCPU
 * may take long to get there, and no fixed sleep is long enough.
 */
static inline int wait_for_sleeper(const struct hook_record *before,
				   struct hook_record *now, int timeout_ms)
{
	int waited;

	for (waited = 0; waited <= timeout_ms; waited += 5) {
		if (read_hook_record(now))
			return -1;
		if (now->entered > before->entered && now->inside > 0)
			return 0;
		usleep(5000);
	}
	return -1;
}

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

#endif
