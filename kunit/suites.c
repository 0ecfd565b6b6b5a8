// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of srcu-config. The cases are C++, one file per suite; their
 * list is generated from those files by cases.awk into cases.gen.h: the
 * declarations of their C entry points and KUnit's tables.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "srcu_cxx/module_domain.h"

/* module_domain_test.cpp uses the module-wide static domains. */
SRCU_CXX_DEFINE_MODULE_DOMAIN();
#ifdef SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN
SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN();
#endif

#include "kunit/cases.gen.h"

kunit_test_suites(SRCU_KUNIT_SUITES);

MODULE_DESCRIPTION("KUnit tests for the srcu-config C++ core and store");
MODULE_LICENSE("GPL");
