// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_config_bench, C++ side: the read-side loops written the way the
 * module itself reads its configuration (a read_guard from a domain, a
 * protected_ptr dereferenced with it), exported to the C harness.
 *
 * The state is created in bench_cxx_init() (no object with dynamic
 * initialisation at namespace scope) and destroyed in bench_cxx_exit():
 * the domain's destructor is the ordered teardown.
 */
#include "srcu_cxx/module_domain.hpp"
#include "srcu_cxx/srcu.hpp"

#include "bench.h"

namespace {

struct bench_state : srcu_cxx::pinned {
	srcu_cxx::domain domain;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<bench_config> current;
	bench_config object{};
#if SRCU_CXX_HAVE_FAST_READERS
	srcu_cxx::fast_domain fast;
	srcu_cxx::protected_ptr<bench_config, srcu_cxx::fast_domain_ref> fast_current;

	bench_state() noexcept : current(domain, writer), fast_current(fast, writer) {}
#else
	bench_state() noexcept : current(domain, writer) {}
#endif
};

/* Constant-initialised; set in bench_cxx_init(). */
bench_state *state = nullptr;

/* What barrier() is in C: the compiler may not merge or drop iterations. */
inline void compiler_barrier() noexcept
{
	asm volatile("" ::: "memory");
}

} // namespace

extern "C" int bench_cxx_init(void)
{
	auto *s = new (srcu_cxx::gfp::kernel) bench_state;

	if (!s)
		return -srcu_cxx::errno_values::nomem;

	int err = s->domain.init("srcu_config_bench", [] {});

	if (err) {
		delete s;
		return err;
	}
#if SRCU_CXX_HAVE_FAST_READERS
	err = s->fast.init("srcu_config_bench_fast", [] {});
	if (err) {
		delete s;
		return err;
	}
#endif
	s->writer.init("srcu_config_bench_writer", [] {});
	s->object = bench_config{1, 42, sizeof(bench_config)};
	{
		auto writer = s->writer.lock();

		(void)s->current.replace(&s->object, writer);
#if SRCU_CXX_HAVE_FAST_READERS
		(void)s->fast_current.replace(&s->object, writer);
#endif
	}
	state = s;
	return 0;
}

extern "C" void bench_cxx_exit(void)
{
	bench_state *s = srcu_cxx::exchange(state, nullptr);

	if (!s)
		return;
	{
		auto writer = s->writer.lock();

		(void)s->current.replace(nullptr, writer);
#if SRCU_CXX_HAVE_FAST_READERS
		(void)s->fast_current.replace(nullptr, writer);
#endif
	}
	delete s;
}

/*
 * The compiler barrier closes each iteration, after the guard's scope, as
 * barrier() does in the C loops. Inside the scope it would cost two dead
 * stores per iteration on kernels built with -ftrivial-auto-var-init=zero
 * (CONFIG_INIT_STACK_ALL_ZERO, Debian's): GCC 12 then keeps the guard's
 * zero-filled stack copy alive for the asm to read. Module code never has
 * that asm inside a guard (C++ here sees no kernel header), so the main
 * variants leave it out; cxx_guard_barrier_inside measures it.
 */

/* cxx_guard: enter and leave a critical section of a domain. */
extern "C" unsigned long bench_cxx_guard_loop(unsigned long loops)
{
	srcu_cxx::domain &domain = state->domain;

	for (unsigned long i = loops; i; i--) {
		{
			auto guard = domain.read_lock();
		}
		compiler_barrier();
	}
	return 0;
}

/* cxx_guard with the barrier inside the critical section. */
extern "C" unsigned long bench_cxx_guard_barrier_inside_loop(unsigned long loops)
{
	srcu_cxx::domain &domain = state->domain;

	for (unsigned long i = loops; i; i--) {
		auto guard = domain.read_lock();

		compiler_barrier();
	}
	return 0;
}

/*
 * cxx_config_read: the configuration read path; guard, protected_ptr
 * load, one field read.
 */
extern "C" unsigned long bench_cxx_config_read_loop(unsigned long loops)
{
	bench_state &s = *state;
	unsigned long sum = 0;

	for (unsigned long i = loops; i; i--) {
		{
			auto guard = s.domain.read_lock();
			const bench_config *cfg = s.current.get(guard);

			sum += cfg->value;
		}
		compiler_barrier();
	}
	return sum;
}

#if SRCU_CXX_HAVE_FAST_READERS
/* cxx_fast_guard: cxx_guard over a fast_domain (SRCU-fast readers). */
extern "C" unsigned long bench_cxx_fast_guard_loop(unsigned long loops)
{
	srcu_cxx::fast_domain &fast = state->fast;

	for (unsigned long i = loops; i; i--) {
		{
			auto guard = fast.read_lock();
		}
		compiler_barrier();
	}
	return 0;
}

/*
 * cxx_module_fast_guard: cxx_fast_guard over the module_fast_domain, a
 * static srcu_struct named by its address, as C's c_fast_srcu is.
 */
extern "C" unsigned long bench_cxx_module_fast_guard_loop(unsigned long loops)
{
	srcu_cxx::module_fast_domain fast;

	for (unsigned long i = loops; i; i--) {
		{
			auto guard = fast.read_lock();
		}
		compiler_barrier();
	}
	return 0;
}

/*
 * cxx_fast_config_read: cxx_config_read over a fast_domain, the read
 * path of the device's store where the kernel has SRCU-fast.
 */
extern "C" unsigned long bench_cxx_fast_config_read_loop(unsigned long loops)
{
	bench_state &s = *state;
	unsigned long sum = 0;

	for (unsigned long i = loops; i; i--) {
		{
			auto guard = s.fast.read_lock();
			const bench_config *cfg = s.fast_current.get(guard);

			sum += cfg->value;
		}
		compiler_barrier();
	}
	return sum;
}
#endif
