// SPDX-License-Identifier: GPL-2.0
/*
 * grace_period: synchronize(), synchronize_expedited() and the polled
 * cookies (get_state(), start_poll(), poll()) of a domain, against reader
 * threads asleep inside their critical sections; and the race the
 * two-index algorithm exists for, made deterministic.
 */
#include <thread>
#include <vector>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class grace_period : public srcu_test {};

TEST_F(grace_period, synchronize_waits_for_sleeping_reader)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_sync", [] {}));

	sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	/* The reader is asleep in its critical section: this must wait. */
	d.synchronize();
	EXPECT_TRUE(reader.left())
		<< "synchronize returned before the sleeping reader left";
}

TEST_F(grace_period, synchronize_expedited_waits_for_sleeping_reader)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_sync_exp", [] {}));

	sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	d.synchronize_expedited();
	EXPECT_TRUE(reader.left())
		<< "synchronize_expedited returned before the sleeping reader left";
}

TEST_F(grace_period, other_domain_reader_does_not_block)
{
	host_domain held, other;

	ASSERT_EQ(0, held.init("host_held", [] {}));
	ASSERT_EQ(0, other.init("host_other", [] {}));

	/* Inside until released: provably still inside below. */
	sleeping_reader reader(held);

	ASSERT_TRUE(reader.start_until_released());
	other.synchronize();
	other.synchronize_expedited();
	EXPECT_TRUE(!reader.left() && !reader.gave_up())
		<< "the reader of the other domain left on its own: test is void";
	reader.release();
	reader.join();
	EXPECT_TRUE(reader.left());
}

TEST_F(grace_period, start_poll_waits_for_reader)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_poll", [] {}));

	sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_until_released());

	auto cookie = d.start_poll();

	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "a polled grace period ended with a reader inside";
	EXPECT_FALSE(reader.left()) << "the reader left before being released: test is void";
	reader.release();
	EXPECT_TRUE(completes_within(d, cookie))
		<< "the polled grace period did not end after the reader left";
	EXPECT_TRUE(reader.left()) << "poll() said done before the reader left";
}

TEST_F(grace_period, get_state_then_synchronize_polls_done)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_state", [] {}));

	/* get_state() starts nothing: the cookie stays pending on its own. */
	auto cookie = d.get_state();

	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "a get_state() cookie was done before any grace period";
	d.synchronize();
	EXPECT_TRUE(d.poll(cookie)) << "not done after synchronize()";

	auto expedited = d.get_state();

	EXPECT_FALSE(d.poll(expedited));
	d.synchronize_expedited();
	EXPECT_TRUE(d.poll(expedited)) << "not done after synchronize_expedited()";
}

/*
 * A cookie taken while a grace period is already in progress is not done
 * by that one: the reader that entered just before the cookie may have
 * been missed by it. A grace period held open by one reader, a second
 * reader, a cookie: releasing the first ends that grace period, but the
 * cookie must wait for the second.
 */
TEST_F(grace_period, cookie_needs_a_grace_period_that_starts_after_it)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_cookie_order", [] {}));

	sleeping_reader first(d);

	ASSERT_TRUE(first.start_until_released());

	auto in_progress = d.start_poll();

	/*
	 * Wait until that grace period has flipped the index and waits for
	 * the first reader: the second then counts on the new index.
	 */
	ASSERT_EQ(0u, d.srcu()->completed_grace_periods());
	ASSERT_TRUE(wait_until([&] { return d.srcu()->current_index() == 1; }));

	sleeping_reader second(d);

	ASSERT_TRUE(second.start_until_released());

	auto after = d.start_poll();

	first.release();
	EXPECT_TRUE(completes_within(d, in_progress));
	EXPECT_TRUE(stays_incomplete(d, after))
		<< "a cookie was done by a grace period already in progress";
	second.release();
	EXPECT_TRUE(completes_within(d, after));
	EXPECT_TRUE(second.left());
}

/*
 * The race the first wait of a grace period exists for: a reader that
 * sampled the index before the previous flip and counted itself after
 * that grace period looked. It sits on the index that is no longer
 * current, and it may hold a pointer this grace period must protect.
 */
TEST_F(grace_period, reader_on_stale_index_is_waited_for)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_stale_index", [] {}));
	d.synchronize();	/* some flips behind it */

	std::atomic<bool> left{false};
	int index = d.srcu()->down_read_on_stale_index();
	std::thread stale([&] {
		sleep_ms(reader_sleep_ms);
		left.store(true);
		d.srcu()->up_read(index);
	});

	d.synchronize();
	EXPECT_TRUE(left.load())
		<< "synchronize returned under a reader counted on the stale index";
	stale.join();
}

/* Many waiters at once: each returns only after its own grace period. */
TEST_F(grace_period, concurrent_synchronize_calls)
{
	constexpr int waiters = 4;
	host_domain d;

	ASSERT_EQ(0, d.init("host_sync_many", [] {}));

	sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));

	std::atomic<int> returned_before_reader_left{0};
	std::vector<std::thread> threads;

	for (int i = 0; i < waiters; i++)
		threads.emplace_back([&, i] {
			if (i % 2)
				d.synchronize_expedited();
			else
				d.synchronize();
			if (!reader.left())
				returned_before_reader_left.fetch_add(1);
		});
	for (std::thread &t : threads)
		t.join();
	EXPECT_EQ(0, returned_before_reader_left.load());
}

/* A grace-period wait inside a reader of the same domain is a deadlock. */
TEST_F(grace_period, synchronize_inside_own_reader_is_fatal)
{
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	EXPECT_DEATH({
		host_domain d;

		if (d.init("host_self_deadlock", [] {}) == 0) {
			auto g = d.read_lock();

			d.synchronize();
		}
	}, "synchronize_srcu\\(\\) inside a reader of domain 'host_self_deadlock'");
}

} // namespace
