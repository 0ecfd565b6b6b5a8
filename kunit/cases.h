/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry points of the KUnit cases, srcu_kunit_<suite>_<name>: defined
 * in C++ by SRCU_KUNIT_CASE (adapter.hpp), listed in suites.c.
 */
#ifndef SRCU_CONFIG_KUNIT_CASES_H
#define SRCU_CONFIG_KUNIT_CASES_H

#ifdef __cplusplus
extern "C" {
#endif

struct kunit;

/* core_test.cpp */
void srcu_kunit_core_guard_holds_until_unlock(struct kunit *test);
void srcu_kunit_core_guard_moves_ownership(struct kunit *test);
void srcu_kunit_core_synchronize_waits_for_sleeping_reader(struct kunit *test);
void srcu_kunit_core_other_domain_reader_does_not_block(struct kunit *test);
void srcu_kunit_core_replace_returns_previous_object(struct kunit *test);

/* store_test.cpp */
void srcu_kunit_store_initial_config_is_readable(struct kunit *test);
void srcu_kunit_store_replace_publishes_next_generation(struct kunit *test);
void srcu_kunit_store_too_big_keeps_previous(struct kunit *test);
void srcu_kunit_store_bad_pointer_keeps_previous(struct kunit *test);
void srcu_kunit_store_sleeping_reader_keeps_its_generation(struct kunit *test);

#ifdef __cplusplus
}
#endif

#endif
