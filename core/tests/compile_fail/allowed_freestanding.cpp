// SPDX-License-Identifier: GPL-2.0
/*
 * Must compile: every core header, instantiated, with the kernel build's
 * C++ flags and no standard library (-nostdinc++ -ffreestanding), over a
 * backend made of nothing but declarations. The core itself must never
 * need more than the kernel gives it.
 */
// compile-flags: -ffreestanding -nostdinc++ -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit

#include "base/new.hpp"
#include "base/type_traits.hpp"
#include "base/types.hpp"
#include "base/utility.hpp"
#include "srcu/cross_read_guard.hpp"
#include "srcu/domain.hpp"
#include "srcu/domain_ref.hpp"
#include "srcu/grace_period.hpp"
#include "srcu/lock_class.hpp"
#include "srcu/module_domain.hpp"
#include "srcu/protected_ptr.hpp"
#include "srcu/read_guard.hpp"
#include "srcu/retirable.hpp"
#include "sync/mutex.hpp"
#include "sync/rwsem.hpp"

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
	static constexpr bool has_cross_context_readers = true;
	static constexpr int error_busy = -16;

	using srcu_pointer = bare_srcu *;
	using mutex_state = bare_lock;
	using lock_class_key = bare_lock;
	using rwsem_state = bare_lock;
	using callback_head = bare_head;
	using callback_function = void (*)(bare_head *);

	static int create(srcu_pointer &, const char *, lock_class_key &) noexcept;
	static void destroy(srcu_pointer) noexcept;
	static void abandon(srcu_pointer, const char *) noexcept;
	static void report_stuck_reader(const char *, unsigned int, long, bool) noexcept;
	static srcu_pointer module_domain() noexcept;
	static long *module_domain_pending() noexcept;
	static int read_lock(srcu_pointer) noexcept;
	static void read_unlock(srcu_pointer, int) noexcept;
	static int down_read(srcu_pointer) noexcept;
	static void up_read(srcu_pointer, int) noexcept;
	static void synchronize(srcu_pointer) noexcept;
	static void synchronize_expedited(srcu_pointer) noexcept;
	static void barrier(srcu_pointer) noexcept;
	static unsigned long get_state(srcu_pointer) noexcept;
	static unsigned long start_poll(srcu_pointer) noexcept;
	static bool poll(srcu_pointer, unsigned long) noexcept;
	static void call(srcu_pointer, callback_head &, callback_function) noexcept;
	static void *dereference(void *const *, srcu_pointer) noexcept;
	static void *dereference_protected(void *const *, mutex_state &) noexcept;
	static void assign_pointer(void **, void *) noexcept;
	static void mutex_init(mutex_state &, const char *, lock_class_key &) noexcept;
	static void mutex_destroy(mutex_state &) noexcept;
	static void mutex_lock(mutex_state &) noexcept;
	static int mutex_lock_interruptible(mutex_state &) noexcept;
	static void mutex_unlock(mutex_state &) noexcept;
	static void rwsem_init(rwsem_state &, const char *, lock_class_key &) noexcept;
	static void rwsem_down_read(rwsem_state &) noexcept;
	static void rwsem_up_read(rwsem_state &) noexcept;
	static void rwsem_down_write(rwsem_state &) noexcept;
	static int rwsem_down_write_killable(rwsem_state &) noexcept;
	static void rwsem_up_write(rwsem_state &) noexcept;
	static unsigned long long now_ns() noexcept;
	static void sleep_ms(unsigned int) noexcept;
	static void warn(const char *, const char *, int) noexcept;
};

struct node : srcu_cxx::retirable<bare_backend> {
	int value;
};

void free_node(node *) noexcept;

/* Every member that has a body, instantiated. */
template class srcu_cxx::domain<bare_backend>;
template class srcu_cxx::domain_ref<bare_backend>;
template class srcu_cxx::module_domain<bare_backend>;
template class srcu_cxx::read_guard<bare_backend>;
template class srcu_cxx::cross_read_guard<bare_backend>;
template class srcu_cxx::protected_ptr<node, bare_backend>;
template class srcu_cxx::mutex<bare_backend>;
template class srcu_cxx::mutex_guard<bare_backend>;
template class srcu_cxx::rwsem<bare_backend>;
template class srcu_cxx::rwsem_guard<bare_backend, false>;
template class srcu_cxx::rwsem_guard<bare_backend, true>;

int use(srcu_cxx::domain<bare_backend> &d, srcu_cxx::mutex<bare_backend> &m,
	srcu_cxx::rwsem<bare_backend> &s, node *next)
{
	srcu_cxx::protected_ptr<node, bare_backend> slot(d, m);

	if (int err = d.init("bare", [] {}))
		return err;
	m.init("bare_writer", [] {});
	s.init("bare_sem", [] {});

	node *old;

	{
		auto held = m.lock();

		old = slot.replace(next, held);
	}
	d.retire<node, free_node>(old);

	auto guard = d.read_lock();
	auto cross = d.down_read();

	return slot.get(guard)->value;
}
