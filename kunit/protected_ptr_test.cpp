// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_protected_ptr: publication and replacement of an SRCU-protected
 * pointer, what readers and the updater see, and that an object a reader
 * holds survives its replacement until the grace period (with KASAN on
 * the kernel watching the reader's loads).
 */
#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "core/tests/record.hpp"
#include "srcu_cxx/mutex.hpp"

namespace {

using namespace srcu_kunit;
using writer_lock = srcu_cxx::mutex;

/* Stack objects for the cases that never free what they publish. */
struct payload {
	int value;
};

using payload_ptr = srcu_cxx::protected_ptr<payload>;

/* A heap object with content a reader can verify word by word. */
using srcu_test::record;
using record_ptr = srcu_cxx::protected_ptr<record>;

record *make_record(test &t, unsigned int generation)
{
	auto *r = new (srcu_cxx::gfp::kernel) record;

	if (!t.expect(r != nullptr, "no memory for a record"))
		return nullptr;
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

} // namespace

SRCU_KUNIT_CASE(protected_ptr, replace_returns_previous_object)
{
	domain d;
	writer_lock writer;
	payload_ptr slot(d, writer);
	payload first{1}, second{2};

	if (!t.expect(d.init("srcu_kunit_ptr", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_ptr_writer", [] {});

	{
		auto w = writer.lock();

		t.expect(slot.get(w) == nullptr, "a new slot is empty");
		t.expect(slot.replace(&first, w) == nullptr,
			 "an empty slot gives back nothing");
		t.expect(slot.replace(&second, w) == &first,
			 "replace gives back the previous object");
		t.expect(slot.replace(nullptr, w) == &second,
			 "and again, emptying the slot");
		t.expect(slot.get(w) == nullptr, "the slot is empty again");
	}
	d.synchronize();
}

SRCU_KUNIT_CASE(protected_ptr, reader_and_updater_views)
{
	domain d;
	writer_lock writer;
	payload_ptr slot(d, writer);
	payload first{1}, second{2};

	if (!t.expect(d.init("srcu_kunit_views", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_views_writer", [] {});

	{
		auto w = writer.lock();

		(void)slot.replace(&first, w);
	}
	{
		auto guard = d.read_lock();
		const payload *seen = slot.get(guard);

		t.expect(seen == &first, "the reader sees the first object");
		{
			auto w = writer.lock();

			t.expect(slot.replace(&second, w) == &first,
				 "replace under a reader gives back the first object");
			t.expect(slot.get(w) == &second,
				 "the updater sees the new object");
			t.expect_eq(2, slot.get(w)->value, "its value");
		}
		/* Loaded before the replace: still the first object. */
		t.expect_eq(1, seen->value, "the reader's object is unchanged");

		auto later = d.read_lock();

		t.expect(slot.get(later) == &second,
			 "a reader that loads after the replace sees the new object");
	}
	d.synchronize();
	{
		auto w = writer.lock();

		(void)slot.replace(nullptr, w);
	}
}

SRCU_KUNIT_CASE(protected_ptr, sleeping_reader_keeps_old_object)
{
	domain d;
	writer_lock writer;
	record_ptr slot(d, writer);

	if (!t.expect(d.init("srcu_kunit_keep", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_keep_writer", [] {});

	record *first = make_record(t, 1);
	record *second = make_record(t, 2);

	if (!first || !second) {
		delete first;
		delete second;
		return;
	}
	{
		auto w = writer.lock();

		(void)slot.replace(first, w);
	}

	object_reader<record, is_first> reader(t, slot);
	bool started = reader.start_for(reader_sleep_ms);
	record *old;

	{
		auto w = writer.lock();

		old = slot.replace(second, w);
	}
	t.expect(old == first, "replace gave back the first record");
	t.expect(!started || reader.seen() == first,
		 "the reader loaded the first record");
	/* The reader is asleep holding the first record: this must wait. */
	d.synchronize();
	t.expect(!started || reader.left(),
		 "synchronize returned while a reader still held the old record");
	scribble_and_free(old);
	reader.join();
	t.expect(!started || reader.intact(),
		 "the reader's record changed or was freed while it held it");

	{
		auto w = writer.lock();

		old = slot.replace(nullptr, w);
	}
	d.synchronize();
	delete old;
}
