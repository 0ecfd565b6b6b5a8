// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: protected_ptr<T, backend>, as the library's first
 * API spelt it. The second argument is now the domain's flavour
 * (domain_ref by default), and the library says so.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

struct config {
	int value;
};

struct table {
	// expect-error: static assertion failed: protected_ptr<T, Domain>: Domain is a domain's ref_type
	srcu_cxx::protected_ptr<config, srcu_cxx::backend> current;
};
