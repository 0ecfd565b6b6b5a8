/* SPDX-License-Identifier: GPL-2.0 */
/*
 * retirable: the intrusive hook for deferred reclamation.
 *
 * An object that may be freed after a grace period without anyone
 * waiting derives from retirable; domain_ref::retire() then
 * queues it with call_srcu() through the embedded rcu_head, with no
 * allocation, and runs a typed deleter on it once every reader that could
 * see it has left.
 */
#ifndef SRCU_CXX_SRCU_RETIRABLE_HPP
#define SRCU_CXX_SRCU_RETIRABLE_HPP

#include "srcu_cxx/backend.hpp"

namespace srcu_cxx {

class domain_base;

class retirable {
protected:
	constexpr retirable() noexcept = default;
	~retirable() = default;

private:
	friend class domain_base;

	/* First member: the callback gets back from the head by a cast. */
	backend::callback_head head_;
	long *pending_ = nullptr;
};

} // namespace srcu_cxx

#endif
