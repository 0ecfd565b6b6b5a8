/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module-wide static domains that srcu_cxx::module_domain and
 * srcu_cxx::module_fast_domain name.
 *
 * A module that uses one says so once, in one of its C files:
 *
 *	#include "srcu_cxx/module_domain.h"
 *	SRCU_CXX_DEFINE_MODULE_DOMAIN();
 *	SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN();	(where SRCU-fast exists)
 *
 * The srcu_struct is a DEFINE_SRCU (DEFINE_SRCU_FAST) one: the module
 * loader sets it up before module_init and cleans it up after
 * module_exit. It is not static so that C++ names it by its link-time
 * address, as C code next to it would. A module that does not use a
 * module domain carries none of it; one that uses it without its line
 * fails at modpost (srcu_cxx_module_srcu undefined).
 */
#ifndef SRCU_CXX_MODULE_DOMAIN_H
#define SRCU_CXX_MODULE_DOMAIN_H

#include <linux/srcu.h>

#include "srcu_cxx/shim.h"

#define SRCU_CXX_DEFINE_MODULE_DOMAIN()					\
	DEFINE_SRCU(srcu_cxx_module_srcu);				\
	long srcu_cxx_module_srcu_pending

/* Defined where the kernel has SRCU-fast, as module_fast_domain is. */
#if SRCU_CXX_HAVE_SRCU_FAST && defined(CONFIG_TREE_SRCU)
#define SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN()				\
	DEFINE_SRCU_FAST(srcu_cxx_module_fast_srcu);			\
	long srcu_cxx_module_fast_srcu_pending
#endif

#endif
