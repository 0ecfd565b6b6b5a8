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

/* core_test.cpp: the C++ SRCU core on the kernel's SRCU */
static struct kunit_case srcu_cxx_core_cases[] = {
	SRCU_KUNIT_ENTRY(core, guard_holds_until_unlock),
	SRCU_KUNIT_ENTRY(core, guard_moves_ownership),
	SRCU_KUNIT_ENTRY(core, synchronize_waits_for_sleeping_reader),
	SRCU_KUNIT_ENTRY(core, other_domain_reader_does_not_block),
	SRCU_KUNIT_ENTRY(core, replace_returns_previous_object),
	{}
};

static struct kunit_suite srcu_cxx_core_suite = {
	.name = "srcu_cxx_core",
	.test_cases = srcu_cxx_core_cases,
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

kunit_test_suites(&srcu_cxx_core_suite, &srcu_config_store_suite);

MODULE_DESCRIPTION("KUnit tests for the srcu-config C++ core and store");
MODULE_LICENSE("GPL");
