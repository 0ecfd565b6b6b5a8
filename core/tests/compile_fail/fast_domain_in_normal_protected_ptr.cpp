// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: protected_ptr<T> belongs to a normal domain; binding
 * it to a fast one would let normal guards dereference it.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

struct config {
	int value;
};

void bind(srcu_cxx::fast_domain &d, srcu_cxx::mutex &writer)
{
	// expect-error: no matching function for call to 'srcu_cxx::protected_ptr<config>::protected_ptr\(srcu_cxx::fast_domain&
	srcu_cxx::protected_ptr<config> slot(d, writer);
}
