// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace ABI tests of /dev/srcu_config, on the kselftest harness.
 * Run as root inside the test VM after insmod.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "srcu_config.h"

#define PARAM_DIR "/sys/module/srcu_config/parameters/"

/* Whole contents of a file, NUL-terminated; *len excludes the NUL. */
static char *slurp(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || !buf)
		return NULL;
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	close(fd);
	if (r < 0)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int set_config(int fd, const void *data, size_t len, __u64 *generation)
{
	struct srcu_config_set req = {
		.data = (uintptr_t)data,
		.len = len,
	};
	int ret = ioctl(fd, SRCU_CONFIG_IOC_SET, &req);

	if (ret == 0 && generation)
		*generation = req.generation;
	return ret;
}

FIXTURE(device) {
	int fd;
	char *before;
	size_t before_len;
};

FIXTURE_SETUP(device)
{
	static const char known[] = "fixture: a known configuration\n";

	self->fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, self->fd) TH_LOG("open: %s", strerror(errno));
	/* Every test starts from a known, non-empty configuration. */
	ASSERT_EQ(0, set_config(self->fd, known, strlen(known), NULL));
	self->before = slurp(SRCU_CONFIG_DEVICE, &self->before_len);
	ASSERT_NE(NULL, self->before);
}

FIXTURE_TEARDOWN(device)
{
	free(self->before);
	close(self->fd);
}

/* The configuration after a failed change must be the one from before. */
static void expect_unchanged(struct __test_metadata *_metadata,
			     const char *before, size_t before_len)
{
	size_t len;
	char *now = slurp(SRCU_CONFIG_DEVICE, &len);

	ASSERT_NE(NULL, now);
	EXPECT_EQ(before_len, len);
	EXPECT_EQ(0, memcmp(before, now, len));
	free(now);
}

TEST(default_configuration_is_the_initial_parameter)
{
	size_t want_len, got_len;
	char *want = slurp(PARAM_DIR "initial", &want_len);
	char *got;
	int fd;

	ASSERT_NE(NULL, want);
	/* sysfs prints a charp parameter with a newline of its own. */
	ASSERT_LT((size_t)0, want_len);
	want[--want_len] = '\0';

	/* A fresh module may already have been changed by an earlier test. */
	fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_config(fd, want, want_len, NULL));
	close(fd);

	got = slurp(SRCU_CONFIG_DEVICE, &got_len);
	ASSERT_NE(NULL, got);
	EXPECT_EQ(want_len, got_len);
	EXPECT_STREQ(want, got);
	free(want);
	free(got);
}

TEST_F(device, replace_then_read_back)
{
	static const char next[] = "mode=fast\nlimit=42\n";
	__u64 first, second;
	size_t len;
	char *got;

	ASSERT_EQ(0, set_config(self->fd, "x", 1, &first));
	ASSERT_EQ(0, set_config(self->fd, next, strlen(next), &second));
	EXPECT_EQ(first + 1, second);

	got = slurp(SRCU_CONFIG_DEVICE, &len);
	ASSERT_NE(NULL, got);
	EXPECT_EQ(strlen(next), len);
	EXPECT_STREQ(next, got);
	free(got);
}

TEST_F(device, pread_serves_from_offset)
{
	static const char next[] = "0123456789";
	char buf[8] = { 0 };

	ASSERT_EQ(0, set_config(self->fd, next, strlen(next), NULL));
	ASSERT_EQ(4, pread(self->fd, buf, 4, 3));
	EXPECT_EQ(0, memcmp(buf, "3456", 4));
	EXPECT_EQ(0, pread(self->fd, buf, 4, 10));
}

TEST_F(device, empty_configuration)
{
	char buf[4];

	ASSERT_EQ(0, set_config(self->fd, NULL, 0, NULL));
	EXPECT_EQ(0, pread(self->fd, buf, sizeof(buf), 0));
}

TEST_F(device, unknown_ioctl_is_enotty)
{
	EXPECT_EQ(-1, ioctl(self->fd, _IO(SRCU_CONFIG_IOC_MAGIC, 0x7f)));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IO('x', 0x01)));
	EXPECT_EQ(ENOTTY, errno);
	/* Right number, wrong direction. */
	EXPECT_EQ(-1, ioctl(self->fd, _IO(SRCU_CONFIG_IOC_MAGIC, 0x01)));
	EXPECT_EQ(ENOTTY, errno);
	expect_unchanged(_metadata, self->before, self->before_len);
}

TEST_F(device, set_needs_a_writable_file)
{
	int ro = open(SRCU_CONFIG_DEVICE, O_RDONLY);

	ASSERT_LE(0, ro);
	EXPECT_EQ(-1, set_config(ro, "nope", 4, NULL));
	EXPECT_EQ(EBADF, errno);
	close(ro);
	expect_unchanged(_metadata, self->before, self->before_len);
}

TEST_F(device, nonzero_reserved_or_flags_is_einval)
{
	struct srcu_config_set req = { .data = (uintptr_t)"nope", .len = 4 };

	req.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	req.reserved = 0;
	req.flags = 0x80000000u;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	expect_unchanged(_metadata, self->before, self->before_len);
}

TEST_F(device, too_large_is_e2big)
{
	size_t max_len;
	char *max = slurp(PARAM_DIR "max_size", &max_len);
	size_t limit = strtoul(max, NULL, 0);
	char *big = calloc(1, limit + 1);

	ASSERT_NE(NULL, big);
	EXPECT_EQ(-1, set_config(self->fd, big, limit + 1, NULL));
	EXPECT_EQ(E2BIG, errno);
	expect_unchanged(_metadata, self->before, self->before_len);
	free(big);
	free(max);
}

TEST_F(device, bad_pointers_are_efault)
{
	void *unmapped = mmap(NULL, 4096, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, unmapped);
	/* Bad source of the new bytes. */
	EXPECT_EQ(-1, set_config(self->fd, unmapped, 16, NULL));
	EXPECT_EQ(EFAULT, errno);
	/* Bad argument struct. */
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, unmapped));
	EXPECT_EQ(EFAULT, errno);
	/* Bad read destination. */
	EXPECT_EQ(-1, pread(self->fd, unmapped, 16, 0));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
	expect_unchanged(_metadata, self->before, self->before_len);
}

TEST_HARNESS_MAIN
