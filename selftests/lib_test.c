// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of libsrcu-config against /dev/srcu_config: every function, and
 * every error it documents. Built as a 64-bit and a 32-bit program.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "common.h"
#include "srcu-config.h"

#define KNOWN "libsrcu-config: a known configuration\n"

FIXTURE(lib) {
	int fd;
	uint64_t generation;
};

FIXTURE_SETUP(lib)
{
	self->fd = srcu_config_open(NULL, O_RDWR);
	ASSERT_LE(0, self->fd) TH_LOG("open: %s", strerror(-self->fd));
	ASSERT_EQ(0, srcu_config_set(self->fd, KNOWN, strlen(KNOWN), 0, 0,
				     &self->generation));
}

FIXTURE_TEARDOWN(lib)
{
	close(self->fd);
}

TEST(open_tells_the_failures_apart)
{
	char path[] = "/tmp/lib_test.XXXXXX";
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_EQ(-ENOENT, srcu_config_open("/dev/no_such_srcu_config", O_RDONLY));
	EXPECT_EQ(-ENOTTY, srcu_config_open(path, O_RDONLY));
	EXPECT_EQ(-ENOTTY, srcu_config_open(path, O_RDWR));
	EXPECT_EQ(-ENOTTY, srcu_config_open("/tmp", O_RDONLY));
	EXPECT_EQ(-ENOTTY, srcu_config_open("/tmp", O_RDWR));
	EXPECT_EQ(-ENOTTY, srcu_config_open("/dev/null", O_RDWR));
	unlink(path);
	/* The default path, and the close-on-exec flag. */
	fd = srcu_config_open(NULL, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	fd = srcu_config_open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, fd);
	close(fd);
}

TEST(open_without_permission_is_eacces)
{
	pid_t child = fork();
	int status;

	ASSERT_LE(0, child);
	if (child == 0) {
		int ok;

		if (setresuid(65534, 65534, 65534))
			_exit(10);
		/* The node is 0644. */
		ok = srcu_config_open(NULL, O_RDWR) == -EACCES;
		ok &= srcu_config_open(NULL, O_RDONLY) >= 0;
		_exit(ok ? 0 : 1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(lib, get_returns_one_generation_with_its_metadata)
{
	struct srcu_config_get meta;
	void *data = NULL;

	ASSERT_EQ(0, srcu_config_get(self->fd, &data, &meta));
	ASSERT_NE(NULL, data);
	EXPECT_EQ(strlen(KNOWN), meta.size);
	EXPECT_EQ(0, memcmp(KNOWN, data, meta.size));
	EXPECT_EQ(self->generation, meta.generation);
	EXPECT_EQ(srcu_config_checksum(data, meta.size), meta.checksum);
	EXPECT_LT(0, meta.time_set_ns);
	free(data);
	/* @meta is optional. */
	ASSERT_EQ(0, srcu_config_get(self->fd, &data, NULL));
	free(data);
}

TEST_F(lib, get_grows_past_its_first_buffer)
{
	size_t len = 3 * 4096 + 17, i;
	char *big = malloc(len);
	struct srcu_config_get meta;
	void *data;

	ASSERT_NE(NULL, big);
	for (i = 0; i < len; i++)
		big[i] = (char)(i * 7);
	ASSERT_EQ(0, srcu_config_set(self->fd, big, len, 0, 0, NULL));
	ASSERT_EQ(0, srcu_config_get(self->fd, &data, &meta));
	EXPECT_EQ(len, meta.size);
	EXPECT_EQ(0, memcmp(big, data, len));
	free(data);
	free(big);
}

TEST_F(lib, get_of_an_empty_configuration_is_not_null)
{
	struct srcu_config_get meta;
	void *data = NULL;

	ASSERT_EQ(0, srcu_config_set(self->fd, "", 0, 0, 0, NULL));
	ASSERT_EQ(0, srcu_config_get(self->fd, &data, &meta));
	EXPECT_NE(NULL, data);
	EXPECT_EQ(0, meta.size);
	free(data);
}

TEST_F(lib, get_on_a_bad_fd_is_ebadf)
{
	void *data = (void *)1;

	EXPECT_EQ(-EBADF, srcu_config_get(-1, &data, NULL));
	EXPECT_EQ((void *)1, data);
}

TEST_F(lib, set_in_every_mode)
{
	static const uint64_t modes[] = {
		0, SRCU_CONFIG_SET_EXPEDITED, SRCU_CONFIG_SET_DEFERRED,
	};
	struct srcu_config_info info;
	uint64_t generation = 0;
	int i;

	for (i = 0; i < 3; i++) {
		char text[16];

		snprintf(text, sizeof(text), "mode %d\n", i);
		ASSERT_EQ(0, srcu_config_set(self->fd, text, strlen(text),
					     modes[i], 0, &generation));
		EXPECT_EQ(self->generation + 1 + i, generation);
		ASSERT_EQ(0, srcu_config_info(self->fd, &info));
		EXPECT_EQ(generation, info.generation);
		EXPECT_EQ(srcu_config_checksum(text, strlen(text)), info.checksum);
	}
	/* @generation is optional. */
	EXPECT_EQ(0, srcu_config_set(self->fd, "x", 1, 0, 0, NULL));
}

TEST_F(lib, compare_and_swap_loop_needs_no_get)
{
	uint64_t seen = self->generation - 1, next = 0;
	int tries = 0, err;

	/* Start from a wrong guess: ESTALE tells the right one. */
	do {
		err = srcu_config_set(self->fd, "cas\n", 4,
				      SRCU_CONFIG_SET_IF_GENERATION, seen, &seen);
		tries++;
	} while (err == -ESTALE && tries < 5);
	EXPECT_EQ(0, err);
	EXPECT_EQ(2, tries);
	EXPECT_EQ(self->generation + 1, seen);
	/* Deferred compare-and-swap too. */
	EXPECT_EQ(0, srcu_config_set(self->fd, "cas2\n", 5,
				     SRCU_CONFIG_SET_IF_GENERATION |
				     SRCU_CONFIG_SET_DEFERRED, seen, &next));
	EXPECT_EQ(seen + 1, next);
}

TEST_F(lib, set_errors)
{
	size_t limit = read_number(PARAM_DIR "max_size");
	int ro = srcu_config_open(NULL, O_RDONLY);
	uint64_t generation = 42;
	char *big = calloc(1, limit + 1);

	ASSERT_LE(0, ro);
	ASSERT_NE(NULL, big);
	EXPECT_EQ(-EBADF, srcu_config_set(ro, "x", 1, 0, 0, &generation));
	EXPECT_EQ(-E2BIG, srcu_config_set(self->fd, big, limit + 1, 0, 0,
					  &generation));
	EXPECT_EQ(-EINVAL, srcu_config_set(self->fd, "x", 1,
					   SRCU_CONFIG_SET_EXPEDITED |
					   SRCU_CONFIG_SET_DEFERRED, 0,
					   &generation));
	EXPECT_EQ(-EINVAL, srcu_config_set(self->fd, "x", 1, 1ULL << 40, 0,
					   &generation));
	/* An expected generation without IF_GENERATION is a mistake. */
	EXPECT_EQ(-EINVAL, srcu_config_set(self->fd, "x", 1, 0, 3, &generation));
	EXPECT_EQ(-EFAULT, srcu_config_set(self->fd, (void *)16, 8, 0, 0,
					   &generation));
	/* Failures other than ESTALE leave @generation alone. */
	EXPECT_EQ(42, generation);
	free(big);
	close(ro);
}

TEST_F(lib, info)
{
	struct srcu_config_info info;

	memset(&info, 0xff, sizeof(info));
	ASSERT_EQ(0, srcu_config_info(self->fd, &info));
	EXPECT_EQ(self->generation, info.generation);
	EXPECT_EQ(strlen(KNOWN), info.size);
	EXPECT_EQ(srcu_config_checksum(KNOWN, strlen(KNOWN)), info.checksum);
	EXPECT_EQ(read_number(PARAM_DIR "max_size"), info.max_size);
	EXPECT_EQ(-EBADF, srcu_config_info(-1, &info));
}

static void *change_later(void *arg)
{
	int fd = *(int *)arg;

	usleep(200000);
	srcu_config_set(fd, "woken\n", 6, 0, 0, NULL);
	return NULL;
}

TEST_F(lib, wait_for_a_change)
{
	int watcher = srcu_config_open(NULL, O_RDONLY);
	long long start;
	pthread_t writer;
	void *data;

	ASSERT_LE(0, watcher);
	/* Nothing new since open: times out. */
	start = now_ms();
	EXPECT_EQ(0, srcu_config_wait(watcher, 100));
	EXPECT_LE(100, now_ms() - start);
	ASSERT_EQ(0, pthread_create(&writer, NULL, change_later, &self->fd));
	EXPECT_EQ(1, srcu_config_wait(watcher, 20000));
	pthread_join(writer, NULL);
	/* Still pending until the file reads the new generation. */
	EXPECT_EQ(1, srcu_config_wait(watcher, 0));
	ASSERT_EQ(0, srcu_config_get(watcher, &data, NULL));
	free(data);
	EXPECT_EQ(0, srcu_config_wait(watcher, 0));
	close(watcher);
	/* A closed fd: poll says POLLNVAL. */
	EXPECT_EQ(-EIO, srcu_config_wait(watcher, 0));
}

static void on_alarm(int sig)
{
}

TEST_F(lib, wait_interrupted_is_eintr)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	void *data;

	/* The fixture's change is news to this file: see it first. */
	ASSERT_EQ(0, srcu_config_get(self->fd, &data, NULL));
	free(data);
	ASSERT_EQ(0, sigaction(SIGALRM, &sa, NULL));
	alarm(1);
	EXPECT_EQ(-EINTR, srcu_config_wait(self->fd, 10000));
	alarm(0);
}

TEST(checksum_is_fnv1a)
{
	/* Published FNV-1a test vectors. */
	EXPECT_EQ(0x811c9dc5u, srcu_config_checksum("", 0));
	EXPECT_EQ(0xe40c292cu, srcu_config_checksum("a", 1));
	EXPECT_EQ(0xbf9cf968u, srcu_config_checksum("foobar", 6));
}

TEST(now_ns_is_monotonic)
{
	uint64_t a = srcu_config_now_ns(), b;

	usleep(10000);
	b = srcu_config_now_ns();
	EXPECT_LE(a + 10000000ULL, b);
}

TEST_HARNESS_MAIN
