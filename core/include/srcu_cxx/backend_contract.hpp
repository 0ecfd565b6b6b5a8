/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backend_contract: what the public headers ask of a backend, as
 * concepts. There are three backends: the kernel's
 * (core/kernel/include), the userspace one the host tests run on
 * (core/host/include), and the compile-fail tests' bare and old-kernel
 * ones. Each ends by including backend_check.hpp, which checks it against
 * these, so a member renamed, dropped or retyped in one of them fails
 * where the backend is defined, naming the requirement, not deep inside
 * a template that uses it.
 *
 * srcu_backend is what every kernel has: the normal flavour, the update
 * side, the writer mutex, the owning and module domains' lifecycle, time
 * and reports. The SRCU_CXX_HAVE_* macros a backend defines say which of
 * the optional reader kinds it must also provide.
 */
#ifndef SRCU_CXX_SRCU_BACKEND_CONTRACT_HPP
#define SRCU_CXX_SRCU_BACKEND_CONTRACT_HPP

#include "srcu_cxx/base/type_traits.hpp"

namespace srcu_cxx {

template <typename T, typename U>
concept same_as = is_same_v<T, U> && is_same_v<U, T>;

/* Lifecycle of an srcu_struct, and the reports teardown makes. */
template <typename B>
concept srcu_lifecycle = requires(typename B::srcu_pointer &out,
				  typename B::srcu_pointer srcu,
				  typename B::srcu_storage &storage,
				  typename B::lock_class_key &key,
				  const char *text, unsigned int ms, long count,
				  bool flag) {
	{ B::create(out, text, key) } noexcept -> same_as<int>;
	{ B::in_place(storage) } noexcept -> same_as<typename B::srcu_pointer>;
	{ B::destroy(srcu) } noexcept;
	{ B::cleanup(srcu) } noexcept;
	{ B::abandon(srcu, text) } noexcept;
	{ B::report_stuck_reader(text, ms, count, text, flag) } noexcept;
	{ B::report_reader_in_place(text, ms) } noexcept;
	{ B::module_domain() } noexcept -> same_as<typename B::srcu_pointer>;
	{ B::module_domain_pending() } noexcept -> same_as<long *>;
	{ B::error_busy } -> same_as<const int &>;
};

/* The normal flavour's readers, and the update side of every flavour. */
template <typename B>
concept srcu_operations = requires(typename B::srcu_pointer srcu, int index,
				   unsigned long cookie,
				   typename B::callback_head &head,
				   typename B::callback_function function,
				   void *const *slot, void **target, void *value,
				   typename B::mutex_state &m) {
	{ B::read_lock(srcu) } noexcept -> same_as<int>;
	{ B::read_unlock(srcu, index) } noexcept;
	{ B::synchronize(srcu) } noexcept;
	{ B::synchronize_expedited(srcu) } noexcept;
	{ B::barrier(srcu) } noexcept;
	{ B::get_state(srcu) } noexcept -> same_as<unsigned long>;
	{ B::start_poll(srcu) } noexcept -> same_as<unsigned long>;
	{ B::poll(srcu, cookie) } noexcept -> same_as<bool>;
	{ B::call(srcu, head, function) } noexcept;
	{ B::dereference(slot, srcu) } noexcept -> same_as<void *>;
	{ B::dereference_untracked(slot, srcu) } noexcept -> same_as<void *>;
	{ B::dereference_protected(slot, m) } noexcept -> same_as<void *>;
	{ B::assign_pointer(target, value) } noexcept;
};

/* The writer lock, time for bounded waits, and the debug checks' voice. */
template <typename B>
concept srcu_services = requires(typename B::mutex_state &m,
				 typename B::lock_class_key &key,
				 const char *text, unsigned int ms, int line) {
	{ B::mutex_init(m, text, key) } noexcept;
	{ B::mutex_destroy(m) } noexcept;
	{ B::mutex_lock(m) } noexcept;
	{ B::mutex_lock_interruptible(m) } noexcept -> same_as<int>;
	{ B::mutex_unlock(m) } noexcept;
	{ B::now_ns() } noexcept -> same_as<unsigned long long>;
	{ B::sleep_ms(ms) } noexcept;
	{ B::warn(text, text, line) } noexcept;
	{ B::debug_checks } -> same_as<const bool &>;
};

template <typename B>
concept srcu_backend = srcu_lifecycle<B> && srcu_operations<B> &&
		       srcu_services<B>;

/* srcu_down_read()/srcu_up_read(): SRCU_CXX_HAVE_CROSS_CONTEXT_READERS. */
template <typename B>
concept cross_context_backend = requires(typename B::srcu_pointer srcu, int index) {
	{ B::down_read(srcu) } noexcept -> same_as<int>;
	{ B::up_read(srcu, index) } noexcept;
};

/* SRCU-fast: SRCU_CXX_HAVE_FAST_READERS. */
template <typename B>
concept fast_backend = requires(typename B::srcu_pointer srcu,
				typename B::fast_token token,
				typename B::srcu_storage &storage,
				typename B::lock_class_key &key, const char *name) {
	{ B::init_fast(storage, name, key) } noexcept -> same_as<int>;
	{ B::fast_read_lock(srcu) } noexcept -> same_as<typename B::fast_token>;
	{ B::fast_read_unlock(srcu, token) } noexcept;
	{ B::module_fast_domain() } noexcept -> same_as<typename B::srcu_pointer>;
	{ B::module_fast_domain_pending() } noexcept -> same_as<long *>;
};

/* SRCU-fast-updown: SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS. */
template <typename B>
concept fast_cross_context_backend = requires(typename B::srcu_pointer srcu,
					      typename B::fast_token token,
					      typename B::srcu_storage &storage,
					      typename B::lock_class_key &key,
					      const char *name) {
	{ B::init_fast_updown(storage, name, key) } noexcept -> same_as<int>;
	{ B::fast_down_read(srcu) } noexcept -> same_as<typename B::fast_token>;
	{ B::fast_up_read(srcu, token) } noexcept;
};

} // namespace srcu_cxx

#endif
