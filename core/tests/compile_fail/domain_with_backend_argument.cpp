// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: domain (or mutex, or a guard) with a backend
 * argument left over from the library's first API. The build chooses
 * the backend; the type takes no argument.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

struct table {
	// expect-error: 'srcu_cxx::domain' is not a template
	srcu_cxx::domain<srcu_cxx::backend> domain;
};
