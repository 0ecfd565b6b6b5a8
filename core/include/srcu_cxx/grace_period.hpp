/* SPDX-License-Identifier: GPL-2.0 */
/*
 * grace_period_cookie: a point in a domain's grace-period sequence, from
 * get_state() (no grace period started) or start_poll() (one started).
 * poll() tells whether a full grace period has elapsed since. A cookie
 * belongs to the domain that issued it.
 */
#ifndef SRCU_CXX_SRCU_GRACE_PERIOD_HPP
#define SRCU_CXX_SRCU_GRACE_PERIOD_HPP

namespace srcu_cxx {

struct [[nodiscard]] grace_period_cookie {
	unsigned long value;
};

} // namespace srcu_cxx

#endif
