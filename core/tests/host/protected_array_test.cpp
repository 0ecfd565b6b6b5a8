// SPDX-License-Identifier: GPL-2.0
/*
 * protected_array: N slots of one domain and one writer lock. Each slot
 * is published, read and replaced on its own; a reader that holds the
 * object of one slot keeps it across its replacement until the grace
 * period; readers of every slot never see a torn or freed object while
 * the writer replaces them; an index out of range warns and touches
 * nothing; and the flavour rules are protected_ptr's (checked at compile
 * time here, and by the compile-fail tests).
 */
#include <atomic>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "helpers.hpp"
#include "core/tests/record.hpp"
#include "srcu_cxx/protected_array.hpp"

namespace {

using namespace host_tests;
using srcu_test::record;

class protected_array : public srcu_test {};

constexpr srcu_cxx::size_t buckets = 8;
using record_table = srcu_cxx::protected_array<record, buckets>;
using fast_record_table =
	srcu_cxx::protected_array<record, buckets, srcu_cxx::fast_domain_ref>;

static_assert(record_table::size() == buckets);
/* The domain and the lock once, then the slots: no per-slot overhead. */
static_assert(sizeof(record_table) == 2 * sizeof(void *) + buckets * sizeof(void *));

/* Readers get a pointer to const, the updater a mutable one. */
static_assert(std::is_same_v<const record *,
			     decltype(std::declval<const record_table &>().get(
				     0, std::declval<const host_read_guard &>()))>);
static_assert(std::is_same_v<record *,
			     decltype(std::declval<const record_table &>().get(
				     0, std::declval<const srcu_cxx::mutex_guard &>()))>);

/* What may open a slot: a guard of the table's flavour, or the writer's. */
template <typename Table, typename Proof>
concept readable_with = requires(const Table &t, const Proof &p) {
	t.get(srcu_cxx::size_t{0}, p);
};
template <typename Table, typename Proof>
concept replaceable_with = requires(Table &t, record *r, const Proof &p) {
	t.replace(srcu_cxx::size_t{0}, r, p);
};
template <typename Table, typename Guard>
concept readable_with_temporary = requires(const Table &t, Guard &&g) {
	t.get(srcu_cxx::size_t{0}, static_cast<Guard &&>(g));
};
static_assert(readable_with<record_table, host_read_guard>);
static_assert(!readable_with<record_table, host_fast_read_guard>);
static_assert(readable_with<fast_record_table, host_fast_read_guard>);
static_assert(!readable_with<fast_record_table, host_read_guard>);
static_assert(replaceable_with<record_table, srcu_cxx::mutex_guard>);
static_assert(!replaceable_with<record_table, host_read_guard>);
static_assert(!readable_with_temporary<record_table, host_read_guard>);
static_assert(!readable_with_temporary<record_table, srcu_cxx::mutex_guard>);

record *make_record(unsigned int generation)
{
	auto *r = new record;

	r->fill(generation);
	return r;
}

void scribble_and_free(record *r)
{
	if (!r)
		return;
	r->scribble();
	delete r;
}

/* A table, its domain and its writer lock, initialised; emptied at the end. */
template <typename Domain = host_domain>
struct fixture {
	using table_type = srcu_cxx::protected_array<record, buckets,
						     typename Domain::ref_type>;

	Domain d;
	host_mutex writer;
	table_type table{d, writer};

	explicit fixture(const char *name)
	{
		EXPECT_EQ(0, d.init(name, [] {}));
		writer.init("host_array_writer", [] {});
	}

	~fixture()
	{
		std::vector<record *> old;

		{
			auto w = writer.lock();

			for (srcu_cxx::size_t i = 0; i < buckets; i++)
				old.push_back(table.replace(i, nullptr, w));
		}
		d.synchronize();
		for (record *r : old)
			scribble_and_free(r);
	}
};

TEST_F(protected_array, slots_start_empty_and_replace_independently)
{
	fixture f("host_array_slots");

	{
		auto g = f.d.read_lock();

		for (srcu_cxx::size_t i = 0; i < buckets; i++)
			EXPECT_EQ(nullptr, f.table.get(i, g)) << "slot " << i;
	}
	record *first[buckets];
	{
		auto w = f.writer.lock();

		for (srcu_cxx::size_t i = 0; i < buckets; i++) {
			first[i] = make_record(100 + i);
			EXPECT_EQ(nullptr, f.table.replace(i, first[i], w));
		}
		/* Replacing one slot leaves the others as they were. */
		record *next = make_record(200);

		EXPECT_EQ(first[3], f.table.replace(3, next, w));
		scribble_and_free(first[3]);
		first[3] = next;
		for (srcu_cxx::size_t i = 0; i < buckets; i++)
			EXPECT_EQ(first[i], f.table.get(i, w)) << "slot " << i;
	}
	auto g = f.d.read_lock();

	for (srcu_cxx::size_t i = 0; i < buckets; i++) {
		const record *r = f.table.get(i, g);

		ASSERT_NE(nullptr, r) << "slot " << i;
		EXPECT_TRUE(r->is_generation(i == 3 ? 200 : 100 + i)) << "slot " << i;
	}
}

/* A sleeping reader of one slot keeps its object across the replace. */
TEST_F(protected_array, sleeping_reader_keeps_old_object)
{
	fixture f("host_array_keep");
	record *first = make_record(1);

	{
		auto w = f.writer.lock();

		(void)f.table.replace(5, first, w);
	}

	std::atomic<const record *> seen{nullptr};
	std::atomic<bool> entered{false}, left{false}, intact{false};
	std::thread reader([&] {
		auto g = f.d.read_lock();
		const record *r = f.table.get(5, g);

		seen.store(r);
		entered.store(true);
		sleep_ms(reader_sleep_ms);
		intact.store(r && r->is_generation(1));
		left.store(true);
	});

	ASSERT_TRUE(wait_until([&] { return entered.load(); }));
	record *old;
	{
		auto w = f.writer.lock();

		old = f.table.replace(5, make_record(2), w);
	}
	EXPECT_EQ(first, old);
	EXPECT_EQ(first, seen.load());
	f.d.synchronize();
	EXPECT_TRUE(left.load())
		<< "synchronize returned while a reader still held the old object";
	scribble_and_free(old);
	reader.join();
	EXPECT_TRUE(intact.load())
		<< "the reader's object changed or was freed while it held it";
}

/*
 * Readers load random slots while the writer replaces every slot in turn,
 * waits for a grace period and scribbles over and frees the old objects:
 * a reader never sees a torn or freed record, and a slot never goes back.
 */
template <typename Domain>
void replace_under_readers(const char *name)
{
	constexpr int readers = 2;
	constexpr unsigned int rounds = 50;
	fixture<Domain> f(name);

	{
		auto w = f.writer.lock();

		for (srcu_cxx::size_t i = 0; i < buckets; i++)
			(void)f.table.replace(i, make_record(1), w);
	}

	std::atomic<bool> done{false};
	std::atomic<long> bad{0}, reads{0};
	std::atomic<int> reading{0};
	std::vector<std::thread> threads;

	for (int t = 0; t < readers; t++)
		threads.emplace_back([&, t] {
			unsigned int last[buckets] = {};
			unsigned int x = 2463534242u + t;

			for (bool first = true; first || !done.load(); first = false) {
				x ^= x << 13;
				x ^= x >> 17;
				x ^= x << 5;
				srcu_cxx::size_t i = x % buckets;
				auto g = f.d.read_lock();
				const record *r = f.table.get(i, g);

				if (!r || !r->is_whole() || r->generation < last[i])
					bad.fetch_add(1);
				else
					last[i] = r->generation;
				reads.fetch_add(1);
				if (first)
					reading.fetch_add(1);
			}
		});
	EXPECT_TRUE(wait_until([&] { return reading.load() == readers; }));
	for (unsigned int generation = 2; generation <= rounds; generation++) {
		record *old[buckets];

		{
			auto w = f.writer.lock();

			for (srcu_cxx::size_t i = 0; i < buckets; i++)
				old[i] = f.table.replace(i, make_record(generation), w);
		}
		f.d.synchronize();
		for (record *r : old)
			scribble_and_free(r);
	}
	done.store(true);
	for (std::thread &t : threads)
		t.join();
	EXPECT_EQ(0, bad.load()) << "of " << reads.load() << " reads";
}

TEST_F(protected_array, readers_see_old_or_new_never_torn)
{
	replace_under_readers<host_domain>("host_array_torn");
}

TEST_F(protected_array, fast_readers_see_old_or_new_never_torn)
{
	replace_under_readers<host_fast_domain>("host_array_fast_torn");
}

/* Out of range: a warning, nullptr for a read, nothing published. */
TEST_F(protected_array, index_out_of_range_warns_and_touches_nothing)
{
	fixture f("host_array_range");
	record *inside = make_record(1);
	record *outside = make_record(2);

	{
		auto w = f.writer.lock();

		(void)f.table.replace(buckets - 1, inside, w);
		EXPECT_TRUE(srcu_cxx::host::take_warnings().empty());
		EXPECT_EQ(outside, f.table.replace(buckets, outside, w))
			<< "an unpublished object comes back to its owner";
		EXPECT_EQ(nullptr, f.table.get(buckets, w));
		EXPECT_EQ(inside, f.table.get(buckets - 1, w))
			<< "the last slot is untouched";
	}
	{
		auto g = f.d.read_lock();

		EXPECT_EQ(nullptr, f.table.get(buckets + 100, g));
		EXPECT_EQ(inside, f.table.get(buckets - 1, g));
	}

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_EQ(3u, warnings.size()) << joined(warnings);
	EXPECT_TRUE(any_contains(warnings, "protected_array index out of range"))
		<< joined(warnings);
	scribble_and_free(outside);
}

/* The debug checks of protected_ptr hold for each slot. */
TEST_F(protected_array, guard_of_another_domain_and_wrong_lock_warn)
{
	fixture f("host_array_mine");
	host_domain other;
	host_mutex unrelated;

	ASSERT_EQ(0, other.init("host_array_other", [] {}));
	unrelated.init("host_array_unrelated", [] {});
	{
		auto u = unrelated.lock();

		EXPECT_EQ(nullptr, f.table.replace(0, make_record(1), u));
	}
	{
		auto wrong = other.read_lock();

		EXPECT_NE(nullptr, f.table.get(0, wrong));
	}

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "update without its writer lock"))
		<< joined(warnings);
	EXPECT_TRUE(any_contains(warnings, "read with a guard of another domain"))
		<< joined(warnings);
	f.d.synchronize();
}

} // namespace
