/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel backend of the SRCU templates: storage sized by the kernel
 * being built against, and operations that call the C shims.
 */
#ifndef SRCU_CXX_KERNEL_BACKEND_HPP
#define SRCU_CXX_KERNEL_BACKEND_HPP

#include "base/utility.hpp"
#include "generated/srcu_cxx_layout.h"
#include "kernel/shim.h"

namespace srcu_cxx {

enum class gfp : unsigned int {
	kernel = SRCU_CXX_GFP_KERNEL,
	kernel_account = SRCU_CXX_GFP_KERNEL_ACCOUNT,
	nowait = SRCU_CXX_GFP_NOWAIT,
};

namespace errno_values {
inline constexpr int nomem = SRCU_CXX_ENOMEM;
inline constexpr int inval = SRCU_CXX_EINVAL;
inline constexpr int fault = SRCU_CXX_EFAULT;
inline constexpr int too_big = SRCU_CXX_E2BIG;
inline constexpr int stale = SRCU_CXX_ESTALE;
inline constexpr int interrupted = SRCU_CXX_EINTR;
inline constexpr int restart_sys = SRCU_CXX_ERESTARTSYS;
} // namespace errno_values

/*
 * Raw storage for a kernel object that C++ only ever passes back to C.
 * An empty C struct (lock_class_key without lockdep) still gets one byte.
 */
template <typename CType, size_t Size, size_t Align>
struct alignas(Align) kernel_object {
	unsigned char bytes[Size > 0 ? Size : 1];

	[[nodiscard]] CType *get() noexcept
	{
		return reinterpret_cast<CType *>(bytes);
	}
};

struct kernel_backend {
	static constexpr bool debug_checks = SRCU_CXX_DEBUG_CHECKS;

	using srcu_state = kernel_object<srcu_struct, SRCU_CXX_SRCU_STRUCT_SIZE,
					 SRCU_CXX_SRCU_STRUCT_ALIGN>;
	using mutex_state = kernel_object<mutex, SRCU_CXX_MUTEX_SIZE,
					  SRCU_CXX_MUTEX_ALIGN>;
	using lock_class_key = kernel_object<::lock_class_key,
					     SRCU_CXX_LOCK_CLASS_KEY_SIZE,
					     SRCU_CXX_LOCK_CLASS_KEY_ALIGN>;

	[[nodiscard]] static int init(srcu_state &s, const char *name,
				      lock_class_key &key) noexcept
	{
		return srcu_cxx_init(s.get(), name, key.get());
	}
	static void cleanup(srcu_state &s) noexcept { srcu_cxx_cleanup(s.get()); }

	[[nodiscard]] static int read_lock(srcu_state &s) noexcept
	{
		return srcu_cxx_read_lock(s.get());
	}
	static void read_unlock(srcu_state &s, int index) noexcept
	{
		srcu_cxx_read_unlock(s.get(), index);
	}

	static void synchronize(srcu_state &s) noexcept
	{
		srcu_cxx_synchronize(s.get());
	}
	static void synchronize_expedited(srcu_state &s) noexcept
	{
		srcu_cxx_synchronize_expedited(s.get());
	}
	static void barrier(srcu_state &s) noexcept { srcu_cxx_barrier(s.get()); }

	[[nodiscard]] static void *dereference(void *const *slot,
					       srcu_state &s) noexcept
	{
		return srcu_cxx_dereference(slot, s.get());
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

	static void warn(const char *what, const char *file, int line) noexcept
	{
		srcu_cxx_warn(what, file, line);
	}
};

} // namespace srcu_cxx

#endif
