/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel backend: storage sized by the kernel being built against,
 * and operations that call the kernel, through the C shims or, where the
 * C inline would add nothing, directly.
 *
 * The public headers include "srcu_cxx/backend.hpp" and get this file on
 * a kernel build (core/srcu_cxx.mk puts core/kernel/include on the
 * include path) or the userspace one on a host build: the backend is
 * chosen by the build, as <asm/...> is, so users name srcu_cxx::domain,
 * not a template over a backend.
 */
#ifndef SRCU_CXX_KERNEL_BACKEND_HPP
#define SRCU_CXX_KERNEL_BACKEND_HPP

#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/layout.h"
#include "srcu_cxx/shim.h"

/*
 * What srcu_read_lock()/srcu_read_unlock() inline to on a kernel without
 * lockdep and PROVE_RCU; shim.c checks these match the kernel's.
 */
extern "C" int __srcu_read_lock(srcu_struct *ssp);
extern "C" void __srcu_read_unlock(srcu_struct *ssp, int idx);

namespace srcu_cxx {

enum class gfp : unsigned int {
	kernel = SRCU_CXX_GFP_KERNEL,
	kernel_account = SRCU_CXX_GFP_KERNEL_ACCOUNT,
};

namespace errno_values {
inline constexpr int nomem = SRCU_CXX_ENOMEM;
inline constexpr int inval = SRCU_CXX_EINVAL;
inline constexpr int fault = SRCU_CXX_EFAULT;
inline constexpr int restart_sys = SRCU_CXX_ERESTARTSYS;
inline constexpr int busy = SRCU_CXX_EBUSY;
} // namespace errno_values

/*
 * Raw storage for a kernel object that C++ only ever passes back to C.
 * An empty C struct (lock_class_key without lockdep) still gets one byte.
 */
template <typename CType, size_t Size, size_t Align>
struct alignas(Align) kernel_object {
	using c_type = CType;

	unsigned char bytes[Size > 0 ? Size : 1];

	[[nodiscard]] CType *get() noexcept
	{
		return reinterpret_cast<CType *>(bytes);
	}
};

struct kernel_backend {
	static constexpr bool debug_checks = SRCU_CXX_DEBUG_CHECKS;
	static constexpr bool direct_read = SRCU_CXX_DIRECT_READ;
	/* What init() returns for a domain already initialised. */
	static constexpr int error_busy = -SRCU_CXX_EBUSY;

	using srcu_pointer = srcu_struct *;
	/* What a fast reader's unlock needs: its per-CPU counter, opaque. */
	using fast_token = srcu_ctr *;
	using mutex_state = kernel_object<mutex, SRCU_CXX_MUTEX_SIZE,
					  SRCU_CXX_MUTEX_ALIGN>;
	using lock_class_key = kernel_object<::lock_class_key,
					     SRCU_CXX_LOCK_CLASS_KEY_SIZE,
					     SRCU_CXX_LOCK_CLASS_KEY_ALIGN>;
	using callback_head = kernel_object<rcu_head, SRCU_CXX_RCU_HEAD_SIZE,
					    SRCU_CXX_RCU_HEAD_ALIGN>;
	using callback_function = void (*)(rcu_head *head);
	/* Where a fast domain holds its srcu_struct (domain.hpp). */
	using srcu_storage = kernel_object<srcu_struct, SRCU_CXX_SRCU_STRUCT_SIZE,
					   SRCU_CXX_SRCU_STRUCT_ALIGN>;

	/* Domain lifetime */
	[[nodiscard]] static int create(srcu_pointer &srcu, const char *name,
					lock_class_key &key) noexcept
	{
		return srcu_cxx_create(&srcu, name, key.get());
	}
	/* Only referenced where SRCU_CXX_HAVE_FAST_READERS. */
	[[nodiscard]] static int init_fast(srcu_storage &storage, const char *name,
					   lock_class_key &key) noexcept
	{
		return srcu_cxx_init_fast(storage.get(), name, key.get());
	}
	/* Only referenced where SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS. */
	[[nodiscard]] static int init_fast_updown(srcu_storage &storage,
						  const char *name,
						  lock_class_key &key) noexcept
	{
		return srcu_cxx_init_fast_updown(storage.get(), name, key.get());
	}
	[[nodiscard]] static srcu_pointer in_place(srcu_storage &storage) noexcept
	{
		return storage.get();
	}
	static void destroy(srcu_pointer srcu) noexcept { srcu_cxx_destroy(srcu); }
	static void cleanup(srcu_pointer srcu) noexcept { srcu_cxx_cleanup(srcu); }
	static void abandon(srcu_pointer srcu, const char *name) noexcept
	{
		srcu_cxx_abandon(srcu, name);
	}
	static void report_stuck_reader(const char *name, unsigned int waited_ms,
					long pending, const char *last_retired,
					bool abandoning) noexcept
	{
		srcu_cxx_report_stuck_reader(name, waited_ms, pending,
					     last_retired, abandoning);
	}
	static void report_reader_in_place(const char *name,
					   unsigned int waited_ms) noexcept
	{
		srcu_cxx_report_reader_in_place(name, waited_ms);
	}
	/* Link-time addresses: a reader loads nothing to find them. */
	[[nodiscard]] static srcu_pointer module_domain() noexcept
	{
		return &srcu_cxx_module_srcu;
	}
	[[nodiscard]] static long *module_domain_pending() noexcept
	{
		return &srcu_cxx_module_srcu_pending;
	}
	/* Only referenced where SRCU_CXX_HAVE_FAST_READERS. */
	[[nodiscard]] static srcu_pointer module_fast_domain() noexcept
	{
		return &srcu_cxx_module_fast_srcu;
	}
	[[nodiscard]] static long *module_fast_domain_pending() noexcept
	{
		return &srcu_cxx_module_fast_srcu_pending;
	}

	/* Readers */
	[[nodiscard]] static int read_lock(srcu_pointer srcu) noexcept
	{
		if constexpr (direct_read)
			return __srcu_read_lock(srcu);
		else
			return srcu_cxx_read_lock(srcu);
	}
	static void read_unlock(srcu_pointer srcu, int index) noexcept
	{
		if constexpr (direct_read)
			__srcu_read_unlock(srcu, index);
		else
			srcu_cxx_read_unlock(srcu, index);
	}
	/* Only referenced where SRCU_CXX_HAVE_CROSS_CONTEXT_READERS. */
	[[nodiscard]] static int down_read(srcu_pointer srcu) noexcept
	{
		return srcu_cxx_down_read(srcu);
	}
	static void up_read(srcu_pointer srcu, int index) noexcept
	{
		srcu_cxx_up_read(srcu, index);
	}

	/*
	 * Fast readers; only referenced where SRCU_CXX_HAVE_FAST_READERS.
	 * With SRCU_CXX_DIRECT_FAST_READ (x86-64, no lockdep, no PROVE_RCU)
	 * they are what srcu_read_lock_fast()/srcu_read_unlock_fast()
	 * inline to there: load ssp->srcu_ctrp, then this_cpu_inc() of its
	 * srcu_locks (lock) or srcu_unlocks (unlock), one %gs-relative
	 * incq, with barrier() on the inside of the section (the "memory"
	 * clobber). Elsewhere, the shims.
	 */
	static constexpr bool direct_fast_read = SRCU_CXX_DIRECT_FAST_READ;

	[[nodiscard]] static fast_token fast_read_lock(srcu_pointer srcu) noexcept
	{
		if constexpr (direct_fast_read) {
			fast_token scp = *reinterpret_cast<fast_token const volatile *>(
				reinterpret_cast<const unsigned char *>(srcu) +
				SRCU_CXX_SRCU_CTRP_OFFSET);

			per_cpu_inc<SRCU_CXX_SRCU_CTR_LOCKS_OFFSET>(scp);
			return scp;
		} else {
			return srcu_cxx_read_lock_fast(srcu);
		}
	}
	static void fast_read_unlock(srcu_pointer srcu, fast_token token) noexcept
	{
		if constexpr (direct_fast_read)
			per_cpu_inc<SRCU_CXX_SRCU_CTR_UNLOCKS_OFFSET>(token);
		else
			srcu_cxx_read_unlock_fast(srcu, token);
	}
	/* Only referenced where SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS. */
	[[nodiscard]] static fast_token fast_down_read(srcu_pointer srcu) noexcept
	{
		return srcu_cxx_down_read_fast(srcu);
	}
	static void fast_up_read(srcu_pointer srcu, fast_token token) noexcept
	{
		srcu_cxx_up_read_fast(srcu, token);
	}

	/* Grace periods */
	static void synchronize(srcu_pointer srcu) noexcept
	{
		srcu_cxx_synchronize(srcu);
	}
	static void synchronize_expedited(srcu_pointer srcu) noexcept
	{
		srcu_cxx_synchronize_expedited(srcu);
	}
	static void barrier(srcu_pointer srcu) noexcept { srcu_cxx_barrier(srcu); }
	[[nodiscard]] static unsigned long get_state(srcu_pointer srcu) noexcept
	{
		return srcu_cxx_get_state(srcu);
	}
	[[nodiscard]] static unsigned long start_poll(srcu_pointer srcu) noexcept
	{
		return srcu_cxx_start_poll(srcu);
	}
	[[nodiscard]] static bool poll(srcu_pointer srcu,
				       unsigned long cookie) noexcept
	{
		return srcu_cxx_poll(srcu, cookie);
	}
	static void call(srcu_pointer srcu, callback_head &head,
			 callback_function function) noexcept
	{
		srcu_cxx_call(srcu, head.get(), function);
	}

	/* Protected pointers */
	[[nodiscard]] static void *dereference(void *const *slot,
					       srcu_pointer srcu) noexcept
	{
		/* srcu_dereference() is a READ_ONCE() there. */
		if constexpr (direct_read)
			return *static_cast<void *const volatile *>(slot);
		else
			return srcu_cxx_dereference(slot, srcu);
	}
	/* The same in a section lockdep does not track (down_read()). */
	[[nodiscard]] static void *dereference_untracked(void *const *slot,
							 srcu_pointer srcu) noexcept
	{
		if constexpr (direct_read)
			return *static_cast<void *const volatile *>(slot);
		else
			return srcu_cxx_dereference_untracked(slot, srcu);
	}
	[[nodiscard]] static void *dereference_protected(void *const *slot,
							 mutex_state &m) noexcept
	{
		return srcu_cxx_dereference_protected(slot, m.get());
	}
	static void assign_pointer(void **slot, void *value) noexcept
	{
		srcu_cxx_assign_pointer(slot, value);
	}

	/* Writer lock */
	static void mutex_init(mutex_state &m, const char *name,
			       lock_class_key &key) noexcept
	{
		srcu_cxx_mutex_init(m.get(), name, key.get());
	}
	static void mutex_destroy(mutex_state &m) noexcept
	{
		srcu_cxx_mutex_destroy(m.get());
	}
	static void mutex_lock(mutex_state &m) noexcept
	{
		srcu_cxx_mutex_lock(m.get());
	}
	[[nodiscard]] static int mutex_lock_interruptible(mutex_state &m) noexcept
	{
		return srcu_cxx_mutex_lock_interruptible(m.get());
	}
	static void mutex_unlock(mutex_state &m) noexcept
	{
		srcu_cxx_mutex_unlock(m.get());
	}

	/* Time, for bounded waits */
	[[nodiscard]] static unsigned long long now_ns() noexcept
	{
		return srcu_cxx_ktime_get_ns();
	}
	static void sleep_ms(unsigned int ms) noexcept { srcu_cxx_msleep(ms); }

	static void warn(const char *what, const char *file, int line) noexcept
	{
		srcu_cxx_warn(what, file, line);
	}

private:
#if SRCU_CXX_DIRECT_FAST_READ
	static_assert(SRCU_CXX_SRCU_CTR_COUNTER_SIZE == 8,
		      "this_cpu_inc() of an atomic_long_t is an incq");

	/* this_cpu_inc() of the long at @offset in the per-CPU @scp. */
	template <unsigned long Offset>
	static void per_cpu_inc(fast_token scp) noexcept
	{
		/* As the C compiler encodes it: no displacement for 0. */
		if constexpr (Offset == 0)
			asm volatile("incq %%gs:(%0)" : : "r"(scp) : "memory", "cc");
		else
			asm volatile("incq %%gs:%c1(%0)"
				     :
				     : "r"(scp), "i"(Offset)
				     : "memory", "cc");
	}
#else
	template <unsigned long Offset>
	static void per_cpu_inc(fast_token) noexcept
	{
	}
#endif
};

/* What the public headers use. */
using backend = kernel_backend;

} // namespace srcu_cxx

/* Last: check it against the contract the public headers rely on. */
#include "srcu_cxx/backend_check.hpp"

#endif
