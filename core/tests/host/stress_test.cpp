// SPDX-License-Identifier: GPL-2.0
/*
 * stress: readers check every object they load while a writer replaces
 * and reclaims, in every way the core offers, for about a second
 * (SRCU_HOST_STRESS_MS). Reclamation scribbles over an object before
 * freeing it: a grace period that ended too early shows as a torn object
 * in a reader, and under ThreadSanitizer as a data race between the
 * reader's loads and the scribbling, or under AddressSanitizer as a use
 * after free, even when the reader happened not to notice.
 */
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class stress : public srcu_test {};

constexpr int reader_threads = 3;

[[nodiscard]] std::chrono::milliseconds stress_duration()
{
	const char *ms = std::getenv("SRCU_HOST_STRESS_MS");

	return std::chrono::milliseconds(ms ? std::atoi(ms) : 1000);
}

/* An object whose content says whether it is whole and which it is. */
struct generation : srcu_cxx::retirable {
	static constexpr int words_count = 16;

	explicit generation(unsigned long n) : number(n)
	{
		for (int i = 0; i < words_count; i++)
			words[i] = n * 0x9e3779b97f4a7c15ul + i;
		checksum = sum();
	}

	[[nodiscard]] unsigned long sum() const
	{
		unsigned long s = number;

		for (unsigned long w : words)
			s = s * 31 + w;
		return s;
	}

	[[nodiscard]] bool whole() const
	{
		for (int i = 0; i < words_count; i++)
			if (words[i] != number * 0x9e3779b97f4a7c15ul + i)
				return false;
		return checksum == sum();
	}

	/* Scribble, then free: what a reader must never see. */
	static void reclaim(generation *g) noexcept
	{
		g->number = ~0ul;
		for (unsigned long &w : g->words)
			w = 0x6b6b6b6b6b6b6b6bul;
		delete g;
		reclaimed.fetch_add(1);
	}

	unsigned long number;
	unsigned long words[words_count];
	unsigned long checksum;

	static inline std::atomic<long> reclaimed{0};
};

using generation_ptr = srcu_cxx::protected_ptr<generation>;

/* One reader thread's findings. */
struct reader_tally {
	long loads = 0;
	long torn = 0;
	long went_back = 0;
};

void read_until(host_domain &d, const generation_ptr &current,
		const std::atomic<bool> &done, std::atomic<int> &reading,
		reader_tally &tally)
{
	unsigned long last = 0;

	for (bool first = true; first || !done.load(); first = false) {
		auto g = d.read_lock();
		const generation *seen = current.get(g);

		if (!seen->whole())
			tally.torn++;
		if (seen->number < last)
			tally.went_back++;
		last = seen->number;
		/* Now and then linger inside, so reclaim has to wait for us. */
		if (++tally.loads % 64 == 0)
			std::this_thread::yield();
		if (!seen->whole())
			tally.torn++;
		if (first)
			reading.fetch_add(1);
	}
}

TEST_F(stress, readers_check_objects_while_writer_replaces_and_reclaims)
{
	host_domain d;
	host_mutex writer;
	generation_ptr current(d, writer);

	ASSERT_EQ(0, d.init("host_stress", [] {}));
	writer.init("host_stress_writer", [] {});
	generation::reclaimed.store(0);
	{
		auto w = writer.lock();

		(void)current.replace(new generation(1), w);
	}

	std::atomic<bool> done{false};
	std::atomic<int> reading{0};
	reader_tally tallies[reader_threads];
	std::vector<std::thread> readers;

	for (reader_tally &tally : tallies)
		readers.emplace_back([&] { read_until(d, current, done, reading, tally); });
	/* The clock starts once every reader is reading. */
	EXPECT_TRUE(wait_until([&] { return reading.load() == reader_threads; }));

	auto deadline = std::chrono::steady_clock::now() + stress_duration();
	unsigned long number = 1;
	long freed_here = 0, retired = 0;

	while (std::chrono::steady_clock::now() < deadline) {
		generation *old;

		{
			auto w = writer.lock();

			old = current.replace(new generation(++number), w);
		}
		/* Every way of waiting for the readers, in turn. */
		switch (number % 4) {
		case 0:
			d.synchronize();
			generation::reclaim(old);
			freed_here++;
			break;
		case 1:
			d.synchronize_expedited();
			generation::reclaim(old);
			freed_here++;
			break;
		case 2: {
			auto cookie = d.start_poll();

			while (!d.poll(cookie))
				std::this_thread::yield();
			generation::reclaim(old);
			freed_here++;
			break;
		}
		default:
			d.retire<generation, generation::reclaim>(old);
			retired++;
			break;
		}
	}
	done.store(true);
	for (std::thread &t : readers)
		t.join();
	d.barrier();

	long loads = 0;

	for (const reader_tally &tally : tallies) {
		EXPECT_EQ(0, tally.torn) << "a reader saw a torn or reclaimed object";
		EXPECT_EQ(0, tally.went_back) << "a reader saw an older object after a newer one";
		EXPECT_GT(tally.loads, 0) << "a reader never got to read";
		loads += tally.loads;
	}
	EXPECT_GT(number, 4ul) << "the writer did not get through every kind of reclaim";
	EXPECT_EQ(freed_here + retired, generation::reclaimed.load());
	EXPECT_EQ(0, d.pending_callbacks());
	RecordProperty("loads", std::to_string(loads));
	RecordProperty("generations", std::to_string(number));
	{
		auto w = writer.lock();

		generation::reclaim(current.replace(nullptr, w));
	}
}

/*
 * Every grace-period primitive at once, from several threads, against
 * readers of both kinds: each cookie taken before a synchronize is done
 * after it, every retire is reclaimed, and nothing deadlocks.
 */
TEST_F(stress, grace_period_primitives_from_many_threads)
{
	constexpr int updaters = 3;
	host_domain d;
	std::atomic<bool> done{false};
	std::atomic<long> cookies_not_done{0}, reads{0};
	std::atomic<int> runs{0};
	std::atomic<int> retired{0};

	ASSERT_EQ(0, d.init("host_storm", [] {}));

	std::vector<std::thread> threads;

	threads.emplace_back([&] {
		while (!done.load()) {
			auto g = d.read_lock();

			reads.fetch_add(1);
		}
	});
	threads.emplace_back([&] {
		while (!done.load()) {
			auto cross = d.down_read();

			/* Ended in a thread of its own now and then. */
			if (reads.fetch_add(1) % 128 == 0)
				std::thread([c = srcu_cxx::move(cross)]() mutable { c.unlock(); })
					.join();
		}
	});
	for (int u = 0; u < updaters; u++)
		threads.emplace_back([&, u] {
			for (int round = 0; !done.load(); round++) {
				auto before = d.get_state();
				auto polled = d.start_poll();

				retire_counted(d, new counted(runs));
				retired.fetch_add(1);
				switch ((round + u) % 3) {
				case 0:
					d.synchronize();
					break;
				case 1:
					d.synchronize_expedited();
					break;
				default:
					d.barrier();
					d.synchronize();
					break;
				}
				if (!d.poll(before) || !d.poll(polled))
					cookies_not_done.fetch_add(1);
			}
		});

	EXPECT_TRUE(wait_until([&] { return reads.load() > 0; }));
	std::this_thread::sleep_for(stress_duration() / 2);
	done.store(true);
	for (std::thread &t : threads)
		t.join();
	d.barrier();
	EXPECT_EQ(0, cookies_not_done.load());
	EXPECT_EQ(retired.load(), runs.load());
	EXPECT_EQ(0, d.pending_callbacks());
	EXPECT_GT(reads.load(), 0);
	EXPECT_EQ(0, d.srcu()->readers_inside());
}

} // namespace
