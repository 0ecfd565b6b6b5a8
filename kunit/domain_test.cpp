// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_domain: the lifetime of domains with an srcu_struct of their
 * own: initialisation, names, many domains side by side (each grace period
 * waits for its own readers and no others), and creation and teardown in
 * loops, with KASAN watching the srcu_structs come and go.
 */
#include "kunit/adapter.hpp"
#include "kunit/counted.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;
using srcu_cxx::teardown_result;

constexpr int side_by_side = 32;
constexpr unsigned int linger_ms = 20;
constexpr int cycles = 100;

} // namespace

SRCU_KUNIT_SUITE(domain, "srcu_cxx_domain");

SRCU_KUNIT_CASE(domain, init_gives_name)
{
	static constexpr char name[] = "srcu_kunit_named";
	domain d;

	t.expect(d.srcu() == nullptr, "a domain never initialised has no srcu_struct");
	t.expect_eq(as_int(teardown_result::not_initialised), as_int(d.teardown()),
		 "tearing down a domain never initialised does nothing");
	if (!t.expect(d.init(name, [] {}) == 0, "domain init"))
		return;
	t.expect(d.name() == name, "name() is the name given to init()");
	t.expect(d.srcu() != nullptr, "an initialised domain has an srcu_struct");
	{
		auto guard = d.read_lock();

		t.expect(d.owns(guard), "its guards are its own");
	}
	d.synchronize();
	t.expect_eq(as_int(teardown_result::clean), as_int(d.teardown()), "teardown is clean");
	t.expect(d.srcu() == nullptr, "a torn-down domain has no srcu_struct");
	t.expect_eq(as_int(teardown_result::not_initialised), as_int(d.teardown()),
		 "a second teardown does nothing");

	/* Torn down, it may be initialised again. */
	if (!t.expect(d.init(name, [] {}) == 0, "domain init after teardown"))
		return;
	d.synchronize();
	t.expect_eq(as_int(teardown_result::clean), as_int(d.teardown()),
		 "teardown after re-initialisation is clean");
}

SRCU_KUNIT_CASE(domain, many_domains_at_once)
{
	array<domain> domains(t, side_by_side);
	array<sleeping_reader<>> readers(t, side_by_side);

	for (int i = 0; i < side_by_side; i++) {
		domain *d = domains.emplace_back();

		if (!d || !t.expect(d->init("srcu_kunit_many", [] {}) == 0,
				    "domain init"))
			return;
	}
	for (int i = 0; i < side_by_side; i++) {
		sleeping_reader<> *reader = readers.emplace_back(t, domains[i]);

		/* Each stays inside its own domain until released. */
		if (!reader || !reader->start_until_released(linger_ms))
			return;
	}

	int waited_for_own = 0, others_still_inside = 0, others_expected = 0;

	for (int i = 0; i < side_by_side; i++) {
		readers[i].release();
		domains[i].synchronize();
		waited_for_own += readers[i].left();
		for (int j = i + 1; j < side_by_side; j++) {
			others_still_inside += !readers[j].left();
			others_expected++;
		}
	}
	t.expect_eq(side_by_side, waited_for_own,
		    "domains whose synchronize waited for their own reader");
	t.expect_eq(others_expected, others_still_inside,
		    "readers of other domains still inside after a synchronize");

	int gave_up = 0;

	for (sleeping_reader<> &reader : readers)
		gave_up += reader.gave_up();
	t.expect_eq(0, gave_up, "readers that left without release: test is void");
}

SRCU_KUNIT_CASE(domain, init_teardown_cycles)
{
	counter runs;
	int clean = 0;

	for (int i = 0; i < cycles; i++) {
		domain d;

		if (!t.expect(d.init("srcu_kunit_cycle", [] {}) == 0, "domain init"))
			break;
		{
			auto guard = d.read_lock();
		}
		counted *object = make_counted(t, runs);

		if (object)
			retire(d, object);
		clean += d.teardown() == teardown_result::clean;
	}
	t.expect_eq(cycles, clean, "clean teardowns");
	t.expect_eq(cycles, runs.load(), "deleters run by teardown");
}

SRCU_KUNIT_CASE(domain, hundred_domains_alive_at_once)
{
	counter runs;
	int clean = 0;

	{
		array<domain> domains(t, cycles);

		for (int i = 0; i < cycles; i++) {
			domain *d = domains.emplace_back();

			if (!d || !t.expect(d->init("srcu_kunit_hundred", [] {}) == 0,
					    "domain init"))
				break;

			counted *object = make_counted(t, runs);

			if (object)
				retire(*d, object);
		}
		t.expect_eq(cycles, domains.size(), "domains alive at once");
		/* Every one of them still works, next to the others. */
		for (domain &d : domains) {
			auto cookie = d.start_poll();

			d.synchronize();
			clean += d.poll(cookie);
		}
		t.expect_eq(cycles, clean, "grace periods of each domain");
		clean = 0;
		for (domain &d : domains)
			clean += d.teardown() == teardown_result::clean;
		t.expect_eq(cycles, clean, "clean teardowns");
	}
	t.expect_eq(cycles, runs.load(), "deleters run by teardown");
}
