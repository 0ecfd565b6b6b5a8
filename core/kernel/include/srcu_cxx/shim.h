/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C functions the C++ core calls. Every kernel API the core needs that
 * is a macro or a static inline (srcu_read_lock, srcu_dereference,
 * init_srcu_struct with its lockdep key, mutex_init, ...) is wrapped here,
 * so lockdep and PROVE_RCU see the same calls a C user would make.
 *
 * Included from C (with the kernel headers) and from C++ (without them):
 * it names kernel types only as incomplete structs.
 */
#ifndef SRCU_CXX_KERNEL_SHIM_H
#define SRCU_CXX_KERNEL_SHIM_H

#ifndef __user
#define __user
#endif
#ifndef __rcu
#define __rcu
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct srcu_struct;
struct lock_class_key;
struct mutex;
struct rcu_head;
struct srcu_ctr;

/*
 * SRCU domain of the normal flavour. The srcu_struct is allocated here,
 * not embedded in C++ objects: a domain whose reader leaked can then be
 * abandoned (left allocated for ever) instead of freed under the
 * grace-period machinery.
 */
int srcu_cxx_create(struct srcu_struct **ssp, const char *name,
		    struct lock_class_key *key);
void srcu_cxx_destroy(struct srcu_struct *ssp);
void srcu_cxx_abandon(struct srcu_struct *ssp, const char *name);
void srcu_cxx_report_stuck_reader(const char *name, unsigned int waited_ms,
				  long pending_callbacks, const char *last_retired,
				  int abandoning);
/* The fast flavours' srcu_struct is in the domain: teardown waits. */
void srcu_cxx_report_reader_in_place(const char *name, unsigned int waited_ms);
void srcu_cxx_cleanup(struct srcu_struct *ssp);

/*
 * The module's static domains and the counts of their deferred callbacks
 * still pending (C++ updates them): defined only in a module that asks
 * for them with SRCU_CXX_DEFINE_MODULE_DOMAIN() and
 * SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN() (srcu_cxx/module_domain.h).
 */
extern struct srcu_struct srcu_cxx_module_srcu;
extern long srcu_cxx_module_srcu_pending;
extern struct srcu_struct srcu_cxx_module_fast_srcu;
extern long srcu_cxx_module_fast_srcu_pending;

/* Readers; the shims are used only on lockdep/PROVE_RCU kernels. */
int srcu_cxx_read_lock(struct srcu_struct *ssp);
void srcu_cxx_read_unlock(struct srcu_struct *ssp, int idx);
int srcu_cxx_down_read(struct srcu_struct *ssp);
void srcu_cxx_up_read(struct srcu_struct *ssp, int idx);

/*
 * SRCU-fast, where the kernel has it (SRCU_CXX_HAVE_FAST_READERS): a
 * domain's srcu_struct, in place, initialised with init_srcu_struct_fast()
 * (and undone by srcu_cxx_cleanup()), whose readers are
 * srcu_read_lock_fast()/srcu_read_unlock_fast(). The reader's token is
 * the per-CPU counter it incremented, opaque to C++ (its __percpu address
 * space is cast away here and restored on unlock).
 */
int srcu_cxx_init_fast(struct srcu_struct *ssp, const char *name,
		       struct lock_class_key *key);
struct srcu_ctr *srcu_cxx_read_lock_fast(struct srcu_struct *ssp);
void srcu_cxx_read_unlock_fast(struct srcu_struct *ssp, struct srcu_ctr *scp);

/*
 * SRCU-fast-updown, where the kernel has it
 * (SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS): a domain initialised with
 * init_srcu_struct_fast_updown() in place, whose readers are
 * srcu_down_read_fast() and srcu_up_read_fast() and may end in another
 * task or context.
 */
int srcu_cxx_init_fast_updown(struct srcu_struct *ssp, const char *name,
			      struct lock_class_key *key);
struct srcu_ctr *srcu_cxx_down_read_fast(struct srcu_struct *ssp);
void srcu_cxx_up_read_fast(struct srcu_struct *ssp, struct srcu_ctr *scp);

/* Grace periods */
void srcu_cxx_synchronize(struct srcu_struct *ssp);
void srcu_cxx_synchronize_expedited(struct srcu_struct *ssp);
void srcu_cxx_barrier(struct srcu_struct *ssp);
unsigned long srcu_cxx_get_state(struct srcu_struct *ssp);
unsigned long srcu_cxx_start_poll(struct srcu_struct *ssp);
int srcu_cxx_poll(struct srcu_struct *ssp, unsigned long cookie);
void srcu_cxx_call(struct srcu_struct *ssp, struct rcu_head *head,
		   void (*func)(struct rcu_head *head));

/* SRCU-protected pointers */
void *srcu_cxx_dereference(void __rcu *const *slot, struct srcu_struct *ssp);
void *srcu_cxx_dereference_untracked(void __rcu *const *slot,
				     struct srcu_struct *ssp);
void *srcu_cxx_dereference_protected(void __rcu *const *slot,
				     struct mutex *lock);
void srcu_cxx_assign_pointer(void __rcu **slot, void *value);

/* Writer lock */
void srcu_cxx_mutex_init(struct mutex *lock, const char *name,
			 struct lock_class_key *key);
void srcu_cxx_mutex_destroy(struct mutex *lock);
void srcu_cxx_mutex_lock(struct mutex *lock);
int srcu_cxx_mutex_lock_interruptible(struct mutex *lock);
void srcu_cxx_mutex_unlock(struct mutex *lock);

/* Memory */
void *srcu_cxx_kmalloc(unsigned long size, unsigned int gfp);
void srcu_cxx_kfree(const void *object);

/* Time and sleeping */
unsigned long long srcu_cxx_ktime_get_ns(void);
void srcu_cxx_msleep(unsigned int msecs);

/* Diagnostics: a C++ caller's message, printed as the kernel prints. */
void srcu_cxx_warn(const char *what, const char *file, int line);

#ifdef __cplusplus
}
#endif

#endif
