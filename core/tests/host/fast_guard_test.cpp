// SPDX-License-Identifier: GPL-2.0
/*
 * fast_guard: the SRCU-fast flavour, fast_domain and fast_read_guard. The
 * host backend's fast reader shares the normal one's implementation, so
 * what these cases prove is the template logic: the guard is a real
 * critical section (grace periods wait for it, asleep or not), moves,
 * unlocks once, dereferences a protected_ptr of its domain, and the fast
 * domain's teardown is the ordered one. compile_fail/ shows that flavours
 * do not mix.
 */
#include <atomic>
#include <thread>
#include <type_traits>
#include <vector>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class fast_guard : public srcu_test {};

static_assert(!std::is_copy_constructible_v<host_fast_read_guard>);
static_assert(!std::is_copy_assignable_v<host_fast_read_guard>);
static_assert(std::is_nothrow_move_constructible_v<host_fast_read_guard>);
static_assert(!std::is_move_assignable_v<host_fast_read_guard>);
static_assert(!std::is_default_constructible_v<host_fast_read_guard>);
static_assert(std::is_same_v<decltype(std::declval<host_fast_domain &>().read_lock()),
			     host_fast_read_guard>);
static_assert(std::is_same_v<decltype(std::declval<host_domain &>().read_lock()),
			     host_read_guard>);
/* The flavours are unrelated types: neither domain is the other's ref. */
static_assert(!std::is_base_of_v<host_domain_ref, host_fast_domain>);
static_assert(!std::is_base_of_v<srcu_cxx::fast_domain_ref, host_domain>);
static_assert(!std::is_convertible_v<host_read_guard &&, host_fast_read_guard>);
static_assert(!std::is_convertible_v<host_fast_read_guard &&, host_read_guard>);

host_fast_read_guard enter(host_fast_domain &d)
{
	auto g = d.read_lock();

	return g;
}

struct record {
	int value;
};

bool is_one(const record &r)
{
	return r.value == 1;
}

void scribble_and_free(record *r)
{
	r->value = -1;
	delete r;
}

TEST_F(fast_guard, holds_until_unlock)
{
	host_fast_domain d;

	ASSERT_EQ(0, d.init("host_fast_guard", [] {}));

	auto g = d.read_lock();

	EXPECT_TRUE(d.owns(g));
	EXPECT_EQ(1, d.srcu()->readers_inside());

	auto cookie = d.start_poll();

	EXPECT_TRUE(stays_incomplete(d, cookie))
		<< "a grace period ended while a fast guard was held";
	g.unlock();
	EXPECT_FALSE(d.owns(g)) << "an unlocked fast guard holds nothing";
	g.unlock();	/* a second unlock is a no-op */
	EXPECT_TRUE(completes_within(d, cookie))
		<< "no grace period ended after the fast guard was released";
	EXPECT_EQ(0, d.srcu()->readers_inside());
}

TEST_F(fast_guard, moves_with_its_section)
{
	host_fast_domain d;

	ASSERT_EQ(0, d.init("host_fast_move", [] {}));
	{
		auto g = enter(d);
		auto moved = std::move(g);

		EXPECT_FALSE(d.owns(g)) << "a moved-from fast guard holds nothing";
		EXPECT_TRUE(d.owns(moved));
		EXPECT_EQ(1, d.srcu()->readers_inside())
			<< "moving a fast guard locked or unlocked again";
	}
	EXPECT_EQ(0, d.srcu()->readers_inside())
		<< "the fast guard was not released at end of scope";
}

TEST_F(fast_guard, synchronize_waits_for_sleeping_reader)
{
	host_fast_domain d;

	ASSERT_EQ(0, d.init("host_fast_sync", [] {}));

	fast_sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	/* The fast reader is asleep in its critical section: this must wait. */
	d.synchronize();
	EXPECT_TRUE(reader.left())
		<< "synchronize returned before the sleeping fast reader left";
}

TEST_F(fast_guard, synchronize_expedited_waits_for_sleeping_reader)
{
	host_fast_domain d;

	ASSERT_EQ(0, d.init("host_fast_expedited", [] {}));

	fast_sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	d.synchronize_expedited();
	EXPECT_TRUE(reader.left())
		<< "synchronize_expedited returned before the sleeping fast reader left";
}

TEST_F(fast_guard, protected_ptr_keeps_object_for_sleeping_reader)
{
	host_fast_domain d;
	host_mutex writer;
	srcu_cxx::protected_ptr<record, srcu_cxx::fast_domain_ref> slot(d, writer);

	ASSERT_EQ(0, d.init("host_fast_keep", [] {}));
	writer.init("host_fast_keep_writer", [] {});

	record *first = new record{1};
	record *old;

	{
		auto w = writer.lock();

		(void)slot.replace(first, w);
	}

	object_reader<record, is_one, srcu_cxx::fast_domain_ref> reader(slot);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	{
		auto w = writer.lock();

		old = slot.replace(new record{2}, w);
	}
	EXPECT_EQ(first, old);
	EXPECT_EQ(first, reader.seen());
	d.synchronize();
	EXPECT_TRUE(reader.left())
		<< "synchronize returned while a fast reader still held the old record";
	scribble_and_free(old);
	reader.join();
	EXPECT_TRUE(reader.intact())
		<< "the fast reader's record changed or was freed while it held it";
	{
		auto w = writer.lock();

		old = slot.replace(nullptr, w);
	}
	d.synchronize();
	delete old;
}

TEST_F(fast_guard, dereference_outside_guard_is_reported)
{
	host_fast_domain d;
	host_mutex writer;
	srcu_cxx::protected_ptr<record, srcu_cxx::fast_domain_ref> slot(d, writer);

	ASSERT_EQ(0, d.init("host_fast_stale", [] {}));
	writer.init("host_fast_stale_writer", [] {});

	auto g = d.read_lock();

	g.unlock();
	(void)slot.get(g);

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "guard of another domain"))
		<< joined(warnings);
}

TEST_F(fast_guard, teardown_waits_for_reader_then_runs_callbacks)
{
	host_fast_domain d;
	std::atomic<int> runs{0};
	constexpr int retires = 8;

	ASSERT_EQ(0, d.init("host_fast_teardown", [] {}));

	fast_sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	for (int i = 0; i < retires; i++)
		retire_counted(d, new counted(runs));
	EXPECT_EQ(retires, d.pending_callbacks());
	/* synchronize (the reader), barrier (the deleters), cleanup. */
	EXPECT_EQ(teardown_result::clean, d.teardown());
	EXPECT_TRUE(reader.left()) << "teardown returned before the fast reader left";
	EXPECT_EQ(retires, runs.load()) << "teardown returned before every deleter ran";
	EXPECT_EQ(0, d.pending_callbacks());
	EXPECT_EQ(teardown_result::not_initialised, d.teardown());
}

/*
 * A fast domain's srcu_struct is part of it: with a reader stuck inside,
 * teardown reports every bound and keeps waiting (no abandoning: that
 * would free what the reader's unlock touches), and finishes cleanly once
 * the reader leaves.
 */
TEST_F(fast_guard, stuck_reader_keeps_teardown_waiting)
{
	constexpr unsigned int bound_ms = host_fast_domain::min_teardown_bound_ms;
	host_fast_domain d;

	ASSERT_EQ(0, d.init("host_fast_stuck", [] {}));
	d.set_teardown_bound_ms(bound_ms);

	fast_sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_until_released());

	std::atomic<bool> returned{false};
	teardown_result result = teardown_result::not_initialised;
	std::thread tearer([&] {
		result = d.teardown();
		returned.store(true);
	});

	std::vector<srcu_cxx::host::stuck_reader_report> reports;
	auto collect = [&] {
		for (auto &report : srcu_cxx::host::take_stuck_reader_reports())
			reports.push_back(report);
		return reports.size() >= 3;
	};

	EXPECT_TRUE(wait_until(collect)) << "teardown did not report the stuck reader";
	EXPECT_FALSE(returned.load()) << "teardown returned with a reader inside";
	EXPECT_TRUE(!reader.left() && !reader.gave_up())
		<< "the reader left before being released: test is void";
	reader.release();
	tearer.join();
	EXPECT_EQ(teardown_result::clean, result);
	EXPECT_TRUE(reader.left());
	for (size_t i = 0; i < reports.size(); i++) {
		EXPECT_EQ("host_fast_stuck", reports[i].name);
		EXPECT_EQ(bound_ms * (i + 1), reports[i].waited_ms);
		EXPECT_TRUE(reports[i].in_place);
		EXPECT_FALSE(reports[i].abandoning);
	}
	EXPECT_TRUE(srcu_cxx::host::take_abandoned().empty());
}

TEST_F(fast_guard, destructor_is_the_ordered_teardown)
{
	std::atomic<int> runs{0};
	constexpr int retires = 4;

	{
		host_fast_domain d;

		ASSERT_EQ(0, d.init("host_fast_destructor", [] {}));

		auto g = d.read_lock();

		for (int i = 0; i < retires; i++)
			retire_counted(d, new counted(runs));
		g.unlock();
	}
	EXPECT_EQ(retires, runs.load()) << "deleters run when the destructor returned";
}

TEST_F(fast_guard, second_init_is_refused)
{
	host_fast_domain d;

	ASSERT_EQ(0, d.init("host_fast_twice", [] {}));
	EXPECT_EQ(backend::error_busy, d.init("host_fast_twice", [] {}));

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "initialised twice")) << joined(warnings);
}

} // namespace
