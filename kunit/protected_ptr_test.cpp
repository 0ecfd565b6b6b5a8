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
#include "kunit/records.hpp"
#include "srcu_cxx/protected_ptr.hpp"
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
using record_ptr = srcu_cxx::protected_ptr<record>;

} // namespace

SRCU_KUNIT_SUITE(protected_ptr, "srcu_cxx_protected_ptr");

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

	expect_reader_outlives_replace(t, slot, [&](record *r) {
		auto w = writer.lock();

		return slot.replace(r, w);
	});
}
