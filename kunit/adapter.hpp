/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C++ face of KUnit: a test context whose expectations report into
 * KUnit with the C++ file and line, RAII threads and one-shot events.
 *
 * There are expectations only, no assertions: a KUnit assertion leaves
 * the test function without unwinding, which would skip the destructors
 * that release read guards and locks. A body that cannot go on returns.
 */
#ifndef SRCU_CONFIG_KUNIT_ADAPTER_HPP
#define SRCU_CONFIG_KUNIT_ADAPTER_HPP

#include "base/utility.hpp"
#include "kunit/adapter.h"
#include "kunit/cases.h"

namespace srcu_kunit {

class test {
public:
	explicit test(struct kunit *kunit) noexcept : kunit_(kunit) {}

	/* Returns @ok, so a body can stop: if (!t.expect(...)) return; */
	bool expect(bool ok, const char *what,
		    const char *file = __builtin_FILE(),
		    int line = __builtin_LINE()) noexcept
	{
		if (!ok)
			srcu_kunit_fail(kunit_, file, line, what);
		return ok;
	}

	bool expect_eq(long long expected, long long actual, const char *what,
		       const char *file = __builtin_FILE(),
		       int line = __builtin_LINE()) noexcept
	{
		if (expected != actual)
			srcu_kunit_fail_values(kunit_, file, line, what,
					       expected, actual);
		return expected == actual;
	}

	[[nodiscard]] struct kunit *kunit() const noexcept { return kunit_; }

private:
	struct kunit *kunit_;
};

/* Signalled once, waited for by any number of threads. */
class event {
public:
	explicit event(test &t) noexcept : event_(srcu_kunit_event_create(t.kunit())) {}

	[[nodiscard]] bool valid() const noexcept { return event_; }
	void signal() noexcept { srcu_kunit_event_signal(event_); }
	[[nodiscard]] bool wait(unsigned int timeout_ms) noexcept
	{
		return srcu_kunit_event_wait(event_, timeout_ms);
	}

private:
	srcu_kunit_event *event_;
};

/* A kthread running Body(state); joined when the object goes. */
class thread : srcu_cxx::pinned {
public:
	thread() noexcept = default;
	~thread() { join(); }

	/* @state must outlive the thread: declare it before the thread. */
	template <typename State, void (*Body)(State &)>
	[[nodiscard]] bool start(test &t, State &state, const char *name) noexcept
	{
		thread_ = srcu_kunit_thread_run(t.kunit(), trampoline<State, Body>,
						&state, name);
		return thread_;
	}

	void join() noexcept
	{
		if (thread_)
			srcu_kunit_thread_join(srcu_cxx::exchange(thread_, nullptr));
	}

private:
	template <typename State, void (*Body)(State &)>
	static int trampoline(void *state) noexcept
	{
		Body(*static_cast<State *>(state));
		return 0;
	}

	srcu_kunit_thread *thread_ = nullptr;
};

} // namespace srcu_kunit

/*
 * Define a case: its C entry point srcu_kunit_<suite>_<name> (declared in
 * cases.h, listed in suites.c) and the C++ body that entry point runs:
 *
 *	SRCU_KUNIT_CASE(core, name)
 *	{
 *		t.expect(...);
 *	}
 */
#define SRCU_KUNIT_CASE(suite, name)					\
	static void suite##_##name(srcu_kunit::test &t);		\
	extern "C" void srcu_kunit_##suite##_##name(struct kunit *kunit) \
	{								\
		srcu_kunit::test t(kunit);				\
		suite##_##name(t);					\
	}								\
	static void suite##_##name(srcu_kunit::test &t)

#endif
