/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One lockdep class per definition site, without a macro.
 *
 * Lockdep wants a lock_class_key in static storage for every place that
 * initialises a lock (the C macros declare a static key at each call site).
 * Here the caller passes a lambda, `[] {}`: every lambda expression has its
 * own closure type, so class_key<decltype(site)> is a distinct
 * static object per call site, constant-initialised and zero-cost.
 */
#ifndef SRCU_CXX_SRCU_LOCK_CLASS_HPP
#define SRCU_CXX_SRCU_LOCK_CLASS_HPP

#include "srcu_cxx/backend.hpp"

namespace srcu_cxx {

template <typename Site>
struct class_key {
	static constinit inline backend::lock_class_key key{};
};

} // namespace srcu_cxx

#endif
