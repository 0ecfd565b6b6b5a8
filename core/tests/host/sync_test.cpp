// SPDX-License-Identifier: GPL-2.0
/*
 * sync: the writer mutex with its scoped guard, including the interrupted
 * form whose guard holds nothing.
 */
#include <atomic>
#include <cerrno>
#include <thread>
#include <type_traits>
#include <vector>

#include "helpers.hpp"
#include "host/faults.hpp"

namespace {

using namespace host_tests;

class sync : public srcu_test {};

static_assert(!std::is_copy_constructible_v<srcu_cxx::mutex_guard>);
static_assert(!std::is_move_assignable_v<srcu_cxx::mutex_guard>);
static_assert(!std::is_copy_constructible_v<host_mutex>);
static_assert(!std::is_move_constructible_v<host_mutex>);

TEST_F(sync, mutex_guard_excludes_and_releases)
{
	constexpr int threads_count = 4, rounds = 2000;
	host_mutex m;
	long shared = 0;	/* plain: the mutex is what makes this race-free */

	m.init("host_sync_mutex", [] {});

	std::vector<std::thread> threads;

	for (int t = 0; t < threads_count; t++)
		threads.emplace_back([&] {
			for (int i = 0; i < rounds; i++) {
				auto held = m.lock();

				EXPECT_TRUE(held.holds(m));
				shared++;
			}
		});
	for (std::thread &t : threads)
		t.join();
	EXPECT_EQ(threads_count * rounds, shared);
	EXPECT_FALSE(m.state().held_by_this_thread());

	auto moved_from = m.lock();
	auto moved_to = srcu_cxx::move(moved_from);

	EXPECT_FALSE(moved_from) << "a moved-from guard holds nothing";
	EXPECT_TRUE(moved_to && moved_to.holds(m));
	EXPECT_EQ(&m, &moved_to.lock());
}

TEST_F(sync, interrupted_lock_holds_nothing)
{
	host_mutex m;
	int err = 1;

	m.init("host_sync_interruptible", [] {});
	srcu_cxx::host::interrupt_next_lock();
	{
		auto g = m.lock_interruptible(&err);

		EXPECT_EQ(-EINTR, err);
		EXPECT_FALSE(g);
		EXPECT_FALSE(g.holds(m));
		EXPECT_FALSE(m.state().held_by_this_thread());
	}
	{
		auto g = m.lock_interruptible(&err);

		EXPECT_EQ(0, err);
		EXPECT_TRUE(g && g.holds(m));
		EXPECT_TRUE(m.state().held_by_this_thread());
	}
	EXPECT_FALSE(m.state().held_by_this_thread());
}

} // namespace
