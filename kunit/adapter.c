// SPDX-License-Identifier: GPL-2.0
/*
 * C side of the C++-to-KUnit adapter (see adapter.h).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "kunit/adapter.h"

void srcu_kunit_fail(struct kunit *test, const char *file, int line,
		     const char *what)
{
	kunit_set_failure(test);
	kunit_err(test, "EXPECTATION FAILED at %s:%d: %s\n", file, line, what);
}

void srcu_kunit_fail_values(struct kunit *test, const char *file, int line,
			    const char *what, long long expected,
			    long long actual)
{
	kunit_set_failure(test);
	kunit_err(test, "EXPECTATION FAILED at %s:%d: %s: expected %lld, got %lld\n",
		  file, line, what, expected, actual);
}

void srcu_kunit_skip(struct kunit *test, const char *why)
{
	kunit_mark_skipped(test, "%s", why);
}

struct srcu_kunit_thread {
	struct task_struct *task;
	int (*fn)(void *arg);
	void *arg;
	int result;
	/* Completed when fn has returned. */
	struct completion done;
};

static int srcu_kunit_thread_main(void *data)
{
	struct srcu_kunit_thread *thread = data;

	thread->result = thread->fn(thread->arg);
	complete(&thread->done);
	return 0;
}

struct srcu_kunit_thread *srcu_kunit_thread_run(struct kunit *test,
						int (*fn)(void *), void *arg,
						const char *name)
{
	struct srcu_kunit_thread *thread;
	struct task_struct *task;

	thread = kunit_kzalloc(test, sizeof(*thread), GFP_KERNEL);
	if (!thread) {
		srcu_kunit_fail(test, __FILE__, __LINE__, "no memory for a thread");
		return NULL;
	}
	thread->fn = fn;
	thread->arg = arg;
	init_completion(&thread->done);
	task = kthread_create(srcu_kunit_thread_main, thread, "%s", name);
	if (IS_ERR(task)) {
		srcu_kunit_fail(test, __FILE__, __LINE__, "kthread_create failed");
		return NULL;
	}
	/* Keep the task around even if it exits before it is joined. */
	thread->task = get_task_struct(task);
	wake_up_process(task);
	return thread;
}

int srcu_kunit_thread_join(struct srcu_kunit_thread *thread)
{
	/*
	 * Wait for fn first: kthread_stop() on a thread that has not been
	 * scheduled yet makes it exit without running fn at all.
	 */
	wait_for_completion(&thread->done);
	kthread_stop(thread->task);
	put_task_struct(thread->task);
	return thread->result;
}

struct srcu_kunit_event {
	struct completion done;
};

struct srcu_kunit_event *srcu_kunit_event_create(struct kunit *test)
{
	struct srcu_kunit_event *event;

	event = kunit_kzalloc(test, sizeof(*event), GFP_KERNEL);
	if (event)
		init_completion(&event->done);
	else
		srcu_kunit_fail(test, __FILE__, __LINE__, "no memory for an event");
	return event;
}

void srcu_kunit_event_signal(struct srcu_kunit_event *event)
{
	complete_all(&event->done);
}

int srcu_kunit_event_wait(struct srcu_kunit_event *event,
			  unsigned int timeout_ms)
{
	return wait_for_completion_timeout(&event->done,
					   msecs_to_jiffies(timeout_ms)) != 0;
}

#if SRCU_KUNIT_HAVE_VM_MMAP
static unsigned long srcu_kunit_vm_mmap(struct kunit *test, unsigned long size)
{
	return kunit_vm_mmap(test, NULL, 0, size, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
}
#else
/*
 * What kunit_vm_mmap() (6.10) does, for kernels without it: give the
 * test's kthread an address space of its own, which goes with the
 * kthread when the case ends (each case runs in a kthread of its own).
 */
static unsigned long srcu_kunit_vm_mmap(struct kunit *test, unsigned long size)
{
	if (!current->mm) {
		struct mm_struct *mm = mm_alloc();

		if (!mm)
			return -ENOMEM;
		mm->task_size = TASK_SIZE;
		arch_pick_mmap_layout(mm, &current->signal->rlim[RLIMIT_STACK]);
		kthread_use_mm(mm);
	}
	return vm_mmap(NULL, 0, size, PROT_READ | PROT_WRITE,
		       MAP_ANONYMOUS | MAP_PRIVATE, 0);
}
#endif

void __user *srcu_kunit_user_alloc(struct kunit *test, unsigned long size)
{
	unsigned long addr = srcu_kunit_vm_mmap(test, size);

	if (IS_ERR_VALUE(addr) || !addr) {
		srcu_kunit_fail(test, __FILE__, __LINE__, "vm_mmap failed");
		return NULL;
	}
	return (void __user *)addr;
}

void *srcu_kunit_alloc(struct kunit *test, unsigned long size)
{
	void *memory = kunit_kzalloc(test, size, GFP_KERNEL);

	if (!memory)
		srcu_kunit_fail(test, __FILE__, __LINE__, "kunit_kzalloc failed");
	return memory;
}
