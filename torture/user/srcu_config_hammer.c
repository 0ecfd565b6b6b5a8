// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config-hammer: the userspace half of the torture. Reader threads
 * hammer /dev/srcu_config with GET and whole-configuration pread(2)
 * while writer threads change it with write(2), SET in each reclamation
 * mode and compare-and-swap; a third thread switches the module's
 * test_read_delay_ms hook on and off, so that some reads sleep inside
 * their read-side critical sections while changes wait for them or defer.
 *
 * Every configuration written describes itself (a sequence number, then
 * bytes derived from it), so a reader recognises one that is torn, mixed
 * or freed. Checked:
 *   - every GET's bytes match its checksum and describe themselves;
 *   - every single pread(2) of the whole configuration describes itself;
 *   - the generations a reader sees never go backwards;
 *   - every successful change returns a generation above the writer's
 *     previous one, and at the end the generation moved by exactly the
 *     number of successful changes (nothing else changes the device);
 *   - no call fails other than a compare-and-swap losing (ESTALE).
 *
 *   srcu-config-hammer [-d SECONDS] [-r READERS] [-w WRITERS] [-s SEED]
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
#include <time.h>
#include <unistd.h>

#include "srcu-config.h"

#define DELAY_PARAM "/sys/module/srcu_config/parameters/test_read_delay_ms"
#define MAX_CONFIG 4096
#define MAX_THREADS 32

enum { W_WRITE, W_NORMAL, W_EXPEDITED, W_DEFERRED, W_CAS, W_KINDS };

static const char * const kind_names[W_KINDS] = {
	"write", "set_normal", "set_expedited", "set_deferred", "cas",
};

static atomic_int stop;
static atomic_uint next_seq;
static atomic_int delay_ms;		/* what the hook is set to now */
static atomic_ulong reads, preads, sleeping_reads;
static atomic_ulong torn, backwards, errors;
static atomic_ulong changes[W_KINDS], cas_stale;

static unsigned int seconds = 5, nreaders = 4, nwriters = 2;
static unsigned long seed;

static long long now_ms(void)
{
	return srcu_config_now_ns() / 1000000;
}

static size_t make_config(char *buf, unsigned int seq)
{
	size_t len = 16 + (seq * 7919u) % (MAX_CONFIG - 16), i;

	snprintf(buf, 16, "seq=%010u\n", seq);
	for (i = 15; i < len; i++)
		buf[i] = (char)('a' + (seq + i) % 26);
	return len;
}

static int describes_itself(const char *buf, size_t len)
{
	unsigned int seq;
	size_t i;

	/* Not one of ours: what was there before the first change. */
	if (len < 15 || strncmp(buf, "seq=", 4))
		return -1;
	if (sscanf(buf, "seq=%10u", &seq) != 1 ||
	    len != 16 + (seq * 7919u) % (MAX_CONFIG - 16))
		return 0;
	for (i = 15; i < len; i++)
		if (buf[i] != (char)('a' + (seq + i) % 26))
			return 0;
	return 1;
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

static void *reader(void *arg)
{
	static __thread char buf[MAX_CONFIG + 64];
	unsigned int rnd = (unsigned int)(uintptr_t)arg;
	int fd = srcu_config_open(NULL, O_RDONLY);
	int ours = 0, self;
	__u64 last = 0;

	if (fd < 0) {
		fail("open", -fd);
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
			ssize_t n = pread(fd, buf, sizeof(buf), 0);

			if (n < 0) {
				fail("pread", errno);
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
	return NULL;
}

static void *writer(void *arg)
{
	static __thread char buf[MAX_CONFIG];
	unsigned int rnd = (unsigned int)(uintptr_t)arg;
	int fd = srcu_config_open(NULL, O_RDWR);
	__u64 last = 0;

	if (fd < 0) {
		fail("open", -fd);
		return NULL;
	}
	while (!atomic_load(&stop)) {
		int kind = rand_r(&rnd) % W_KINDS;
		size_t len = make_config(buf, atomic_fetch_add(&next_seq, 1));
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
	}
	close(fd);
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
	pthread_t threads[2 * MAX_THREADS + 1];
	struct srcu_config_info before, after;
	unsigned long total = 0;
	unsigned int i, n = 0;
	int opt, tries, ok;

	while ((opt = getopt(argc, argv, "d:r:w:s:")) != -1) {
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
		default:
			fprintf(stderr, "usage: %s [-d SECONDS] [-r READERS] [-w WRITERS] [-s SEED]\n",
				argv[0]);
			return 2;
		}
	}
	if (!nreaders || nreaders > MAX_THREADS || !nwriters ||
	    nwriters > MAX_THREADS) {
		fprintf(stderr, "hammer: 1 to %d readers and writers\n", MAX_THREADS);
		return 2;
	}
	if (!seed)
		seed = (unsigned long)time(NULL) ^ getpid();
	printf("@@ hammer start seed=%lu seconds=%u readers=%u writers=%u\n",
	       seed, seconds, nreaders, nwriters);
	fflush(stdout);
	if (info_of(&before)) {
		perror("hammer: INFO");
		return 1;
	}

	for (i = 0; i < nreaders; i++)
		pthread_create(&threads[n++], NULL, reader,
			       (void *)(uintptr_t)(seed + i));
	for (i = 0; i < nwriters; i++)
		pthread_create(&threads[n++], NULL, writer,
			       (void *)(uintptr_t)(seed + 100 + i));
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
	ok = !atomic_load(&torn) && !atomic_load(&backwards) &&
	     !atomic_load(&errors) && total && atomic_load(&reads) &&
	     after.generation - before.generation == total &&
	     !after.deferred_pending;

	printf("@@ hammer reads=%lu preads=%lu sleeping_reads=%lu",
	       atomic_load(&reads), atomic_load(&preads),
	       atomic_load(&sleeping_reads));
	for (i = 0; i < W_KINDS; i++)
		printf(" %s=%lu", kind_names[i], atomic_load(&changes[i]));
	printf(" cas_stale=%lu changes=%lu generations=%llu deferred_pending=%llu torn=%lu backwards=%lu errors=%lu result=%s\n",
	       atomic_load(&cas_stale), total,
	       (unsigned long long)(after.generation - before.generation),
	       (unsigned long long)after.deferred_pending,
	       atomic_load(&torn), atomic_load(&backwards),
	       atomic_load(&errors), ok ? "SUCCESS" : "FAILURE");
	return ok ? 0 : 1;
}
