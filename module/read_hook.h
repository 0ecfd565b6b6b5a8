/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The read side's test hook (module parameter test_read_delay_ms) and the
 * record it keeps, so that tests decide from the kernel's own clock
 * whether a writer waited for a sleeping reader (read_hook.c,
 * Documentation/testing.rst). Included from C and from C++.
 */
#ifndef SRCU_CONFIG_READ_HOOK_H
#define SRCU_CONFIG_READ_HOOK_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * test_read_delay_ms: how long each read sleeps inside its read-side
 * critical section (0, off, in production). The module parameter of the
 * device (main.c); the store reads it where it copies.
 */
extern unsigned int srcu_config_test_read_delay_ms;

static inline int srcu_config_read_hook_on(void)
{
	return __atomic_load_n(&srcu_config_test_read_delay_ms,
			       __ATOMIC_RELAXED) != 0;
}

/*
 * Called by a read inside its read-side critical section, about to copy
 * generation @generation, when the hook is on: sleeps test_read_delay_ms,
 * and records when the reader entered and left. 0, or -ERESTARTSYS if a
 * signal cut the sleep short.
 */
int srcu_config_read_hook(unsigned long long generation);

/* A change to @generation returned, past its grace period if it waited. */
void srcu_config_hook_changed(unsigned long long generation);

/* The record in debugfs: srcu_config/read_hook. */
void srcu_config_hook_init(void);
void srcu_config_hook_exit(void);

#ifdef __cplusplus
}
#endif

#endif
