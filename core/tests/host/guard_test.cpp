// SPDX-License-Identifier: GPL-2.0
/*
 * guard: read_guard, the read-side critical section as an object. "Held"
 * is shown the way SRCU defines it: a grace period started while the
 * guard is held cannot end until it is released. These cases take guards
 * in the test's own thread and only poll grace periods of a domain whose
 * guard they hold (waiting for one there would deadlock).
 */
#include <optional>
#include <type_traits>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class guard : public srcu_test {};

/* RAII and move-only, as the API says; compile_fail/ shows the misuse. */
static_assert(!std::is_copy_constructible_v<host_read_guard>);
static_assert(!std::is_copy_assignable_v<host_read_guard>);
static_assert(std::is_nothrow_move_constructible_v<host_read_guard>);
static_assert(!std::is_move_assignable_v<host_read_guard>);
static_assert(!std::is_default_constructible_v<host_read_guard>);

/* A guard made in one function and returned: the section goes with it. */
host_domain::guard enter(host_domain &d)
{
	auto g = d.read_lock();

	return g;
}

TEST_F(guard, holds_until_unlock)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_guard", [] {}));

	auto g = d.read_lock();

	EXPECT_TRUE(d.owns(g));
	EXPECT_TRUE(g.index() == 0 || g.index() == 1);
	EXPECT_EQ(1, d.srcu()->readers_inside());

	auto cookie = d.start_poll();

	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "a grace period ended while a guard was held";
	g.unlock();
	EXPECT_FALSE(d.owns(g)) << "an unlocked guard holds nothing";
	EXPECT_TRUE(completes_within(d, cookie))
		<< "no grace period ended after the guard was released";
	EXPECT_EQ(0, d.srcu()->readers_inside());
}

TEST_F(guard, released_at_end_of_scope)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_guard_scope", [] {}));
	{
		auto g = d.read_lock();

		EXPECT_EQ(1, d.srcu()->readers_inside());
	}
	EXPECT_EQ(0, d.srcu()->readers_inside());
	d.synchronize();	/* would deadlock if the section were still open */
}

TEST_F(guard, early_unlock_is_idempotent)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_guard_unlock", [] {}));
	{
		auto g = d.read_lock();

		g.unlock();
		g.unlock();	/* must not release a second time */
	}			/* nor must the destructor */
	EXPECT_EQ(0, d.srcu()->readers_inside()) << "the counts are unbalanced";

	/* And the next reader still holds a grace period back. */
	sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	d.synchronize();
	EXPECT_TRUE(reader.left())
		<< "after a double unlock, synchronize no longer waits for a reader";
}

TEST_F(guard, move_transfers_ownership)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_guard_move", [] {}));

	auto first = d.read_lock();
	int index = first.index();
	auto cookie = d.start_poll();
	auto second = srcu_cxx::move(first);

	EXPECT_FALSE(d.owns(first)) << "the moved-from guard gave up the section";
	EXPECT_TRUE(d.owns(second));
	EXPECT_EQ(index, second.index()) << "the index moved with it";
	first.unlock();	/* holds nothing: releases nothing */
	EXPECT_EQ(1, d.srcu()->readers_inside());
	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "unlocking a moved-from guard ended the section";

	auto third = srcu_cxx::move(second);

	second.unlock();
	EXPECT_TRUE(stays_incomplete(d, cookie)) << "a second move lost the section";
	third.unlock();
	EXPECT_TRUE(completes_within(d, cookie));

	/* Returned from a function, a guard still holds the section. */
	auto returned = enter(d);
	auto later = d.start_poll();

	EXPECT_TRUE(d.owns(returned));
	EXPECT_TRUE(stays_incomplete(d, later))
		<< "a grace period ended under a returned guard";
	returned.unlock();
	EXPECT_TRUE(completes_within(d, later));
}

TEST_F(guard, nested_guards_of_one_domain)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_guard_nested", [] {}));

	/* Inner released first: the outer one still holds the section. */
	{
		auto outer = d.read_lock();
		auto inner = d.read_lock();
		auto cookie = d.start_poll();

		EXPECT_TRUE(d.owns(outer) && d.owns(inner));
		inner.unlock();
		EXPECT_TRUE(stays_incomplete(d, cookie))
			<< "releasing the inner guard ended the outer section";
		outer.unlock();
		EXPECT_TRUE(completes_within(d, cookie));
	}

	/* Released in the order taken: the same, the other way round. */
	{
		auto outer = d.read_lock();
		auto inner = d.read_lock();
		auto cookie = d.start_poll();

		outer.unlock();
		EXPECT_TRUE(stays_incomplete(d, cookie))
			<< "releasing the outer guard ended the inner section";
		inner.unlock();
		EXPECT_TRUE(completes_within(d, cookie));
	}
}

TEST_F(guard, guards_of_two_domains)
{
	host_domain a, b;

	ASSERT_EQ(0, a.init("host_guard_a", [] {}));
	ASSERT_EQ(0, b.init("host_guard_b", [] {}));

	auto in_a = a.read_lock();
	auto in_b = b.read_lock();

	EXPECT_TRUE(a.owns(in_a) && !a.owns(in_b)) << "a's guard is a's alone";
	EXPECT_TRUE(b.owns(in_b) && !b.owns(in_a)) << "b's guard is b's alone";

	auto cookie_a = a.start_poll();
	auto cookie_b = b.start_poll();

	in_a.unlock();
	EXPECT_TRUE(completes_within(a, cookie_a))
		<< "a's grace period waited for a guard of b";
	EXPECT_FALSE(b.poll(cookie_b)) << "b's grace period ended with b's guard held";
	in_b.unlock();
	EXPECT_TRUE(completes_within(b, cookie_b));
}

/*
 * A read_guard must be released by the thread that took it (lockdep's
 * rule in the kernel). Moved to another thread and released there, it is
 * reported. The taking thread is a helper that then exits, so that the
 * test's own thread never counts as holding the section.
 */
TEST_F(guard, released_in_another_thread_is_reported)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_guard_wrong_thread", [] {}));

	std::optional<host_read_guard> carried;

	std::thread([&] { carried.emplace(d.read_lock()); }).join();
	ASSERT_TRUE(carried && d.owns(*carried));
	carried->unlock();

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "read_guard released in another thread"))
		<< joined(warnings);
	EXPECT_EQ(0, d.srcu()->readers_inside());
}

} // namespace
