/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C++ face of KUnit: a test context whose expectations report into
 * KUnit with the C++ file and line, RAII threads, one-shot events, flags
 * and counters shared with kthreads and callbacks, the monotonic clock,
 * and arrays built in memory that goes with the test.
 *
 * There are expectations only, no assertions: a KUnit assertion leaves
 * the test function without unwinding, which would skip the destructors
 * that release read guards and locks. A body that cannot go on returns.
 */
#ifndef SRCU_CONFIG_KUNIT_ADAPTER_HPP
#define SRCU_CONFIG_KUNIT_ADAPTER_HPP

#include "srcu_cxx/base/new.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "kunit/adapter.h"

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

	/* Mark the test skipped; the body should return. */
	void skip(const char *why) noexcept { srcu_kunit_skip(kunit_, why); }

	[[nodiscard]] struct kunit *kunit() const noexcept { return kunit_; }

private:
	struct kunit *kunit_;
};

/*
 * Signalled once, waited for by any number of threads. One that could not
 * be allocated (the test is already failed) is never signalled.
 */
class event {
public:
	explicit event(test &t) noexcept : event_(srcu_kunit_event_create(t.kunit())) {}

	[[nodiscard]] bool valid() const noexcept { return event_; }
	void signal() noexcept
	{
		if (event_)
			srcu_kunit_event_signal(event_);
	}
	[[nodiscard]] bool wait(unsigned int timeout_ms) noexcept
	{
		return event_ && srcu_kunit_event_wait(event_, timeout_ms);
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

/* Set once by one thread, seen by others: a release store, acquire loads. */
class flag {
public:
	void set() noexcept { __atomic_store_n(&value_, 1, __ATOMIC_RELEASE); }
	[[nodiscard]] bool is_set() const noexcept
	{
		return __atomic_load_n(&value_, __ATOMIC_ACQUIRE);
	}

private:
	int value_ = 0;
};

/* Counted by kthreads or SRCU callbacks, read by the test. */
class counter {
public:
	void add() noexcept { __atomic_add_fetch(&value_, 1, __ATOMIC_RELEASE); }
	[[nodiscard]] long load() const noexcept
	{
		return __atomic_load_n(&value_, __ATOMIC_ACQUIRE);
	}

private:
	long value_ = 0;
};

/* The monotonic clock, for lower bounds on waits (never upper bounds). */
[[nodiscard]] inline unsigned long long now_ns() noexcept
{
	return srcu_cxx_ktime_get_ns();
}

inline constexpr unsigned long long ns_per_ms = 1000000;

inline void sleep_ms(unsigned int ms) noexcept { srcu_cxx_msleep(ms); }

/*
 * Poll @done (a callable returning bool) every few milliseconds until it
 * returns true or @timeout_ms has passed; returns its last answer.
 */
template <typename Done>
[[nodiscard]] bool wait_until(Done done, unsigned int timeout_ms) noexcept
{
	unsigned long long start = now_ns();

	while (!done()) {
		if (now_ns() - start >= timeout_ms * ns_per_ms)
			return done();
		sleep_ms(5);
	}
	return true;
}

/*
 * Up to @capacity objects of T, built in place one by one in memory KUnit
 * frees with the test (large arrays of domains or readers do not belong on
 * a kernel stack), destroyed in reverse order when this goes.
 */
template <typename T>
class array : srcu_cxx::pinned {
public:
	static_assert(alignof(T) <= 8, "kmalloc() aligns to 8 bytes");

	array(test &t, srcu_cxx::size_t capacity) noexcept
		: items_(static_cast<T *>(srcu_kunit_alloc(t.kunit(),
							   capacity * sizeof(T)))),
		  capacity_(items_ ? capacity : 0)
	{
	}

	~array()
	{
		while (size_)
			items_[--size_].~T();
	}

	/* nullptr when full (or when the memory could not be had). */
	template <typename... Args>
	T *emplace_back(Args &&...args) noexcept
	{
		if (size_ == capacity_)
			return nullptr;
		T *item = new (static_cast<void *>(items_ + size_))
			T(srcu_cxx::forward<Args>(args)...);
		++size_;
		return item;
	}

	[[nodiscard]] srcu_cxx::size_t size() const noexcept { return size_; }
	[[nodiscard]] T &operator[](srcu_cxx::size_t i) noexcept { return items_[i]; }
	[[nodiscard]] T *begin() noexcept { return items_; }
	[[nodiscard]] T *end() noexcept { return items_ + size_; }

private:
	T *items_;
	srcu_cxx::size_t capacity_;
	srcu_cxx::size_t size_ = 0;
};

} // namespace srcu_kunit

/*
 * A suite's file names it once, then defines its cases: each gets a C
 * entry point srcu_kunit_<suite>_<name> that runs the C++ body. That is
 * all: kunit/cases.awk finds both lines (each alone on its line, at its
 * start) and suites.c turns them into KUnit's tables.
 *
 *	SRCU_KUNIT_SUITE(core, "srcu_cxx_core");
 *
 *	SRCU_KUNIT_CASE(core, name)
 *	{
 *		t.expect(...);
 *	}
 */
#define SRCU_KUNIT_SUITE(suite, kunit_name) \
	static_assert(sizeof(kunit_name) > 1, "a suite needs a name")

#define SRCU_KUNIT_CASE(suite, name)					\
	static void suite##_##name(srcu_kunit::test &t);		\
	extern "C" void srcu_kunit_##suite##_##name(struct kunit *kunit); \
	extern "C" void srcu_kunit_##suite##_##name(struct kunit *kunit) \
	{								\
		srcu_kunit::test t(kunit);				\
		suite##_##name(t);					\
	}								\
	static void suite##_##name(srcu_kunit::test &t)

#endif
