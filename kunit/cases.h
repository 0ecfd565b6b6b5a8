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

/* guard_test.cpp */
void srcu_kunit_guard_holds_until_unlock(struct kunit *test);
void srcu_kunit_guard_early_unlock_is_idempotent(struct kunit *test);
void srcu_kunit_guard_move_transfers_ownership(struct kunit *test);
void srcu_kunit_guard_nested_guards_of_one_domain(struct kunit *test);
void srcu_kunit_guard_guards_of_two_domains(struct kunit *test);

/* grace_period_test.cpp */
void srcu_kunit_grace_period_synchronize_waits_for_sleeping_reader(struct kunit *test);
void srcu_kunit_grace_period_synchronize_expedited_waits_for_sleeping_reader(struct kunit *test);
void srcu_kunit_grace_period_other_domain_reader_does_not_block(struct kunit *test);
void srcu_kunit_grace_period_start_poll_waits_for_reader(struct kunit *test);
void srcu_kunit_grace_period_get_state_then_synchronize_polls_done(struct kunit *test);

/* protected_ptr_test.cpp */
void srcu_kunit_protected_ptr_replace_returns_previous_object(struct kunit *test);
void srcu_kunit_protected_ptr_reader_and_updater_views(struct kunit *test);
void srcu_kunit_protected_ptr_sleeping_reader_keeps_old_object(struct kunit *test);

/* retire_test.cpp */
void srcu_kunit_retire_deleter_waits_for_reader(struct kunit *test);
void srcu_kunit_retire_pending_callbacks_counts_retires(struct kunit *test);
void srcu_kunit_retire_every_deleter_runs_exactly_once(struct kunit *test);

/* cross_reader_test.cpp */
void srcu_kunit_cross_reader_released_in_another_task(struct kunit *test);
void srcu_kunit_cross_reader_outlives_the_task_that_took_it(struct kunit *test);

/* module_domain_test.cpp */
void srcu_kunit_module_domain_handles_share_one_domain(struct kunit *test);
void srcu_kunit_module_domain_synchronize_waits_for_sleeping_reader(struct kunit *test);
void srcu_kunit_module_domain_retire_then_quiesce(struct kunit *test);

/* domain_test.cpp */
void srcu_kunit_domain_init_gives_name(struct kunit *test);
void srcu_kunit_domain_many_domains_at_once(struct kunit *test);
void srcu_kunit_domain_init_teardown_cycles(struct kunit *test);
void srcu_kunit_domain_hundred_domains_alive_at_once(struct kunit *test);

/* teardown_test.cpp */
void srcu_kunit_teardown_runs_retired_callbacks(struct kunit *test);
void srcu_kunit_teardown_waits_for_sleeping_reader(struct kunit *test);
void srcu_kunit_teardown_leaked_reader_abandons_domain(struct kunit *test);
void srcu_kunit_teardown_stuck_reader_abandons_domain(struct kunit *test);
void srcu_kunit_teardown_stuck_reader_with_pending_callback_waits(struct kunit *test);

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
