// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace ABI tests of /dev/srcu_config, on the kselftest harness.
 * Run as root inside the test VM after insmod; also built for 32-bit.
 *
 * Every test that expects a change to fail also checks that the
 * configuration read back afterwards is the one from before, byte for
 * byte, with the same generation.
 */
#include <poll.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "common.h"

FIXTURE(device) {
	int fd;
	char *before;
	size_t before_len;
	__u64 before_generation;
};

FIXTURE_SETUP(device)
{
	static const char known[] = "fixture: a known configuration\n";
	struct srcu_config_info info;

	self->fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, self->fd) TH_LOG("open: %s", strerror(errno));
	/* Every test starts from a known, non-empty configuration. */
	ASSERT_EQ(0, set_config(self->fd, known, strlen(known), NULL));
	self->before = slurp(SRCU_CONFIG_DEVICE, &self->before_len);
	ASSERT_NE(NULL, self->before);
	ASSERT_EQ(0, get_info(self->fd, &info));
	self->before_generation = info.generation;
}

FIXTURE_TEARDOWN(device)
{
	free(self->before);
	close(self->fd);
}

/* Nothing lost: same bytes, same generation as before the failed change. */
#define EXPECT_UNCHANGED() do {						\
	struct srcu_config_info _info;					\
	size_t _len;							\
	char *_now = slurp(SRCU_CONFIG_DEVICE, &_len);			\
									\
	ASSERT_NE(NULL, _now);						\
	EXPECT_EQ(self->before_len, _len);				\
	EXPECT_EQ(0, memcmp(self->before, _now, _len));			\
	free(_now);							\
	ASSERT_EQ(0, get_info(self->fd, &_info));			\
	EXPECT_EQ(self->before_generation, _info.generation);		\
} while (0)

/* An ioctl number for the same command with a different struct size. */
#define SET_OF_SIZE(size) \
	_IOC(_IOC_READ | _IOC_WRITE, SRCU_CONFIG_IOC_MAGIC, 0x01, size)
#define GET_OF_SIZE(size) \
	_IOC(_IOC_READ | _IOC_WRITE, SRCU_CONFIG_IOC_MAGIC, 0x02, size)
#define INFO_OF_SIZE(size) \
	_IOC(_IOC_READ, SRCU_CONFIG_IOC_MAGIC, 0x03, size)

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

	/* The module may already have been changed by an earlier test. */
	fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, fd);
	if (read_number(SYSFS_DIR "swaps") == 0) {
		got = slurp(SRCU_CONFIG_DEVICE, &got_len);
		ASSERT_NE(NULL, got);
		EXPECT_EQ(want_len, got_len);
		EXPECT_STREQ(want, got);
		free(got);
	}
	close(fd);
	free(want);
}

TEST_F(device, set_then_read_back)
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

TEST_F(device, write_replaces_the_whole_configuration)
{
	static const char next[] = "written with write(2)\n";
	struct srcu_config_info info;
	size_t len;
	char *got;

	/* The file offset does not matter: a write is the whole thing. */
	ASSERT_EQ(5, lseek(self->fd, 5, SEEK_SET));
	ASSERT_EQ((ssize_t)strlen(next), write(self->fd, next, strlen(next)));
	got = slurp(SRCU_CONFIG_DEVICE, &len);
	ASSERT_NE(NULL, got);
	EXPECT_EQ(strlen(next), len);
	EXPECT_STREQ(next, got);
	free(got);
	ASSERT_EQ(0, get_info(self->fd, &info));
	EXPECT_EQ(self->before_generation + 1, info.generation);
}

TEST_F(device, pread_and_lseek_serve_from_offset)
{
	static const char next[] = "0123456789";
	char buf[8] = { 0 };

	ASSERT_EQ(0, set_config(self->fd, next, strlen(next), NULL));
	ASSERT_EQ(4, pread(self->fd, buf, 4, 3));
	EXPECT_EQ(0, memcmp(buf, "3456", 4));
	EXPECT_EQ(0, pread(self->fd, buf, 4, 10));
	ASSERT_EQ(7, lseek(self->fd, 7, SEEK_SET));
	ASSERT_EQ(3, read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "789", 3));
	EXPECT_EQ(0, read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(-1, lseek(self->fd, -1, SEEK_SET));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(device, empty_configuration)
{
	char buf[4];

	ASSERT_EQ(0, set_config(self->fd, NULL, 0, NULL));
	EXPECT_EQ(0, pread(self->fd, buf, sizeof(buf), 0));
}

TEST_F(device, reclaim_modes_all_replace)
{
	static const char *const texts[] = { "normal\n", "expedited\n", "deferred\n" };
	static const __u64 flags[] = {
		0, SRCU_CONFIG_SET_EXPEDITED, SRCU_CONFIG_SET_DEFERRED,
	};
	struct srcu_config_info info;
	__u64 generation = 0;
	int i, tries;

	for (i = 0; i < 3; i++) {
		size_t len;
		char *got;

		ASSERT_EQ(0, set_config_flags(self->fd, texts[i], strlen(texts[i]),
					      flags[i], 0, &generation));
		EXPECT_EQ(self->before_generation + 1 + i, generation);
		got = slurp(SRCU_CONFIG_DEVICE, &len);
		ASSERT_NE(NULL, got);
		EXPECT_STREQ(texts[i], got);
		free(got);
	}
	/* The deferred free happens after a grace period, on its own. */
	for (tries = 0; tries < 500; tries++) {
		ASSERT_EQ(0, get_info(self->fd, &info));
		if (!info.deferred_pending)
			break;
		usleep(10000);
	}
	EXPECT_EQ(0, info.deferred_pending);
	EXPECT_EQ(0, info.deferred_pending_bytes);
	EXPECT_LE(1, info.deferred_freed);
}

TEST_F(device, compare_and_swap)
{
	__u64 generation;

	/* Succeeds against the current generation... */
	ASSERT_EQ(0, set_config_flags(self->fd, "cas\n", 4,
				      SRCU_CONFIG_SET_IF_GENERATION,
				      self->before_generation, &generation));
	EXPECT_EQ(self->before_generation + 1, generation);
	/* ...and fails, changing nothing, against an older one. */
	free(self->before);
	self->before = slurp(SRCU_CONFIG_DEVICE, &self->before_len);
	self->before_generation = generation;
	EXPECT_EQ(-1, set_config_flags(self->fd, "lost\n", 5,
				       SRCU_CONFIG_SET_IF_GENERATION,
				       generation - 1, NULL));
	EXPECT_EQ(ESTALE, errno);
	EXPECT_UNCHANGED();
}

/* On ESTALE the call reports the generation it found: no GET needed. */
TEST_F(device, estale_reports_the_current_generation)
{
	struct srcu_config_set req = {
		.data = (uintptr_t)"cas\n", .len = 4,
		.flags = SRCU_CONFIG_SET_IF_GENERATION,
		.expected_generation = self->before_generation - 1,
		.generation = 0xdead,
	};

	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(ESTALE, errno);
	EXPECT_EQ(self->before_generation, req.generation);
	EXPECT_UNCHANGED();
	/* The loop's next try, with what it was told, succeeds. */
	req.expected_generation = req.generation;
	ASSERT_EQ(0, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(self->before_generation + 1, req.generation);
}

/* Any other failure leaves the caller's struct exactly as it was. */
TEST_F(device, failed_set_leaves_the_struct_alone)
{
	size_t limit = read_number(PARAM_DIR "max_size");
	struct srcu_config_set req = {
		.data = 16, .len = 8, .generation = 0x5eed,
	}, copy;

	copy = req;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, memcmp(&copy, &req, sizeof(req)));
	req.len = limit + 1;
	copy = req;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(0, memcmp(&copy, &req, sizeof(req)));
	req.flags = 1ULL << 40;
	copy = req;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, memcmp(&copy, &req, sizeof(req)));
	EXPECT_UNCHANGED();
}

/*
 * The errno precedence table of Documentation/userspace-api.rst, a row
 * at a time: each call is wrong in two ways, and the earlier row wins.
 */
TEST_F(device, errno_precedence)
{
	size_t limit = read_number(PARAM_DIR "max_size");
	int ro = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	struct {
		struct srcu_config_set set;
		__u64 tail;
	} big = { .set = { .data = (uintptr_t)"x", .len = 1 } };
	struct srcu_config_set req = { .data = (uintptr_t)"x", .len = 1 };
	struct srcu_config_set *ro_req;
	pid_t child;
	int status;

	ASSERT_LE(0, ro);
	/* 1 ENOTTY before anything: wrong direction on a read-only fd. */
	EXPECT_EQ(-1, ioctl(ro, _IO(SRCU_CONFIG_IOC_MAGIC, 0x01)));
	EXPECT_EQ(ENOTTY, errno);
	/* 2 EPERM before 3 EBADF: an unprivileged SET on a read-only fd. */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int ok;

		if (setresuid(65534, 65534, 65534))
			_exit(10);
		ok = ioctl(ro, SRCU_CONFIG_IOC_SET, &req) == -1 && errno == EPERM;
		/* write(2): the VFS checks the file mode first: EBADF. */
		ok &= write(ro, "x", 1) == -1 && errno == EBADF;
		_exit(ok ? 0 : 1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* 3 EBADF before 4 EINVAL: root, read-only fd, bad flags. */
	req.flags = 1ULL << 40;
	EXPECT_EQ(-1, ioctl(ro, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EBADF, errno);
	/* 4 EINVAL (short struct) before 5 EFAULT: nothing is read. */
	EXPECT_EQ(-1, ioctl(self->fd, SET_OF_SIZE(SRCU_CONFIG_SET_SIZE_VER0 - 8),
			    (void *)16));
	EXPECT_EQ(EINVAL, errno);
	/* 5 E2BIG (unknown tail) before 6 EINVAL (reserved). */
	big.tail = 1;
	big.set.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SET_OF_SIZE(sizeof(big)), &big));
	EXPECT_EQ(E2BIG, errno);
	/* 6 EINVAL before 8 E2BIG (too large). */
	req.len = limit + 1;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	/*
	 * 6 EINVAL before 7 EFAULT, and 7 EFAULT before 8 E2BIG: a struct
	 * the device can read but not write back to.
	 */
	ro_req = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro_req);
	*ro_req = req;
	ASSERT_EQ(0, mprotect(ro_req, 4096, PROT_READ));
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, ro_req));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, mprotect(ro_req, 4096, PROT_READ | PROT_WRITE));
	ro_req->flags = 0;
	ASSERT_EQ(0, mprotect(ro_req, 4096, PROT_READ));
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, ro_req));
	EXPECT_EQ(EFAULT, errno);
	munmap(ro_req, 4096);
	/* 8 E2BIG before 9 EFAULT: too large and unreadable. */
	req.flags = 0;
	req.data = 16;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(E2BIG, errno);
	/* 9 EFAULT before 11 ESTALE: the bytes are copied before the check. */
	req.len = 8;
	req.flags = SRCU_CONFIG_SET_IF_GENERATION;
	req.expected_generation = self->before_generation + 100;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EFAULT, errno);
	/* 11 ESTALE alone. */
	req.data = (uintptr_t)"x";
	req.len = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(ESTALE, errno);
	close(ro);
	EXPECT_UNCHANGED();
}

TEST_F(device, bad_flags_and_reserved_are_einval)
{
	struct srcu_config_set req = { .data = (uintptr_t)"nope", .len = 4 };

	req.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	req.reserved = 0;
	req.flags = 1ULL << 40;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	req.flags = SRCU_CONFIG_SET_EXPEDITED | SRCU_CONFIG_SET_DEFERRED;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	req.flags = 0;
	req.expected_generation = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, &req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_UNCHANGED();
}

TEST_F(device, structs_extend_by_size)
{
	struct {
		struct srcu_config_set set;
		__u64 tail[2];
	} bigger = { .set = { .data = (uintptr_t)"newer\n", .len = 6 } };
	struct {
		struct srcu_config_info info;
		__u64 tail[2];
	} info;

	/* A newer caller's larger struct with a zero tail works. */
	ASSERT_EQ(0, ioctl(self->fd, SET_OF_SIZE(sizeof(bigger)), &bigger));
	EXPECT_EQ(self->before_generation + 1, bigger.set.generation);
	/* Output structs: the part this kernel does not know is zeroed. */
	memset(&info, 0xff, sizeof(info));
	ASSERT_EQ(0, ioctl(self->fd, INFO_OF_SIZE(sizeof(info)), &info));
	EXPECT_EQ(bigger.set.generation, info.info.generation);
	EXPECT_EQ(0, info.tail[0]);
	EXPECT_EQ(0, info.tail[1]);
}

TEST_F(device, unknown_struct_tail_is_e2big_and_short_struct_einval)
{
	struct {
		struct srcu_config_set set;
		__u64 tail;
	} bigger = { .set = { .data = (uintptr_t)"nope", .len = 4 }, .tail = 1 };
	struct srcu_config_get get = { 0 };

	EXPECT_EQ(-1, ioctl(self->fd, SET_OF_SIZE(sizeof(bigger)), &bigger));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SET_OF_SIZE(16), &bigger));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, GET_OF_SIZE(16), &get));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, INFO_OF_SIZE(16), &get));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_UNCHANGED();
}

TEST_F(device, get_is_whole_and_consistent)
{
	struct srcu_config_info info;
	struct srcu_config_get get = { 0 };
	char buf[256];

	get.data = (uintptr_t)buf;
	get.len = sizeof(buf);
	ASSERT_EQ(0, ioctl(self->fd, SRCU_CONFIG_IOC_GET, &get));
	ASSERT_EQ(self->before_len, get.size);
	EXPECT_EQ(0, memcmp(self->before, buf, get.size));
	EXPECT_EQ(self->before_generation, get.generation);
	EXPECT_EQ(fnv1a(buf, get.size), get.checksum);
	ASSERT_EQ(0, get_info(self->fd, &info));
	EXPECT_EQ(info.checksum, get.checksum);
	EXPECT_EQ(info.time_set_ns, get.time_set_ns);
	EXPECT_LT(0, get.time_set_ns);
}

TEST_F(device, get_with_small_buffer_is_enospc_with_size)
{
	struct srcu_config_get get = { 0 };
	char buf[4];

	get.data = (uintptr_t)buf;
	get.len = sizeof(buf);
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_EQ(ENOSPC, errno);
	EXPECT_EQ(self->before_len, get.size);
	EXPECT_EQ(self->before_generation, get.generation);
	get.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(device, info_limits_and_counters)
{
	struct srcu_config_info before, after;

	ASSERT_EQ(0, get_info(self->fd, &before));
	EXPECT_EQ(read_number(PARAM_DIR "max_size"), before.max_size);
	EXPECT_EQ(read_number(PARAM_DIR "max_deferred_bytes"),
		  before.max_deferred_bytes);
	EXPECT_EQ(self->before_len, before.size);
	EXPECT_EQ(fnv1a(self->before, self->before_len), before.checksum);
	ASSERT_EQ(0, set_config(self->fd, "one\n", 4, NULL));
	ASSERT_EQ(0, get_info(self->fd, &after));
	EXPECT_EQ(before.swaps + 1, after.swaps);
	EXPECT_EQ(before.grace_periods + 1, after.grace_periods);
	EXPECT_EQ(before.generation + 1, after.generation);
	EXPECT_EQ(4, after.size);
}

TEST_F(device, sysfs_attributes_match_info)
{
	struct srcu_config_info info;
	size_t len;
	char *checksum, expect[16];

	ASSERT_EQ(0, get_info(self->fd, &info));
	EXPECT_EQ(info.generation, read_number(SYSFS_DIR "generation"));
	EXPECT_EQ(info.size, read_number(SYSFS_DIR "size"));
	EXPECT_EQ(info.max_size, read_number(SYSFS_DIR "max_size"));
	EXPECT_EQ(info.swaps, read_number(SYSFS_DIR "swaps"));
	EXPECT_EQ(info.grace_periods, read_number(SYSFS_DIR "grace_periods"));
	EXPECT_EQ(info.deferred_freed, read_number(SYSFS_DIR "deferred_freed"));
	checksum = slurp(SYSFS_DIR "checksum", &len);
	ASSERT_NE(NULL, checksum);
	snprintf(expect, sizeof(expect), "0x%08x\n", info.checksum);
	EXPECT_STREQ(expect, checksum);
	free(checksum);
	/* Read-only: even root cannot write them. */
	EXPECT_EQ(-1, write_text(SYSFS_DIR "generation", "7"));
}

/*
 * The store's readers are SRCU-fast where the kernel has it: every 7.x
 * kernel does (init_srcu_struct_fast()); before 6.15 none does.
 */
TEST(readers_attribute_names_the_flavour)
{
	struct utsname u;
	unsigned int major = 0, minor = 0;
	int fields;
	size_t len;
	char *readers = slurp(SYSFS_DIR "readers", &len);

	ASSERT_NE(NULL, readers);
	ASSERT_EQ(0, uname(&u));
	fields = sscanf(u.release, "%u.%u", &major, &minor);
	ASSERT_EQ(2, fields);
	TH_LOG("%s: readers %s", u.release, readers);
	/* Braces: the harness's EXPECT_* are not single statements. */
	if (major >= 7) {
		EXPECT_STREQ("fast\n", readers);
	} else if (major < 6 || (major == 6 && minor < 15)) {
		EXPECT_STREQ("normal\n", readers);
	} else {
		EXPECT_TRUE(!strcmp(readers, "fast\n") ||
			    !strcmp(readers, "normal\n"));
	}
	free(readers);
}

TEST_F(device, poll_reports_a_new_generation)
{
	int watcher = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	struct pollfd pfd = { .fd = watcher, .events = POLLIN | POLLPRI };
	char buf[64];

	ASSERT_LE(0, watcher);
	/* Nothing new since open: readable, no priority event. */
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLIN, pfd.revents);
	ASSERT_EQ(0, set_config(self->fd, "moved\n", 6, NULL));
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLIN | POLLPRI, pfd.revents);
	/* Reading the new generation acknowledges it. */
	ASSERT_EQ(6, pread(watcher, buf, sizeof(buf), 0));
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLIN, pfd.revents);
	close(watcher);
}

static void *change_after_a_while(void *arg)
{
	int fd = *(int *)arg;

	usleep(200000);
	set_config(fd, "woken\n", 6, NULL);
	return NULL;
}

TEST_F(device, poll_wakes_a_sleeping_watcher)
{
	int watcher = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	struct pollfd pfd = { .fd = watcher, .events = POLLPRI };
	pthread_t writer;

	ASSERT_LE(0, watcher);
	ASSERT_EQ(0, pthread_create(&writer, NULL, change_after_a_while,
				    &self->fd));
	EXPECT_EQ(1, poll(&pfd, 1, 20000));
	EXPECT_EQ(POLLPRI, pfd.revents & POLLPRI);
	pthread_join(writer, NULL);
	close(watcher);
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
	EXPECT_UNCHANGED();
}

TEST_F(device, set_needs_a_writable_file)
{
	int ro = open(SRCU_CONFIG_DEVICE, O_RDONLY);

	ASSERT_LE(0, ro);
	EXPECT_EQ(-1, set_config(ro, "nope", 4, NULL));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, write(ro, "nope", 4));
	EXPECT_EQ(EBADF, errno);
	close(ro);
	EXPECT_UNCHANGED();
}

TEST_F(device, changing_needs_cap_sys_admin)
{
	pid_t child = fork();
	int status;

	ASSERT_LE(0, child);
	if (child == 0) {
		char buf[8];
		int ok;

		/* Keep the writable file, lose the capability. */
		if (setresuid(65534, 65534, 65534))
			_exit(10);
		ok = set_config(self->fd, "nope", 4, NULL) == -1 && errno == EPERM;
		ok &= write(self->fd, "nope", 4) == -1 && errno == EPERM;
		/* Reading needs no privilege. */
		ok &= pread(self->fd, buf, sizeof(buf), 0) > 0;
		_exit(ok ? 0 : 1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_UNCHANGED();
}

TEST_F(device, too_large_is_e2big)
{
	size_t limit = read_number(PARAM_DIR "max_size");
	char *big = calloc(1, limit + 1);

	ASSERT_NE(NULL, big);
	EXPECT_EQ(-1, set_config(self->fd, big, limit + 1, NULL));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(-1, write(self->fd, big, limit + 1));
	EXPECT_EQ(E2BIG, errno);
	/* Exactly the limit is fine. */
	EXPECT_EQ(0, set_config(self->fd, big, limit, NULL));
	free(big);
}

TEST_F(device, bad_pointers_are_efault)
{
	void *unmapped = mmap(NULL, 8192, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *straddling = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_NE(MAP_FAILED, straddling);
	/* The second page goes: a buffer that runs off the end of memory. */
	ASSERT_EQ(0, munmap(straddling + 4096, 4096));

	EXPECT_EQ(-1, set_config(self->fd, unmapped, 16, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, set_config(self->fd, straddling + 4090, 16, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, write(self->fd, unmapped, 16));
	EXPECT_EQ(EFAULT, errno);
	/* A kernel address is never user memory. */
	EXPECT_EQ(-1, set_config(self->fd, (void *)(uintptr_t)~0xfffUL, 16, NULL));
	EXPECT_EQ(EFAULT, errno);
	/* Bad argument structs. */
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_SET, unmapped));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_GET, unmapped));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_INFO, unmapped));
	EXPECT_EQ(EFAULT, errno);
	/* Bad read destinations. */
	EXPECT_EQ(-1, pread(self->fd, unmapped, 16, 0));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 8192);
	munmap(straddling, 4096);
	EXPECT_UNCHANGED();
}

/*
 * A read into memory that ends part way copies nothing: EFAULT, and the
 * file offset stays. Small copies and large ones take different paths
 * in the driver (Documentation/userspace-api.rst, "read(2)"): both are
 * tried, at the start of the configuration and in its middle.
 */
TEST_F(device, reads_that_fault_copy_nothing)
{
	static const size_t lengths[] = { 1, 16, 512, 513, 3000 };
	size_t big = 8000, i;
	char *page = mmap(NULL, 16384, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *data = malloc(big), *end;
	struct srcu_config_get get = { 0 };

	ASSERT_NE(MAP_FAILED, page);
	ASSERT_NE(NULL, data);
	/* Pages 0-2 stay; page 3 goes: memory ends at page + 12288. */
	ASSERT_EQ(0, munmap(page + 12288, 4096));
	end = page + 12288;
	for (i = 0; i < big; i++)
		data[i] = (char)('a' + i % 26);
	ASSERT_EQ(0, set_config(self->fd, data, big, NULL));

	for (i = 0; i < ARRAY_SIZE(lengths); i++) {
		size_t len = lengths[i];
		char *dst = end - len / 2;

		EXPECT_EQ(-1, pread(self->fd, dst, len, 0)) TH_LOG("len %zu", len);
		EXPECT_EQ(EFAULT, errno);
		EXPECT_EQ(-1, pread(self->fd, dst, len, 100));
		EXPECT_EQ(EFAULT, errno);
		ASSERT_EQ(7, lseek(self->fd, 7, SEEK_SET));
		EXPECT_EQ(-1, read(self->fd, dst, len));
		EXPECT_EQ(EFAULT, errno);
		EXPECT_EQ(7, lseek(self->fd, 0, SEEK_CUR));
		/* The same destination, all of it mapped, reads in full. */
		EXPECT_EQ((ssize_t)len, pread(self->fd, end - len, len, 100));
		EXPECT_EQ(0, memcmp(end - len, data + 100, len));
	}
	/* A kernel address is never user memory, small or large. */
	EXPECT_EQ(-1, pread(self->fd, (void *)(uintptr_t)~0xfffUL, 16, 0));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, pread(self->fd, (void *)(uintptr_t)~0xfffUL, 3000, 0));
	EXPECT_EQ(EFAULT, errno);
	/* GET copies the whole configuration the same way. */
	get.data = (uintptr_t)(end - big / 2);
	get.len = big;
	EXPECT_EQ(-1, ioctl(self->fd, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_EQ(EFAULT, errno);
	get.data = (uintptr_t)(end - big);
	EXPECT_EQ(0, ioctl(self->fd, SRCU_CONFIG_IOC_GET, &get));
	EXPECT_EQ(0, memcmp(end - big, data, big));
	munmap(page, 12288);
	free(data);
}

TEST_HARNESS_MAIN
