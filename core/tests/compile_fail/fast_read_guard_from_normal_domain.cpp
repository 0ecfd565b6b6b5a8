// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a fast read-side critical section
 * (srcu_read_lock_fast()) on a domain of the normal flavour.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

void enter(srcu_cxx::domain &d)
{
	// expect-error: conversion from .*'srcu_cxx::read_guard'.* to non-scalar type 'srcu_cxx::fast_read_guard'
	srcu_cxx::fast_read_guard guard = d.read_lock();
}
