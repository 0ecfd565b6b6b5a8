// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_protected_array: N SRCU-protected pointers of one domain and
 * one writer lock. Each slot is published and replaced on its own; an
 * object a sleeping reader loaded from one slot survives that slot's
 * replacement until the grace period, with KASAN on the debug kernels
 * watching the reader's loads; objects retired from every slot are freed
 * by the domain's callbacks; and a fast domain's table works the same.
 */
#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"
#include "kunit/records.hpp"
#include "srcu_cxx/protected_array.hpp"
#include "srcu_cxx/mutex.hpp"

namespace {

using namespace srcu_kunit;
using srcu_cxx::size_t;
using writer_lock = srcu_cxx::mutex;

constexpr size_t buckets = 16;

/* One slot of a table, as object_reader loads it. */
template <typename Table>
struct slot_of {
	const Table &table;
	size_t index;

	[[nodiscard]] typename Table::domain_type &domain() const noexcept
	{
		return table.domain();
	}

	[[nodiscard]] const record *
	get(const typename Table::read_guard_type &guard) const noexcept
	{
		return table.get(index, guard);
	}
};

/* Empty every slot, wait for readers, free what was there. */
template <typename Table>
void empty(Table &table, writer_lock &writer)
{
	record *old[Table::size()];

	{
		auto w = writer.lock();

		for (size_t i = 0; i < Table::size(); i++)
			old[i] = table.replace(i, nullptr, w);
	}
	table.domain().synchronize();
	for (record *r : old)
		scribble_and_free(r);
}

/* A record that retire() frees, counting its frees. */
struct retired_record : srcu_cxx::retirable {
	record body;
	counter *freed;
};

void free_retired(retired_record *r) noexcept
{
	counter *freed = r->freed;

	r->body.scribble();
	delete r;
	freed->add();
}

} // namespace

SRCU_KUNIT_SUITE(protected_array, "srcu_cxx_protected_array");

SRCU_KUNIT_CASE(protected_array, slots_replace_independently)
{
	domain d;
	writer_lock writer;
	srcu_cxx::protected_array<record, buckets> table(d, writer);

	if (!t.expect(d.init("srcu_kunit_array", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_array_writer", [] {});
	{
		auto guard = d.read_lock();

		for (size_t i = 0; i < buckets; i++)
			t.expect(table.get(i, guard) == nullptr, "every slot starts empty");
	}
	{
		auto w = writer.lock();

		for (size_t i = 0; i < buckets; i++) {
			record *r = make_record(t, 100 + i);

			if (r)
				t.expect(table.replace(i, r, w) == nullptr,
					 "an empty slot gives back nothing");
		}

		record *next = make_record(t, 500);

		if (next) {
			record *old = table.replace(7, next, w);

			t.expect(old && old->is_generation(107),
				 "replace gives back that slot's object");
			d.synchronize();
			scribble_and_free(old);
		}
	}
	{
		auto guard = d.read_lock();

		for (size_t i = 0; i < buckets; i++) {
			const record *r = table.get(i, guard);

			t.expect(r && r->is_generation(i == 7 ? 500 : 100 + i),
				 "each slot holds its own object");
		}
	}
	empty(table, writer);
}

SRCU_KUNIT_CASE(protected_array, sleeping_reader_keeps_its_slot_object)
{
	using table_type = srcu_cxx::protected_array<record, buckets>;
	domain d;
	writer_lock writer;
	table_type table(d, writer);

	if (!t.expect(d.init("srcu_kunit_array_keep", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_array_keep_writer", [] {});

	slot_of<table_type> last{table, buckets - 1};

	expect_reader_outlives_replace(t, last, [&](record *r) {
		auto w = writer.lock();

		return table.replace(buckets - 1, r, w);
	});
	empty(table, writer);
}

SRCU_KUNIT_CASE(protected_array, retire_from_every_slot)
{
	domain d;
	writer_lock writer;
	srcu_cxx::protected_array<retired_record, buckets> table(d, writer);
	counter freed;

	if (!t.expect(d.init("srcu_kunit_array_retire", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_array_retire_writer", [] {});

	long published = 0;

	for (unsigned int round = 0; round < 3; round++) {
		auto w = writer.lock();

		for (size_t i = 0; i < buckets; i++) {
			auto *r = new (srcu_cxx::gfp::kernel) retired_record;

			if (!t.expect(r != nullptr, "no memory for a record"))
				continue;
			r->body.fill(round * 100 + i);
			r->freed = &freed;
			published++;
			retired_record *old = table.replace(i, r, w);

			if (old)
				d.retire<retired_record, free_retired>(old);
		}
	}
	{
		auto w = writer.lock();

		for (size_t i = 0; i < buckets; i++) {
			retired_record *old = table.replace(i, nullptr, w);

			if (old)
				d.retire<retired_record, free_retired>(old);
		}
	}
	d.barrier();
	t.expect_eq(published, freed.load(), "every retired object was freed");
	t.expect_eq(0, d.pending_callbacks(), "no callback left pending");
}

SRCU_KUNIT_CASE(protected_array, fast_domain_table)
{
#if !SRCU_CXX_HAVE_FAST_READERS
	t.skip("the kernel has no SRCU-fast");
#else
	using table_type = srcu_cxx::protected_array<record, buckets,
						     srcu_cxx::fast_domain_ref>;
	srcu_cxx::fast_domain d;
	writer_lock writer;
	table_type table(d, writer);

	if (!t.expect(d.init("srcu_kunit_array_fast", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_array_fast_writer", [] {});

	record *first = make_record(t, 1);

	if (!first)
		return;
	{
		auto w = writer.lock();

		(void)table.replace(0, first, w);
	}
	{
		auto guard = d.read_lock();
		const record *seen = table.get(0, guard);
		record *old;

		{
			auto w = writer.lock();

			old = table.replace(0, nullptr, w);
		}
		t.expect(old == first, "replace gave back the first record");
		sleep_ms(10);
		t.expect(seen == first && seen->is_generation(1),
			 "a fast reader keeps its record across the replace");
		guard.unlock();
		d.synchronize();
		scribble_and_free(old);
	}
	empty(table, writer);
#endif
}
