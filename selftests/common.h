/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the selftests of /dev/srcu_config.
 */
#ifndef SRCU_CONFIG_SELFTEST_COMMON_H
#define SRCU_CONFIG_SELFTEST_COMMON_H

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

#define PARAM_DIR "/sys/module/srcu_config/parameters/"
#define SYSFS_DIR "/sys/class/misc/srcu_config/"

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

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

#endif
