// SPDX-License-Identifier: GPL-2.0
/*
 * protected_ptr: publication and replacement of an SRCU-protected
 * pointer, what readers and the updater see, that an object a reader
 * holds survives its replacement until the grace period, and the debug
 * checks: a guard of another domain, an update under the wrong lock.
 */
#include <atomic>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "helpers.hpp"
#include "core/tests/record.hpp"

namespace {

using namespace host_tests;

class protected_ptr : public srcu_test {};

struct payload {
	int value;
};

using payload_ptr = srcu_cxx::protected_ptr<payload>;

/* The rvalue overloads are deleted: a temporary guard proves nothing. */
template <typename Ptr, typename Guard>
concept gettable_with_temporary = requires(Ptr &p, Guard &&g) {
	p.get(static_cast<Guard &&>(g));
};
static_assert(!gettable_with_temporary<payload_ptr, host_read_guard>);
static_assert(!gettable_with_temporary<payload_ptr, srcu_cxx::mutex_guard>);
/* Readers get a pointer to const, the updater a mutable one. */
static_assert(std::is_same_v<const payload *,
			     decltype(std::declval<const payload_ptr &>().get(
				     std::declval<const host_read_guard &>()))>);
static_assert(std::is_same_v<payload *,
			     decltype(std::declval<const payload_ptr &>().get(
				     std::declval<const srcu_cxx::mutex_guard &>()))>);

/* A heap object with content a reader can verify word by word. */
using srcu_test::record;
using record_ptr = srcu_cxx::protected_ptr<record>;

record *make_record(unsigned int generation)
{
	auto *r = new record;

	r->fill(generation);
	return r;
}

bool is_first(const record &r)
{
	return r.is_generation(1);
}

/* What freeing does to a record, so a reader that still looks can tell. */
void scribble_and_free(record *r)
{
	r->scribble();
	delete r;
}

TEST_F(protected_ptr, replace_returns_previous_object)
{
	host_domain d;
	host_mutex writer;
	payload_ptr slot(d, writer);
	payload first{1}, second{2};

	ASSERT_EQ(0, d.init("host_ptr", [] {}));
	writer.init("host_ptr_writer", [] {});
	{
		auto w = writer.lock();

		EXPECT_EQ(nullptr, slot.get(w)) << "a new slot is empty";
		EXPECT_EQ(nullptr, slot.replace(&first, w));
		EXPECT_EQ(&first, slot.replace(&second, w));
		EXPECT_EQ(&second, slot.replace(nullptr, w));
		EXPECT_EQ(nullptr, slot.get(w));
	}
	EXPECT_EQ(&d, &slot.domain());
	d.synchronize();
}

TEST_F(protected_ptr, reader_and_updater_views)
{
	host_domain d;
	host_mutex writer;
	payload_ptr slot(d, writer);
	payload first{1}, second{2};

	ASSERT_EQ(0, d.init("host_views", [] {}));
	writer.init("host_views_writer", [] {});
	{
		auto w = writer.lock();

		(void)slot.replace(&first, w);
	}
	{
		auto g = d.read_lock();
		const payload *seen = slot.get(g);

		EXPECT_EQ(&first, seen);
		{
			auto w = writer.lock();

			EXPECT_EQ(&first, slot.replace(&second, w));
			EXPECT_EQ(&second, slot.get(w)) << "the updater sees the new object";
			EXPECT_EQ(2, slot.get(w)->value);
		}
		/* Loaded before the replace: still the first object. */
		EXPECT_EQ(1, seen->value);

		auto later = d.read_lock();

		EXPECT_EQ(&second, slot.get(later))
			<< "a reader that loads after the replace sees the new object";
	}
	d.synchronize();
	{
		auto w = writer.lock();

		(void)slot.replace(nullptr, w);
	}
}

TEST_F(protected_ptr, sleeping_reader_keeps_old_object)
{
	host_domain d;
	host_mutex writer;
	record_ptr slot(d, writer);

	ASSERT_EQ(0, d.init("host_keep", [] {}));
	writer.init("host_keep_writer", [] {});

	record *first = make_record(1);
	record *second = make_record(2);

	{
		auto w = writer.lock();

		(void)slot.replace(first, w);
	}

	object_reader<record, is_first> reader(slot);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));

	record *old;

	{
		auto w = writer.lock();

		old = slot.replace(second, w);
	}
	EXPECT_EQ(first, old);
	EXPECT_EQ(first, reader.seen());
	/* The reader is asleep holding the first record: this must wait. */
	d.synchronize();
	EXPECT_TRUE(reader.left())
		<< "synchronize returned while a reader still held the old record";
	scribble_and_free(old);
	reader.join();
	EXPECT_TRUE(reader.intact())
		<< "the reader's record changed or was freed while it held it";
	{
		auto w = writer.lock();

		old = slot.replace(nullptr, w);
	}
	d.synchronize();
	delete old;
}

/*
 * Readers in other threads load and check records while the writer
 * replaces them, waits for a grace period and scribbles over and frees
 * the old one: never a torn or freed record, whatever they catch.
 */
TEST_F(protected_ptr, readers_see_old_or_new_never_torn)
{
	constexpr int readers = 2;
	constexpr unsigned int replacements = 200;
	host_domain d;
	host_mutex writer;
	record_ptr slot(d, writer);

	ASSERT_EQ(0, d.init("host_torn", [] {}));
	writer.init("host_torn_writer", [] {});
	{
		auto w = writer.lock();

		(void)slot.replace(make_record(1), w);
	}

	std::atomic<bool> done{false};
	std::atomic<long> torn{0};
	std::atomic<int> reading{0};
	std::vector<std::thread> threads;

	for (int i = 0; i < readers; i++)
		threads.emplace_back([&] {
			unsigned int last = 0;

			for (bool first = true; first || !done.load(); first = false) {
				auto g = d.read_lock();
				const record *r = slot.get(g);

				/* Old or new, never going back, never torn. */
				if (!r || !r->is_whole() || r->generation < last)
					torn.fetch_add(1);
				else
					last = r->generation;
				if (first)
					reading.fetch_add(1);
			}
		});
	/* Replace only under readers that are already reading. */
	EXPECT_TRUE(wait_until([&] { return reading.load() == readers; }));
	for (unsigned int generation = 2; generation <= replacements; generation++) {
		record *old;

		{
			auto w = writer.lock();

			old = slot.replace(make_record(generation), w);
		}
		d.synchronize();
		scribble_and_free(old);
	}
	done.store(true);
	for (std::thread &t : threads)
		t.join();
	EXPECT_EQ(0, torn.load());
	{
		auto w = writer.lock();

		delete slot.replace(nullptr, w);
	}
}

/* On a debug backend, a guard of another domain is caught at the read. */
TEST_F(protected_ptr, guard_of_another_domain_warns)
{
	host_domain mine, other;
	host_mutex writer;
	payload_ptr slot(mine, writer);
	payload only{7};

	ASSERT_EQ(0, mine.init("host_mine", [] {}));
	ASSERT_EQ(0, other.init("host_other", [] {}));
	writer.init("host_mine_writer", [] {});
	{
		auto w = writer.lock();

		(void)slot.replace(&only, w);
	}
	{
		auto right = mine.read_lock();

		EXPECT_EQ(&only, slot.get(right));
		EXPECT_TRUE(srcu_cxx::host::take_warnings().empty())
			<< "a guard of the pointer's own domain was reported";
	}
	{
		auto wrong = other.read_lock();

		EXPECT_EQ(&only, slot.get(wrong));
	}

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "SRCU-protected pointer read with a guard of another domain"))
		<< joined(warnings);
	/* And the backend, like PROVE_RCU, sees no reader of the right domain. */
	EXPECT_TRUE(any_contains(warnings, "srcu_dereference() outside a read-side critical section"))
		<< joined(warnings);
	mine.synchronize();
}

/* The writer proof must be a guard of the pointer's own writer lock. */
TEST_F(protected_ptr, update_without_writer_lock_warns)
{
	host_domain d;
	host_mutex writer, unrelated;
	payload_ptr slot(d, writer);
	payload first{1}, second{2};

	ASSERT_EQ(0, d.init("host_wrong_lock", [] {}));
	writer.init("host_wrong_lock_writer", [] {});
	unrelated.init("host_unrelated", [] {});
	{
		auto w = writer.lock();

		(void)slot.replace(&first, w);
		EXPECT_TRUE(srcu_cxx::host::take_warnings().empty());
	}
	{
		auto u = unrelated.lock();

		EXPECT_EQ(&first, slot.replace(&second, u));
	}

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "SRCU-protected pointer update without its writer lock"))
		<< joined(warnings);
	/* And the backend, like lockdep_is_held(), sees the lock is not held. */
	EXPECT_TRUE(any_contains(warnings, "rcu_dereference_protected() without the writer lock held"))
		<< joined(warnings);
	d.synchronize();
}

/*
 * A guard is the reader's own: used by reference from another thread it
 * is still a guard of the right domain, but that thread is not inside a
 * critical section, and the backend says so.
 */
TEST_F(protected_ptr, guard_used_from_another_thread_warns)
{
	host_domain d;
	host_mutex writer;
	payload_ptr slot(d, writer);
	payload only{3};

	ASSERT_EQ(0, d.init("host_borrowed_guard", [] {}));
	writer.init("host_borrowed_writer", [] {});
	{
		auto w = writer.lock();

		(void)slot.replace(&only, w);
	}
	{
		auto g = d.read_lock();

		std::thread([&] { EXPECT_EQ(&only, slot.get(g)); }).join();
	}

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "srcu_dereference() outside a read-side critical section"))
		<< joined(warnings);
	d.synchronize();
}

} // namespace
