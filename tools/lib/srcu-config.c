// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * libsrcu-config: the client of /dev/srcu_config that the tool, the
 * benchmark and the torture share (srcu-config.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "srcu-config.h"

#define GET_FIRST_BUFFER	4096
#define GET_MAX_TRIES		16
#define FNV1A_BASIS		2166136261u
#define FNV1A_PRIME		16777619u

/* The device number the loaded module registered; -ENODEV if none. */
static int registered_dev(dev_t *dev)
{
	FILE *f = fopen(SRCU_CONFIG_SYSFS_DIR "/dev", "re");
	unsigned int major, minor;
	int n;

	if (!f)
		return errno == ENOENT ? -ENODEV : -errno;
	n = fscanf(f, "%u:%u", &major, &minor);
	fclose(f);
	if (n != 2)
		return -ENODEV;
	*dev = makedev(major, minor);
	return 0;
}

int srcu_config_open(const char *path, int flags)
{
	struct srcu_config_info info;
	struct stat st;
	dev_t dev = 0;
	int fd, err, loaded;

	if (!path)
		path = SRCU_CONFIG_DEVICE;
	loaded = registered_dev(&dev);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		/* A missing node is what an unloaded module leaves behind. */
		if (loaded == -ENODEV &&
		    (err == -ENOENT || err == -ENXIO || err == -ENODEV))
			return -ENODEV;
		return err == -EISDIR ? -ENOTTY : err;
	}
	if (fstat(fd, &st)) {
		err = -errno;
		goto fail;
	}
	if (loaded == 0 && (!S_ISCHR(st.st_mode) || st.st_rdev != dev)) {
		err = -ENOTTY;
		goto fail;
	}
	if (loaded && !S_ISCHR(st.st_mode)) {
		/* Not a device at all: whatever the module does, not it. */
		err = -ENOTTY;
		goto fail;
	}
	/* Its answer to INFO at our struct size tells its ABI from ours. */
	err = srcu_config_info(fd, &info);
	if (err == -ENOTTY || err == -EINVAL || err == -E2BIG)
		err = loaded == 0 ? -EPROTO : -ENOTTY;
	if (err)
		goto fail;
	return fd;
fail:
	close(fd);
	return err;
}

int srcu_config_get(int fd, void **data, struct srcu_config_get *meta)
{
	struct srcu_config_get req;
	size_t cap = GET_FIRST_BUFFER;
	char *buf = NULL, *bigger;
	int i;

	for (i = 0; i < GET_MAX_TRIES; i++) {
		bigger = realloc(buf, cap ? cap : 1);
		if (!bigger) {
			free(buf);
			return -ENOMEM;
		}
		buf = bigger;
		memset(&req, 0, sizeof(req));
		req.data = (uintptr_t)buf;
		req.len = cap;
		if (!ioctl(fd, SRCU_CONFIG_IOC_GET, &req)) {
			*data = buf;
			if (meta)
				*meta = req;
			return 0;
		}
		if (errno != ENOSPC) {
			int err = -errno;

			free(buf);
			return err;
		}
		if (req.size > SIZE_MAX / 2) {
			free(buf);
			return -ENOMEM;
		}
		/* Some slack in case it grows again before the next try. */
		cap = req.size + req.size / 8;
	}
	free(buf);
	return -EAGAIN;
}

int srcu_config_set(int fd, const void *data, size_t len, uint64_t flags,
		    uint64_t expected, uint64_t *generation)
{
	struct srcu_config_set req = {
		.data = (uintptr_t)data,
		.len = len,
		.flags = flags,
		.expected_generation = expected,
	};
	int err = ioctl(fd, SRCU_CONFIG_IOC_SET, &req) ? -errno : 0;

	if ((!err || err == -ESTALE) && generation)
		*generation = req.generation;
	return err;
}

int srcu_config_info(int fd, struct srcu_config_info *info)
{
	memset(info, 0, sizeof(*info));
	return ioctl(fd, SRCU_CONFIG_IOC_INFO, info) ? -errno : 0;
}

int srcu_config_wait(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };
	int ret = poll(&pfd, 1, timeout_ms);

	if (ret < 0)
		return -errno;
	if (!ret)
		return 0;
	if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL))
		return -EIO;
	return !!(pfd.revents & POLLPRI);
}

uint32_t srcu_config_checksum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t hash = FNV1A_BASIS;

	while (len--) {
		hash ^= *p++;
		hash *= FNV1A_PRIME;
	}
	return hash;
}

uint64_t srcu_config_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}
