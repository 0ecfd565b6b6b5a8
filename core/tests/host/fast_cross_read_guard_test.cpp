// SPDX-License-Identifier: GPL-2.0
/*
 * fast_cross_read_guard: the SRCU-fast-updown flavour, a fast read-side
 * critical section that one thread enters and another leaves
 * (srcu_down_read_fast()/srcu_up_read_fast() in the kernel). As for
 * fast_guard, the host backend shares the normal implementation: these
 * cases prove the template logic.
 */
#include <atomic>
#include <memory>
#include <thread>
#include <type_traits>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class fast_cross_read_guard : public srcu_test {};

static_assert(!std::is_copy_constructible_v<host_fast_cross_read_guard>);
static_assert(!std::is_copy_assignable_v<host_fast_cross_read_guard>);
static_assert(std::is_nothrow_move_constructible_v<host_fast_cross_read_guard>);
static_assert(!std::is_move_assignable_v<host_fast_cross_read_guard>);
static_assert(!std::is_default_constructible_v<host_fast_cross_read_guard>);
static_assert(std::is_same_v<decltype(std::declval<host_fast_updown_domain &>().down_read()),
			     host_fast_cross_read_guard>);
/* A flavour of its own: neither the fast nor the normal domain's ref. */
static_assert(!std::is_base_of_v<srcu_cxx::fast_domain_ref, host_fast_updown_domain>);
static_assert(!std::is_base_of_v<host_domain_ref, host_fast_updown_domain>);
static_assert(!std::is_convertible_v<host_fast_read_guard &&, host_fast_cross_read_guard>);

struct record {
	int value;
};

TEST_F(fast_cross_read_guard, released_in_another_thread)
{
	host_fast_updown_domain d;

	ASSERT_EQ(0, d.init("host_fast_cross", [] {}));

	auto taken = d.down_read();
	std::atomic<bool> left{false};

	EXPECT_TRUE(d.owns(taken));
	std::thread unlocker([g = srcu_cxx::move(taken), &left]() mutable {
		sleep_ms(reader_sleep_ms);
		left.store(true);
		g.unlock();
		g.unlock();	/* idempotent */
	});

	EXPECT_FALSE(d.owns(taken)) << "the moved-from guard holds nothing";
	d.synchronize();
	EXPECT_TRUE(left.load())
		<< "synchronize returned before the other thread ended the section";
	unlocker.join();
	EXPECT_EQ(0, d.srcu()->readers_inside());
}

TEST_F(fast_cross_read_guard, outlives_the_thread_that_took_it)
{
	host_fast_updown_domain d;

	ASSERT_EQ(0, d.init("host_fast_cross_exit", [] {}));

	std::unique_ptr<host_fast_cross_read_guard> left_behind;

	std::thread([&] {
		left_behind = std::make_unique<host_fast_cross_read_guard>(d.down_read());
	}).join();
	ASSERT_TRUE(left_behind && d.owns(*left_behind));

	auto cookie = d.start_poll();

	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "the section ended with the thread that entered it";
	left_behind.reset();
	EXPECT_TRUE(completes_within(d, cookie));
}

TEST_F(fast_cross_read_guard, dereferences_its_domains_pointer)
{
	host_fast_updown_domain d;
	host_mutex writer;
	srcu_cxx::protected_ptr<record, srcu_cxx::fast_updown_domain_ref> slot(d, writer);

	ASSERT_EQ(0, d.init("host_fast_cross_ptr", [] {}));
	writer.init("host_fast_cross_writer", [] {});
	{
		auto held = writer.lock();

		EXPECT_EQ(nullptr, slot.replace(new record{1}, held));
	}

	auto g = d.down_read();
	const record *r = slot.get(g);

	ASSERT_NE(nullptr, r);
	EXPECT_EQ(1, r->value);
	g.unlock();

	record *old;
	{
		auto held = writer.lock();

		old = slot.replace(nullptr, held);
	}
	d.synchronize();
	delete old;
	EXPECT_EQ(teardown_result::clean, d.teardown());
}

} // namespace
