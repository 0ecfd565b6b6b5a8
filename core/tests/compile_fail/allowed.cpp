// SPDX-License-Identifier: GPL-2.0
/*
 * Must compile: the allowed counterpart of every file here, built with the
 * same flags and include paths. If this fails, the failures of the others
 * prove nothing.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/module_domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/mutex.hpp"

struct config : srcu_cxx::retirable {
	int value = 0;
};

void free_config(config *c) noexcept
{
	delete c;
}

srcu_cxx::read_guard enter(srcu_cxx::domain_ref &d)
{
	auto guard = d.read_lock();

	return guard;	/* moved out: the section goes with it */
}

int read(srcu_cxx::domain &d,
	 const srcu_cxx::protected_ptr<config> &slot)
{
	auto guard = enter(d);
	auto moved = srcu_cxx::move(guard);
	const config *c = slot.get(moved);

	return c ? c->value : -1;
}

void update(srcu_cxx::domain &d, srcu_cxx::mutex &writer,
	    srcu_cxx::protected_ptr<config> &slot, config *next)
{
	config *old;

	{
		auto held = writer.lock();
		auto proof = srcu_cxx::move(held);

		if (config *current = slot.get(proof))
			current->value++;
		old = slot.replace(next, proof);
	}
	if (old)
		d.retire<config, free_config>(old);
}

srcu_cxx::cross_read_guard hand_over(srcu_cxx::domain_ref &d)
{
	return d.down_read();
}

int lifecycle()
{
	srcu_cxx::domain d;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<config> slot(d, writer);

	if (int err = d.init("allowed", [] {}))
		return err;
	writer.init("allowed_writer", [] {});
	update(d, writer, slot, new config);

	int value = read(d, slot);
	auto cross = hand_over(d);

	cross.unlock();
	{
		int err;
		auto held = writer.lock_interruptible(&err);

		if (err)
			return err;
	}

	srcu_cxx::grace_period_cookie cookie = d.get_state();

	d.synchronize();
	if (!d.poll(cookie))
		return -1;
	d.synchronize_expedited();
	cookie = d.start_poll();
	d.barrier();
	update(d, writer, slot, nullptr);

	srcu_cxx::module_domain md;

	md.quiesce();
	d.set_teardown_bound_ms(1000);
	return value + static_cast<int>(d.teardown());
}

int fast_lifecycle()
{
	srcu_cxx::fast_domain d;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<config, srcu_cxx::fast_domain_ref> slot(d, writer);

	if (int err = d.init("allowed_fast", [] {}))
		return err;
	writer.init("allowed_fast_writer", [] {});

	config *old;

	{
		auto held = writer.lock();

		old = slot.replace(new config, held);
	}
	if (old)
		d.retire<config, free_config>(old);

	srcu_cxx::fast_read_guard guard = d.read_lock();
	auto moved = srcu_cxx::move(guard);
	const config *c = slot.get(moved);
	int value = c ? c->value : -1;

	moved.unlock();
	d.synchronize_expedited();
	{
		auto held = writer.lock();

		old = slot.replace(nullptr, held);
	}
	d.synchronize();
	delete old;
	return value + static_cast<int>(d.teardown());
}

int fast_updown_lifecycle()
{
	srcu_cxx::fast_updown_domain d;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<config, srcu_cxx::fast_updown_domain_ref> slot(d, writer);

	if (int err = d.init("allowed_fast_updown", [] {}))
		return err;
	writer.init("allowed_fast_updown_writer", [] {});
	{
		auto held = writer.lock();

		delete slot.replace(new config, held);
	}

	srcu_cxx::fast_cross_read_guard guard = d.down_read();
	auto moved = srcu_cxx::move(guard);
	const config *c = slot.get(moved);
	int value = c ? c->value : -1;

	moved.unlock();

	config *old;

	{
		auto held = writer.lock();

		old = slot.replace(nullptr, held);
	}
	d.synchronize();
	delete old;
	return value + static_cast<int>(d.teardown());
}
