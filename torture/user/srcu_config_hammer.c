// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config-hammer: the userspace half of the torture. Reader threads
 * hammer /dev/srcu_config with GET and whole-configuration pread(2)
 * while writer threads change it with write(2), SET in each reclamation
 * mode and compare-and-swap; read-through threads read the whole
 * configuration the way cat, dd and cp do, in many calls: a read(2) loop
 * of 4 KiB from offset 0 to EOF, one sendfile(2) into a file, splice(2)
 * into a pipe until EOF (the kernel calls the device once per 64 KiB
 * pipe-full); a last thread switches the module's test_read_delay_ms
 * hook on and off, so that some reads sleep inside their read-side
 * critical sections while changes wait for them or defer.
 *
 * Every configuration written describes itself (a sequence number, then
 * bytes derived from it), so a reader recognises one that is torn, mixed
 * or freed. Part of them (-L) are larger than a pipe-full, 80 to 400 KiB,
 * each 64-byte block of them naming its sequence number, so that a
 * read-through spans several calls and one that mixes two generations
 * says so. Checked:
 *   - every GET's bytes match its checksum and describe themselves;
 *   - every single pread(2) of the whole configuration describes itself;
 *   - every read-through returns exactly one configuration: "mixed"
 *     counts those made of two generations (bytes of another, or ending
 *     at another's end), "torn" those with bytes of none; a read failing
 *     with ESTALE (allowed only past max_pinned_bytes, far above what the
 *     hammer pins) is an error, counted apart as "estale";
 *   - the generations a reader sees never go backwards;
 *   - every successful change returns a generation above the writer's
 *     previous one, and at the end the generation moved by exactly the
 *     number of successful changes (nothing else changes the device);
 *   - no call fails other than a compare-and-swap losing (ESTALE).
 *
 *   srcu-config-hammer [-d SECONDS] [-r READERS] [-w WRITERS] [-s SEED]
 *                      [-t READTHROUGHS] [-L LARGE_PERCENT]
 *
 * -t read-through threads (default 3; their kinds in turn: read loop,
 * sendfile, splice; 0 for none), -L the percentage of configurations
 * written that are large (default 50).
 *
 * Prints one line "@@ hammer key=value ... result=SUCCESS|FAILURE";
 * exits 0 on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <time.h>
#include <unistd.h>

#include "srcu-config.h"

#define DELAY_PARAM "/sys/module/srcu_config/parameters/test_read_delay_ms"
#define MAX_CONFIG 4096
#define MAX_THREADS 32
/* Large configurations: several pipe-fulls (64 KiB) each. */
#define LARGE_MIN (80 << 10)
#define LARGE_MAX (400 << 10)
#define BLOCK 64
#define LABEL 20	/* "SEQ:BLOCK|" at the start of each but the first */
/* A read-through never returns more than this (the largest, and then some). */
#define RT_BUFFER (LARGE_MAX + (64 << 10))
#define RT_CHUNK 4096
#define RT_SENDFILE_COUNT (4 << 20)

enum { W_WRITE, W_NORMAL, W_EXPEDITED, W_DEFERRED, W_CAS, W_KINDS };

static const char * const kind_names[W_KINDS] = {
	"write", "set_normal", "set_expedited", "set_deferred", "cas",
};

enum { RT_READ, RT_SENDFILE, RT_SPLICE, RT_KINDS };

static const char * const rt_names[RT_KINDS] = {
	"rt_read", "rt_sendfile", "rt_splice",
};

/* What a read-through returned. */
enum { RT_OK, RT_NOT_OURS, RT_MIXED, RT_TORN };

static atomic_int stop;
static atomic_uint next_seq;
static atomic_int delay_ms;		/* what the hook is set to now */
static atomic_ulong reads, preads, sleeping_reads;
static atomic_ulong torn, backwards, errors;
static atomic_ulong changes[W_KINDS], cas_stale;
static atomic_ulong readthroughs[RT_KINDS], mixed_by[RT_KINDS];
static atomic_ulong large_changes, mixed, estale;

static unsigned int seconds = 5, nreaders = 4, nwriters = 2;
static unsigned int nreadthroughs = 3, large_percent = 50;
static unsigned long seed;

static long long now_ms(void)
{
	return srcu_config_now_ns() / 1000000;
}

/*
 * A small configuration: "seq=NNNNNNNNNN\n", then letters derived from
 * seq, under 4 KiB. A large one: "SEQ=NNNNNNNNNN\n", letters, and from
 * the second 64-byte block on, each block "SEQ:BLOCK|" then letters and
 * a newline: bytes at any offset say which configuration they belong to.
 * The length of each follows from its sequence number.
 */
static size_t config_len(unsigned int seq, int large)
{
	if (large)
		return LARGE_MIN + (seq * 7919u) % (LARGE_MAX - LARGE_MIN);
	return 16 + (seq * 7919u) % (MAX_CONFIG - 16);
}

/* Bytes [from, to) of configuration seq, header excluded (from >= 15). */
static void config_bytes(char *out, unsigned int seq, int large,
			 size_t from, size_t to)
{
	char label[BLOCK];
	size_t i, b = 0, k;

	for (i = from; i < to; i++) {
		k = i % BLOCK;
		if (large && i >= BLOCK && k < LABEL) {
			if (b != i / BLOCK) {
				b = i / BLOCK;
				snprintf(label, sizeof(label), "%010u:%08zx|",
					 seq, b);
			}
			out[i - from] = label[k];
		} else if (large && i >= BLOCK && k == BLOCK - 1) {
			out[i - from] = '\n';
		} else {
			out[i - from] = (char)('a' + (seq + i) % 26);
		}
	}
}

static size_t make_config(char *buf, unsigned int seq, int large)
{
	size_t len = config_len(seq, large);

	snprintf(buf, 16, large ? "SEQ=%010u\n" : "seq=%010u\n", seq);
	config_bytes(buf + 15, seq, large, 15, len);
	return len;
}

/* Whether buf[from, to) are configuration seq's bytes there. */
static int config_matches(const char *buf, unsigned int seq, int large,
			  size_t from, size_t to)
{
	char want[BLOCK];
	size_t i, n;

	for (i = from; i < to; i += n) {
		n = to - i < BLOCK ? to - i : BLOCK;
		config_bytes(want, seq, large, i, i + n);
		if (memcmp(buf + i, want, n))
			return 0;
	}
	return 1;
}

/* Its header: 1 and seq, large for one of ours, 0 for anything else. */
static int header_of(const char *buf, size_t len, unsigned int *seq,
		     int *large)
{
	if (len < 15 || (strncmp(buf, "seq=", 4) && strncmp(buf, "SEQ=", 4)))
		return 0;
	*large = buf[0] == 'S';
	return sscanf(buf + 4, "%10u", seq) == 1 && buf[14] == '\n';
}

static int describes_itself(const char *buf, size_t len)
{
	unsigned int seq;
	int large;

	/* Not one of ours: what was there before the first change. */
	if (len < 15 || (strncmp(buf, "seq=", 4) && strncmp(buf, "SEQ=", 4)))
		return -1;
	if (!header_of(buf, len, &seq, &large) ||
	    len != config_len(seq, large))
		return 0;
	return config_matches(buf, seq, large, 15, len);
}

/*
 * A whole read-through of len bytes. Not exactly one configuration:
 * mixed when it is a configuration's bytes as far as it goes but ends
 * before or after its end (where another generation ended), or when from
 * some 64-byte block on the bytes are another configuration's there
 * (the calls of a read-through take 4 KiB or a 64 KiB pipe-full each,
 * so another generation's bytes start at a block's start); torn
 * otherwise.
 */
static int classify(const char *buf, size_t len)
{
	unsigned int seq, other;
	size_t end, b;
	int large, self = describes_itself(buf, len);

	if (self > 0)
		return RT_OK;
	if (self < 0)
		return RT_NOT_OURS;
	if (!header_of(buf, len, &seq, &large))
		return RT_TORN;
	end = config_len(seq, large);
	end = len < end ? len : end;
	for (b = 0; b * BLOCK < end; b++) {
		size_t from = b ? b * BLOCK : 15;
		size_t to = (b + 1) * BLOCK < end ? (b + 1) * BLOCK : end;

		if (config_matches(buf, seq, large, from, to))
			continue;
		/* Is this block labelled as another configuration's? */
		to = b * BLOCK + LABEL < len ? b * BLOCK + LABEL : len;
		if (b && sscanf(buf + b * BLOCK, "%10u", &other) == 1 &&
		    other != seq && b * BLOCK < config_len(other, 1) &&
		    config_matches(buf, other, 1, b * BLOCK, to))
			return RT_MIXED;
		return RT_TORN;
	}
	/* All of it this configuration's, but its length is not. */
	return RT_MIXED;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void fail(const char *what, int err)
{
	if (atomic_fetch_add(&errors, 1) < 10)
		fprintf(stderr, "hammer: %s: %s\n", what, strerror(err));
}

/* A read that failed: an error; ESTALE is counted apart as well. */
static void read_failed(const char *what, int err)
{
	if (err == ESTALE)
		atomic_fetch_add(&estale, 1);
	fail(what, err);
}

static void *reader(void *arg)
{
	unsigned int rnd = (unsigned int)(uintptr_t)arg;
	char *buf = malloc(LARGE_MAX + 64);
	int fd = srcu_config_open(NULL, O_RDONLY);
	int ours = 0, self;
	__u64 last = 0;

	if (fd < 0 || !buf) {
		fail("open", fd < 0 ? -fd : ENOMEM);
		if (fd >= 0)
			close(fd);
		free(buf);
		return NULL;
	}
	while (!atomic_load(&stop)) {
		if (rand_r(&rnd) % 2) {
			struct srcu_config_get get;
			void *data;
			int ret = srcu_config_get(fd, &data, &get);

			if (ret) {
				fail("GET", -ret);
				continue;
			}
			self = describes_itself(data, get.size);
			/* Once ours, never anything else again. */
			if (srcu_config_checksum(data, get.size) != get.checksum ||
			    !self || (self < 0 && ours))
				atomic_fetch_add(&torn, 1);
			free(data);
			ours |= self > 0;
			if (get.generation < last)
				atomic_fetch_add(&backwards, 1);
			last = get.generation;
			atomic_fetch_add(&reads, 1);
		} else {
			int delay = atomic_load(&delay_ms);
			long long start = now_ms();
			ssize_t n = pread(fd, buf, LARGE_MAX + 64, 0);

			if (n < 0) {
				read_failed("pread", errno);
				continue;
			}
			/* One call, one generation: it must be whole. */
			self = describes_itself(buf, n);
			if (!self || (self < 0 && ours))
				atomic_fetch_add(&torn, 1);
			ours |= self > 0;
			if (delay && now_ms() - start >= delay)
				atomic_fetch_add(&sleeping_reads, 1);
			atomic_fetch_add(&preads, 1);
		}
	}
	close(fd);
	free(buf);
	return NULL;
}

/*
 * Read-throughs into buf (RT_BUFFER bytes): the length read, or -1 with
 * errno (-1 and EFBIG when it never ends).
 */
static ssize_t read_loop(int *fd, char *buf, unsigned int *rnd)
{
	size_t len = 0;
	ssize_t n;

	/* From offset 0: a fresh open, or lseek on the one already open. */
	if (rand_r(rnd) % 2) {
		int fresh = srcu_config_open(NULL, O_RDONLY);

		if (fresh < 0) {
			errno = -fresh;
			return -1;
		}
		close(*fd);
		*fd = fresh;
	} else if (lseek(*fd, 0, SEEK_SET)) {
		return -1;
	}
	do {
		if (len + RT_CHUNK > RT_BUFFER) {
			errno = EFBIG;
			return -1;
		}
		n = read(*fd, buf + len, RT_CHUNK);
		if (n < 0)
			return -1;
		len += n;
	} while (n);
	return len;
}

/*
 * One sendfile(2), as cp does: the kernel loops over pipe-fulls. A read
 * failing after some bytes makes it return short, without the error:
 * that shows as mixed (ending before its configuration's end); the only
 * such failure the contract allows, ESTALE past max_pinned_bytes, the
 * hammer never comes near (a configuration per read-through thread).
 */
static ssize_t sendfile_all(int fd, int memfd, char *buf)
{
	off_t off = 0;
	ssize_t n, len;
	int err;

	if (ftruncate(memfd, 0) || lseek(memfd, 0, SEEK_SET))
		return -1;
	len = sendfile(memfd, fd, &off, RT_SENDFILE_COUNT);
	if (len < 0)
		return -1;
	if (len > RT_BUFFER || off != len) {
		errno = EFBIG;
		return -1;
	}
	n = pread(memfd, buf, len, 0);
	if (n != len) {
		err = n < 0 ? errno : EIO;
		errno = err;
		return -1;
	}
	return len;
}

/* splice(2) into a pipe, a pipe-full at a time, until EOF. */
static ssize_t splice_all(int fd, const int pipefd[2], char *buf)
{
	loff_t off = 0;
	size_t len = 0;
	ssize_t n, got;

	for (;;) {
		n = splice(fd, &off, pipefd[1], NULL, 64 << 10, 0);
		if (n <= 0)
			return n < 0 ? -1 : (ssize_t)len;
		if (len + n > RT_BUFFER) {
			errno = EFBIG;
			return -1;
		}
		while (n > 0) {
			got = read(pipefd[0], buf + len, n);
			if (got <= 0) {
				if (!got)
					errno = EIO;
				return -1;
			}
			len += got;
			n -= got;
		}
	}
}

static void *readthrough(void *arg)
{
	unsigned int rnd = (unsigned int)(uintptr_t)arg;
	int kind = rnd % RT_KINDS, ours = 0, memfd = -1, pipefd[2] = { -1, -1 };
	int fd = srcu_config_open(NULL, O_RDONLY);
	char *buf = malloc(RT_BUFFER);

	if (kind == RT_SENDFILE) {
		/* The debug kernels have no memfd: a file in /tmp instead. */
		char path[] = "/tmp/hammer-sendfile.XXXXXX";

		memfd = mkstemp(path);
		if (memfd >= 0)
			unlink(path);
	}
	if (kind == RT_SPLICE && pipe(pipefd))
		pipefd[0] = -1;
	if (fd < 0 || !buf || (kind == RT_SENDFILE && memfd < 0) ||
	    (kind == RT_SPLICE && pipefd[0] < 0)) {
		fail("read-through set-up", fd < 0 ? -fd : buf ? errno : ENOMEM);
		goto out;
	}
	while (!atomic_load(&stop)) {
		ssize_t n;
		int what;

		if (kind == RT_READ)
			n = read_loop(&fd, buf, &rnd);
		else if (kind == RT_SENDFILE)
			n = sendfile_all(fd, memfd, buf);
		else
			n = splice_all(fd, pipefd, buf);
		if (n < 0) {
			read_failed(rt_names[kind], errno);
			/* What it left in the pipe must not start the next. */
			if (kind == RT_SPLICE) {
				close(pipefd[0]);
				close(pipefd[1]);
				if (pipe(pipefd)) {
					pipefd[0] = -1;
					fail("pipe", errno);
					break;
				}
			}
			continue;
		}
		what = classify(buf, n);
		/* Once ours, never anything else again. */
		if (what == RT_NOT_OURS && ours)
			what = RT_TORN;
		ours |= what == RT_OK;
		if (what == RT_MIXED) {
			atomic_fetch_add(&mixed, 1);
			if (atomic_fetch_add(&mixed_by[kind], 1) < 3)
				fprintf(stderr, "hammer: %s: mixed: %zd bytes from \"%.14s\"\n",
					rt_names[kind], n, buf);
		}
		if (what == RT_TORN)
			atomic_fetch_add(&torn, 1);
		atomic_fetch_add(&readthroughs[kind], 1);
	}
out:
	if (fd >= 0)
		close(fd);
	if (memfd >= 0)
		close(memfd);
	if (pipefd[0] >= 0) {
		close(pipefd[0]);
		close(pipefd[1]);
	}
	free(buf);
	return NULL;
}

static void *writer(void *arg)
{
	unsigned int rnd = (unsigned int)(uintptr_t)arg;
	char *buf = malloc(LARGE_MAX);
	int fd = srcu_config_open(NULL, O_RDWR);
	__u64 last = 0;

	if (fd < 0 || !buf) {
		fail("open", fd < 0 ? -fd : ENOMEM);
		if (fd >= 0)
			close(fd);
		free(buf);
		return NULL;
	}
	while (!atomic_load(&stop)) {
		int kind = rand_r(&rnd) % W_KINDS;
		int large = (unsigned int)rand_r(&rnd) % 100 < large_percent;
		size_t len = make_config(buf, atomic_fetch_add(&next_seq, 1),
					 large);
		struct srcu_config_info info;
		uint64_t flags = 0, expected = 0, generation;
		int ret;

		switch (kind) {
		case W_WRITE:
			if (write(fd, buf, len) != (ssize_t)len) {
				fail("write", errno);
				continue;
			}
			/* write(2) returns no generation. */
			atomic_fetch_add(&changes[kind], 1);
			if (large)
				atomic_fetch_add(&large_changes, 1);
			continue;
		case W_EXPEDITED:
			flags = SRCU_CONFIG_SET_EXPEDITED;
			break;
		case W_DEFERRED:
			flags = SRCU_CONFIG_SET_DEFERRED;
			break;
		case W_CAS:
			ret = srcu_config_info(fd, &info);
			if (ret) {
				fail("INFO", -ret);
				continue;
			}
			flags = SRCU_CONFIG_SET_IF_GENERATION |
				(rand_r(&rnd) % 2 ? SRCU_CONFIG_SET_DEFERRED : 0);
			expected = info.generation;
			break;
		}
		ret = srcu_config_set(fd, buf, len, flags, expected, &generation);
		if (ret == -ESTALE && kind == W_CAS) {
			atomic_fetch_add(&cas_stale, 1);
			continue;
		}
		if (ret) {
			fail(kind_names[kind], -ret);
			continue;
		}
		if (generation <= last)
			atomic_fetch_add(&backwards, 1);
		last = generation;
		atomic_fetch_add(&changes[kind], 1);
		if (large)
			atomic_fetch_add(&large_changes, 1);
	}
	close(fd);
	free(buf);
	return NULL;
}

/* Some reads sleep inside their critical sections, most do not. */
static void *delayer(void *arg)
{
	unsigned int rnd = (unsigned int)(uintptr_t)arg;
	char text[16];

	while (!atomic_load(&stop)) {
		int on = rand_r(&rnd) % 3 == 0 ? 1 + rand_r(&rnd) % 20 : 0;

		snprintf(text, sizeof(text), "%d", on);
		if (write_text(DELAY_PARAM, text) == 0)
			atomic_store(&delay_ms, on);
		usleep(50000 + rand_r(&rnd) % 150000);
	}
	write_text(DELAY_PARAM, "0");
	atomic_store(&delay_ms, 0);
	return NULL;
}

static int info_of(struct srcu_config_info *info)
{
	int fd = srcu_config_open(NULL, O_RDONLY);
	int ret;

	if (fd < 0)
		return -1;
	ret = srcu_config_info(fd, info);
	close(fd);
	return ret ? -1 : 0;
}

int main(int argc, char **argv)
{
	pthread_t threads[3 * MAX_THREADS + 1];
	struct srcu_config_info before, after;
	unsigned long total = 0, rt_total = 0;
	unsigned int i, n = 0;
	int opt, tries, ok;

	while ((opt = getopt(argc, argv, "d:r:w:s:t:L:")) != -1) {
		switch (opt) {
		case 'd':
			seconds = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			nreaders = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			nwriters = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 't':
			nreadthroughs = strtoul(optarg, NULL, 0);
			break;
		case 'L':
			large_percent = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-d SECONDS] [-r READERS] [-w WRITERS] [-s SEED] [-t READTHROUGHS] [-L LARGE_PERCENT]\n",
				argv[0]);
			return 2;
		}
	}
	if (!nreaders || nreaders > MAX_THREADS || !nwriters ||
	    nwriters > MAX_THREADS) {
		fprintf(stderr, "hammer: 1 to %d readers and writers\n", MAX_THREADS);
		return 2;
	}
	if (nreadthroughs > MAX_THREADS || large_percent > 100) {
		fprintf(stderr, "hammer: 0 to %d read-throughs, 0 to 100%% large\n",
			MAX_THREADS);
		return 2;
	}
	if (!seed)
		seed = (unsigned long)time(NULL) ^ getpid();
	if (info_of(&before)) {
		perror("hammer: INFO");
		return 1;
	}
	/* A device that takes no large configuration gets none. */
	if (before.max_size < LARGE_MAX)
		large_percent = 0;
	printf("@@ hammer start seed=%lu seconds=%u readers=%u writers=%u readthroughs=%u large_percent=%u\n",
	       seed, seconds, nreaders, nwriters, nreadthroughs, large_percent);
	fflush(stdout);

	for (i = 0; i < nreaders; i++)
		pthread_create(&threads[n++], NULL, reader,
			       (void *)(uintptr_t)(seed + i));
	for (i = 0; i < nwriters; i++)
		pthread_create(&threads[n++], NULL, writer,
			       (void *)(uintptr_t)(seed + 100 + i));
	/* Kinds in turn: the argument modulo RT_KINDS is i's. */
	for (i = 0; i < nreadthroughs; i++)
		pthread_create(&threads[n++], NULL, readthrough,
			       (void *)(uintptr_t)((seed + 200) / RT_KINDS *
						   RT_KINDS + i));
	pthread_create(&threads[n++], NULL, delayer, (void *)(uintptr_t)seed);
	sleep(seconds);
	atomic_store(&stop, 1);
	for (i = 0; i < n; i++)
		pthread_join(threads[i], NULL);

	/* Deferred frees run on their own; wait for them to finish. */
	for (tries = 0; tries < 500; tries++) {
		if (info_of(&after))
			break;
		if (!after.deferred_pending)
			break;
		usleep(10000);
	}
	for (i = 0; i < W_KINDS; i++)
		total += atomic_load(&changes[i]);
	for (i = 0; i < RT_KINDS; i++)
		rt_total += atomic_load(&readthroughs[i]);
	ok = !atomic_load(&torn) && !atomic_load(&backwards) &&
	     !atomic_load(&mixed) && !atomic_load(&estale) &&
	     !atomic_load(&errors) && total && atomic_load(&reads) &&
	     (rt_total || !nreadthroughs) &&
	     after.generation - before.generation == total &&
	     !after.deferred_pending;

	printf("@@ hammer reads=%lu preads=%lu sleeping_reads=%lu",
	       atomic_load(&reads), atomic_load(&preads),
	       atomic_load(&sleeping_reads));
	for (i = 0; i < RT_KINDS; i++)
		printf(" %s=%lu", rt_names[i], atomic_load(&readthroughs[i]));
	printf(" readthroughs=%lu", rt_total);
	for (i = 0; i < W_KINDS; i++)
		printf(" %s=%lu", kind_names[i], atomic_load(&changes[i]));
	printf(" cas_stale=%lu changes=%lu large_changes=%lu generations=%llu deferred_pending=%llu torn=%lu mixed=%lu",
	       atomic_load(&cas_stale), total, atomic_load(&large_changes),
	       (unsigned long long)(after.generation - before.generation),
	       (unsigned long long)after.deferred_pending,
	       atomic_load(&torn), atomic_load(&mixed));
	for (i = 0; i < RT_KINDS; i++)
		printf(" %s_mixed=%lu", rt_names[i], atomic_load(&mixed_by[i]));
	printf(" backwards=%lu estale=%lu errors=%lu result=%s\n",
	       atomic_load(&backwards), atomic_load(&estale),
	       atomic_load(&errors), ok ? "SUCCESS" : "FAILURE");
	return ok ? 0 : 1;
}
