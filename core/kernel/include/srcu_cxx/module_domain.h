/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module-wide static domain that srcu_cxx::module_domain names.
 *
 * A module that uses module_domain says so once, in one of its C files:
 *
 *	#include "srcu_cxx/module_domain.h"
 *	SRCU_CXX_DEFINE_MODULE_DOMAIN();
 *
 * The srcu_struct is a DEFINE_STATIC_SRCU one: the module loader sets it
 * up before module_init and cleans it up after module_exit. A module that
 * does not use module_domain carries none of it; one that uses it
 * without this line fails at modpost (srcu_cxx_module_srcu undefined).
 */
#ifndef SRCU_CXX_MODULE_DOMAIN_H
#define SRCU_CXX_MODULE_DOMAIN_H

#include <linux/srcu.h>

#include "srcu_cxx/shim.h"

#define SRCU_CXX_DEFINE_MODULE_DOMAIN()					\
	DEFINE_STATIC_SRCU(srcu_cxx_module_srcu_struct);		\
	struct srcu_struct *const srcu_cxx_module_srcu =		\
		&srcu_cxx_module_srcu_struct;				\
	long srcu_cxx_module_srcu_pending

#endif
