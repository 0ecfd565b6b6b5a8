// SPDX-License-Identifier: GPL-2.0
/*
 * domain: the lifetime of domains with an srcu_struct of their own:
 * initialisation and its failure, names, per-site lock classes, many
 * domains side by side (each grace period waits for its own readers and
 * no others), and creation and teardown in loops.
 */
#include <cerrno>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include "helpers.hpp"
#include "host/faults.hpp"

namespace {

using namespace host_tests;

class domain : public srcu_test {};

/* Pinned: the kernel links an srcu_struct into its own bookkeeping. */
static_assert(!std::is_copy_constructible_v<host_domain>);
static_assert(!std::is_move_constructible_v<host_domain>);
static_assert(!std::is_copy_assignable_v<host_domain>);
static_assert(!std::is_move_assignable_v<host_domain>);

constexpr int side_by_side = 32;
constexpr unsigned int linger_ms = 20;
constexpr int cycles = 100;

TEST_F(domain, init_gives_name)
{
	static constexpr char name[] = "host_named";
	host_domain d;

	EXPECT_EQ(nullptr, d.srcu()) << "a domain never initialised has no srcu_struct";
	EXPECT_EQ(teardown_result::not_initialised, d.teardown());
	ASSERT_EQ(0, d.init(name, [] {}));
	EXPECT_EQ(name, d.name());
	EXPECT_STREQ(name, d.srcu()->name()) << "the backend got the name too";
	{
		auto g = d.read_lock();

		EXPECT_TRUE(d.owns(g));
	}
	d.synchronize();
	EXPECT_EQ(teardown_result::clean, d.teardown());
	EXPECT_EQ(nullptr, d.srcu());
	EXPECT_EQ(teardown_result::not_initialised, d.teardown())
		<< "a second teardown does nothing";

	/* Torn down, it may be initialised again. */
	ASSERT_EQ(0, d.init(name, [] {}));
	d.synchronize();
	EXPECT_EQ(teardown_result::clean, d.teardown());
}

TEST_F(domain, failed_init_leaves_it_uninitialised)
{
	host_domain d;

	srcu_cxx::host::fail_next_create(-ENOMEM);
	EXPECT_EQ(-ENOMEM, d.init("host_no_memory", [] {}));
	EXPECT_EQ(nullptr, d.srcu());
	EXPECT_STREQ("", d.name()) << "a failed init named the domain";
	EXPECT_EQ(teardown_result::not_initialised, d.teardown());

	/* The failure was for one call: the next init works. */
	ASSERT_EQ(0, d.init("host_no_memory", [] {}));
	EXPECT_EQ(teardown_result::clean, d.teardown());
}

/* A second init() is refused: it would leak the first srcu_struct. */
TEST_F(domain, second_init_is_refused)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_first", [] {}));
	auto *first = d.srcu();

	EXPECT_EQ(-EBUSY, d.init("host_second", [] {}));
	EXPECT_EQ(first, d.srcu());
	EXPECT_STREQ("host_first", d.name());
	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "domain initialised twice"))
		<< joined(warnings);
	EXPECT_EQ(teardown_result::clean, d.teardown());
}

/* Every `[] {}` is a lockdep class of its own; one site is one class. */
TEST_F(domain, each_init_site_is_a_class_of_its_own)
{
	host_domain a, b;
	std::vector<const srcu_cxx::host::lock_class_key *> loop_keys;

	ASSERT_EQ(0, a.init("host_site_a", [] {}));
	ASSERT_EQ(0, b.init("host_site_b", [] {}));
	EXPECT_NE(a.srcu()->key(), b.srcu()->key());
	for (int i = 0; i < 3; i++) {
		host_domain d;

		ASSERT_EQ(0, d.init("host_site_loop", [] {}));
		loop_keys.push_back(d.srcu()->key());
	}
	EXPECT_EQ(loop_keys[0], loop_keys[1]);
	EXPECT_EQ(loop_keys[1], loop_keys[2]);
	EXPECT_NE(loop_keys[0], a.srcu()->key());

	/* The same holds for the writer lock. */
	host_mutex m1, m2;

	m1.init("host_site_m1", [] {});
	m2.init("host_site_m2", [] {});
	EXPECT_NE(m1.state().key(), m2.state().key());
	EXPECT_STREQ("host_site_m1", m1.state().name());
}

TEST_F(domain, many_domains_at_once)
{
	std::vector<std::unique_ptr<host_domain>> domains;
	std::vector<std::unique_ptr<sleeping_reader>> readers;

	for (int i = 0; i < side_by_side; i++) {
		domains.push_back(std::make_unique<host_domain>());
		ASSERT_EQ(0, domains.back()->init("host_many", [] {}));
	}
	for (int i = 0; i < side_by_side; i++) {
		readers.push_back(std::make_unique<sleeping_reader>(*domains[i]));
		/* Each stays inside its own domain until released. */
		ASSERT_TRUE(readers.back()->start_until_released(linger_ms));
	}

	int waited_for_own = 0, others_still_inside = 0, others_expected = 0;

	for (int i = 0; i < side_by_side; i++) {
		readers[i]->release();
		domains[i]->synchronize();
		waited_for_own += readers[i]->left();
		for (int j = i + 1; j < side_by_side; j++) {
			others_still_inside += !readers[j]->left();
			others_expected++;
		}
	}
	EXPECT_EQ(side_by_side, waited_for_own)
		<< "domains whose synchronize waited for their own reader";
	EXPECT_EQ(others_expected, others_still_inside)
		<< "readers of other domains still inside after a synchronize";

	int gave_up = 0;

	for (auto &reader : readers)
		gave_up += reader->gave_up();
	EXPECT_EQ(0, gave_up) << "readers that left without release: test is void";
	/* Readers go first: they refer to the domains. */
	readers.clear();
}

TEST_F(domain, init_teardown_cycles)
{
	std::atomic<int> runs{0};
	int clean = 0;

	for (int i = 0; i < cycles; i++) {
		host_domain d;

		ASSERT_EQ(0, d.init("host_cycle", [] {}));
		{
			auto g = d.read_lock();
		}
		retire_counted(d, new counted(runs));
		clean += d.teardown() == teardown_result::clean;
	}
	EXPECT_EQ(cycles, clean);
	EXPECT_EQ(cycles, runs.load()) << "deleters run by teardown";
}

TEST_F(domain, hundred_domains_alive_at_once)
{
	std::atomic<int> runs{0};
	int clean = 0;

	{
		std::vector<std::unique_ptr<host_domain>> domains;

		for (int i = 0; i < cycles; i++) {
			domains.push_back(std::make_unique<host_domain>());
			ASSERT_EQ(0, domains.back()->init("host_hundred", [] {}));
			retire_counted(*domains.back(), new counted(runs));
		}
		/* Every one of them still works, next to the others. */
		for (auto &d : domains) {
			auto cookie = d->start_poll();

			d->synchronize();
			clean += d->poll(cookie);
		}
		EXPECT_EQ(cycles, clean);
		clean = 0;
		for (auto &d : domains)
			clean += d->teardown() == teardown_result::clean;
		EXPECT_EQ(cycles, clean);
	}
	EXPECT_EQ(cycles, runs.load()) << "deleters run by teardown";
}

} // namespace
