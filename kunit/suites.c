// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of srcu-config. The cases are C++, one file per suite; their
 * list is generated from those files by cases.awk into cases.gen.h, whose
 * X-macro lines are expanded here twice: once into declarations of the
 * cases' C entry points, once into KUnit's tables.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "srcu_cxx/module_domain.h"

/* module_domain_test.cpp uses the module-wide static domain. */
SRCU_CXX_DEFINE_MODULE_DOMAIN();

#define SRCU_KUNIT_SUITE_BEGIN(suite, name)
#define SRCU_KUNIT_CASE_ENTRY(suite, case_name)				\
	void srcu_kunit_##suite##_##case_name(struct kunit *test);
#define SRCU_KUNIT_SUITE_END(suite, name)
#include "kunit/cases.gen.h"
#undef SRCU_KUNIT_SUITE_BEGIN
#undef SRCU_KUNIT_CASE_ENTRY
#undef SRCU_KUNIT_SUITE_END

#define SRCU_KUNIT_SUITE_BEGIN(suite, name)				\
	static struct kunit_case srcu_kunit_##suite##_cases[] = {
#define SRCU_KUNIT_CASE_ENTRY(suite, case_name)				\
	{ .run_case = srcu_kunit_##suite##_##case_name, .name = #case_name },
#define SRCU_KUNIT_SUITE_END(suite, suite_name)				\
	{}								\
	};								\
	static struct kunit_suite srcu_kunit_##suite##_suite = {	\
		.name = suite_name,					\
		.test_cases = srcu_kunit_##suite##_cases,		\
	};
#include "kunit/cases.gen.h"

kunit_test_suites(SRCU_KUNIT_SUITES);

MODULE_DESCRIPTION("KUnit tests for the srcu-config C++ core and store");
MODULE_LICENSE("GPL");
