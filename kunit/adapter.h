/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What C++ test bodies need from KUnit and the kernel, as plain C calls:
 * reporting a failure or a skip, threads, one-shot events, memory and
 * user memory. Everything is allocated through KUnit, so it goes away
 * with the test.
 * Included from C (with kernel headers) and from C++ (without).
 */
#ifndef SRCU_CONFIG_KUNIT_ADAPTER_H
#define SRCU_CONFIG_KUNIT_ADAPTER_H

#include "srcu_cxx/shim.h"

#ifdef __cplusplus
extern "C" {
#endif

struct kunit;
struct srcu_kunit_thread;
struct srcu_kunit_event;

/* Mark @test failed and log where, in the C++ source, and why. */
void srcu_kunit_fail(struct kunit *test, const char *file, int line,
		     const char *what);
void srcu_kunit_fail_values(struct kunit *test, const char *file, int line,
			    const char *what, long long expected,
			    long long actual);
/* Mark @test skipped, saying why; the body should return afterwards. */
void srcu_kunit_skip(struct kunit *test, const char *why);

/* A kthread running fn(arg); NULL (and @test failed) if it cannot start. */
struct srcu_kunit_thread *srcu_kunit_thread_run(struct kunit *test,
						int (*fn)(void *), void *arg,
						const char *name);
/*
 * Wait for the thread function to return (it always runs, however soon
 * this is called); gives its return value.
 */
int srcu_kunit_thread_join(struct srcu_kunit_thread *thread);

struct srcu_kunit_event *srcu_kunit_event_create(struct kunit *test);
void srcu_kunit_event_signal(struct srcu_kunit_event *event);
/* 1 if signalled within @timeout_ms, 0 if not. */
int srcu_kunit_event_wait(struct srcu_kunit_event *event,
			  unsigned int timeout_ms);

/* @size zeroed bytes freed with the test, or NULL (and @test failed). */
void *srcu_kunit_alloc(struct kunit *test, unsigned long size);

/* @size bytes of anonymous user memory in the test's own mm, or NULL. */
void __user *srcu_kunit_user_alloc(struct kunit *test, unsigned long size);

#ifdef __cplusplus
}
#endif

#endif
