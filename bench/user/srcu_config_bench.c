// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config-bench: userspace load driver of /dev/srcu_config for the
 * benchmark VM (bench/mode-bench.sh). Prints one result line per run,
 * "@@ bench <kind> key=value ...", for scripts/bench.sh to parse.
 *
 *   srcu-config-bench update --mode normal|expedited|deferred --count N
 *                            [--readers R --delay-ms D]
 *	Latency of SET with that reclamation mode, back to back; with R
 *	reader threads looping read(2) that each sleep D ms inside their
 *	critical section (module parameter test_read_delay_ms).
 *
 *   srcu-config-bench reads --threads N --seconds S [--writer]
 *                           [--delay-ms D] [--guard NAME]
 *	N threads pread(2) the whole configuration for S seconds: reads per
 *	second and read latency; with --writer, one more thread SETs
 *	(flags 0) in a loop meanwhile.
 *
 *   srcu-config-bench floor --count PASSES --calls N
 *	A 35-byte pread(2) of the device against /dev/zero and /dev/null.
 *
 *   srcu-config-bench read-through --count PASSES --calls N
 *	With a 300 KiB configuration installed: a read-through in 128 KiB
 *	read(2)s, as GNU cat does, against one pread(2) of all of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include "srcu-config.h"

#define DELAY_PARAM "/sys/module/srcu_config/parameters/test_read_delay_ms"
#define MAX_THREADS 64
#define WARMUP_SETS 3
#define CONFIG_LEN 64

/* ---- time and histograms ------------------------------------------------- */

static uint64_t now_ns(void)
{
	return srcu_config_now_ns();
}

/*
 * Each call is timed with the TSC, converted to ns with a rate measured
 * against CLOCK_MONOTONIC over the whole run. Under QEMU the kernel may
 * stop trusting the TSC mid-run (its clocksource watchdog) and fall back
 * to the HPET, which turns clock_gettime() into a slow system call; the
 * TSC itself stays usable as a counter, and timing with it keeps the
 * measurement as cheap either way.
 */
struct tsc_clock {
	uint64_t ns0, tsc0;
	double ns_per_tick;
};

static void tsc_clock_start(struct tsc_clock *c)
{
	c->ns0 = now_ns();
	c->tsc0 = __rdtsc();
}

/* At least @min_ms after the start, for a rate that means something. */
static void tsc_clock_finish(struct tsc_clock *c, unsigned int min_ms)
{
	uint64_t ns, tsc;

	while ((ns = now_ns()) - c->ns0 < min_ms * 1000000ull)
		usleep(1000);
	tsc = __rdtsc();
	c->ns_per_tick = tsc > c->tsc0 ? (double)(ns - c->ns0) / (tsc - c->tsc0) : 1.0;
}

static uint64_t ticks_to_ns(const struct tsc_clock *c, uint64_t ticks)
{
	return (uint64_t)(ticks * c->ns_per_tick + 0.5);
}

/*
 * Log-linear histogram (of TSC ticks): exact below 64, then 32 buckets
 * per power of two (3% resolution). Bounded memory, so every read can be
 * recorded however many there are.
 */
#define HIST_SUB_BITS 5
#define HIST_LINEAR (2u << HIST_SUB_BITS)
#define HIST_BUCKETS (HIST_LINEAR + (64 - HIST_SUB_BITS - 1) * (1u << HIST_SUB_BITS))

struct hist {
	uint64_t count[HIST_BUCKETS];
	uint64_t total;
	uint64_t max;
};

static unsigned int hist_index(uint64_t v)
{
	unsigned int msb, sub;

	if (v < HIST_LINEAR)
		return v;
	msb = 63 - __builtin_clzll(v);
	sub = (v >> (msb - HIST_SUB_BITS)) & ((1u << HIST_SUB_BITS) - 1);
	return HIST_LINEAR + (msb - HIST_SUB_BITS - 1) * (1u << HIST_SUB_BITS) + sub;
}

/* Middle of bucket @i. */
static uint64_t hist_value(unsigned int i)
{
	unsigned int msb, sub;
	uint64_t low;

	if (i < HIST_LINEAR)
		return i;
	i -= HIST_LINEAR;
	msb = i / (1u << HIST_SUB_BITS) + HIST_SUB_BITS + 1;
	sub = i % (1u << HIST_SUB_BITS);
	low = (1ull << msb) | ((uint64_t)sub << (msb - HIST_SUB_BITS));
	return low + (1ull << (msb - HIST_SUB_BITS)) / 2;
}

static void hist_add(struct hist *h, uint64_t v)
{
	h->count[hist_index(v)]++;
	h->total++;
	if (v > h->max)
		h->max = v;
}

static void hist_merge(struct hist *to, const struct hist *from)
{
	unsigned int i;

	for (i = 0; i < HIST_BUCKETS; i++)
		to->count[i] += from->count[i];
	to->total += from->total;
	if (from->max > to->max)
		to->max = from->max;
}

/* Nearest-rank percentile @q (0..1). */
static uint64_t hist_pct(const struct hist *h, double q)
{
	uint64_t rank, seen = 0;
	unsigned int i;

	if (!h->total)
		return 0;
	rank = (uint64_t)(q * h->total + 0.999999);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < HIST_BUCKETS; i++) {
		seen += h->count[i];
		if (seen >= rank)
			return hist_value(i) < h->max ? hist_value(i) : h->max;
	}
	return h->max;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- the device ---------------------------------------------------------- */

static void die(const char *what)
{
	fprintf(stderr, "srcu-config-bench: %s: %s\n", what, strerror(errno));
	printf("@@ bench error what=%s errno=%d\n", what, errno);
	exit(1);
}

static int open_device(int flags)
{
	int fd = srcu_config_open(NULL, flags);

	if (fd < 0) {
		errno = -fd;
		die("open " SRCU_CONFIG_DEVICE);
	}
	return fd;
}

static void set_read_delay(unsigned int ms)
{
	FILE *f = fopen(DELAY_PARAM, "w");

	if (!f || fprintf(f, "%u\n", ms) < 0 || fclose(f))
		die("write " DELAY_PARAM);
}

/* A small configuration, different each time. */
static void make_config(char *buf, unsigned long n)
{
	memset(buf, '#', CONFIG_LEN);
	snprintf(buf, CONFIG_LEN, "bench.sequence=%lu\nbench.payload=", n);
	buf[CONFIG_LEN - 1] = '\n';
}

static int set_config(int fd, const char *buf, uint64_t flags)
{
	int err = srcu_config_set(fd, buf, CONFIG_LEN, flags, 0, NULL);

	errno = -err;
	return err ? -1 : 0;
}

/* ---- threads ------------------------------------------------------------- */

/* Set by the main thread; the workers load it with __atomic_load_n(). */
static int stop;
static pthread_barrier_t start_line;

struct worker {
	pthread_t thread;
	int fd;
	int timed;		/* record each call's latency */
	uint64_t done;		/* reads or sets completed */
	uint64_t errors;
	struct hist hist;
};

static void *reader_fn(void *arg)
{
	struct worker *w = arg;
	char buf[4096];

	pthread_barrier_wait(&start_line);
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		uint64_t t0 = w->timed ? __rdtsc() : 0;
		ssize_t n = pread(w->fd, buf, sizeof(buf), 0);

		if (n <= 0) {
			w->errors++;
			continue;
		}
		if (w->timed)
			hist_add(&w->hist, __rdtsc() - t0);
		w->done++;
	}
	return NULL;
}

static void *writer_fn(void *arg)
{
	struct worker *w = arg;
	char buf[2][CONFIG_LEN];
	unsigned long n = 0;

	make_config(buf[0], 0);
	make_config(buf[1], 1);
	pthread_barrier_wait(&start_line);
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		uint64_t t0 = __rdtsc();

		if (set_config(w->fd, buf[n++ & 1], 0)) {
			w->errors++;
			continue;
		}
		hist_add(&w->hist, __rdtsc() - t0);
		w->done++;
	}
	return NULL;
}

static struct worker *new_worker(int flags, int timed)
{
	struct worker *w = calloc(1, sizeof(*w));

	if (!w)
		die("calloc");
	w->fd = open_device(flags);
	w->timed = timed;
	return w;
}

static void start(struct worker *w, void *(*fn)(void *))
{
	errno = pthread_create(&w->thread, NULL, fn, w);
	if (errno)
		die("pthread_create");
}

static void finish(struct worker *w)
{
	pthread_join(w->thread, NULL);
	close(w->fd);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---- update ----------------------------------------------------------- */

static int run_update(const char *mode, unsigned int count,
		      unsigned int readers, unsigned int delay_ms)
{
	struct worker *r[MAX_THREADS];
	uint64_t flags, *lat, sum = 0;
	char buf[2][CONFIG_LEN];
	unsigned int i, errors = 0;
	struct tsc_clock clock;
	int fd;

	if (!strcmp(mode, "normal"))
		flags = 0;
	else if (!strcmp(mode, "expedited"))
		flags = SRCU_CONFIG_SET_EXPEDITED;
	else if (!strcmp(mode, "deferred"))
		flags = SRCU_CONFIG_SET_DEFERRED;
	else
		return 2;
	lat = calloc(count, sizeof(*lat));
	if (!lat)
		die("calloc");
	make_config(buf[0], 0);
	make_config(buf[1], 1);
	fd = open_device(O_RDWR);

	pthread_barrier_init(&start_line, NULL, readers + 1);
	__atomic_store_n(&stop, 0, __ATOMIC_RELAXED);
	set_read_delay(readers ? delay_ms : 0);
	for (i = 0; i < readers; i++) {
		r[i] = new_worker(O_RDONLY, 0);
		start(r[i], reader_fn);
	}
	pthread_barrier_wait(&start_line);
	/* Every reader is asleep inside a critical section by now. */
	if (readers)
		sleep_ms(delay_ms / 2 + 1);

	for (i = 0; i < WARMUP_SETS; i++)
		if (set_config(fd, buf[i & 1], flags))
			errors++;
	tsc_clock_start(&clock);
	for (i = 0; i < count; i++) {
		uint64_t t0 = __rdtsc();

		if (set_config(fd, buf[i & 1], flags))
			errors++;
		lat[i] = __rdtsc() - t0;
	}
	tsc_clock_finish(&clock, 100);
	for (i = 0; i < count; i++) {
		lat[i] = ticks_to_ns(&clock, lat[i]);
		sum += lat[i];
	}

	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < readers; i++) {
		finish(r[i]);
		free(r[i]);
	}
	set_read_delay(0);
	close(fd);
	pthread_barrier_destroy(&start_line);

	qsort(lat, count, sizeof(*lat), cmp_u64);
	printf("@@ bench update mode=%s readers=%u delay_ms=%u n=%u errors=%u p50_ns=%llu p99_ns=%llu max_ns=%llu mean_ns=%llu min_ns=%llu\n",
	       mode, readers, readers ? delay_ms : 0, count, errors,
	       (unsigned long long)lat[(count - 1) / 2],
	       (unsigned long long)lat[(count * 99 + 99) / 100 - 1],
	       (unsigned long long)lat[count - 1],
	       (unsigned long long)(sum / count),
	       (unsigned long long)lat[0]);
	fflush(stdout);
	free(lat);
	return errors ? 1 : 0;
}

/* ---- reads --------------------------------------------------------------- */

static int run_reads(const char *guard, unsigned int threads, double seconds,
		     int writer, unsigned int delay_ms)
{
	struct worker *r[MAX_THREADS], *w = NULL;
	struct hist *all = calloc(1, sizeof(*all));
	uint64_t reads = 0, errors = 0, t0, elapsed;
	struct tsc_clock clock;
	unsigned int i;

	if (!all)
		die("calloc");
	pthread_barrier_init(&start_line, NULL, threads + !!writer + 1);
	__atomic_store_n(&stop, 0, __ATOMIC_RELAXED);
	set_read_delay(delay_ms);
	for (i = 0; i < threads; i++) {
		r[i] = new_worker(O_RDONLY, 1);
		start(r[i], reader_fn);
	}
	if (writer) {
		w = new_worker(O_RDWR, 1);
		start(w, writer_fn);
	}
	pthread_barrier_wait(&start_line);
	tsc_clock_start(&clock);
	t0 = clock.ns0;
	sleep_ms((unsigned int)(seconds * 1000));
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	elapsed = now_ns() - t0;
	tsc_clock_finish(&clock, 0);

	for (i = 0; i < threads; i++) {
		finish(r[i]);
		hist_merge(all, &r[i]->hist);
		reads += r[i]->done;
		errors += r[i]->errors;
		free(r[i]);
	}
	if (w) {
		finish(w);
		errors += w->errors;
	}
	set_read_delay(0);
	pthread_barrier_destroy(&start_line);

	printf("@@ bench reads guard=%s threads=%u writer=%d delay_ms=%u seconds=%.3f reads=%llu errors=%llu reads_per_s=%.1f p50_ns=%llu p99_ns=%llu max_ns=%llu",
	       guard, threads, writer, delay_ms, elapsed / 1e9,
	       (unsigned long long)reads, (unsigned long long)errors,
	       reads / (elapsed / 1e9),
	       (unsigned long long)ticks_to_ns(&clock, hist_pct(all, 0.50)),
	       (unsigned long long)ticks_to_ns(&clock, hist_pct(all, 0.99)),
	       (unsigned long long)ticks_to_ns(&clock, all->max));
	if (w)
		printf(" swaps=%llu swaps_per_s=%.1f set_p50_ns=%llu set_p99_ns=%llu",
		       (unsigned long long)w->done, w->done / (elapsed / 1e9),
		       (unsigned long long)ticks_to_ns(&clock, hist_pct(&w->hist, 0.50)),
		       (unsigned long long)ticks_to_ns(&clock, hist_pct(&w->hist, 0.99)));
	printf("\n");
	fflush(stdout);
	free(w);
	free(all);
	return errors ? 1 : 0;
}

/* ---- floor: the device's pread against /dev/zero and /dev/null --------- */

#define FLOOR_BYTES 35

/* Mean ns of @calls preads of FLOOR_BYTES from @fd at offset 0. */
static double floor_pass(int fd, unsigned long calls, ssize_t want)
{
	char buf[FLOOR_BYTES];
	uint64_t t0 = now_ns();
	unsigned long i;

	for (i = 0; i < calls; i++)
		if (pread(fd, buf, sizeof(buf), 0) != want)
			die("floor pread");
	return (double)(now_ns() - t0) / calls;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * One thread, one boot: a FLOOR_BYTES pread of the device's default
 * configuration (exactly that long) against the same pread of /dev/zero
 * (the cheapest read that copies bytes) and of /dev/null (the system call
 * alone), passes interleaved so that drift hits all three alike. The
 * ratio is the median over passes of device / zero.
 */
static int run_floor(unsigned int passes, unsigned long calls)
{
	double dev[64], zero[64], null[64], ratio[64];
	int fd = open_device(O_RDONLY);
	int zfd = open("/dev/zero", O_RDONLY);
	int nfd = open("/dev/null", O_RDONLY);
	struct srcu_config_info info;
	unsigned int i;
	int err;

	if (zfd < 0 || nfd < 0)
		die("open /dev/zero, /dev/null");
	err = srcu_config_info(fd, &info);
	if (err) {
		errno = -err;
		die("info");
	}
	if (info.size != FLOOR_BYTES) {
		printf("@@ bench error what=floor_config_size size=%llu want=%d\n",
		       (unsigned long long)info.size, FLOOR_BYTES);
		return 1;
	}
	if (passes > 64)
		passes = 64;
	/* Warm up caches and the TLB. */
	floor_pass(fd, calls / 10 + 1, FLOOR_BYTES);
	floor_pass(zfd, calls / 10 + 1, FLOOR_BYTES);
	for (i = 0; i < passes; i++) {
		dev[i] = floor_pass(fd, calls, FLOOR_BYTES);
		zero[i] = floor_pass(zfd, calls, FLOOR_BYTES);
		null[i] = floor_pass(nfd, calls, 0);
		ratio[i] = dev[i] / zero[i];
	}
	qsort(dev, passes, sizeof(double), cmp_double);
	qsort(zero, passes, sizeof(double), cmp_double);
	qsort(null, passes, sizeof(double), cmp_double);
	qsort(ratio, passes, sizeof(double), cmp_double);
	printf("@@ bench floor bytes=%d passes=%u calls=%lu device_ns=%.1f zero_ns=%.1f null_ns=%.1f ratio_device_pread_vs_dev_zero=%.3f ratio_min=%.3f ratio_max=%.3f ratios=",
	       FLOOR_BYTES, passes, calls, dev[passes / 2], zero[passes / 2],
	       null[passes / 2], ratio[passes / 2], ratio[0],
	       ratio[passes - 1]);
	/* Every pass's ratio: the host's report puts an interval on them. */
	for (i = 0; i < passes; i++)
		printf("%s%.4f", i ? "," : "", ratio[i]);
	printf("\n");
	fflush(stdout);
	close(nfd);
	close(zfd);
	close(fd);
	return 0;
}

/* ---- read-through: cat-sized reads against one pread ------------------- */

#define THROUGH_BYTES (300u << 10)	/* the configuration installed */
#define THROUGH_CHUNK (128u << 10)	/* GNU cat's buffer (io_blksize) */
#define THROUGH_BUF (512u << 10)	/* room for one pread of it all */

/*
 * One read-through, as GNU cat reads a file it opened once: from offset 0,
 * read(2) of THROUGH_CHUNK until it returns 0. The first call pins the
 * generation (it returns less than all of it); the next ones are served
 * from the pin; the one that returns 0 lets go of it.
 */
static unsigned int read_through(int fd, char *buf)
{
	uint64_t total = 0;
	unsigned int calls = 0;
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) != 0)
		die("read-through lseek");
	do {
		n = read(fd, buf, THROUGH_CHUNK);
		if (n < 0)
			die("read-through read");
		total += n;
		calls++;
	} while (n);
	if (total != THROUGH_BYTES) {
		errno = EIO;
		die("read-through size");
	}
	return calls;
}

/* Mean ns of @calls read-throughs of the whole configuration. */
static double through_pass(int fd, char *buf, unsigned long calls)
{
	uint64_t t0 = now_ns();
	unsigned long i;

	for (i = 0; i < calls; i++)
		read_through(fd, buf);
	return (double)(now_ns() - t0) / calls;
}

/* Mean ns of @calls preads of the whole configuration at offset 0. */
static double whole_pass(int fd, char *buf, unsigned long calls)
{
	uint64_t t0 = now_ns();
	unsigned long i;

	for (i = 0; i < calls; i++)
		if (pread(fd, buf, THROUGH_BUF, 0) != THROUGH_BYTES)
			die("whole pread");
	return (double)(now_ns() - t0) / calls;
}

static uint64_t info_pinned(int fd)
{
	struct srcu_config_info info;
	int err = srcu_config_info(fd, &info);

	if (err) {
		errno = -err;
		die("info");
	}
	return info.pinned;
}

/*
 * One thread, one boot: with a THROUGH_BYTES configuration installed,
 * a read-through in THROUGH_CHUNK reads (lseek to 0, read until 0)
 * against one pread(2) of the whole configuration, on the same open file
 * into the same buffer, in interleaved passes (the order alternating from
 * one pass to the next). The ratio is the median over passes of
 * read-through / pread. The configuration found is put back afterwards.
 */
static int run_read_through(unsigned int passes, unsigned long calls)
{
	double through[64], whole[64], ratio[64];
	int fd = open_device(O_RDWR);
	struct srcu_config_get before;
	void *saved = NULL;
	char *cfg, *buf;
	unsigned int i, reads;
	uint64_t pinned_during, pinned_after;
	ssize_t n;
	int err;

	err = srcu_config_get(fd, &saved, &before);
	if (err) {
		errno = -err;
		die("get");
	}
	cfg = malloc(THROUGH_BYTES);
	buf = malloc(THROUGH_BUF);
	if (!cfg || !buf)
		die("malloc");
	/* Text, as a configuration would be: lines of key=value. */
	for (i = 0; i < THROUGH_BYTES; i += 64) {
		memset(cfg + i, 'x', 64);
		snprintf(cfg + i, 64, "bench.through.key%06u=", i / 64);
		cfg[i + 63] = '\n';
	}
	err = srcu_config_set(fd, cfg, THROUGH_BYTES, 0, 0, NULL);
	if (err) {
		errno = -err;
		die("set 300 KiB");
	}
	memset(buf, 0, THROUGH_BUF);	/* fault the buffer in */

	/* What is measured is the pinned path: check that it pins. */
	if (read(fd, buf, THROUGH_CHUNK) != THROUGH_CHUNK)
		die("read-through first read");
	pinned_during = info_pinned(fd);
	while ((n = read(fd, buf, THROUGH_CHUNK)) > 0)
		;
	if (n < 0)
		die("read-through read");
	pinned_after = info_pinned(fd);
	reads = read_through(fd, buf);
	if (pinned_during != 1 || pinned_after != 0) {
		printf("@@ bench error what=read_through_pin pinned_during=%llu pinned_after=%llu\n",
		       (unsigned long long)pinned_during,
		       (unsigned long long)pinned_after);
		return 1;
	}

	if (passes > 64)
		passes = 64;
	/* Warm up caches and the TLB. */
	through_pass(fd, buf, calls / 10 + 1);
	whole_pass(fd, buf, calls / 10 + 1);
	for (i = 0; i < passes; i++) {
		if (i & 1) {
			whole[i] = whole_pass(fd, buf, calls);
			through[i] = through_pass(fd, buf, calls);
		} else {
			through[i] = through_pass(fd, buf, calls);
			whole[i] = whole_pass(fd, buf, calls);
		}
		ratio[i] = through[i] / whole[i];
	}
	qsort(through, passes, sizeof(double), cmp_double);
	qsort(whole, passes, sizeof(double), cmp_double);
	qsort(ratio, passes, sizeof(double), cmp_double);

	err = srcu_config_set(fd, saved, before.size, 0, 0, NULL);
	if (err) {
		errno = -err;
		die("set back");
	}
	printf("@@ bench read-through bytes=%u chunk=%u reads_per_through=%u passes=%u calls=%lu through_ns=%.1f pread_ns=%.1f ratio_read_through_300k_vs_pread=%.3f ratio_min=%.3f ratio_max=%.3f pinned=%llu\n",
	       THROUGH_BYTES, THROUGH_CHUNK, reads, passes, calls,
	       through[passes / 2], whole[passes / 2], ratio[passes / 2],
	       ratio[0], ratio[passes - 1],
	       (unsigned long long)pinned_during);
	fflush(stdout);
	free(saved);
	free(cfg);
	free(buf);
	close(fd);
	return 0;
}

/* ---- main ---------------------------------------------------------------- */

static void bad_args(void)
{
	fprintf(stderr,
		"%s update --mode normal|expedited|deferred --count N [--readers R --delay-ms D]\n"
		"%s reads --threads N --seconds S [--writer] [--delay-ms D] [--guard NAME]\n"
		"%s floor --count PASSES --calls CALLS_PER_PASS\n"
		"%s read-through --count PASSES --calls CALLS_PER_PASS\n",
		"usage: srcu-config-bench", "       srcu-config-bench",
		"       srcu-config-bench", "       srcu-config-bench");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'c' },
		{ "readers", required_argument, NULL, 'r' },
		{ "delay-ms", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 't' },
		{ "seconds", required_argument, NULL, 's' },
		{ "writer", no_argument, NULL, 'w' },
		{ "guard", required_argument, NULL, 'g' },
		{ "calls", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *mode = "normal", *guard = "srcu";
	unsigned int count = 100, readers = 0, delay_ms = 0, threads = 1;
	unsigned long calls = 100000;
	double seconds = 1.0;
	int writer = 0, opt;

	if (argc < 2)
		bad_args();
	while ((opt = getopt_long(argc - 1, argv + 1, "", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			mode = optarg;
			break;
		case 'c':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			readers = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			delay_ms = strtoul(optarg, NULL, 0);
			break;
		case 't':
			threads = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seconds = strtod(optarg, NULL);
			break;
		case 'w':
			writer = 1;
			break;
		case 'g':
			guard = optarg;
			break;
		case 'n':
			calls = strtoul(optarg, NULL, 0);
			break;
		default:
			bad_args();
		}
	}
	if (readers > MAX_THREADS || !threads || threads > MAX_THREADS ||
	    !count || !calls || seconds <= 0)
		bad_args();

	if (!strcmp(argv[1], "update"))
		return run_update(mode, count, readers, delay_ms);
	if (!strcmp(argv[1], "reads"))
		return run_reads(guard, threads, seconds, writer, delay_ms);
	if (!strcmp(argv[1], "floor"))
		return run_floor(count, calls);
	if (!strcmp(argv[1], "read-through"))
		return run_read_through(count, calls);
	bad_args();
	return 2;
}
