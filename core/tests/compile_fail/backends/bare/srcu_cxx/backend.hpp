/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A backend made of nothing but declarations, for allowed_freestanding.cpp:
 * the core must compile over it with no standard library at all.
 */
#ifndef SRCU_CXX_BARE_BACKEND_HPP
#define SRCU_CXX_BARE_BACKEND_HPP

#define SRCU_CXX_HAVE_CROSS_CONTEXT_READERS 1
#define SRCU_CXX_HAVE_FAST_READERS 1
#define SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS 1

namespace srcu_cxx {

struct bare_srcu;
struct bare_head {
	using c_type = bare_head;
	void *next;
	void (*func)(bare_head *);
};
struct bare_lock {
	int word;
};

struct bare_backend {
	static constexpr bool debug_checks = true;
	static constexpr bool direct_read = false;
	static constexpr int error_busy = -16;

	using srcu_pointer = bare_srcu *;
	using fast_token = struct bare_ctr *;
	using mutex_state = bare_lock;
	using lock_class_key = bare_lock;
	using callback_head = bare_head;
	using callback_function = void (*)(bare_head *);
	struct srcu_storage {
		unsigned char bytes[64];
	};

	static int create(srcu_pointer &, const char *, lock_class_key &) noexcept;
	static int init_fast(srcu_storage &, const char *, lock_class_key &) noexcept;
	static int init_fast_updown(srcu_storage &, const char *, lock_class_key &) noexcept;
	static srcu_pointer in_place(srcu_storage &) noexcept;
	static void destroy(srcu_pointer) noexcept;
	static void cleanup(srcu_pointer) noexcept;
	static void abandon(srcu_pointer, const char *) noexcept;
	static void report_stuck_reader(const char *, unsigned int, long, const char *,
					bool) noexcept;
	static void report_reader_in_place(const char *, unsigned int) noexcept;
	static srcu_pointer module_domain() noexcept;
	static long *module_domain_pending() noexcept;
	static srcu_pointer module_fast_domain() noexcept;
	static long *module_fast_domain_pending() noexcept;
	static int read_lock(srcu_pointer) noexcept;
	static void read_unlock(srcu_pointer, int) noexcept;
	static int down_read(srcu_pointer) noexcept;
	static void up_read(srcu_pointer, int) noexcept;
	static fast_token fast_read_lock(srcu_pointer) noexcept;
	static void fast_read_unlock(srcu_pointer, fast_token) noexcept;
	static fast_token fast_down_read(srcu_pointer) noexcept;
	static void fast_up_read(srcu_pointer, fast_token) noexcept;
	static void synchronize(srcu_pointer) noexcept;
	static void synchronize_expedited(srcu_pointer) noexcept;
	static void barrier(srcu_pointer) noexcept;
	static unsigned long get_state(srcu_pointer) noexcept;
	static unsigned long start_poll(srcu_pointer) noexcept;
	static bool poll(srcu_pointer, unsigned long) noexcept;
	static void call(srcu_pointer, callback_head &, callback_function) noexcept;
	static void *dereference(void *const *, srcu_pointer) noexcept;
	static void *dereference_untracked(void *const *, srcu_pointer) noexcept;
	static void *dereference_protected(void *const *, mutex_state &) noexcept;
	static void assign_pointer(void **, void *) noexcept;
	static void mutex_init(mutex_state &, const char *, lock_class_key &) noexcept;
	static void mutex_destroy(mutex_state &) noexcept;
	static void mutex_lock(mutex_state &) noexcept;
	static int mutex_lock_interruptible(mutex_state &) noexcept;
	static void mutex_unlock(mutex_state &) noexcept;
	static unsigned long long now_ns() noexcept;
	static void sleep_ms(unsigned int) noexcept;
	static void warn(const char *, const char *, int) noexcept;
};

using backend = bare_backend;

} // namespace srcu_cxx

/* Last: check it against the contract the public headers rely on. */
#include "srcu_cxx/backend_check.hpp"

#endif
