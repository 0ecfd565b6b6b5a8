/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backend_check: included last by every backend header, once
 * srcu_cxx::backend and the SRCU_CXX_HAVE_* macros it answers to exist,
 * to check it against backend_contract.hpp.
 */
#ifndef SRCU_CXX_SRCU_BACKEND_CHECK_HPP
#define SRCU_CXX_SRCU_BACKEND_CHECK_HPP

#include "srcu_cxx/backend_contract.hpp"

static_assert(srcu_cxx::srcu_lifecycle<srcu_cxx::backend>,
	      "backend: srcu_struct lifecycle or teardown reports missing (backend_contract.hpp)");
static_assert(srcu_cxx::srcu_operations<srcu_cxx::backend>,
	      "backend: readers or update side missing (backend_contract.hpp)");
static_assert(srcu_cxx::srcu_services<srcu_cxx::backend>,
	      "backend: mutex, time or warn missing (backend_contract.hpp)");
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
static_assert(srcu_cxx::cross_context_backend<srcu_cxx::backend>,
	      "backend: SRCU_CXX_HAVE_CROSS_CONTEXT_READERS without down_read()/up_read()");
#endif
#if SRCU_CXX_HAVE_FAST_READERS
static_assert(srcu_cxx::fast_backend<srcu_cxx::backend>,
	      "backend: SRCU_CXX_HAVE_FAST_READERS without the fast readers");
#endif
#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS
static_assert(srcu_cxx::fast_cross_context_backend<srcu_cxx::backend>,
	      "backend: SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS without the fast-updown readers");
#endif

#endif
