// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_teardown: the ordered teardown of a domain (core/srcu/domain.hpp):
 * it runs every retire() deleter queued before it, waits for readers, and
 * when a reader never leaves it abandons the srcu_struct, unless deleters
 * are still pending, in which case it keeps waiting; a fast domain, whose
 * srcu_struct is part of it, always keeps waiting.
 *
 * The leaked and stuck cases make teardown print "srcu_cxx: domain '...':
 * a reader is still inside ..." (and "... abandoned ..."): expected
 * pr_warn() output, not a splat. The leaked reader is a cross_read_guard:
 * srcu_down_read() is not tracked by lockdep, where a leaked read_guard
 * would rightly be reported as a lock held when its task exits.
 */
#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/counted.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;
using srcu_cxx::teardown_result;

constexpr int teardown_retires = 16;
/* Short bounds, so the leaked and stuck cases take well under a second. */
constexpr unsigned int short_bound_ms = 200;
/* When the stuck reader is let go: two and a half bounds in. */
constexpr unsigned int stuck_for_ms = short_bound_ms * 5 / 2;

/* A domain's teardown, run in a kthread so that the test can watch it. */
template <typename Domain>
struct teardown_run {
	Domain *d;
	teardown_result result = teardown_result::not_initialised;
	unsigned long long elapsed_ns = 0;
	flag returned;
};

template <typename Domain>
void run_teardown(teardown_run<Domain> &run) noexcept
{
	unsigned long long start = now_ns();

	run.result = run.d->teardown();
	run.elapsed_ns = now_ns() - start;
	run.returned.set();
}

#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
void leaked_reader_abandons_domain(test &t) noexcept
{
	using cross_guard = srcu_cxx::cross_read_guard;
	srcu_cxx::domain d;

	if (!t.expect(d.init("srcu_kunit_leaked", [] {}) == 0, "domain init"))
		return;

	void *storage = srcu_kunit_alloc(t.kunit(), sizeof(cross_guard));

	if (!storage)
		return;
	/* Built where no destructor will ever run: a leaked reader. */
	new (storage) cross_guard(d.down_read());

	d.set_teardown_bound_ms(short_bound_ms);

	unsigned long long start = now_ns();
	teardown_result result = d.teardown();
	unsigned long long waited = now_ns() - start;

	t.expect_eq(as_int(teardown_result::abandoned), as_int(result),
		 "teardown with a leaked reader abandons the domain");
	t.expect(waited >= short_bound_ms * ns_per_ms,
		 "teardown abandoned before waiting the bound");
	t.expect(d.srcu() == nullptr, "an abandoned domain has no srcu_struct");
	t.expect_eq(as_int(teardown_result::not_initialised), as_int(d.teardown()),
		 "a second teardown does nothing");
}

#endif

} // namespace

SRCU_KUNIT_SUITE(teardown, "srcu_cxx_teardown");

SRCU_KUNIT_CASE(teardown, runs_retired_callbacks)
{
	counter runs;
	domain d;
	int queued = 0;

	if (!t.expect(d.init("srcu_kunit_teardown", [] {}) == 0, "domain init"))
		return;
	{
		/* With a reader inside, every retire is still pending below. */
		auto guard = d.read_lock();

		for (; queued < teardown_retires; queued++) {
			counted *object = make_counted(t, runs);

			if (!object)
				break;
			retire(d, object);
		}
	}
	t.expect_eq(queued, d.pending_callbacks(), "retires pending before teardown");
	t.expect_eq(as_int(teardown_result::clean), as_int(d.teardown()), "teardown is clean");
	t.expect_eq(teardown_retires, runs.load(), "deleters run when teardown returned");
	t.expect_eq(0, d.pending_callbacks(), "nothing pending after teardown");
}

SRCU_KUNIT_CASE(teardown, waits_for_sleeping_reader)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_teardown_wait", [] {}) == 0, "domain init"))
		return;

	sleeping_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	/* Well within the default bound: teardown just waits. */
	t.expect_eq(as_int(teardown_result::clean), as_int(d.teardown()), "teardown is clean");
	t.expect(reader.left(), "teardown returned before the sleeping reader left");
}

SRCU_KUNIT_CASE(teardown, leaked_reader_abandons_domain)
{
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
	leaked_reader_abandons_domain(t);
#else
	t.skip("the kernel has no srcu_down_read() to leak a reader with");
#endif
}

/*
 * A reader that stays inside past the bound, with nothing pending: the
 * domain is abandoned within the bound, and the reader, when it finally
 * leaves, unlocks an srcu_struct that is still there (KASAN watches). On
 * every kernel, unlike the leaked cross-context guard.
 */
SRCU_KUNIT_CASE(teardown, stuck_reader_abandons_domain)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_stuck_alone", [] {}) == 0, "domain init"))
		return;
	d.set_teardown_bound_ms(short_bound_ms);

	sleeping_reader reader(t, d);

	if (!reader.start_until_released())
		return;

	unsigned long long start = now_ns();
	teardown_result result = d.teardown();
	unsigned long long waited = now_ns() - start;

	t.expect_eq(as_int(teardown_result::abandoned), as_int(result),
		 "teardown with a stuck reader and nothing pending abandons the domain");
	t.expect(waited >= short_bound_ms * ns_per_ms,
		 "teardown abandoned before waiting the bound");
	t.expect(!reader.left() && !reader.gave_up(),
		 "the reader left before being released: test is void");
	reader.release();
	reader.join();
	t.expect(reader.left(), "the reader left the abandoned domain");
}

SRCU_KUNIT_CASE(teardown, stuck_reader_with_pending_callback_waits)
{
	counter runs;
	domain d;

	if (!t.expect(d.init("srcu_kunit_stuck", [] {}) == 0, "domain init"))
		return;
	d.set_teardown_bound_ms(short_bound_ms);

	sleeping_reader reader(t, d);

	if (!reader.start_until_released())
		return;

	counted *object = make_counted(t, runs);

	if (!object)
		return;
	retire(d, object);

	teardown_run<domain> run{&d};
	thread tearer;

	if (!t.expect(tearer.start<teardown_run<domain>, run_teardown<domain>>(
			      t, run, "srcu_kunit_teardown"),
		      "teardown thread started"))
		return;
	sleep_ms(stuck_for_ms);
	/* Two bounds have passed with a deleter pending: still waiting. */
	t.expect(!run.returned.is_set(),
		 "teardown returned with a reader inside and a deleter pending");
	t.expect_eq(0, runs.load(), "the deleter ran with a reader inside");
	t.expect(!reader.left() && !reader.gave_up(),
		 "the reader left before being released: test is void");
	reader.release();
	tearer.join();
	t.expect_eq(as_int(teardown_result::clean), as_int(run.result),
		 "teardown is clean once the stuck reader left");
	t.expect(run.elapsed_ns >= stuck_for_ms * ns_per_ms,
		 "teardown returned before the reader was released");
	t.expect(reader.left(), "the reader left");
	t.expect_eq(1, runs.load(), "the deleter ran by the time teardown returned");
}

/*
 * A fast domain holds its srcu_struct in place: with a reader stuck and
 * nothing pending, teardown must not abandon it (the reader's unlock
 * writes into the domain) but keep waiting, past two and a half bounds,
 * and finish cleanly once the reader left. KASAN watches that unlock.
 */
SRCU_KUNIT_CASE(teardown, fast_domain_stuck_reader_waits)
{
#if SRCU_CXX_HAVE_FAST_READERS
	srcu_cxx::fast_domain d;

	if (!t.expect(d.init("srcu_kunit_fast_stuck", [] {}) == 0, "domain init"))
		return;
	d.set_teardown_bound_ms(short_bound_ms);

	sleeping_reader<srcu_cxx::fast_domain_ref> reader(t, d);

	if (!reader.start_until_released())
		return;

	teardown_run<srcu_cxx::fast_domain> run{&d};
	thread tearer;

	if (!t.expect(tearer.start<teardown_run<srcu_cxx::fast_domain>,
				   run_teardown<srcu_cxx::fast_domain>>(
			      t, run, "srcu_kunit_fast_teardown"),
		      "teardown thread started"))
		return;
	sleep_ms(stuck_for_ms);
	t.expect(!run.returned.is_set(),
		 "a fast domain's teardown returned with a reader inside");
	t.expect(!reader.left() && !reader.gave_up(),
		 "the reader left before being released: test is void");
	reader.release();
	tearer.join();
	t.expect_eq(as_int(teardown_result::clean), as_int(run.result),
		 "teardown is clean once the stuck reader left");
	t.expect(reader.left(), "the reader left");
#else
	t.skip("the kernel has no SRCU-fast");
#endif
}

/*
 * The teardown that cannot hang (Documentation/core-api.rst): an owner
 * unpublishes its last object, tears the domain down itself, and frees
 * the object only if teardown was clean. With a reader stuck on that
 * object, teardown returns (abandoned) within the bound instead of
 * waiting for ever behind a retire() callback, and the object stays
 * valid for the reader that still holds it.
 */
SRCU_KUNIT_CASE(teardown, owner_without_retire_returns_with_stuck_reader)
{
	counter runs;
	domain d;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<counted> current(d, writer);

	if (!t.expect(d.init("srcu_kunit_owner", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_owner_writer", [] {});
	d.set_teardown_bound_ms(short_bound_ms);

	counted *object = make_counted(t, runs);

	if (!object)
		return;
	{
		auto held = writer.lock();

		(void)current.replace(object, held);
	}

	object_reader<counted, counted::is_live> reader(t, current);

	if (!reader.start_until_released())
		return;

	/* The owner's way out. */
	counted *last;
	{
		auto held = writer.lock();

		last = current.replace(nullptr, held);
	}
	unsigned long long start = now_ns();
	teardown_result result = d.teardown();
	unsigned long long waited = now_ns() - start;

	t.expect_eq(as_int(teardown_result::abandoned), as_int(result),
		 "teardown with a stuck reader and nothing retired abandons");
	t.expect(waited < 20 * short_bound_ms * ns_per_ms,
		 "teardown took far longer than its bound");
	t.expect(last == object, "the owner got its last object back");
	t.expect(!reader.left() && !reader.gave_up(),
		 "the reader left before being released: test is void");
	/* Abandoned: a reader may hold it, so the owner does not free it. */
	reader.release();
	reader.join();
	t.expect(reader.intact(), "the stuck reader's object stayed intact");
	/* The test knows the reader is gone; an owner would not. */
	counted::destroy(last);
	t.expect_eq(1, runs.load(), "the object was freed once");
}
