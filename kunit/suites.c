// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of srcu-config. The case bodies are C++, each defined with
 * SRCU_KUNIT_CASE(suite, name) (kunit/adapter.hpp), which gives it the C
 * entry point srcu_kunit_<suite>_<name> declared in cases.h.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "kunit/cases.h"

/* Reported under the short name. */
#define SRCU_KUNIT_ENTRY(suite, case_name)				\
	{ .run_case = srcu_kunit_##suite##_##case_name, .name = #case_name }

/* guard_test.cpp: read_guard: the read-side critical section as an object */
static struct kunit_case srcu_cxx_guard_cases[] = {
	SRCU_KUNIT_ENTRY(guard, holds_until_unlock),
	SRCU_KUNIT_ENTRY(guard, early_unlock_is_idempotent),
	SRCU_KUNIT_ENTRY(guard, move_transfers_ownership),
	SRCU_KUNIT_ENTRY(guard, nested_guards_of_one_domain),
	SRCU_KUNIT_ENTRY(guard, guards_of_two_domains),
	{}
};

static struct kunit_suite srcu_cxx_guard_suite = {
	.name = "srcu_cxx_guard",
	.test_cases = srcu_cxx_guard_cases,
};

/* grace_period_test.cpp: synchronize, expedited and polled grace periods */
static struct kunit_case srcu_cxx_grace_period_cases[] = {
	SRCU_KUNIT_ENTRY(grace_period, synchronize_waits_for_sleeping_reader),
	SRCU_KUNIT_ENTRY(grace_period, synchronize_expedited_waits_for_sleeping_reader),
	SRCU_KUNIT_ENTRY(grace_period, other_domain_reader_does_not_block),
	SRCU_KUNIT_ENTRY(grace_period, start_poll_waits_for_reader),
	SRCU_KUNIT_ENTRY(grace_period, get_state_then_synchronize_polls_done),
	{}
};

static struct kunit_suite srcu_cxx_grace_period_suite = {
	.name = "srcu_cxx_grace_period",
	.test_cases = srcu_cxx_grace_period_cases,
};

/* protected_ptr_test.cpp: publication and replacement under readers */
static struct kunit_case srcu_cxx_protected_ptr_cases[] = {
	SRCU_KUNIT_ENTRY(protected_ptr, replace_returns_previous_object),
	SRCU_KUNIT_ENTRY(protected_ptr, reader_and_updater_views),
	SRCU_KUNIT_ENTRY(protected_ptr, sleeping_reader_keeps_old_object),
	{}
};

static struct kunit_suite srcu_cxx_protected_ptr_suite = {
	.name = "srcu_cxx_protected_ptr",
	.test_cases = srcu_cxx_protected_ptr_cases,
};

/* retire_test.cpp: deferred reclamation: retire(), pending_callbacks(), barrier() */
static struct kunit_case srcu_cxx_retire_cases[] = {
	SRCU_KUNIT_ENTRY(retire, deleter_waits_for_reader),
	SRCU_KUNIT_ENTRY(retire, pending_callbacks_counts_retires),
	SRCU_KUNIT_ENTRY(retire, every_deleter_runs_exactly_once),
	{}
};

static struct kunit_suite srcu_cxx_retire_suite = {
	.name = "srcu_cxx_retire",
	.test_cases = srcu_cxx_retire_cases,
};

/* cross_reader_test.cpp: cross_read_guard: sections that end in another task */
static struct kunit_case srcu_cxx_cross_reader_cases[] = {
	SRCU_KUNIT_ENTRY(cross_reader, released_in_another_task),
	SRCU_KUNIT_ENTRY(cross_reader, outlives_the_task_that_took_it),
	{}
};

static struct kunit_suite srcu_cxx_cross_reader_suite = {
	.name = "srcu_cxx_cross_reader",
	.test_cases = srcu_cxx_cross_reader_cases,
};

/* module_domain_test.cpp: the module-wide DEFINE_STATIC_SRCU domain */
static struct kunit_case srcu_cxx_module_domain_cases[] = {
	SRCU_KUNIT_ENTRY(module_domain, handles_share_one_domain),
	SRCU_KUNIT_ENTRY(module_domain, synchronize_waits_for_sleeping_reader),
	SRCU_KUNIT_ENTRY(module_domain, retire_then_quiesce),
	{}
};

static struct kunit_suite srcu_cxx_module_domain_suite = {
	.name = "srcu_cxx_module_domain",
	.test_cases = srcu_cxx_module_domain_cases,
};

/* domain_test.cpp: domains of their own: init, names, many at once, cycles */
static struct kunit_case srcu_cxx_domain_cases[] = {
	SRCU_KUNIT_ENTRY(domain, init_gives_name),
	SRCU_KUNIT_ENTRY(domain, many_domains_at_once),
	SRCU_KUNIT_ENTRY(domain, init_teardown_cycles),
	SRCU_KUNIT_ENTRY(domain, hundred_domains_alive_at_once),
	{}
};

static struct kunit_suite srcu_cxx_domain_suite = {
	.name = "srcu_cxx_domain",
	.test_cases = srcu_cxx_domain_cases,
};

/* teardown_test.cpp: the ordered teardown, leaked and stuck readers */
static struct kunit_case srcu_cxx_teardown_cases[] = {
	SRCU_KUNIT_ENTRY(teardown, runs_retired_callbacks),
	SRCU_KUNIT_ENTRY(teardown, waits_for_sleeping_reader),
	SRCU_KUNIT_ENTRY(teardown, leaked_reader_abandons_domain),
	SRCU_KUNIT_ENTRY(teardown, stuck_reader_abandons_domain),
	SRCU_KUNIT_ENTRY(teardown, stuck_reader_with_pending_callback_waits),
	{}
};

static struct kunit_suite srcu_cxx_teardown_suite = {
	.name = "srcu_cxx_teardown",
	.test_cases = srcu_cxx_teardown_cases,
};

/* store_test.cpp: the configuration store, with real user memory */
static struct kunit_case srcu_config_store_cases[] = {
	SRCU_KUNIT_ENTRY(store, initial_config_is_readable),
	SRCU_KUNIT_ENTRY(store, replace_publishes_next_generation),
	SRCU_KUNIT_ENTRY(store, too_big_keeps_previous),
	SRCU_KUNIT_ENTRY(store, bad_pointer_keeps_previous),
	SRCU_KUNIT_ENTRY(store, sleeping_reader_keeps_its_generation),
	{}
};

static struct kunit_suite srcu_config_store_suite = {
	.name = "srcu_config_store",
	.test_cases = srcu_config_store_cases,
};

kunit_test_suites(&srcu_cxx_guard_suite,
		  &srcu_cxx_grace_period_suite,
		  &srcu_cxx_protected_ptr_suite,
		  &srcu_cxx_retire_suite,
		  &srcu_cxx_cross_reader_suite,
		  &srcu_cxx_module_domain_suite,
		  &srcu_cxx_domain_suite,
		  &srcu_cxx_teardown_suite,
		  &srcu_config_store_suite);

MODULE_DESCRIPTION("KUnit tests for the srcu-config C++ core and store");
MODULE_LICENSE("GPL");
