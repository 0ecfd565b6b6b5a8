// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded, bounded, multi-threaded fuzzer of /dev/srcu_config.
 *
 * Each thread runs random sequences of open, close, read, pread, lseek,
 * write, ioctl (SET, GET, INFO, and numbers the device does not know,
 * with random struct sizes in the ioctl number), poll, with random sizes,
 * offsets, flags and reserved fields, and pointers that are valid, NULL,
 * unmapped, kernel addresses, unaligned, read-only, or run into an
 * unmapped page. The main thread meanwhile sends the workers signals and
 * switches the module's test_read_delay_ms hook on and off, so that
 * sleeping reads get interrupted.
 *
 * After every step:
 *   - the call failed only with an errno that call may return;
 *   - a change (write(2), SET, or any ioctl number that is SET) is made
 *     with the configuration read before and after under one lock: if
 *     it succeeded, the generation moved by exactly one and the bytes are
 *     the ones given; if it failed, bytes and generation are unchanged;
 *   - a successful GET is consistent (checksum of its bytes), and the
 *     generations a thread sees never go backwards;
 * and at the end the generation moved by exactly the number of
 * successful changes.
 *
 * Environment: FUZZ_SEED (default from the clock; always printed, to
 * reproduce a thread's sequence of operations), FUZZ_SECONDS (default 3),
 * FUZZ_THREADS (default 4), FUZZ_ITERATIONS (per thread; default none).
 * Logs the steps taken and the distinct errno values seen.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "common.h"

#define MAX_THREADS 16
#define MAX_FDS 6
#define PAGE 4096UL
/* Valid data is at most this long, and so fits the snapshots. */
#define MAX_DATA (2 * PAGE)

enum fuzz_op {
	OP_OPEN, OP_CLOSE, OP_READ, OP_PREAD, OP_LSEEK, OP_WRITE, OP_SET,
	OP_GET, OP_INFO, OP_IOCTL, OP_POLL, OP_COUNT,
};

static const char * const op_names[OP_COUNT] = {
	"open", "close", "read", "pread", "lseek", "write", "SET", "GET",
	"INFO", "ioctl", "poll",
};

/* Relative frequencies. */
static const unsigned int op_weights[OP_COUNT] = {
	4, 3, 10, 10, 3, 8, 16, 12, 6, 8, 5,
};

#define ERRNO_MAX 256

struct shared {
	atomic_int stop;
	pthread_mutex_t change_lock;
	atomic_ulong steps[OP_COUNT];
	atomic_ulong changes;		/* successful ones */
	atomic_ulong failures;		/* invariant violations */
	atomic_int seen[OP_COUNT][ERRNO_MAX];
	__u64 max_size;
	unsigned long iterations;	/* per thread, 0: unbounded */
};

/*
 * A thread's memory: data pages, a hole, a page for ioctl structs, a
 * hole, a read-only page, a hole. Pointers are drawn from here; every
 * readable part ends at a hole, so what may be read is known exactly.
 */
enum {
	A_DATA = 0, A_HOLE1 = 2, A_STRUCT = 3, A_HOLE2 = 4, A_RO = 5,
	A_HOLE3 = 6, A_PAGES = 7,
};

struct worker {
	struct shared *sh;
	pthread_t thread;
	unsigned int id;
	__u64 rnd;
	char *arena;
	struct { int fd; int mode; } fds[MAX_FDS];
	int nfds;
	__u64 last_generation;
	char *snap_before, *snap_after;
	char failure[256];
};

static struct shared *shared;

static __u64 next(struct worker *w)
{
	/* xorshift64* */
	w->rnd ^= w->rnd >> 12;
	w->rnd ^= w->rnd << 25;
	w->rnd ^= w->rnd >> 27;
	return w->rnd * 2685821657736338717ULL;
}

static __u64 below(struct worker *w, __u64 n)
{
	return n ? next(w) % n : 0;
}

static __printf(2, 3) void failure(struct worker *w, const char *fmt, ...);

static void failure(struct worker *w, const char *fmt, ...)
{
	va_list ap;

	if (atomic_fetch_add(&w->sh->failures, 1) == 0) {
		va_start(ap, fmt);
		vsnprintf(w->failure, sizeof(w->failure), fmt, ap);
		va_end(ap);
	}
}

/* Record @err for @op; complain unless @allowed (0-terminated) has it. */
static void saw(struct worker *w, enum fuzz_op op, int err, const int *allowed)
{
	if (err > 0 && err < ERRNO_MAX)
		atomic_store(&w->sh->seen[op][err], 1);
	for (; *allowed; allowed++)
		if (*allowed == err)
			return;
	failure(w, "thread %u: %s failed with %s, which it may not return",
		w->id, op_names[op], strerror(err));
}

/* ---- pointers ------------------------------------------------------------- */

enum ptr_kind {
	P_VALID, P_UNALIGNED, P_NULL, P_UNMAPPED, P_KERNEL, P_STRADDLE,
	P_READONLY, P_KINDS,
};

struct target {
	char *p;
	size_t valid;	/* bytes from p that this process can read */
	int writable;
};

/* Data buffers: valid ones are usual, bad ones regular. */
static struct target data_target(struct worker *w)
{
	static const unsigned long kernel[] = {
		0xffffffff81000000UL, 0xffff888000000000UL,
		0xffffffffff600000UL, ~0UL,
	};
	char *data = w->arena + A_DATA * PAGE;
	char *hole = w->arena + A_HOLE1 * PAGE;
	struct target t = { NULL, 0, 0 };
	unsigned int off;

	switch (below(w, 2) ? P_VALID : below(w, P_KINDS)) {
	case P_VALID:
		off = below(w, 64);
		t = (struct target){ data + off, MAX_DATA - off, 1 };
		break;
	case P_UNALIGNED:
		off = 1 + below(w, 7);
		t = (struct target){ data + off, MAX_DATA - off, 1 };
		break;
	case P_NULL:
		break;
	case P_UNMAPPED:
		t.p = hole;
		break;
	case P_KERNEL:
		t.p = (char *)kernel[below(w, 4)];
		break;
	case P_STRADDLE:
		off = 1 + below(w, 64);
		t = (struct target){ hole - off, off, 1 };
		break;
	case P_READONLY:
		t = (struct target){ w->arena + A_RO * PAGE, PAGE, 0 };
		break;
	}
	return t;
}

/* Where an ioctl's struct goes; @size bytes of it are meant. */
static struct target struct_target(struct worker *w, size_t size)
{
	char *page = w->arena + A_STRUCT * PAGE;
	char *hole = w->arena + A_HOLE2 * PAGE;
	struct target t = { NULL, 0, 0 };
	size_t off;

	if (size > PAGE)
		size = PAGE;
	switch (below(w, 3) ? P_VALID : below(w, P_KINDS)) {
	case P_VALID:
		off = 8 * below(w, (PAGE - size) / 8 + 1);
		t = (struct target){ page + off, PAGE - off, 1 };
		break;
	case P_UNALIGNED:
		off = 1 + below(w, 7);
		if (off + size > PAGE)
			off = PAGE - size;
		t = (struct target){ page + off, PAGE - off, 1 };
		break;
	case P_NULL:
		break;
	case P_UNMAPPED:
		t.p = hole;
		break;
	case P_KERNEL:
		t.p = (char *)0xffff888000001000UL;
		break;
	case P_STRADDLE:
		off = 1 + below(w, size > 1 ? size - 1 : 1);
		t = (struct target){ hole - off, off, 1 };
		break;
	case P_READONLY:
		t = (struct target){ w->arena + A_RO * PAGE, PAGE, 0 };
		break;
	}
	return t;
}

static void fill(struct worker *w, char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (char)next(w);
}

/* ---- the configuration, read under the change lock ------------------------ */

struct snap {
	__u64 generation;
	__u64 size;
	__u32 checksum;
	char *bytes;
};

static int take(struct worker *w, int fd, struct snap *s, char *bytes)
{
	struct srcu_config_get get = {
		.data = (uintptr_t)bytes, .len = MAX_DATA,
	};

	if (ioctl(fd, SRCU_CONFIG_IOC_GET, &get))
		return -1;
	s->generation = get.generation;
	s->size = get.size;
	s->checksum = get.checksum;
	s->bytes = bytes;
	return 0;
}

static void saw_generation(struct worker *w, __u64 generation)
{
	if (generation < w->last_generation)
		failure(w, "thread %u: generation went back from %llu to %llu",
			w->id, (unsigned long long)w->last_generation,
			(unsigned long long)generation);
	else
		w->last_generation = generation;
}

/*
 * A change, bracketed by reads of the configuration under the change
 * lock: @call does the change, @data/@len are the bytes it offers and
 * @readable whether this process can read all of them; where the call
 * reports the new generation, it is at @generation_at (or NULL).
 */
static void changing(struct worker *w, enum fuzz_op op, const int *allowed,
		     long (*call)(struct worker *w, void *arg), void *arg,
		     const char *data, size_t len, int readable,
		     const char *generation_at)
{
	__u64 returned;
	struct snap before, after;
	int ctl = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	long ret;
	int err;

	if (ctl < 0) {
		failure(w, "thread %u: open: %s", w->id, strerror(errno));
		return;
	}
	pthread_mutex_lock(&w->sh->change_lock);
	if (take(w, ctl, &before, w->snap_before)) {
		failure(w, "thread %u: GET before: %s", w->id, strerror(errno));
		goto out;
	}
	ret = call(w, arg);
	err = errno;
	if (take(w, ctl, &after, w->snap_after)) {
		failure(w, "thread %u: GET after: %s", w->id, strerror(errno));
		goto out;
	}
	if (ret < 0) {
		saw(w, op, err, allowed);
		if (after.generation != before.generation ||
		    after.size != before.size ||
		    memcmp(before.bytes, after.bytes, before.size))
			failure(w, "thread %u: %s failed (%s) but changed the configuration",
				w->id, op_names[op], strerror(err));
	} else {
		atomic_fetch_add(&w->sh->changes, 1);
		if (after.generation != before.generation + 1)
			failure(w, "thread %u: %s succeeded, generation %llu -> %llu",
				w->id, op_names[op],
				(unsigned long long)before.generation,
				(unsigned long long)after.generation);
		if (!readable && len)
			failure(w, "thread %u: %s succeeded with %zu bytes from memory it cannot read",
				w->id, op_names[op], len);
		else if (after.size != len ||
			 (len <= MAX_DATA && memcmp(data, after.bytes, len)))
			failure(w, "thread %u: %s succeeded but the configuration is not what it gave",
				w->id, op_names[op]);
		if (generation_at) {
			memcpy(&returned, generation_at, sizeof(returned));
			if (returned != after.generation)
				failure(w, "thread %u: %s returned generation %llu, now %llu",
					w->id, op_names[op],
					(unsigned long long)returned,
					(unsigned long long)after.generation);
		}
	}
	saw_generation(w, after.generation);
out:
	pthread_mutex_unlock(&w->sh->change_lock);
	close(ctl);
}

/* ---- operations ------------------------------------------------------------ */

static int pick_fd(struct worker *w, int *mode)
{
	int i = below(w, w->nfds);

	*mode = w->fds[i].mode;
	return w->fds[i].fd;
}

static void op_open(struct worker *w)
{
	static const int modes[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDWR };
	static const int extra[] = { O_NONBLOCK, O_CLOEXEC, O_APPEND, O_NOCTTY, O_SYNC };
	static const int allowed[] = { 0 };
	int mode = modes[below(w, 4)], flags = mode, fd;
	unsigned int i;

	if (w->nfds == MAX_FDS)
		return;
	for (i = 0; i < ARRAY_SIZE(extra); i++)
		if (below(w, 4) == 0)
			flags |= extra[i];
	fd = open(SRCU_CONFIG_DEVICE, flags);
	if (fd < 0) {
		saw(w, OP_OPEN, errno, allowed);
		return;
	}
	w->fds[w->nfds].fd = fd;
	w->fds[w->nfds].mode = mode;
	w->nfds++;
}

static void op_close(struct worker *w)
{
	int i = below(w, w->nfds);

	if (close(w->fds[i].fd))
		failure(w, "thread %u: close: %s", w->id, strerror(errno));
	w->fds[i] = w->fds[--w->nfds];
}

static size_t random_len(struct worker *w)
{
	switch (below(w, 8)) {
	case 0:
		return 0;
	case 1:
		return 1 + below(w, 16);
	case 2:
		return PAGE + below(w, PAGE);
	case 3:
		return (size_t)1 << below(w, 40);
	default:
		return below(w, 512);
	}
}

static void op_read(struct worker *w, int positioned)
{
	/* ESTALE: a read-through past max_pinned_bytes outlived its generation. */
	static const int allowed[] = { EFAULT, EBADF, EINTR, EINVAL, ESTALE, 0 };
	struct target t = data_target(w);
	size_t len = random_len(w);
	int mode, fd = pick_fd(w, &mode);
	off_t off = 0;
	ssize_t n;

	if (positioned) {
		switch (below(w, 4)) {
		case 0:
			off = -1 - (off_t)below(w, 1000);
			break;
		case 1:
			off = (off_t)1 << below(w, 62);
			break;
		default:
			off = below(w, 1024);
		}
		n = pread(fd, t.p, len, off);
	} else {
		n = read(fd, t.p, len);
	}
	if (n < 0)
		saw(w, positioned ? OP_PREAD : OP_READ, errno, allowed);
	else if ((size_t)n > len)
		failure(w, "thread %u: read %zd bytes into %zu", w->id, n, len);
}

static void op_lseek(struct worker *w)
{
	static const int whences[] = { SEEK_SET, SEEK_CUR, SEEK_END };
	static const int allowed[] = { EINVAL, 0 };
	int mode, fd = pick_fd(w, &mode);
	off_t off = (off_t)below(w, 4096) - 1024;

	if (lseek(fd, off, whences[below(w, 3)]) < 0)
		saw(w, OP_LSEEK, errno, allowed);
}

struct write_call {
	int fd;
	char *p;
	size_t len;
};

static long call_write(struct worker *w, void *arg)
{
	struct write_call *c = arg;
	ssize_t n = write(c->fd, c->p, c->len);

	if (n >= 0 && (size_t)n != c->len) {
		failure(w, "thread %u: write of %zu returned %zd", w->id,
			c->len, n);
		return -1;
	}
	return n < 0 ? -1 : 0;
}

static void op_write(struct worker *w)
{
	static const int allowed[] = { EFAULT, EBADF, EINTR, E2BIG, 0 };
	struct target t = data_target(w);
	struct write_call c;
	int mode;

	c.fd = pick_fd(w, &mode);
	c.p = t.p;
	c.len = below(w, 16) ? below(w, MAX_DATA + 1) : w->sh->max_size + 1 + below(w, 100);
	if (t.valid && t.writable)
		fill(w, t.p, c.len < t.valid ? c.len : t.valid);
	changing(w, OP_WRITE, allowed, call_write, &c, t.p, c.len,
		 c.len <= t.valid, NULL);
}

/* An ioctl number for SET, GET or INFO with a struct size of our choice. */
static unsigned long ioctl_nr(unsigned int dir, unsigned int nr, size_t size)
{
	return _IOC(dir, SRCU_CONFIG_IOC_MAGIC, nr, size);
}

static size_t struct_size(struct worker *w, size_t ver0)
{
	switch (below(w, 8)) {
	case 0:
		return below(w, ver0);
	case 1:
		return ver0 + 8 * (1 + below(w, 4));
	case 2:
		return ver0 + below(w, PAGE);
	default:
		return ver0;
	}
}

struct ioctl_call {
	int fd;
	unsigned long cmd;
	void *arg;
};

static long call_ioctl(struct worker *w, void *arg)
{
	struct ioctl_call *c = arg;

	return ioctl(c->fd, c->cmd, c->arg);
}

static void op_set(struct worker *w)
{
	static const int allowed[] = {
		EINVAL, EFAULT, E2BIG, ESTALE, EBADF, EINTR, 0,
	};
	size_t size = struct_size(w, SRCU_CONFIG_SET_SIZE_VER0);
	struct target st = struct_target(w, size);
	struct target dt = data_target(w);
	struct srcu_config_set req = { 0 };
	struct ioctl_call c;
	size_t len = below(w, 16) ? below(w, MAX_DATA + 1) :
				   w->sh->max_size + 1 + below(w, 100);
	int mode, wellformed;

	c.fd = pick_fd(w, &mode);
	c.cmd = ioctl_nr(_IOC_READ | _IOC_WRITE, 0x01, size);
	c.arg = st.p;
	req.data = (uintptr_t)dt.p;
	req.len = len;
	switch (below(w, 6)) {
	case 0:
		req.flags = SRCU_CONFIG_SET_EXPEDITED;
		break;
	case 1:
		req.flags = SRCU_CONFIG_SET_DEFERRED;
		break;
	case 2:
		req.flags = SRCU_CONFIG_SET_IF_GENERATION;
		req.expected_generation = below(w, 2) ? w->last_generation :
					  below(w, 1000);
		break;
	case 3:
		req.flags = next(w) & (below(w, 2) ? 0xff : ~0ULL);
		req.expected_generation = below(w, 2) ? 0 : next(w);
		break;
	default:
		break;
	}
	if (!below(w, 16))
		req.reserved = next(w);
	if (dt.valid && dt.writable)
		fill(w, dt.p, len < dt.valid ? len : dt.valid);
	/* The struct, and what follows it up to the size in the number. */
	if (st.valid && st.writable) {
		size_t n = size < st.valid ? size : st.valid;
		size_t k = n < sizeof(req) ? n : sizeof(req);

		memset(st.p, 0, n);
		if (n > sizeof(req) && !below(w, 4))
			st.p[sizeof(req) + below(w, n - sizeof(req))] = 1;
		memcpy(st.p, &req, k);
	}
	/* Where the kernel reports the generation, if this process can look. */
	wellformed = st.writable && st.valid >= size && size >= sizeof(req);
	changing(w, OP_SET, allowed, call_ioctl, &c, dt.p, len,
		 len <= dt.valid,
		 wellformed ? st.p + offsetof(struct srcu_config_set, generation) :
			      NULL);
}

static void check_get(struct worker *w, struct target st, size_t size,
		      struct target dt)
{
	struct srcu_config_get got;

	if (!st.valid || st.valid < size || size < sizeof(got))
		return;
	memcpy(&got, st.p, sizeof(got));
	if (got.len > dt.valid || got.size > got.len)
		return;
	if (fnv1a(dt.p, got.size) != got.checksum)
		failure(w, "thread %u: GET of generation %llu: checksum mismatch",
			w->id, (unsigned long long)got.generation);
	saw_generation(w, got.generation);
}

static void op_get(struct worker *w)
{
	static const int allowed[] = { EINVAL, EFAULT, E2BIG, ENOSPC, 0 };
	size_t size = struct_size(w, SRCU_CONFIG_GET_SIZE_VER0);
	struct target st = struct_target(w, size);
	struct target dt = data_target(w);
	struct srcu_config_get req = { 0 };
	int mode, fd = pick_fd(w, &mode);

	req.data = (uintptr_t)dt.p;
	req.len = below(w, 4) ? dt.valid : random_len(w);
	if (!below(w, 16))
		req.reserved = next(w);
	if (st.valid && st.writable) {
		size_t n = size < st.valid ? size : st.valid;

		memset(st.p, 0, n);
		memcpy(st.p, &req, n < sizeof(req) ? n : sizeof(req));
	}
	if (ioctl(fd, ioctl_nr(_IOC_READ | _IOC_WRITE, 0x02, size), st.p))
		saw(w, OP_GET, errno, allowed);
	else if (st.writable)
		check_get(w, st, size, dt);
}

static void op_info(struct worker *w)
{
	static const int allowed[] = { EINVAL, EFAULT, 0 };
	size_t size = struct_size(w, SRCU_CONFIG_INFO_SIZE_VER0);
	struct target st = struct_target(w, size);
	int mode, fd = pick_fd(w, &mode);
	struct srcu_config_info info;

	if (ioctl(fd, ioctl_nr(_IOC_READ, 0x03, size), st.p)) {
		saw(w, OP_INFO, errno, allowed);
		return;
	}
	if (st.writable && st.valid >= size && size >= sizeof(info)) {
		memcpy(&info, st.p, sizeof(info));
		saw_generation(w, info.generation);
	}
}

/* Numbers the device does not know, and known ones with a wrong direction. */
static void op_ioctl(struct worker *w)
{
	static const int allowed[] = { ENOTTY, 0 };
	struct target st = struct_target(w, 64);
	int mode, fd = pick_fd(w, &mode);
	unsigned int nr, dir, type;
	unsigned long cmd;

	dir = below(w, 4);
	nr = below(w, 2) ? below(w, 8) : below(w, 256);
	/* Another driver's type: never FIO*, FS_IOC_* or the like. */
	type = below(w, 2) ? SRCU_CONFIG_IOC_MAGIC : 0xa0 + below(w, 16);
	cmd = _IOC(dir, type, nr, below(w, 1 << 14));
	/* SET, GET and INFO proper are other operations. */
	if (type == SRCU_CONFIG_IOC_MAGIC && nr >= 1 && nr <= 3 &&
	    dir == (nr == 3 ? _IOC_READ : _IOC_READ | _IOC_WRITE))
		return;
	if (ioctl(fd, cmd, st.p) == 0)
		failure(w, "thread %u: unknown ioctl 0x%lx succeeded", w->id, cmd);
	else
		saw(w, OP_IOCTL, errno, allowed);
}

static void op_poll(struct worker *w)
{
	static const int allowed[] = { EINTR, 0 };
	static const short events[] = { POLLIN, POLLPRI, POLLOUT, POLLRDNORM, 0 };
	struct pollfd pfd[3];
	unsigned int i, n = 1 + below(w, 3);
	int mode, ret;

	for (i = 0; i < n; i++) {
		pfd[i].fd = pick_fd(w, &mode);
		pfd[i].events = events[below(w, 5)] | events[below(w, 5)];
		pfd[i].revents = 0;
	}
	ret = poll(pfd, n, below(w, 4) ? 0 : below(w, 5));
	if (ret < 0) {
		saw(w, OP_POLL, errno, allowed);
		return;
	}
	/* Readable, always, for whoever asks. */
	for (i = 0; i < n; i++)
		if ((pfd[i].events & POLLIN) && !(pfd[i].revents & POLLIN))
			failure(w, "thread %u: poll without POLLIN: 0x%x", w->id,
				pfd[i].revents);
}

static enum fuzz_op pick_op(struct worker *w)
{
	unsigned int total = 0, i, x;

	for (i = 0; i < OP_COUNT; i++)
		total += op_weights[i];
	x = below(w, total);
	for (i = 0; i < OP_COUNT; i++) {
		if (x < op_weights[i])
			return i;
		x -= op_weights[i];
	}
	return OP_GET;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned long done = 0;

	while (!atomic_load(&w->sh->stop) &&
	       (!w->sh->iterations || done < w->sh->iterations) &&
	       !atomic_load(&w->sh->failures)) {
		enum fuzz_op op = w->nfds ? pick_op(w) : OP_OPEN;

		switch (op) {
		case OP_OPEN:
			op_open(w);
			break;
		case OP_CLOSE:
			op_close(w);
			break;
		case OP_READ:
		case OP_PREAD:
			op_read(w, op == OP_PREAD);
			break;
		case OP_LSEEK:
			op_lseek(w);
			break;
		case OP_WRITE:
			op_write(w);
			break;
		case OP_SET:
			op_set(w);
			break;
		case OP_GET:
			op_get(w);
			break;
		case OP_INFO:
			op_info(w);
			break;
		case OP_IOCTL:
			op_ioctl(w);
			break;
		case OP_POLL:
			op_poll(w);
			break;
		default:
			break;
		}
		atomic_fetch_add(&w->sh->steps[op], 1);
		done++;
	}
	while (w->nfds)
		close(w->fds[--w->nfds].fd);
	return NULL;
}

static void on_signal(int sig)
{
}

static unsigned long env_number(const char *name, unsigned long def)
{
	const char *text = getenv(name);

	return text && *text ? strtoul(text, NULL, 0) : def;
}

FIXTURE(fuzz) {
	struct worker workers[MAX_THREADS];
	unsigned int nthreads;
	unsigned long seed, seconds;
	__u64 start_generation;
};

FIXTURE_SETUP(fuzz)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct srcu_config_info info;
	unsigned int i;
	int fd;

	self->seed = env_number("FUZZ_SEED", 0);
	if (!self->seed)
		self->seed = (unsigned long)time(NULL) * 2654435761UL ^ getpid();
	self->seconds = env_number("FUZZ_SECONDS", 3);
	if (self->seconds > 3000)
		self->seconds = 3000;
	self->nthreads = env_number("FUZZ_THREADS", 4);
	if (!self->nthreads || self->nthreads > MAX_THREADS)
		self->nthreads = 4;
	TH_LOG("seed=%lu seconds=%lu threads=%u (FUZZ_SEED=%lu reproduces each thread's operations)",
	       self->seed, self->seconds, self->nthreads, self->seed);

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, shared);
	pthread_mutex_init(&shared->change_lock, NULL);
	shared->max_size = read_number(PARAM_DIR "max_size");
	ASSERT_NE(~0ULL, shared->max_size);
	shared->iterations = env_number("FUZZ_ITERATIONS", 0);

	/* No SA_RESTART: interrupted calls come back with EINTR. */
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));

	/* A known, small configuration: the snapshots hold it whole. */
	fd = open(SRCU_CONFIG_DEVICE, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_config(fd, "fuzz: start\n", 12, NULL));
	ASSERT_EQ(0, get_info(fd, &info));
	close(fd);
	self->start_generation = info.generation;

	for (i = 0; i < self->nthreads; i++) {
		struct worker *w = &self->workers[i];
		char *a;

		memset(w, 0, sizeof(*w));
		w->sh = shared;
		w->id = i;
		w->rnd = self->seed * 0x9e3779b97f4a7c15ULL + i + 1;
		w->last_generation = info.generation;
		a = mmap(NULL, A_PAGES * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ASSERT_NE(MAP_FAILED, a);
		memset(a + A_RO * PAGE, 'r', PAGE);
		ASSERT_EQ(0, mprotect(a + A_HOLE1 * PAGE, PAGE, PROT_NONE));
		ASSERT_EQ(0, mprotect(a + A_HOLE2 * PAGE, PAGE, PROT_NONE));
		ASSERT_EQ(0, mprotect(a + A_HOLE3 * PAGE, PAGE, PROT_NONE));
		ASSERT_EQ(0, mprotect(a + A_RO * PAGE, PAGE, PROT_READ));
		w->arena = a;
		w->snap_before = malloc(MAX_DATA);
		w->snap_after = malloc(MAX_DATA);
		ASSERT_NE(NULL, w->snap_before);
		ASSERT_NE(NULL, w->snap_after);
	}
}

FIXTURE_TEARDOWN(fuzz)
{
	write_text(DELAY_PARAM, "0");
}

TEST_F_TIMEOUT(fuzz, random_operations, 3600)
{
	struct srcu_config_info info;
	unsigned long total = 0;
	long long deadline;
	char errnos[1024];
	size_t len = 0;
	unsigned int i, rnd = self->seed;
	int op, e, fd, tries, delay_on = 0;

	for (i = 0; i < self->nthreads; i++)
		ASSERT_EQ(0, pthread_create(&self->workers[i].thread, NULL,
					    worker_main, &self->workers[i]));

	/* Chaos: signals to the workers, sleeping reads on and off. */
	deadline = now_ms() + self->seconds * 1000;
	while (now_ms() < deadline && !atomic_load(&shared->failures)) {
		usleep(1000 + rand_r(&rnd) % 20000);
		pthread_kill(self->workers[rand_r(&rnd) % self->nthreads].thread,
			     SIGUSR1);
		if (rand_r(&rnd) % 16 == 0) {
			delay_on = !delay_on && rand_r(&rnd) % 2;
			write_text(DELAY_PARAM, delay_on ? "2" : "0");
		}
	}
	write_text(DELAY_PARAM, "0");
	atomic_store(&shared->stop, 1);
	for (i = 0; i < self->nthreads; i++)
		pthread_join(self->workers[i].thread, NULL);

	for (i = 0; i < self->nthreads; i++)
		if (self->workers[i].failure[0])
			TH_LOG("%s", self->workers[i].failure);
	EXPECT_EQ(0, atomic_load(&shared->failures));

	/* Every successful change, and nothing else, moved the generation. */
	fd = open(SRCU_CONFIG_DEVICE, O_RDONLY);
	ASSERT_LE(0, fd);
	for (tries = 0; tries < 500; tries++) {
		ASSERT_EQ(0, get_info(fd, &info));
		if (!info.deferred_pending)
			break;
		usleep(10000);
	}
	close(fd);
	EXPECT_EQ(self->start_generation + atomic_load(&shared->changes),
		  info.generation);
	EXPECT_EQ(0, info.deferred_pending);

	errnos[0] = '\0';
	for (e = 1; e < ERRNO_MAX; e++) {
		for (op = 0; op < OP_COUNT; op++)
			if (atomic_load(&shared->seen[op][e]))
				break;
		if (op < OP_COUNT)
			len += snprintf(errnos + len, sizeof(errnos) - len, "%s%s",
					len ? "," : "", strerrorname_np(e));
	}
	for (op = 0; op < OP_COUNT; op++)
		total += atomic_load(&shared->steps[op]);
	TH_LOG("fuzz_steps=%lu changes=%lu distinct_errnos=%s", total,
	       atomic_load(&shared->changes), errnos);
	for (op = 0; op < OP_COUNT; op++)
		TH_LOG("%s: %lu steps", op_names[op],
		       atomic_load(&shared->steps[op]));
	EXPECT_LT(0, total);
}

TEST_HARNESS_MAIN
