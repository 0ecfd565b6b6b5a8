/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host backend: the interface of the kernel backend
 * (core/kernel/include/srcu_cxx/backend.hpp) over a userspace SRCU
 * (host/srcu_struct.hpp) and std::mutex, for unit tests of the core on the
 * build machine, with and without ThreadSanitizer. A host build puts
 * core/host/include before core/include, so the public headers'
 * "srcu_cxx/backend.hpp" is this file.
 *
 * Debug checks are always on, and what the kernel would report (a WARN,
 * lockdep, PROVE_RCU, DEBUG_OBJECTS) is recorded by host/diagnostics.hpp
 * for the tests to check. Cross-context and fast readers are always
 * available (fast ones share the normal implementation).
 */
#ifndef SRCU_CXX_HOST_BACKEND_HPP
#define SRCU_CXX_HOST_BACKEND_HPP

#include <cerrno>
#include <chrono>
#include <thread>

#include "host/diagnostics.hpp"
#include "host/domains.hpp"
#include "host/locks.hpp"
#include "host/srcu_struct.hpp"

namespace srcu_cxx {

struct host_backend {
	static constexpr bool debug_checks = true;
	static constexpr bool direct_read = false;
	/* What init() returns for a domain already initialised. */
	static constexpr int error_busy = -EBUSY;

	using srcu_pointer = host::srcu_struct *;
	/*
	 * The userspace SRCU has one reader flavour: a fast reader is a
	 * normal one, its token the index.
	 */
	using fast_token = int;
	using mutex_state = host::mutex_state;
	using lock_class_key = host::lock_class_key;
	using callback_head = host::callback_head;
	using callback_function = host::callback_function;
	/* Where a fast domain holds its srcu_struct (domain.hpp). */
	struct alignas(host::srcu_struct) srcu_storage {
		unsigned char bytes[sizeof(host::srcu_struct)];
	};

	/* Domain lifetime */
	[[nodiscard]] static int create(srcu_pointer &srcu, const char *name,
					lock_class_key &key) noexcept
	{
		return host::create_domain(srcu, name, key);
	}
	[[nodiscard]] static int init_fast(srcu_storage &storage, const char *name,
					   lock_class_key &key) noexcept
	{
		return host::init_domain_in_place(storage.bytes, sizeof(storage.bytes),
						  name, key);
	}
	[[nodiscard]] static int init_fast_updown(srcu_storage &storage,
						  const char *name,
						  lock_class_key &key) noexcept
	{
		return init_fast(storage, name, key);
	}
	[[nodiscard]] static srcu_pointer in_place(srcu_storage &storage) noexcept
	{
		return reinterpret_cast<srcu_pointer>(storage.bytes);
	}
	static void destroy(srcu_pointer srcu) noexcept
	{
		host::destroy_domain(srcu);
	}
	static void cleanup(srcu_pointer srcu) noexcept
	{
		host::cleanup_domain_in_place(srcu);
	}
	static void abandon(srcu_pointer srcu, const char *name) noexcept
	{
		host::abandon_domain(srcu, name);
	}
	static void report_stuck_reader(const char *name, unsigned int waited_ms,
					long pending, const char *last_retired,
					bool abandoning) noexcept
	{
		host::record_stuck_reader(name, waited_ms, pending, last_retired,
					  abandoning);
	}
	static void report_reader_in_place(const char *name,
					   unsigned int waited_ms) noexcept
	{
		host::record_reader_in_place(name, waited_ms);
	}
	[[nodiscard]] static srcu_pointer module_domain() noexcept
	{
		return host::module_domain();
	}
	[[nodiscard]] static long *module_domain_pending() noexcept
	{
		return host::module_domain_pending();
	}
	[[nodiscard]] static srcu_pointer module_fast_domain() noexcept
	{
		return host::module_fast_domain();
	}
	[[nodiscard]] static long *module_fast_domain_pending() noexcept
	{
		return host::module_fast_domain_pending();
	}

	/* Readers */
	[[nodiscard]] static int read_lock(srcu_pointer srcu) noexcept
	{
		return srcu->read_lock();
	}
	static void read_unlock(srcu_pointer srcu, int index) noexcept
	{
		srcu->read_unlock(index);
	}
	[[nodiscard]] static int down_read(srcu_pointer srcu) noexcept
	{
		return srcu->down_read();
	}
	static void up_read(srcu_pointer srcu, int index) noexcept
	{
		srcu->up_read(index);
	}

	[[nodiscard]] static fast_token fast_read_lock(srcu_pointer srcu) noexcept
	{
		return srcu->read_lock();
	}
	static void fast_read_unlock(srcu_pointer srcu, fast_token token) noexcept
	{
		srcu->read_unlock(token);
	}
	[[nodiscard]] static fast_token fast_down_read(srcu_pointer srcu) noexcept
	{
		return srcu->down_read();
	}
	static void fast_up_read(srcu_pointer srcu, fast_token token) noexcept
	{
		srcu->up_read(token);
	}

	/* Grace periods */
	static void synchronize(srcu_pointer srcu) noexcept
	{
		srcu->synchronize();
	}
	static void synchronize_expedited(srcu_pointer srcu) noexcept
	{
		srcu->synchronize_expedited();
	}
	static void barrier(srcu_pointer srcu) noexcept { srcu->barrier(); }
	[[nodiscard]] static unsigned long get_state(srcu_pointer srcu) noexcept
	{
		return srcu->get_state();
	}
	[[nodiscard]] static unsigned long start_poll(srcu_pointer srcu) noexcept
	{
		return srcu->start_poll();
	}
	[[nodiscard]] static bool poll(srcu_pointer srcu,
				       unsigned long cookie) noexcept
	{
		return srcu->poll(cookie);
	}
	static void call(srcu_pointer srcu, callback_head &head,
			 callback_function function) noexcept
	{
		srcu->call(head, function);
	}

	/*
	 * Protected pointers. Publication and the reader's load are
	 * sequentially consistent, like the reader's count: that is what
	 * makes a reader counted too late for a grace period see the new
	 * pointer (host/srcu_struct.hpp). The kernel's are a release store
	 * and a dependent load, plus smp_mb() in SRCU itself.
	 */
	[[nodiscard]] static void *dereference(void *const *slot,
					       srcu_pointer srcu) noexcept
	{
		if (!srcu->held_by_this_thread())
			warn("srcu_dereference() outside a read-side critical section of its domain",
			     __FILE__, __LINE__);
		return __atomic_load_n(slot, __ATOMIC_SEQ_CST);
	}
	/* Like the kernel's, no held check: down_read() is not per thread. */
	[[nodiscard]] static void *dereference_untracked(void *const *slot,
							 srcu_pointer) noexcept
	{
		return __atomic_load_n(slot, __ATOMIC_SEQ_CST);
	}
	[[nodiscard]] static void *dereference_protected(void *const *slot,
							 mutex_state &m) noexcept
	{
		if (!m.held_by_this_thread())
			warn("rcu_dereference_protected() without the writer lock held",
			     __FILE__, __LINE__);
		return __atomic_load_n(slot, __ATOMIC_RELAXED);
	}
	static void assign_pointer(void **slot, void *value) noexcept
	{
		__atomic_store_n(slot, value, __ATOMIC_SEQ_CST);
	}

	/* Writer lock */
	static void mutex_init(mutex_state &m, const char *name,
			       lock_class_key &key) noexcept
	{
		m.init(name, key);
	}
	static void mutex_destroy(mutex_state &m) noexcept { m.destroy(); }
	static void mutex_lock(mutex_state &m) noexcept { m.lock(); }
	[[nodiscard]] static int mutex_lock_interruptible(mutex_state &m) noexcept
	{
		return m.lock_interruptible();
	}
	static void mutex_unlock(mutex_state &m) noexcept { m.unlock(); }

	/* Time, for bounded waits */
	[[nodiscard]] static unsigned long long now_ns() noexcept
	{
		auto since_boot = std::chrono::steady_clock::now().time_since_epoch();

		return std::chrono::duration_cast<std::chrono::nanoseconds>(since_boot)
			.count();
	}
	static void sleep_ms(unsigned int ms) noexcept
	{
		std::this_thread::sleep_for(std::chrono::milliseconds(ms));
	}

	static void warn(const char *what, const char *file, int line) noexcept
	{
		host::record_warning(what, file, line);
	}
};

/* What the public headers use. */
using backend = host_backend;

} // namespace srcu_cxx

/* The userspace SRCU has srcu_down_read()'s counterpart, and SRCU-fast's. */
#define SRCU_CXX_HAVE_CROSS_CONTEXT_READERS 1
#define SRCU_CXX_HAVE_FAST_READERS 1
#define SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS 1

/* Last: check it against the contract the public headers rely on. */
#include "srcu_cxx/backend_check.hpp"

#endif
