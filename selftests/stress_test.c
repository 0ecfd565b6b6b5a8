// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency tests of /dev/srcu_config: readers racing writers, readers
 * sleeping inside their critical sections (the test_read_delay_ms hook),
 * signals, the limit on deferred frees, and rmmod while the device is
 * open.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "common.h"


/*
 * A self-checking configuration: a header naming its sequence number,
 * then bytes derived from it. A reader that sees a mix of two of them,
 * or freed memory, notices.
 */
static size_t make_config(char *buf, size_t cap, unsigned int seq)
{
	size_t len = 64 + (seq * 37) % 512, i;

	if (len > cap)
		len = cap;
	snprintf(buf, 16, "seq=%08u\n", seq);
	for (i = 13; i < len; i++)
		buf[i] = (char)('a' + (seq + i) % 26);
	return len;
}

static int config_is_consistent(const char *buf, size_t len)
{
	unsigned int seq;
	size_t i;

	if (len < 13 || sscanf(buf, "seq=%08u", &seq) != 1)
		return 0;
	if (len != 64 + (seq * 37) % 512)
		return 0;
	for (i = 13; i < len; i++)
		if (buf[i] != (char)('a' + (seq + i) % 26))
			return 0;
	return 1;
}

struct race {
	atomic_int stop;
	atomic_long reads;
	atomic_long torn;
	atomic_long errors;
};

static void *racing_reader(void *arg)
{
	struct race *race = arg;
	int fd = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	char buf[1024];

	if (fd < 0) {
		atomic_fetch_add(&race->errors, 1);
		return NULL;
	}
	while (!atomic_load(&race->stop)) {
		struct srcu_config_get get = {
			.data = (uintptr_t)buf, .len = sizeof(buf),
		};

		if (ioctl(fd, SRCU_CONFIG_IOC_GET, &get)) {
			atomic_fetch_add(&race->errors, 1);
			continue;
		}
		if (!config_is_consistent(buf, get.size) ||
		    fnv1a(buf, get.size) != get.checksum)
			atomic_fetch_add(&race->torn, 1);
		atomic_fetch_add(&race->reads, 1);
	}
	close(fd);
	return NULL;
}

#define RACE_CHANGES 300
#define RACE_MS 10000

TEST(readers_never_see_a_torn_configuration)
{
	static const __u64 modes[] = {
		0, SRCU_CONFIG_SET_EXPEDITED, SRCU_CONFIG_SET_DEFERRED,
	};
	struct race race = { 0 };
	pthread_t readers[4];
	char buf[1024];
	unsigned int seq;
	long long start;
	int fd, i;

	fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_config(fd, buf, make_config(buf, sizeof(buf), 0), NULL));
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&readers[i], NULL, racing_reader, &race));
	/*
	 * RACE_CHANGES changes, or as many as RACE_MS allows (each mode at
	 * least once): a change through SRCU-fast waits for RCU grace
	 * periods, which under emulation, with four readers spinning, take
	 * many times longer than on the other kernels.
	 */
	start = now_ms();
	for (seq = 1; seq <= RACE_CHANGES &&
	     (seq <= 3 || now_ms() - start <= RACE_MS); seq++) {
		size_t len = make_config(buf, sizeof(buf), seq);

		ASSERT_EQ(0, set_config_flags(fd, buf, len, modes[seq % 3], 0, NULL));
	}
	atomic_store(&race.stop, 1);
	for (i = 0; i < 4; i++)
		pthread_join(readers[i], NULL);
	TH_LOG("%ld reads during %u changes in %lld ms",
	       atomic_load(&race.reads), seq - 1, now_ms() - start);
	EXPECT_LT(0, atomic_load(&race.reads));
	EXPECT_EQ(0, atomic_load(&race.torn));
	EXPECT_EQ(0, atomic_load(&race.errors));
	close(fd);
}

/*
 * A reader that sleeps inside its critical section (the hook). Whether a
 * writer waited for it is decided from the kernel's record of the hook
 * (HOOK_RECORD), never from clocks read in two threads here.
 */
struct sleeper {
	ssize_t got;
	int error;
	char buf[256];
};

static void *sleeping_reader(void *arg)
{
	struct sleeper *s = arg;
	int fd = open(SRCU_CONFIG_DEVICE, O_RDONLY);

	s->got = pread(fd, s->buf, sizeof(s->buf), 0);
	s->error = s->got < 0 ? errno : 0;
	close(fd);
	return NULL;
}

FIXTURE(hook) {
	int fd;
	__u64 old_generation;
};

FIXTURE_SETUP(hook)
{
	static const char old[] = "old configuration, held by a sleeper\n";

	self->fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, set_config(self->fd, old, strlen(old), &self->old_generation));
}

FIXTURE_TEARDOWN(hook)
{
	write_text(DELAY_PARAM, "0");
	close(self->fd);
}

/*
 * Start a sleeping reader and return once the kernel says it is asleep
 * inside its critical section (@in: the record at that moment).
 */
static void start_sleeper(struct __test_metadata *_metadata,
			  pthread_t *thread, struct sleeper *s,
			  const char *delay_ms, struct hook_record *in)
{
	struct hook_record before;

	ASSERT_EQ(0, read_hook_record(&before)) TH_LOG("no %s", HOOK_RECORD);
	ASSERT_EQ(0, write_text(DELAY_PARAM, delay_ms));
	ASSERT_EQ(0, pthread_create(thread, NULL, sleeping_reader, s));
	ASSERT_EQ(0, wait_for_sleeper(&before, in, 60000))
		TH_LOG("the reader did not enter the hook in 60 s");
	/* Later readers must not sleep: only this one is the test's. */
	ASSERT_EQ(0, write_text(DELAY_PARAM, "0"));
}

static void expect_old_intact(struct __test_metadata *_metadata,
			      struct sleeper *s)
{
	static const char old[] = "old configuration, held by a sleeper\n";

	ASSERT_EQ((ssize_t)strlen(old), s->got);
	EXPECT_EQ(0, memcmp(s->buf, old, strlen(old)));
}

/*
 * The kernel's evidence that the change to @generation waited for the
 * reader asleep in @in: when it returned, the reader had left, and left
 * before it returned; the reader held the old generation.
 */
static void expect_waited(struct __test_metadata *_metadata,
			  const struct hook_record *in, __u64 old_generation,
			  __u64 generation)
{
	struct hook_record done;

	ASSERT_EQ(0, read_hook_record(&done));
	EXPECT_EQ((long long)old_generation, in->generation);
	EXPECT_EQ((long long)generation, done.changed_to);
	EXPECT_EQ(0, done.inside);
	EXPECT_EQ(in->entered, done.left);
	EXPECT_LE(in->entered_ns, done.left_ns);
	EXPECT_LE(done.left_ns, done.changed_ns);
	TH_LOG("reader in at %lld ns, out at %lld ns; change returned at %lld ns",
	       in->entered_ns, done.left_ns, done.changed_ns);
}

TEST_F(hook, normal_change_waits_for_a_sleeping_reader)
{
	struct hook_record in;
	struct sleeper s = { 0 };
	pthread_t reader;
	__u64 generation;

	start_sleeper(_metadata, &reader, &s, "1500", &in);
	ASSERT_EQ(0, set_config(self->fd, "new\n", 4, &generation));
	expect_waited(_metadata, &in, self->old_generation, generation);
	pthread_join(reader, NULL);
	expect_old_intact(_metadata, &s);
}

TEST_F(hook, expedited_change_waits_for_a_sleeping_reader)
{
	struct hook_record in;
	struct sleeper s = { 0 };
	pthread_t reader;
	__u64 generation;

	start_sleeper(_metadata, &reader, &s, "1500", &in);
	ASSERT_EQ(0, set_config_flags(self->fd, "new\n", 4,
				      SRCU_CONFIG_SET_EXPEDITED, 0, &generation));
	expect_waited(_metadata, &in, self->old_generation, generation);
	pthread_join(reader, NULL);
	expect_old_intact(_metadata, &s);
}

TEST_F(hook, deferred_change_does_not_wait)
{
	struct srcu_config_info info;
	struct hook_record in, done;
	struct sleeper s = { 0 };
	pthread_t reader;
	int tries;

	start_sleeper(_metadata, &reader, &s, "4000", &in);
	ASSERT_EQ(0, set_config_flags(self->fd, "new\n", 4,
				      SRCU_CONFIG_SET_DEFERRED, 0, NULL));
	ASSERT_EQ(0, get_info(self->fd, &info));
	EXPECT_LE(1, info.deferred_pending);
	pthread_join(reader, NULL);
	/* The change returned while the reader still slept on the old one. */
	ASSERT_EQ(0, read_hook_record(&done));
	EXPECT_LT(done.changed_ns, done.left_ns);
	expect_old_intact(_metadata, &s);
	for (tries = 0; tries < 500; tries++) {
		ASSERT_EQ(0, get_info(self->fd, &info));
		if (!info.deferred_pending)
			break;
		usleep(10000);
	}
	EXPECT_EQ(0, info.deferred_pending);
}

static void on_signal(int sig)
{
}

TEST_F(hook, a_signal_interrupts_a_sleeping_reader)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct hook_record in, done;
	struct sleeper s = { 0 };
	pthread_t reader;

	/* No SA_RESTART: the read must come back with EINTR. */
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	start_sleeper(_metadata, &reader, &s, "5000", &in);
	ASSERT_EQ(0, pthread_kill(reader, SIGUSR1));
	pthread_join(reader, NULL);
	EXPECT_EQ(-1, s.got);
	EXPECT_EQ(EINTR, s.error);
	/* Cut short: the kernel saw it leave before its 5 s were up. */
	ASSERT_EQ(0, read_hook_record(&done));
	EXPECT_GT(5000000000LL, done.left_ns - in.entered_ns);
	/* And the device is as it was. */
	ASSERT_EQ(0, set_config(self->fd, "after\n", 6, NULL));
}

/*
 * The module, for tests that load it again with other parameters; the
 * test VM has it at the root and loaded it with $SRCU_MODULE_ARGS.
 */
#define MODULE_PATH "/srcu_config.ko"

static int load_module(const char *params)
{
	int fd = open(MODULE_PATH, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, params, 0);
	close(fd);
	return ret;
}

static int reload_module(const char *params)
{
	if (syscall(SYS_delete_module, "srcu_config", O_NONBLOCK))
		return -1;
	return load_module(params);
}

/* A configuration of exactly 40 bytes, different for each @seq. */
static void forty_bytes(char *buf, unsigned int seq)
{
	snprintf(buf, 41, "deferred-limit configuration %09u\n", seq);
}

/*
 * Past max_deferred_bytes a deferred change waits for a grace period
 * instead of queueing more memory: with a reader asleep on the current
 * configuration and room for one 40-byte configuration in callbacks, the
 * first deferred change returns at once, the second only after the
 * reader has left, and the bytes waiting never exceed the limit.
 */
TEST(deferred_change_past_the_limit_waits_for_a_sleeping_reader)
{
	const char *args = getenv("SRCU_MODULE_ARGS");
	struct hook_record in, first, second, done;
	struct srcu_config_info info;
	struct sleeper s = { 0 };
	char params[256], held[41], next[41];
	int fd, tries;
	pthread_t reader;

	if (access(MODULE_PATH, R_OK))
		SKIP(return, "no %s to load with a small limit", MODULE_PATH);
	snprintf(params, sizeof(params), "%s max_deferred_bytes=64", args ? args : "");
	ASSERT_EQ(0, reload_module(params)) TH_LOG("reload: %s", strerror(errno));

	fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(64, read_number(PARAM_DIR "max_deferred_bytes"));
	forty_bytes(held, 0);
	ASSERT_EQ(0, set_config(fd, held, 40, NULL));

	start_sleeper(_metadata, &reader, &s, "3000", &in);

	/* 40 bytes to wait in a callback: within the limit, no wait. */
	forty_bytes(next, 1);
	ASSERT_EQ(0, set_config_flags(fd, next, 40, SRCU_CONFIG_SET_DEFERRED, 0, NULL));
	ASSERT_EQ(0, read_hook_record(&first));
	ASSERT_EQ(0, get_info(fd, &info));
	EXPECT_EQ(40, info.deferred_pending_bytes);

	/* 40 more would make 80 > 64: this one waits for the reader. */
	forty_bytes(next, 2);
	ASSERT_EQ(0, set_config_flags(fd, next, 40, SRCU_CONFIG_SET_DEFERRED, 0, NULL));
	ASSERT_EQ(0, read_hook_record(&second));
	ASSERT_EQ(0, get_info(fd, &info));
	EXPECT_GE(64, info.deferred_pending_bytes);

	pthread_join(reader, NULL);
	/* By the kernel's clock: the first returned before the reader left, the second after. */
	ASSERT_EQ(0, read_hook_record(&done));
	EXPECT_LT(first.changed_ns, done.left_ns);
	EXPECT_LE(done.left_ns, second.changed_ns);
	EXPECT_EQ(0, second.inside);
	/* The sleeper read the configuration it entered with, intact. */
	ASSERT_EQ(40, s.got);
	EXPECT_EQ(0, memcmp(s.buf, held, 40));
	for (tries = 0; tries < 500; tries++) {
		ASSERT_EQ(0, get_info(fd, &info));
		if (!info.deferred_pending)
			break;
		usleep(10000);
	}
	EXPECT_EQ(0, info.deferred_pending_bytes);
	close(fd);
	EXPECT_EQ(0, reload_module(args ? args : ""));
}

TEST(rmmod_while_open_fails_and_changes_nothing)
{
	int fd = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	char buf[8];

	ASSERT_LE(0, fd);
	/*
	 * The open file holds a module reference; delete_module(2) refuses
	 * with EWOULDBLOCK (EAGAIN) on 6.1 and 6.12.
	 */
	EXPECT_EQ(-1, syscall(SYS_delete_module, "srcu_config", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	EXPECT_LT(0, pread(fd, buf, sizeof(buf), 0));
	close(fd);
}

TEST_HARNESS_MAIN
