/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu_cxx: sleepable RCU for C++ kernel code. The one header a user
 * includes; Documentation/core-api.rst describes each type.
 *
 *   domain, module_domain     an SRCU domain (its own srcu_struct, or the
 *                             module's static one), both domain_refs
 *   read_guard                a read-side critical section; may sleep
 *   cross_read_guard          one that may end in another context, where
 *                             the kernel has srcu_down_read()
 *   fast_domain               a domain of the SRCU-fast flavour, where the
 *                             kernel has it (a fast_domain_ref)
 *   fast_read_guard           its read-side critical section; may sleep
 *   fast_updown_domain        a domain of the SRCU-fast-updown flavour, where
 *                             the kernel has it (a fast_updown_domain_ref)
 *   fast_cross_read_guard     its read-side critical section, which another
 *                             context may end; may sleep
 *   protected_ptr<T>          a `T __rcu *` whose dereference needs a guard
 *                             and whose update needs the writer's mutex_guard
 *                             (protected_ptr<T, fast_domain_ref> for a
 *                             fast domain: it takes fast guards only)
 *   protected_array<T, N>     N such pointers of one domain and one writer
 *                             lock: a hash table's buckets, per-CPU slots
 *   retirable                 the hook for retire(): deferred reclamation
 *   grace_period_cookie       polled grace periods
 *   mutex, mutex_guard        the writer lock
 *   gfp, operator new(gfp)    allocation that states its context and may fail
 */
#ifndef SRCU_CXX_SRCU_HPP
#define SRCU_CXX_SRCU_HPP

#include "srcu_cxx/base/new.hpp"
#include "srcu_cxx/base/types.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/cross_read_guard.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/domain_ref.hpp"
#include "srcu_cxx/fast_cross_read_guard.hpp"
#include "srcu_cxx/fast_read_guard.hpp"
#include "srcu_cxx/grace_period.hpp"
#include "srcu_cxx/module_domain.hpp"
#include "srcu_cxx/mutex.hpp"
#include "srcu_cxx/protected_array.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/read_guard.hpp"
#include "srcu_cxx/retirable.hpp"

#endif
