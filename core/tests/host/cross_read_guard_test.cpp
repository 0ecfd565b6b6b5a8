// SPDX-License-Identifier: GPL-2.0
/*
 * cross_read_guard: a read-side critical section that one thread enters
 * and another leaves (srcu_down_read()/srcu_up_read() in the kernel).
 */
#include <atomic>
#include <memory>
#include <thread>
#include <type_traits>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class cross_read_guard : public srcu_test {};

static_assert(!std::is_copy_constructible_v<host_cross_read_guard>);
static_assert(!std::is_copy_assignable_v<host_cross_read_guard>);
static_assert(std::is_nothrow_move_constructible_v<host_cross_read_guard>);
static_assert(!std::is_move_assignable_v<host_cross_read_guard>);

TEST_F(cross_read_guard, released_in_another_thread)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_cross", [] {}));

	auto taken = d.down_read();
	std::atomic<bool> left{false};

	EXPECT_TRUE(taken.holds(d.srcu()));

	/* The section is the other thread's now: it sleeps in it, then ends it. */
	std::thread unlocker([g = srcu_cxx::move(taken), &left]() mutable {
		sleep_ms(reader_sleep_ms);
		left.store(true);
		g.unlock();
		g.unlock();	/* idempotent, like read_guard's */
	});

	EXPECT_FALSE(taken.holds(d.srcu())) << "the moved-from guard holds nothing";
	d.synchronize();
	EXPECT_TRUE(left.load())
		<< "synchronize returned before the other thread ended the section";
	unlocker.join();
	EXPECT_EQ(0, d.srcu()->readers_inside());
}

TEST_F(cross_read_guard, outlives_the_thread_that_took_it)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_cross_exit", [] {}));

	std::unique_ptr<host_cross_read_guard> left_behind;

	/* The thread that entered exits; its section does not end with it. */
	std::thread([&] {
		left_behind = std::make_unique<host_cross_read_guard>(d.down_read());
	}).join();
	ASSERT_TRUE(left_behind && left_behind->holds(d.srcu()));

	auto cookie = d.start_poll();

	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "the section ended with the thread that entered it";
	left_behind.reset();	/* ended here, in another thread */
	EXPECT_TRUE(completes_within(d, cookie));
}

/* Both kinds of reader hold the same grace periods back. */
TEST_F(cross_read_guard, mixes_with_read_guards)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_cross_mixed", [] {}));

	auto plain = d.read_lock();
	auto cross = d.down_read();
	auto cookie = d.start_poll();

	plain.unlock();
	EXPECT_TRUE(stays_incomplete(d, cookie)) << "the cross guard did not hold it";
	cross.unlock();
	EXPECT_TRUE(completes_within(d, cookie));
}

} // namespace
