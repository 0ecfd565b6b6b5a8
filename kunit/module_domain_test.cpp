// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_module_domain: the module-wide domain (DEFINE_STATIC_SRCU in
 * core/kernel/shim.c) through module_domain handles: readers, grace
 * periods, retire() and quiesce(), which module_exit relies on to run
 * every deleter before the module's code goes.
 */
#include "kunit/adapter.hpp"
#include "kunit/counted.hpp"
#include "kunit/reader.hpp"
#include "srcu_cxx/module_domain.hpp"

namespace {

using namespace srcu_kunit;
using module_domain = srcu_cxx::module_domain;

constexpr int module_retires = 8;

} // namespace

SRCU_KUNIT_SUITE(module_domain, "srcu_cxx_module_domain");

SRCU_KUNIT_CASE(module_domain, handles_share_one_domain)
{
	module_domain a, b;

	t.expect(a.srcu() != nullptr, "the static srcu_struct is there");
	t.expect(a.srcu() == b.srcu(), "two handles name the same srcu_struct");
	t.expect(__builtin_strcmp(a.name(), "module") == 0, "its name");

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

SRCU_KUNIT_CASE(module_domain, synchronize_waits_for_sleeping_reader)
{
	module_domain md;
	sleeping_reader reader(t, md);

	if (!reader.start_for(reader_sleep_ms))
		return;
	md.synchronize();
	t.expect(reader.left(),
		 "synchronize of the module domain returned before its reader left");
}

SRCU_KUNIT_CASE(module_domain, retire_then_quiesce)
{
	module_domain md, other_handle;
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
