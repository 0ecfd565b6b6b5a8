/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lifetime of host srcu_structs: what the kernel shims do with
 * kzalloc(), init_srcu_struct(), cleanup_srcu_struct() and kfree(), and
 * the module's DEFINE_STATIC_SRCU domain.
 */
#ifndef SRCU_CXX_HOST_DOMAINS_HPP
#define SRCU_CXX_HOST_DOMAINS_HPP

#include "host/locks.hpp"
#include "host/srcu_struct.hpp"

namespace srcu_cxx::host {

/* 0 and *@out set, or -errno (-ENOMEM, or an injected fault). */
[[nodiscard]] int create_domain(srcu_struct *&out, const char *name,
				const lock_class_key &key) noexcept;

/*
 * cleanup_srcu_struct() and free. With a reader inside or a callback
 * pending it warns and leaks the domain instead, as the kernel does.
 */
void destroy_domain(srcu_struct *srcu) noexcept;

/*
 * init_srcu_struct() and cleanup_srcu_struct() of an srcu_struct that is
 * part of a domain (the fast flavours): constructed in @storage, @size
 * bytes; -errno from an injected fault. Cleanup with a reader inside or
 * a callback pending warns, and leaves the object constructed.
 */
[[nodiscard]] int init_domain_in_place(void *storage, unsigned long size,
				       const char *name,
				       const lock_class_key &key) noexcept;
void cleanup_domain_in_place(srcu_struct *srcu) noexcept;

/*
 * Leave the domain allocated for ever, reachable (so no leak checker
 * reports it, as kmemleak_not_leak() does for the kernel's).
 */
void abandon_domain(srcu_struct *srcu, const char *name) noexcept;

/* The process-wide static domain and its count of pending retires. */
[[nodiscard]] srcu_struct *module_domain() noexcept;
[[nodiscard]] long *module_domain_pending() noexcept;
[[nodiscard]] srcu_struct *module_fast_domain() noexcept;
[[nodiscard]] long *module_fast_domain_pending() noexcept;

} // namespace srcu_cxx::host

#endif
