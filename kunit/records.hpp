/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Records (core/tests/record.hpp) on the kernel heap for the suites that
 * publish them, and the grace-period check they share: a reader asleep
 * holding a published record keeps it whole across its replacement, and
 * synchronize() waits for that reader before the record is freed (with
 * KASAN on the debug kernels watching the reader's loads).
 */
#ifndef SRCU_CONFIG_KUNIT_RECORDS_HPP
#define SRCU_CONFIG_KUNIT_RECORDS_HPP

#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"
#include "core/tests/record.hpp"

namespace srcu_kunit {

using srcu_test::record;

[[nodiscard]] inline record *make_record(test &t, unsigned int generation) noexcept
{
	auto *r = new (srcu_cxx::gfp::kernel) record;

	if (!t.expect(r != nullptr, "no memory for a record"))
		return nullptr;
	r->fill(generation);
	return r;
}

/* What freeing does to a record, so a reader that still looks can tell. */
inline void scribble_and_free(record *r) noexcept
{
	if (!r)
		return;
	r->scribble();
	delete r;
}

inline bool is_first(const record &r) noexcept
{
	return r.is_generation(1);
}

/*
 * @source is a protected_ptr, or anything with domain() and get(guard);
 * @publish(r) publishes r there under the writer lock and returns what r
 * replaced. A record of generation 1 is published and a reader loads it
 * and sleeps; a second record replaces it, which must give the first
 * back; synchronize() must wait for the reader, and only then is the
 * first record scribbled over and freed. The source is left empty.
 */
template <typename Source, typename Publish>
void expect_reader_outlives_replace(test &t, const Source &source,
				    Publish publish) noexcept
{
	record *first = make_record(t, 1);
	record *second = make_record(t, 2);

	if (!first || !second) {
		scribble_and_free(first);
		scribble_and_free(second);
		return;
	}
	t.expect(publish(first) == nullptr, "the source starts empty");

	object_reader<record, is_first, Source> reader(t, source);
	bool started = reader.start_for(reader_sleep_ms);
	record *old = publish(second);

	t.expect(old == first, "replace gave back the first record");
	t.expect(!started || reader.seen() == first,
		 "the reader loaded the first record");
	/* The reader is asleep holding the first record: this must wait. */
	source.domain().synchronize();
	t.expect(!started || reader.left(),
		 "synchronize returned while a reader still held the old record");
	scribble_and_free(old);
	reader.join();
	t.expect(!started || reader.intact(),
		 "the reader's record changed or was freed while it held it");

	old = publish(nullptr);
	source.domain().synchronize();
	scribble_and_free(old);
}

} // namespace srcu_kunit

#endif
