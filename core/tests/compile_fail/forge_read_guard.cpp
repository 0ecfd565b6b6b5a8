// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: making a read_guard without a domain's read_lock().
 * Only a domain makes one, so holding a guard proves being inside.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void forge(srcu_cxx::domain &d)
{
	// expect-error: 'srcu_cxx::read_section<.*>::read_section\(srcu_pointer\) \[with .*Owner = srcu_cxx::basic_domain_ref<srcu_cxx::read_guard>.*' is private within this context
	srcu_cxx::read_guard guard(d.srcu());
}
