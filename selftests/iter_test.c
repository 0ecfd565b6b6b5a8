// SPDX-License-Identifier: GPL-2.0
/*
 * One call, one generation, for every way of reading and writing
 * /dev/srcu_config: readv(2), preadv(2), writev(2), pwritev(2), splice(2),
 * sendfile(2) and io_uring.
 *
 * The torture installs configurations whose bytes all equal a tag, and
 * whose size is a function of the tag; writers use writev(2) with the
 * buffer cut into several segments, so a change split into one
 * generation per segment has the wrong size for its tag. Readers use
 * odd segment counts and sizes, at offsets on both sides of the end: a
 * result holding two tags, or a length that does not match its tag, is
 * a mixed result.
 *
 * splice(2) and sendfile(2) may also return fewer bytes than there are,
 * all of one generation: the kernel's copy_splice_read() reads into the
 * pipe pages it managed to allocate, and the bulk page allocator may hand
 * out fewer than asked for (it falls back to one page when it cannot take
 * the per-CPU list's lock at once, as happens under PREEMPT_RT). Such a
 * result ends on a page boundary; it is counted as short, not mixed.
 */
#include <linux/io_uring.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "kselftest_harness.h"
#include "common.h"

#define TAGS 8
#define MAX_SEGS 7
#define TORTURE_MS 1500
/*
 * Changes the torture waits for past TORTURE_MS, for at most
 * TORTURE_MAX_MS: with SRCU-fast readers (7.x) every change waits for an
 * RCU grace period, and under emulation fewer than 20 fit in TORTURE_MS.
 */
#define TORTURE_CHANGES 100
#define TORTURE_MAX_MS 20000

/* Sizes chosen to put segment and page boundaries on both sides. */
static const size_t tag_size[TAGS] = { 1, 7, 35, 100, 4095, 4097, 13, 509 };

static unsigned char tag_byte(int tag)
{
	return (unsigned char)('A' + tag);
}

/* Install configuration @tag with writev(2), in @segs segments. */
static ssize_t writev_tag(int fd, int tag, int segs, int positioned)
{
	static _Thread_local unsigned char buf[4097];
	struct iovec iov[MAX_SEGS];
	size_t len = tag_size[tag], at = 0;
	int i;

	memset(buf, tag_byte(tag), len);
	for (i = 0; i < segs; i++) {
		/* Uneven cuts, some empty, the last one takes the rest. */
		size_t cut = i == segs - 1 ? len - at : (len - at) / 3 + (i & 1);

		if (cut > len - at)
			cut = len - at;
		iov[i].iov_base = buf + at;
		iov[i].iov_len = cut;
		at += cut;
	}
	return positioned ? pwritev(fd, iov, segs, 12345) : writev(fd, iov, segs);
}

enum verdict { ONE_GENERATION, SHORT_ONE_GENERATION, MIXED };

/* Bytes at @off..@off+@n from one call of @want bytes: what they are. */
static enum verdict judge(const unsigned char *buf, ssize_t n, size_t off,
			  size_t want)
{
	long page = sysconf(_SC_PAGESIZE);
	int tag;
	ssize_t i;
	size_t expect;

	if (n == 0)
		return ONE_GENERATION;	/* at or past the end of some generation */
	tag = buf[0] - 'A';
	if (tag < 0 || tag >= TAGS || off >= tag_size[tag])
		return MIXED;
	for (i = 0; i < n; i++)
		if (buf[i] != buf[0])
			return MIXED;
	expect = tag_size[tag] - off < want ? tag_size[tag] - off : want;
	if ((size_t)n == expect)
		return ONE_GENERATION;
	if ((size_t)n < expect && n % page == 0)
		return SHORT_ONE_GENERATION;
	return MIXED;
}

enum reader_kind { BY_PREADV, BY_READV, BY_SPLICE, BY_SENDFILE, KINDS };

static const char *const kind_name[KINDS] = {
	"preadv", "readv", "splice", "sendfile",
};

struct torture {
	atomic_int stop;
	atomic_long calls[KINDS];
	atomic_long mixed[KINDS];
	atomic_long short_reads[KINDS];
	atomic_long errors;
	atomic_long changes;
	atomic_long moved_wrong;
};

struct reader_arg {
	struct torture *t;
	enum reader_kind kind;
	unsigned int seed;
};

/* One read of @want bytes at @off by @kind into @out; bytes, or -1. */
static ssize_t read_by(int fd, int pipefd[2], enum reader_kind kind,
		       unsigned char *out, size_t off, size_t want,
		       unsigned int *seed)
{
	struct iovec iov[MAX_SEGS];
	int segs = 1 + 2 * (rand_r(seed) % 4);	/* 1, 3, 5 or 7 */
	size_t at = 0, left = want;
	loff_t pos = off;
	off_t spos = off;
	ssize_t n, got;
	int i;

	switch (kind) {
	case BY_PREADV:
	case BY_READV:
		for (i = 0; i < segs; i++) {
			size_t cut = i == segs - 1 ? left : rand_r(seed) % (left + 1);

			iov[i].iov_base = out + at;
			iov[i].iov_len = cut;
			at += cut;
			left -= cut;
		}
		if (kind == BY_PREADV)
			return preadv(fd, iov, segs, off);
		if (lseek(fd, off, SEEK_SET) != (off_t)off)
			return -1;
		return readv(fd, iov, segs);
	case BY_SPLICE:
		n = splice(fd, &pos, pipefd[1], NULL, want, 0);
		break;
	case BY_SENDFILE:
		n = sendfile(pipefd[1], fd, &spos, want);
		break;
	default:
		return -1;
	}
	if (n <= 0)
		return n;
	for (got = 0; got < n; got += i) {
		i = read(pipefd[0], out + got, n - got);
		if (i <= 0)
			return -1;
	}
	return n;
}

static void *torture_reader(void *p)
{
	struct reader_arg *arg = p;
	struct torture *t = arg->t;
	static const size_t wants[] = { 1, 2, 35, 36, 100, 4096, 4097, 5000 };
	unsigned char *out = malloc(8192);
	int fd = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	int pipefd[2];

	if (fd < 0 || !out || pipe(pipefd)) {
		atomic_fetch_add(&t->errors, 1);
		return NULL;
	}
	while (!atomic_load(&t->stop)) {
		size_t want = wants[rand_r(&arg->seed) % 8];
		/* Offsets on both sides of every size's end. */
		size_t off = tag_size[rand_r(&arg->seed) % TAGS] +
			     rand_r(&arg->seed) % 5 - 2;
		ssize_t n;

		if (off > 5000)
			off = 0;
		n = read_by(fd, pipefd, arg->kind, out, off, want, &arg->seed);
		if (n < 0) {
			atomic_fetch_add(&t->errors, 1);
			continue;
		}
		atomic_fetch_add(&t->calls[arg->kind], 1);
		switch (judge(out, n, off, want)) {
		case ONE_GENERATION:
			break;
		case SHORT_ONE_GENERATION:
			/* Only the pipe's page allocation may cut a read. */
			if (arg->kind == BY_SPLICE || arg->kind == BY_SENDFILE)
				atomic_fetch_add(&t->short_reads[arg->kind], 1);
			else
				atomic_fetch_add(&t->mixed[arg->kind], 1);
			break;
		case MIXED:
			atomic_fetch_add(&t->mixed[arg->kind], 1);
			break;
		}
	}
	close(pipefd[0]);
	close(pipefd[1]);
	close(fd);
	free(out);
	return NULL;
}

static void *torture_writer(void *p)
{
	struct torture *t = p;
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	unsigned int seed = 7;
	int i = 0;

	if (fd < 0) {
		atomic_fetch_add(&t->errors, 1);
		return NULL;
	}
	while (!atomic_load(&t->stop)) {
		struct srcu_config_info before, after;
		int tag = i % TAGS, segs = 1 + rand_r(&seed) % MAX_SEGS;

		if (get_info(fd, &before) ||
		    writev_tag(fd, tag, segs, i & 1) != (ssize_t)tag_size[tag] ||
		    get_info(fd, &after))
			atomic_fetch_add(&t->errors, 1);
		/* The only writer: one writev, one generation. */
		else if (after.generation != before.generation + 1)
			atomic_fetch_add(&t->moved_wrong, 1);
		atomic_fetch_add(&t->changes, 1);
		i++;
	}
	close(fd);
	return NULL;
}

TEST(torture_reports_no_mixed_result)
{
	struct torture t = { 0 };
	struct reader_arg args[KINDS * 2];
	pthread_t readers[KINDS * 2], writer;
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR), i;

	/* Readers start on a tagged configuration, not an earlier test's. */
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)tag_size[0], writev_tag(fd, 0, 1, 0));
	close(fd);
	for (i = 0; i < KINDS * 2; i++) {
		args[i] = (struct reader_arg) {
			.t = &t, .kind = i % KINDS, .seed = 1 + i,
		};
		ASSERT_EQ(0, pthread_create(&readers[i], NULL, torture_reader,
					    &args[i]));
	}
	ASSERT_EQ(0, pthread_create(&writer, NULL, torture_writer, &t));
	usleep(TORTURE_MS * 1000);
	for (i = TORTURE_MS; i < TORTURE_MAX_MS &&
	     atomic_load(&t.changes) < TORTURE_CHANGES; i += 50)
		usleep(50 * 1000);
	atomic_store(&t.stop, 1);
	pthread_join(writer, NULL);
	for (i = 0; i < KINDS * 2; i++)
		pthread_join(readers[i], NULL);

	for (i = 0; i < KINDS; i++) {
		TH_LOG("%s: %ld calls, %ld mixed, %ld short", kind_name[i],
		       atomic_load(&t.calls[i]), atomic_load(&t.mixed[i]),
		       atomic_load(&t.short_reads[i]));
		EXPECT_LT(0, atomic_load(&t.calls[i]));
		EXPECT_EQ(0, atomic_load(&t.mixed[i]));
	}
	TH_LOG("writev: %ld changes, %ld moved the generation by other than one",
	       atomic_load(&t.changes), atomic_load(&t.moved_wrong));
	EXPECT_LT(10, atomic_load(&t.changes));
	EXPECT_EQ(0, atomic_load(&t.moved_wrong));
	EXPECT_EQ(0, atomic_load(&t.errors));
}

/* N segments: one new generation holding their concatenation. */
TEST(writev_of_n_segments_is_one_generation)
{
	static const char *const parts[] = { "ab", "", "cd", "e", "fgh" };
	struct srcu_config_info before, after;
	struct iovec iov[5];
	char buf[16] = { 0 };
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR), i;

	ASSERT_LE(0, fd);
	for (i = 0; i < 5; i++) {
		iov[i].iov_base = (void *)parts[i];
		iov[i].iov_len = strlen(parts[i]);
	}
	ASSERT_EQ(0, get_info(fd, &before));
	ASSERT_EQ(8, writev(fd, iov, 5));
	ASSERT_EQ(0, get_info(fd, &after));
	EXPECT_EQ(before.generation + 1, after.generation);
	EXPECT_EQ(8, after.size);
	ASSERT_EQ(8, pread(fd, buf, sizeof(buf), 0));
	EXPECT_STREQ("abcdefgh", buf);
	/* pwritev: the offset is ignored, as for write(2). */
	ASSERT_EQ(8, pwritev(fd, iov, 5, 3));
	ASSERT_EQ(0, get_info(fd, &before));
	EXPECT_EQ(after.generation + 1, before.generation);
	EXPECT_EQ(8, before.size);
	close(fd);
}

/* A bad segment anywhere fails the whole change: nothing installed. */
TEST(writev_with_a_bad_segment_changes_nothing)
{
	void *unmapped = mmap(NULL, 4096, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct srcu_config_info before, after;
	struct iovec iov[3] = {
		{ .iov_base = "good", .iov_len = 4 },
		{ .iov_base = unmapped, .iov_len = 16 },
		{ .iov_base = "tail", .iov_len = 4 },
	};
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR);

	ASSERT_LE(0, fd);
	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_EQ(0, get_info(fd, &before));
	EXPECT_EQ(-1, writev(fd, iov, 3));
	EXPECT_EQ(EFAULT, errno);
	ASSERT_EQ(0, get_info(fd, &after));
	EXPECT_EQ(before.generation, after.generation);
	EXPECT_EQ(before.checksum, after.checksum);
	munmap(unmapped, 4096);
	close(fd);
}

/* How many times the read hook slept since @before, by its own record. */
static long long hook_sleeps_since(const struct hook_record *before)
{
	struct hook_record now;

	if (read_hook_record(&now))
		return -1;
	return now.left - before->left;
}

/* With the read hook on, a call sleeps once, however many segments. */
TEST(read_hook_sleeps_once_per_call)
{
	static const char text[] = "0123456789abcdef";
	char a[3], b[5], c[7];
	struct iovec iov[3] = {
		{ a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) },
	};
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR), pipefd[2];
	struct hook_record before;
	loff_t off = 0;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(pipefd));
	ASSERT_EQ(0, set_config(fd, text, strlen(text), NULL));
	ASSERT_EQ(0, write_text(DELAY_PARAM, "100"));

	ASSERT_EQ(0, read_hook_record(&before));
	EXPECT_EQ(15, preadv(fd, iov, 3, 1));
	EXPECT_EQ(1, hook_sleeps_since(&before));
	EXPECT_EQ(0, memcmp(a, "123", 3));
	EXPECT_EQ(0, memcmp(c, "9abcdef", 7));

	ASSERT_EQ(0, read_hook_record(&before));
	EXPECT_EQ(16, splice(fd, &off, pipefd[1], NULL, 64, 0));
	EXPECT_EQ(1, hook_sleeps_since(&before));

	/* At or past the end there is nothing to copy, and no sleep. */
	ASSERT_EQ(0, read_hook_record(&before));
	EXPECT_EQ(0, preadv(fd, iov, 3, 16));
	EXPECT_EQ(0, hook_sleeps_since(&before));

	ASSERT_EQ(0, write_text(DELAY_PARAM, "0"));
	close(pipefd[0]);
	close(pipefd[1]);
	close(fd);
}

/* A short copy (a bad segment after good ones) returns what was copied. */
TEST(readv_stops_at_a_bad_segment)
{
	static const char text[] = "0123456789";
	void *unmapped = mmap(NULL, 4096, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char a[4];
	struct iovec iov[2] = { { a, sizeof(a) }, { unmapped, 4 } };
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR);

	ASSERT_LE(0, fd);
	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_EQ(0, set_config(fd, text, strlen(text), NULL));
	EXPECT_EQ(4, preadv(fd, iov, 2, 0));
	EXPECT_EQ(-1, preadv(fd, iov + 1, 1, 0));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
	close(fd);
}

/* Writable when open for writing (a change never waits for room). */
TEST(pollout_only_on_a_writable_file)
{
	int rw = open(SRCU_CONFIG_DEVICE, O_RDWR);
	int ro = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	struct pollfd pfd[2] = {
		{ .fd = rw, .events = POLLIN | POLLOUT },
		{ .fd = ro, .events = POLLIN | POLLOUT },
	};

	ASSERT_LE(0, rw);
	ASSERT_LE(0, ro);
	ASSERT_EQ(2, poll(pfd, 2, 0));
	EXPECT_EQ(POLLIN | POLLOUT, pfd[0].revents);
	EXPECT_EQ(POLLIN, pfd[1].revents);
	close(ro);
	close(rw);
}

/* ---- io_uring, through the raw system calls ---------------------------- */

struct uring {
	int fd;
	struct io_uring_sqe *sqes;
	void *sq, *cq;
	size_t sq_len, cq_len;
	unsigned int *sq_tail, *sq_array, *cq_head, *cq_tail, sq_mask, cq_mask;
	struct io_uring_cqe *cqes;
};

static int uring_init(struct uring *r)
{
	struct io_uring_params p = { 0 };

	r->fd = syscall(__NR_io_uring_setup, 4, &p);
	if (r->fd < 0)
		return -1;
	r->sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	r->cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	r->sq = mmap(NULL, r->sq_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		     r->fd, IORING_OFF_SQ_RING);
	r->cq = mmap(NULL, r->cq_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		     r->fd, IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		       IORING_OFF_SQES);
	if (r->sq == MAP_FAILED || r->cq == MAP_FAILED || r->sqes == MAP_FAILED)
		return -1;
	r->sq_tail = (unsigned int *)((char *)r->sq + p.sq_off.tail);
	r->sq_array = (unsigned int *)((char *)r->sq + p.sq_off.array);
	r->sq_mask = *(unsigned int *)((char *)r->sq + p.sq_off.ring_mask);
	r->cq_head = (unsigned int *)((char *)r->cq + p.cq_off.head);
	r->cq_tail = (unsigned int *)((char *)r->cq + p.cq_off.tail);
	r->cq_mask = *(unsigned int *)((char *)r->cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)((char *)r->cq + p.cq_off.cqes);
	return 0;
}

/* Submit one operation and wait for it: its result (bytes or -errno). */
static int uring_run(struct uring *r, __u8 op, int fd, struct iovec *iov,
		     int segs, __u64 off)
{
	unsigned int tail = *r->sq_tail, idx = tail & r->sq_mask, head;
	struct io_uring_sqe *sqe = &r->sqes[idx];
	int res;

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = op;
	sqe->fd = fd;
	sqe->addr = (uintptr_t)iov;
	sqe->len = segs;
	sqe->off = off;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, r->fd, 1, 1,
		    IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		return -errno;
	head = *r->cq_head;
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return -EAGAIN;
	res = r->cqes[head & r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

TEST(io_uring_readv_and_writev_are_one_generation_each)
{
	static const char *const parts[] = { "uring", "-", "one", "\n" };
	struct srcu_config_info before, after;
	char a[2], b[3], c[40];
	struct iovec wr[4], rd[3] = {
		{ a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) },
	};
	struct uring r;
	struct hook_record hooked;
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR), i;

	ASSERT_LE(0, fd);
	if (uring_init(&r))
		SKIP(return, "io_uring unavailable: %s", strerror(errno));
	for (i = 0; i < 4; i++) {
		wr[i].iov_base = (void *)parts[i];
		wr[i].iov_len = strlen(parts[i]);
	}
	ASSERT_EQ(0, get_info(fd, &before));
	EXPECT_EQ(10, uring_run(&r, IORING_OP_WRITEV, fd, wr, 4, 0));
	ASSERT_EQ(0, get_info(fd, &after));
	EXPECT_EQ(before.generation + 1, after.generation);
	EXPECT_EQ(10, after.size);

	ASSERT_EQ(0, write_text(DELAY_PARAM, "100"));
	ASSERT_EQ(0, read_hook_record(&hooked));
	EXPECT_EQ(9, uring_run(&r, IORING_OP_READV, fd, rd, 3, 1));
	ASSERT_EQ(0, write_text(DELAY_PARAM, "0"));
	EXPECT_EQ(0, memcmp(a, "ri", 2));
	EXPECT_EQ(0, memcmp(b, "ng-", 3));
	EXPECT_EQ(0, memcmp(c, "one\n", 4));
	/* One call, one sleep in one critical section. */
	EXPECT_EQ(1, hook_sleeps_since(&hooked));
	close(r.fd);
	close(fd);
}

/*
 * Read-throughs of configurations larger than a pipe (64 KiB): a read(2)
 * loop of 4 KiB, splice(2) into a pipe until EOF, and one sendfile(2),
 * which the kernel serves in several ->read_iter calls. While a writer
 * swaps two 300 KiB configurations, each must come back exactly one of
 * them.
 */
#define BIG_SIZE (300 * 1024)
#define BIG_MS 3000

struct big {
	unsigned char *config[2];
	atomic_int stop;
	atomic_long swaps;
	atomic_long calls[3], mixed[3], errors;
};

enum { BIG_READ_LOOP, BIG_SPLICE, BIG_SENDFILE };
static const char *const big_kind[] = { "read loop", "splice", "sendfile" };

static void *big_writer(void *p)
{
	struct big *b = p;
	int fd = open(SRCU_CONFIG_DEVICE, O_RDWR), i = 0;

	while (fd >= 0 && !atomic_load(&b->stop)) {
		if (set_config(fd, b->config[i++ & 1], BIG_SIZE, NULL))
			atomic_fetch_add(&b->errors, 1);
		atomic_fetch_add(&b->swaps, 1);
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* The whole configuration into @out by @kind; its size or -1. */
static ssize_t big_read(int kind, unsigned char *out, size_t cap)
{
	int fd = open(SRCU_CONFIG_DEVICE, O_RDONLY), pipefd[2] = { -1, -1 };
	ssize_t got = 0, n = 0;

	if (fd < 0)
		return -1;
	if (kind != BIG_READ_LOOP && pipe(pipefd))
		goto fail;
	if (kind == BIG_SENDFILE) {
		/* A file in /tmp: tmpfs, or ramfs where there is no memfd. */
		char path[] = "/tmp/big_sendfile.XXXXXX";
		int mem = mkstemp(path);

		if (mem >= 0)
			unlink(path);
		got = -1;
		if (mem >= 0 && sendfile(mem, fd, NULL, 4 << 20) >= 0)
			got = pread(mem, out, cap, 0);
		if (mem >= 0)
			close(mem);
		goto out;
	}
	do {
		if (kind == BIG_READ_LOOP) {
			n = read(fd, out + got, 4096 < cap - got ? 4096 : cap - got);
		} else {
			ssize_t m, r;

			n = splice(fd, NULL, pipefd[1], NULL, 65536, 0);
			for (m = 0; n > 0 && m < n; m += r) {
				r = read(pipefd[0], out + got + m, n - m);
				if (r <= 0)
					goto fail;
			}
		}
		if (n < 0)
			goto fail;
		got += n;
	} while (n > 0 && (size_t)got < cap);
	goto out;
fail:
	got = -1;
out:
	if (pipefd[0] >= 0) {
		close(pipefd[0]);
		close(pipefd[1]);
	}
	close(fd);
	return got;
}

static void *big_reader(void *p)
{
	struct big *b = p;
	unsigned char *out = malloc(BIG_SIZE + 4096);
	unsigned int i = 0;

	while (out && !atomic_load(&b->stop)) {
		int kind = i++ % 3;
		ssize_t n = big_read(kind, out, BIG_SIZE + 4096);

		if (n < 0) {
			atomic_fetch_add(&b->errors, 1);
			continue;
		}
		atomic_fetch_add(&b->calls[kind], 1);
		if (n != BIG_SIZE || (memcmp(out, b->config[0], n) &&
				      memcmp(out, b->config[1], n)))
			atomic_fetch_add(&b->mixed[kind], 1);
	}
	free(out);
	return NULL;
}

TEST(large_read_throughs_are_one_generation)
{
	struct big b = { 0 };
	pthread_t writer, readers[2];
	int i, k;

	for (k = 0; k < 2; k++) {
		b.config[k] = malloc(BIG_SIZE);
		ASSERT_NE(NULL, b.config[k]);
		for (i = 0; i < BIG_SIZE; i++)
			b.config[k][i] = (unsigned char)(k ? 255 - i % 251 : i % 253);
	}
	/* Readers start on one of the two, not on an earlier test's. */
	i = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, i);
	ASSERT_EQ(0, set_config(i, b.config[1], BIG_SIZE, NULL));
	close(i);
	ASSERT_EQ(0, pthread_create(&writer, NULL, big_writer, &b));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&readers[i], NULL, big_reader, &b));
	/* BIG_MS, then on until every kind ran twice (a slow kernel). */
	usleep(BIG_MS * 1000);
	for (i = BIG_MS; i < 60000; i += 50) {
		if (atomic_load(&b.calls[BIG_READ_LOOP]) >= 2 &&
		    atomic_load(&b.calls[BIG_SPLICE]) >= 2 &&
		    atomic_load(&b.calls[BIG_SENDFILE]) >= 2 &&
		    atomic_load(&b.swaps) >= 2)
			break;
		usleep(50 * 1000);
	}
	atomic_store(&b.stop, 1);
	pthread_join(writer, NULL);
	for (i = 0; i < 2; i++)
		pthread_join(readers[i], NULL);
	for (k = 0; k < 3; k++) {
		TH_LOG("%s: %ld read-throughs of 300 KiB, %ld mixed", big_kind[k],
		       atomic_load(&b.calls[k]), atomic_load(&b.mixed[k]));
		EXPECT_LT(0, atomic_load(&b.calls[k]));
		EXPECT_EQ(0, atomic_load(&b.mixed[k]));
	}
	TH_LOG("%ld swaps", atomic_load(&b.swaps));
	EXPECT_LT(0, atomic_load(&b.swaps));
	EXPECT_EQ(0, atomic_load(&b.errors));
	free(b.config[0]);
	free(b.config[1]);
}

TEST_HARNESS_MAIN
