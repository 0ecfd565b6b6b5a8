// SPDX-License-Identifier: GPL-2.0
/*
 * What Documentation/userspace-api.rst and srcu_config(4) say about the
 * corners of the file interface, each statement a test: O_TRUNC,
 * O_WRONLY, SEEK_DATA, FIONREAD, copy_file_range, offsets near
 * LLONG_MAX, what marks a generation seen for EPOLLPRI, and which waits
 * a signal interrupts.
 */
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "common.h"

#define TEXT "0123456789\n"

FIXTURE(dev) {
	int fd;
	__u64 generation;
};

FIXTURE_SETUP(dev)
{
	struct srcu_config_info info;

	self->fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, set_config(self->fd, TEXT, strlen(TEXT), NULL));
	ASSERT_EQ(0, get_info(self->fd, &info));
	self->generation = info.generation;
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
}

/* The event bits poll() reports for @fd right now. */
static short events_of(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLPRI };

	return poll(&pfd, 1, 0) == 1 ? pfd.revents : 0;
}

TEST_F(dev, o_trunc_and_o_append_change_nothing)
{
	struct srcu_config_info info;
	char buf[32];
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR | O_TRUNC | O_APPEND);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, get_info(fd, &info));
	EXPECT_EQ(self->generation, info.generation);
	EXPECT_EQ(strlen(TEXT), info.size);
	EXPECT_EQ((ssize_t)strlen(TEXT), pread(fd, buf, sizeof(buf), 0));
	close(fd);
}

TEST_F(dev, write_only_file_changes_and_gets_but_cannot_read)
{
	struct srcu_config_get get = { 0 };
	char buf[32];
	int fd = open(SRCU_CONFIG_DEVICE, O_WRONLY);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EBADF, errno);
	/* The ioctls do not look at the read mode. */
	get.data = (uintptr_t)buf;
	get.len = sizeof(buf);
	EXPECT_EQ(0, ioctl(fd, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_EQ(strlen(TEXT), get.size);
	EXPECT_EQ(2, write(fd, "w\n", 2));
	close(fd);
}

TEST_F(dev, seek_data_and_hole_are_enxio)
{
	/* The node's size is 0: the VFS sees no data anywhere. */
	EXPECT_EQ(-1, lseek(self->fd, 0, SEEK_DATA));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, lseek(self->fd, 0, SEEK_HOLE));
	EXPECT_EQ(ENXIO, errno);
	/* SEEK_END is relative to that size, 0. */
	EXPECT_EQ(4, lseek(self->fd, 4, SEEK_END));
}

TEST_F(dev, fionread_is_enotty)
{
	int n = -1;

	EXPECT_EQ(-1, ioctl(self->fd, FIONREAD, &n));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(dev, copy_file_range_is_einval)
{
	char path[] = "/tmp/semantics.XXXXXX";
	int out = mkstemp(path);
	loff_t in_off = 0;

	ASSERT_LE(0, out);
	/* Only between regular files. */
	EXPECT_EQ(-1, syscall(__NR_copy_file_range, self->fd, &in_off, out,
			      NULL, 4, 0));
	EXPECT_EQ(EINVAL, errno);
	close(out);
	unlink(path);
}

TEST_F(dev, pread_near_llong_max)
{
	char buf[16];

	/* Past the end: 0. */
	EXPECT_EQ(0, pread(self->fd, buf, sizeof(buf), LLONG_MAX - 100));
	/* Offset plus count overflows loff_t: the VFS says EINVAL. */
	EXPECT_EQ(-1, pread(self->fd, buf, sizeof(buf), LLONG_MAX - 5));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, pread(self->fd, buf, sizeof(buf), -1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(dev, a_change_through_a_file_is_news_to_that_file)
{
	char buf[32];

	ASSERT_EQ((ssize_t)strlen(TEXT), pread(self->fd, buf, sizeof(buf), 0));
	EXPECT_EQ(POLLIN, events_of(self->fd));
	ASSERT_EQ(0, set_config(self->fd, "mine\n", 5, NULL));
	EXPECT_EQ(POLLIN | POLLPRI, events_of(self->fd));
}

TEST_F(dev, what_marks_a_generation_seen)
{
	struct srcu_config_get get = { 0 };
	void *unmapped = mmap(NULL, 4096, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int watcher = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	struct srcu_config_info info;
	char buf[4];

	ASSERT_LE(0, watcher);
	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_EQ(0, set_config(self->fd, TEXT, strlen(TEXT), NULL));
	EXPECT_EQ(POLLIN | POLLPRI, events_of(watcher));
	/* INFO, a failed GET and a failed read do not. */
	ASSERT_EQ(0, get_info(watcher, &info));
	get.data = (uintptr_t)buf;
	get.len = sizeof(buf);
	EXPECT_EQ(-1, ioctl(watcher, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_EQ(ENOSPC, errno);
	EXPECT_EQ(-1, pread(watcher, unmapped, 4, 0));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(POLLIN | POLLPRI, events_of(watcher));
	/* A read that returns 0 at the end does. */
	EXPECT_EQ(0, pread(watcher, buf, sizeof(buf), 1000));
	EXPECT_EQ(POLLIN, events_of(watcher));
	/* And so does a read of some bytes, and a whole GET. */
	ASSERT_EQ(0, set_config(self->fd, TEXT, strlen(TEXT), NULL));
	EXPECT_EQ(4, pread(watcher, buf, sizeof(buf), 0));
	EXPECT_EQ(POLLIN, events_of(watcher));
	munmap(unmapped, 4096);
	close(watcher);
}

static void on_signal(int sig)
{
}

struct queued {
	int fd;
	atomic_int started;
	int ret, err;
};

static void *sleeping_reader(void *arg)
{
	char buf[4];

	pread(*(int *)arg, buf, sizeof(buf), 0);
	return NULL;
}

static void *second_writer(void *arg)
{
	struct queued *q = arg;

	atomic_store(&q->started, 1);
	q->ret = set_config(q->fd, "second\n", 7, NULL);
	q->err = errno;
	return NULL;
}

/*
 * A change waiting for its grace period (here: for a reader asleep in
 * the read hook) is not interrupted by a signal: it completes. The
 * writer lock is held only to publish, so a writer behind another one's
 * grace period does not wait for the lock, and gets no EINTR either.
 */
TEST_F(dev, a_signal_does_not_interrupt_a_grace_period_wait)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct queued q = { .fd = self->fd };
	struct hook_record before, in, done;
	pthread_t reader, writer;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	ASSERT_EQ(0, read_hook_record(&before));
	ASSERT_EQ(0, write_text(DELAY_PARAM, "1000"));
	ASSERT_EQ(0, pthread_create(&reader, NULL, sleeping_reader, &self->fd));
	ASSERT_EQ(0, wait_for_sleeper(&before, &in, 60000));
	ASSERT_EQ(0, write_text(DELAY_PARAM, "0"));
	ASSERT_EQ(0, pthread_create(&writer, NULL, second_writer, &q));
	while (!atomic_load(&q.started))
		usleep(1000);
	usleep(200000);
	pthread_kill(writer, SIGUSR1);
	pthread_join(writer, NULL);
	ASSERT_EQ(0, read_hook_record(&done));
	pthread_join(reader, NULL);
	EXPECT_EQ(0, q.ret) TH_LOG("errno %d", q.err);
	/* It did wait for the sleeping reader, signal or not: by the kernel's clock. */
	EXPECT_EQ(0, done.inside);
	EXPECT_LE(done.left_ns, done.changed_ns);
}

TEST_HARNESS_MAIN
