// SPDX-License-Identifier: GPL-2.0
/*
 * Must compile: every core header, instantiated, with the kernel build's
 * C++ flags and no standard library (-nostdinc++ -ffreestanding), over a
 * backend made of nothing but declarations (backends/bare). The core itself must never
 * need more than the kernel gives it.
 */
// compile-flags: -ffreestanding -nostdinc++ -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit -I@dir@/backends/bare

#include "srcu_cxx/srcu.hpp"

struct node : srcu_cxx::retirable {
	int value;
};

void free_node(node *) noexcept;

/* The classes compile in full with the include; the template, here. */
template class srcu_cxx::protected_ptr<node>;

int use(srcu_cxx::domain &d, srcu_cxx::mutex &m, node *next)
{
	srcu_cxx::protected_ptr<node> slot(d, m);

	if (int err = d.init("bare", [] {}))
		return err;
	m.init("bare_writer", [] {});

	node *old;

	{
		auto held = m.lock();

		old = slot.replace(next, held);
	}
	d.retire<node, free_node>(old);

	auto guard = d.read_lock();
	auto cross = d.down_read();

	return slot.get(guard)->value;
}

template class srcu_cxx::protected_ptr<node, srcu_cxx::fast_domain_ref>;

int use_fast(srcu_cxx::fast_domain &d, srcu_cxx::mutex &m)
{
	srcu_cxx::protected_ptr<node, srcu_cxx::fast_domain_ref> slot(d, m);

	if (int err = d.init("bare_fast", [] {}))
		return err;

	auto guard = d.read_lock();
	auto moved = srcu_cxx::move(guard);
	int value = slot.get(moved)->value;

	moved.unlock();
	d.synchronize();
	return value;
}

template class srcu_cxx::protected_ptr<node, srcu_cxx::fast_updown_domain_ref>;

int use_fast_updown(srcu_cxx::fast_updown_domain &d, srcu_cxx::mutex &m)
{
	srcu_cxx::protected_ptr<node, srcu_cxx::fast_updown_domain_ref> slot(d, m);

	if (int err = d.init("bare_fast_updown", [] {}))
		return err;

	auto guard = d.down_read();
	auto moved = srcu_cxx::move(guard);
	int value = slot.get(moved)->value;

	moved.unlock();
	d.synchronize();
	return value;
}
