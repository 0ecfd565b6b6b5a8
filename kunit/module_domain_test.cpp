// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_module_domain: the module-wide static domains
 * (SRCU_CXX_DEFINE_MODULE_DOMAIN() and, where SRCU-fast exists,
 * SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN() in kunit/suites.c) through
 * module_domain and module_fast_domain handles: readers, grace periods,
 * retire() and quiesce(), which module_exit relies on to run every
 * deleter before the module's code goes.
 */
#include "kunit/adapter.hpp"
#include "kunit/counted.hpp"
#include "kunit/reader.hpp"
#include "srcu_cxx/module_domain.hpp"

namespace {

using namespace srcu_kunit;

constexpr int module_retires = 8;
constexpr const char *no_fast = "the kernel has no SRCU-fast";

template <typename Domain>
void handles_share_one_domain(test &t, const char *name)
{
	Domain a, b;

	t.expect(a.srcu() != nullptr, "the static srcu_struct is there");
	t.expect(a.srcu() == b.srcu(), "two handles name the same srcu_struct");
	t.expect(__builtin_strcmp(a.name(), name) == 0, "its name");

	auto guard = a.read_lock();

	t.expect(a.owns(guard) && b.owns(guard),
		 "a guard from one handle belongs to the other");

	auto cookie = b.start_poll();

	t.expect(stays_incomplete(a, cookie),
		 "a grace period ended with a reader of the module domain inside");
	guard.unlock();
	t.expect(completes_within(a, cookie),
		 "no grace period of the module domain ended after the reader left");
}

template <typename Domain>
void synchronize_waits_for_sleeping_reader(test &t)
{
	Domain md;
	sleeping_reader reader(t, md);

	if (!reader.start_for(reader_sleep_ms))
		return;
	md.synchronize();
	t.expect(reader.left(),
		 "synchronize of the module domain returned before its reader left");
}

template <typename Domain>
void retire_then_quiesce(test &t)
{
	Domain md, other_handle;
	counter runs;
	long before = md.pending_callbacks();
	int queued = 0;

	{
		/* Held so that every retire is still pending when counted. */
		auto guard = md.read_lock();

		for (; queued < module_retires; queued++) {
			counted *object = make_counted(t, runs);

			if (!object)
				break;
			retire(md, object);
		}
		t.expect_eq(before + queued, other_handle.pending_callbacks(),
			    "every handle counts the domain's pending retires");
		t.expect_eq(0, runs.load(), "a deleter ran with a reader inside");
	}
	md.quiesce();
	t.expect_eq(module_retires, runs.load(), "deleters run by quiesce()");
	t.expect_eq(0, md.pending_callbacks(), "nothing pending after quiesce()");
}

} // namespace

SRCU_KUNIT_SUITE(module_domain, "srcu_cxx_module_domain");

SRCU_KUNIT_CASE(module_domain, handles_share_one_domain)
{
	handles_share_one_domain<srcu_cxx::module_domain>(t, "module");
}

SRCU_KUNIT_CASE(module_domain, synchronize_waits_for_sleeping_reader)
{
	synchronize_waits_for_sleeping_reader<srcu_cxx::module_domain>(t);
}

SRCU_KUNIT_CASE(module_domain, retire_then_quiesce)
{
	retire_then_quiesce<srcu_cxx::module_domain>(t);
}

SRCU_KUNIT_CASE(module_domain, fast_handles_share_one_domain)
{
#if SRCU_CXX_HAVE_FAST_READERS
	handles_share_one_domain<srcu_cxx::module_fast_domain>(t, "module_fast");
#else
	t.skip(no_fast);
#endif
}

SRCU_KUNIT_CASE(module_domain, fast_synchronize_waits_for_sleeping_reader)
{
#if SRCU_CXX_HAVE_FAST_READERS
	synchronize_waits_for_sleeping_reader<srcu_cxx::module_fast_domain>(t);
#else
	t.skip(no_fast);
#endif
}

SRCU_KUNIT_CASE(module_domain, fast_retire_then_quiesce)
{
#if SRCU_CXX_HAVE_FAST_READERS
	retire_then_quiesce<srcu_cxx::module_fast_domain>(t);
#else
	t.skip(no_fast);
#endif
}
