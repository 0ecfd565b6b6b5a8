/* SPDX-License-Identifier: GPL-2.0 */
/*
 * counted: a heap object handed to retire(), whose deleter frees it and
 * counts the run in a counter that outlives it. Deleters run in the SRCU
 * callback's context with bottom halves disabled: freeing and counting is
 * all this one does. Being freed for real, an object deleted too early is
 * a use-after-free that KASAN reports in whoever still reads it.
 */
#ifndef SRCU_CONFIG_KUNIT_COUNTED_HPP
#define SRCU_CONFIG_KUNIT_COUNTED_HPP

#include "srcu_cxx/base/new.hpp"
#include "kunit/reader.hpp"
#include "srcu_cxx/retirable.hpp"

namespace srcu_kunit {

struct counted : srcu_cxx::retirable {
	/* What value holds until the object is freed. */
	static constexpr unsigned int live = 0x5a5a1234;

	explicit counted(counter &deleter_runs) noexcept : runs(&deleter_runs) {}

	/* The Deleter given to retire(). */
	static void destroy(counted *object) noexcept
	{
		counter *deleter_runs = object->runs;

		object->value = 0;
		delete object;
		deleter_runs->add();
	}

	static bool is_live(const counted &object) noexcept
	{
		return object.value == live;
	}

	counter *runs;
	unsigned int value = live;
};

/* A new counted object; nullptr (and @t failed) without memory. */
[[nodiscard]] inline counted *make_counted(test &t, counter &deleter_runs) noexcept
{
	auto *object = new (srcu_cxx::gfp::kernel) counted(deleter_runs);

	t.expect(object != nullptr, "no memory for a counted object");
	return object;
}

/* Queue @object's deleter on @d: the form every suite uses. */
inline void retire(srcu_cxx::domain_base &d, counted *object) noexcept
{
	d.retire<counted, counted::destroy>(object);
}

} // namespace srcu_kunit

#endif
