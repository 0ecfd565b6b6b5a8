// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a normal read-side critical section (srcu_read_lock())
 * on a domain of the SRCU-fast flavour. The kernel would catch the mixed
 * flavours only at run time, and only with PROVE_RCU.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

int enter(srcu_cxx::fast_domain &d)
{
	// expect-error: conversion from .*'srcu_cxx::fast_read_guard'.* to non-scalar type 'srcu_cxx::read_guard'
	srcu_cxx::read_guard guard = d.read_lock();

	return guard.index();
}
