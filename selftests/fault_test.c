// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failure injection on /dev/srcu_config, with fail-nth
 * (Documentation/fault-injection/fault-injection.rst): before a call,
 * write N to /proc/thread-self/fail-nth and the Nth allocation of that
 * call fails. N goes 1, 2, 3, ... until the call completes without
 * reaching its Nth fault point: every allocation of the call has then
 * failed once.
 *
 * Each failed call must fail cleanly (ENOMEM) and leave the configuration
 * exactly as it was: same bytes, same generation. An injected failure the
 * call survives (an allocation with a fallback, e.g. kmemleak's own
 * metadata) must leave the change fully made. Calls that allocate nothing
 * (GET, INFO, read) must not reach a fault point at all.
 *
 * Needs CONFIG_FAULT_INJECTION and CONFIG_FAILSLAB with debugfs mounted
 * (the debug kernel of scripts/debug-kernel.sh); elsewhere every case is
 * skipped. Each case logs "fault_points=N failed=N absorbed=N".
 */
#include "kselftest_harness.h"
#include "common.h"

#define FAIL_NTH "/proc/thread-self/fail-nth"
#define FAILSLAB "/sys/kernel/debug/failslab/"
/* No call on the change path has anywhere near this many allocations. */
#define MAX_FAULT_POINTS 200

struct fault_counts {
	unsigned int failed;	/* injected, and the call failed cleanly */
	unsigned int absorbed;	/* injected, and the call still succeeded */
};

FIXTURE(faults) {
	int fd;
	int nth;
	char ignore_gfp_wait[8];
	char verbose[8];
	struct fault_counts counts;
};

static int read_setting(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

FIXTURE_SETUP(faults)
{
	self->fd = -1;
	self->nth = -1;
	if (access(FAIL_NTH, W_OK))
		SKIP(return, "%s: %s (kernel without CONFIG_FAULT_INJECTION)",
		     FAIL_NTH, strerror(errno));
	if (read_setting(FAILSLAB "ignore-gfp-wait", self->ignore_gfp_wait,
			 sizeof(self->ignore_gfp_wait)) ||
	    read_setting(FAILSLAB "verbose", self->verbose,
			 sizeof(self->verbose)))
		SKIP(return, "no %s (CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS, debugfs)",
		     FAILSLAB);
	/* GFP_KERNEL allocations may fail too; no stack dump per failure. */
	ASSERT_EQ(0, write_text(FAILSLAB "ignore-gfp-wait", "N"));
	ASSERT_EQ(0, write_text(FAILSLAB "verbose", "0"));
	self->nth = open(FAIL_NTH, O_RDWR);
	ASSERT_LE(0, self->nth);
	self->fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, self->fd) TH_LOG("open: %s", strerror(errno));
	ASSERT_EQ(0, set_config(self->fd, "faults: start\n", 14, NULL));
}

FIXTURE_TEARDOWN(faults)
{
	if (self->nth >= 0) {
		pwrite(self->nth, "0", 1, 0);
		close(self->nth);
	}
	if (self->fd >= 0)
		close(self->fd);
	write_text(FAILSLAB "ignore-gfp-wait", self->ignore_gfp_wait);
	write_text(FAILSLAB "verbose", self->verbose);
}

/* Arm: the @n-th fault point of this thread's next calls fails. */
static void arm(struct __test_metadata *_metadata, int nth, unsigned int n)
{
	char text[16];
	int len = snprintf(text, sizeof(text), "%u", n);

	ASSERT_EQ(len, pwrite(nth, text, len, 0));
}

/* Disarm; returns whether the fault was injected (the counter hit 0). */
static int disarm(struct __test_metadata *_metadata, int nth)
{
	char text[16] = "";
	ssize_t n = pread(nth, text, sizeof(text) - 1, 0);

	EXPECT_LT(0, n);
	EXPECT_EQ(1, pwrite(nth, "0", 1, 0));
	return atoi(text) == 0;
}

struct snapshot {
	__u64 generation;
	__u64 size;
	char bytes[256];
};

/* The whole configuration and its generation, from one GET. */
static void snap(struct __test_metadata *_metadata, int fd, struct snapshot *s)
{
	struct srcu_config_get get = {
		.data = (uintptr_t)s->bytes, .len = sizeof(s->bytes),
	};

	memset(s->bytes, 0, sizeof(s->bytes));
	ASSERT_EQ(0, ioctl(fd, SRCU_CONFIG_IOC_GET, &get));
	s->generation = get.generation;
	s->size = get.size;
}

enum change_kind { BY_WRITE, BY_SET, BY_WRITE_THROUGH };

/*
 * A write-through as cp does it: open with O_TRUNC, two writes, close.
 * Its allocations are the file's state (open), the staged image (write)
 * and the new configuration (close): each one's failure must reach the
 * caller from the call that made it, and install nothing.
 */
static int write_through(const char *text, size_t len)
{
	int fd = open(SRCU_CONFIG_DEVICE, O_WRONLY | O_TRUNC), ret = 0, err = 0;
	size_t half = len / 2;

	if (fd < 0)
		return -1;
	if (write(fd, text, half) != (ssize_t)half ||
	    write(fd, text + half, len - half) != (ssize_t)(len - half)) {
		err = errno;
		ret = -1;
	}
	if (close(fd) && !ret) {
		err = errno;
		ret = -1;
	}
	errno = err;
	return ret;
}

static int change(int fd, enum change_kind kind, __u64 flags,
		  const char *text)
{
	size_t len = strlen(text);

	if (kind == BY_WRITE)
		return write(fd, text, len) == (ssize_t)len ? 0 : -1;
	if (kind == BY_WRITE_THROUGH)
		return write_through(text, len);
	return set_config_flags(fd, text, len, flags, 0, NULL);
}

/*
 * Fail each allocation of one change in turn. After each failure the
 * configuration must be what it was; after each success (the last call,
 * and any whose injected failure was absorbed) it must be the new one.
 */
static void change_under_faults(struct __test_metadata *_metadata, int fd,
				int nth, struct fault_counts *counts,
				enum change_kind kind, __u64 flags,
				const char *what)
{
	struct snapshot before, after;
	char text[64];
	unsigned int n;

	for (n = 1; n <= MAX_FAULT_POINTS; n++) {
		int ret, err, injected;

		snap(_metadata, fd, &before);
		snprintf(text, sizeof(text), "%s: fail-nth %u\n", what, n);
		arm(_metadata, nth, n);
		ret = change(fd, kind, flags, text);
		err = errno;
		injected = disarm(_metadata, nth);
		snap(_metadata, fd, &after);

		if (ret == 0) {
			/* Made in full: the new bytes, one generation on. */
			EXPECT_EQ(before.generation + 1, after.generation);
			EXPECT_EQ(strlen(text), after.size);
			EXPECT_EQ(0, memcmp(text, after.bytes, strlen(text)));
			if (!injected)
				break;
			counts->absorbed++;
			continue;
		}
		/* Failed: cleanly, and nothing changed. */
		EXPECT_TRUE(injected) TH_LOG("%s failed (%s) with no fault injected",
					     what, strerror(err));
		EXPECT_EQ(ENOMEM, err) TH_LOG("%s with fault point %u failed: %s",
					      what, n, strerror(err));
		EXPECT_EQ(before.generation, after.generation);
		EXPECT_EQ(before.size, after.size);
		EXPECT_EQ(0, memcmp(before.bytes, after.bytes, sizeof(before.bytes)));
		counts->failed++;
	}
	ASSERT_GE(MAX_FAULT_POINTS, n) TH_LOG("%s still fails after %u fault points",
					     what, MAX_FAULT_POINTS);
	/* At least one allocation: the new configuration itself. */
	EXPECT_LE(1, counts->failed);
	TH_LOG("%s: fault_points=%u failed=%u absorbed=%u", what, n - 1,
	       counts->failed, counts->absorbed);
}

TEST_F(faults, write)
{
	change_under_faults(_metadata, self->fd, self->nth, &self->counts,
			    BY_WRITE, 0, "write(2)");
}

TEST_F(faults, write_through)
{
	change_under_faults(_metadata, self->fd, self->nth, &self->counts,
			    BY_WRITE_THROUGH, 0, "write-through");
}

TEST_F(faults, set_normal)
{
	change_under_faults(_metadata, self->fd, self->nth, &self->counts,
			    BY_SET, 0, "SET normal");
}

TEST_F(faults, set_expedited)
{
	change_under_faults(_metadata, self->fd, self->nth, &self->counts,
			    BY_SET, SRCU_CONFIG_SET_EXPEDITED,
			    "SET expedited");
}

TEST_F(faults, set_deferred)
{
	change_under_faults(_metadata, self->fd, self->nth, &self->counts,
			    BY_SET, SRCU_CONFIG_SET_DEFERRED,
			    "SET deferred");
}

TEST_F(faults, set_compare_and_swap)
{
	struct snapshot now;
	char text[64];
	unsigned int n;

	/* The expected generation follows the configuration as it moves. */
	for (n = 1; n <= MAX_FAULT_POINTS; n++) {
		struct snapshot after;
		int ret, err, injected;

		snap(_metadata, self->fd, &now);
		snprintf(text, sizeof(text), "SET if generation: fail-nth %u\n", n);
		arm(_metadata, self->nth, n);
		ret = set_config_flags(self->fd, text, strlen(text),
				       SRCU_CONFIG_SET_IF_GENERATION,
				       now.generation, NULL);
		err = errno;
		injected = disarm(_metadata, self->nth);
		snap(_metadata, self->fd, &after);
		if (ret == 0) {
			EXPECT_EQ(now.generation + 1, after.generation);
			EXPECT_EQ(0, memcmp(text, after.bytes, strlen(text)));
			if (!injected)
				break;
			self->counts.absorbed++;
			continue;
		}
		EXPECT_EQ(ENOMEM, err);
		EXPECT_EQ(now.generation, after.generation);
		EXPECT_EQ(0, memcmp(now.bytes, after.bytes, sizeof(now.bytes)));
		self->counts.failed++;
	}
	ASSERT_GE(MAX_FAULT_POINTS, n);
	EXPECT_LE(1, self->counts.failed);
	TH_LOG("SET if generation: fault_points=%u failed=%u absorbed=%u",
	       n - 1, self->counts.failed, self->counts.absorbed);
}

/* Calls that allocate nothing must not reach even one fault point. */
TEST_F(faults, get_info_and_read_allocate_nothing)
{
	struct srcu_config_info info;
	struct srcu_config_get get = { 0 };
	char buf[256];

	get.data = (uintptr_t)buf;
	get.len = sizeof(buf);
	/* Fault the buffers in first: page tables are allocations too. */
	memset(buf, 0, sizeof(buf));
	memset(&info, 0, sizeof(info));

	arm(_metadata, self->nth, 1);
	EXPECT_EQ(0, ioctl(self->fd, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_FALSE(disarm(_metadata, self->nth));

	arm(_metadata, self->nth, 1);
	EXPECT_EQ(0, ioctl(self->fd, SRCU_CONFIG_IOC_INFO, &info));
	EXPECT_FALSE(disarm(_metadata, self->nth));

	arm(_metadata, self->nth, 1);
	EXPECT_LT(0, pread(self->fd, buf, sizeof(buf), 0));
	EXPECT_FALSE(disarm(_metadata, self->nth));
	TH_LOG("GET, INFO, read: fault_points=0 failed=0 absorbed=0");
}

/* open(2) allocates the file's state: each failure leaves no file. */
TEST_F(faults, open)
{
	struct snapshot before, after;
	unsigned int n;

	snap(_metadata, self->fd, &before);
	for (n = 1; n <= MAX_FAULT_POINTS; n++) {
		int fd, err, injected;

		arm(_metadata, self->nth, n);
		fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
		err = errno;
		injected = disarm(_metadata, self->nth);
		if (fd >= 0) {
			/* A working file: it reads and changes. */
			EXPECT_EQ(0, set_config(fd, "opened\n", 7, NULL));
			close(fd);
			snap(_metadata, self->fd, &before);
			if (!injected)
				break;
			self->counts.absorbed++;
			continue;
		}
		EXPECT_TRUE(injected);
		EXPECT_EQ(ENOMEM, err) TH_LOG("open with fault point %u failed: %s",
					      n, strerror(err));
		snap(_metadata, self->fd, &after);
		EXPECT_EQ(before.generation, after.generation);
		self->counts.failed++;
	}
	ASSERT_GE(MAX_FAULT_POINTS, n);
	TH_LOG("open(2): fault_points=%u failed=%u absorbed=%u", n - 1,
	       self->counts.failed, self->counts.absorbed);
}

TEST_HARNESS_MAIN
