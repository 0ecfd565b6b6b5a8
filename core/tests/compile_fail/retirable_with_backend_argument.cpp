// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: retirable with a backend argument, as the library
 * was written before the build chose the backend. retirable is a class,
 * not a template; GCC's first error says so in its own words ("expected
 * template-name"), at the argument list to delete.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

// expect-error: expected template-name before '<' token
struct route : srcu_cxx::retirable<srcu_cxx::backend> {
	int metric;
};
