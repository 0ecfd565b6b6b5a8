/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader kthreads for the SRCU suites: a kthread inside a read-side
 * critical section of a domain for as long as a test needs it.
 *
 * A reader takes a read_guard in its own task, says it is inside, stays
 * (asleep for a fixed time, or until the test releases it and then
 * optionally a little longer), marks with a release store that it is
 * leaving, and only then drops its guard. So a grace-period wait that
 * returns and then finds left() false has returned with the reader still
 * inside; one that finds left() true may have waited for it.
 *
 * The object releases and joins its kthread when it goes, so a body that
 * returns early never leaves a reader behind: declare the domain first.
 */
#ifndef SRCU_CONFIG_KUNIT_READER_HPP
#define SRCU_CONFIG_KUNIT_READER_HPP

#include "srcu_cxx/backend.hpp"
#include "kunit/adapter.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

namespace srcu_kunit {

using backend = srcu_cxx::kernel_backend;
using domain = srcu_cxx::domain;
using domain_ref = srcu_cxx::domain_ref;

/* Long enough that a wait that did not wait would return first. */
inline constexpr unsigned int reader_sleep_ms = 300;
/* How long a check that something does not happen watches for it. */
inline constexpr unsigned int quiet_ms = 50;
/* Bounds on waits for what must happen: failure detection, not timing. */
inline constexpr unsigned int event_timeout_ms = 10000;
inline constexpr unsigned int release_timeout_ms = 30000;

/* A teardown_result as a number, for expect_eq(). */
[[nodiscard]] constexpr int as_int(srcu_cxx::teardown_result result) noexcept
{
	return static_cast<int>(result);
}

/* Poll @cookie until a full grace period has elapsed, or time out. */
[[nodiscard]] inline bool completes_within(srcu_cxx::domain_base &d,
					   srcu_cxx::grace_period_cookie cookie,
					   unsigned int timeout_ms = event_timeout_ms) noexcept
{
	return wait_until([&] { return d.poll(cookie); }, timeout_ms);
}

/* Watch @cookie for quiet_ms: true if it stayed incomplete throughout. */
[[nodiscard]] inline bool stays_incomplete(srcu_cxx::domain_base &d,
					   srcu_cxx::grace_period_cookie cookie) noexcept
{
	if (d.poll(cookie))
		return false;
	sleep_ms(quiet_ms);
	return !d.poll(cookie);
}

/* What every reader kthread shares: how long it stays, and its marks. */
class reader_thread : srcu_cxx::pinned {
public:
	void release() noexcept { release_.signal(); }

	/* Marked inside the critical section, just before leaving it. */
	[[nodiscard]] bool left() const noexcept { return left_.is_set(); }

	/* Left without release(), after release_timeout_ms: the test is void. */
	[[nodiscard]] bool gave_up() const noexcept { return gave_up_.is_set(); }

	void join() noexcept { thread_.join(); }

protected:
	explicit reader_thread(test &t) noexcept : t_(t), entered_(t), release_(t) {}
	~reader_thread() { stop(); }

	/* Run Body(self) in a kthread; true once it is inside. */
	template <typename Self, void (*Body)(Self &)>
	[[nodiscard]] bool launch(Self &self, unsigned int stay_ms,
				  bool until_released, const char *name) noexcept
	{
		stay_ms_ = stay_ms;
		until_released_ = until_released;
		return t_.expect(entered_.valid() && release_.valid(), "reader events") &&
		       t_.expect(thread_.start<Self, Body>(t_, self, name),
				 "reader started") &&
		       t_.expect(entered_.wait(event_timeout_ms), "reader entered");
	}

	/* For Body, with its guard held: say so, then stay as long as told. */
	void enter_and_stay() noexcept
	{
		entered_.signal();
		if (until_released_ && !release_.wait(release_timeout_ms))
			gave_up_.set();
		if (stay_ms_)
			sleep_ms(stay_ms_);
	}

	/* For Body, with its guard still held, as the last thing before leaving. */
	void mark_leaving() noexcept { left_.set(); }

	/* Derived destructors call this first: the kthread uses their members. */
	void stop() noexcept
	{
		release();
		thread_.join();
	}

private:
	test &t_;
	event entered_;
	event release_;
	unsigned int stay_ms_ = 0;
	bool until_released_ = false;
	flag left_;
	flag gave_up_;
	thread thread_;
};

/*
 * A kthread inside a guard of one domain (of any flavour with a
 * read_lock(): Domain is deduced from the constructor's argument).
 */
template <typename Domain = domain_ref>
class sleeping_reader : public reader_thread {
public:
	sleeping_reader(test &t, Domain &d) noexcept : reader_thread(t), domain_(d) {}
	~sleeping_reader() { stop(); }

	/* Enter, sleep @ms inside, leave. True once the reader is inside. */
	[[nodiscard]] bool start_for(unsigned int ms,
				     const char *name = "srcu_kunit_reader") noexcept
	{
		return launch<sleeping_reader, body>(*this, ms, false, name);
	}

	/* Enter and stay until release(), then @linger_ms more. */
	[[nodiscard]] bool start_until_released(unsigned int linger_ms = 0,
						const char *name = "srcu_kunit_reader") noexcept
	{
		return launch<sleeping_reader, body>(*this, linger_ms, true, name);
	}

private:
	static void body(sleeping_reader &self) noexcept
	{
		auto guard = self.domain_.read_lock();

		self.enter_and_stay();
		self.mark_leaving();
	}

	Domain &domain_;
};

/*
 * A kthread inside a read_guard that loaded the object of a protected_ptr
 * (or of any Source with its domain() and get(guard), such as one slot of
 * a protected_array) and holds on to it: Intact checks the object on the
 * way in and again on the way out, after the test may have replaced (and,
 * if the grace period is broken, freed and scribbled over) it. intact()
 * says whether both checks passed; it is meaningful once the reader has
 * been joined.
 */
template <typename T, bool (*Intact)(const T &),
	  typename Source = srcu_cxx::protected_ptr<T>>
class object_reader : public reader_thread {
public:
	object_reader(test &t, const Source &ptr) noexcept
		: reader_thread(t), ptr_(ptr)
	{
	}
	~object_reader() { stop(); }

	[[nodiscard]] bool start_for(unsigned int ms) noexcept
	{
		return launch<object_reader, body>(*this, ms, false,
						   "srcu_kunit_object_reader");
	}

	[[nodiscard]] bool start_until_released(unsigned int linger_ms = 0) noexcept
	{
		return launch<object_reader, body>(*this, linger_ms, true,
						   "srcu_kunit_object_reader");
	}

	/* The object it loaded; set before it says it is inside. */
	[[nodiscard]] const T *seen() const noexcept { return seen_; }

	[[nodiscard]] bool intact() const noexcept { return intact_.is_set(); }

private:
	static void body(object_reader &self) noexcept
	{
		auto guard = self.ptr_.domain().read_lock();
		const T *object = self.ptr_.get(guard);
		bool ok = object && Intact(*object);

		self.seen_ = object;
		self.enter_and_stay();
		ok = ok && Intact(*object);
		if (ok)
			self.intact_.set();
		self.mark_leaving();
	}

	const Source &ptr_;
	const T *seen_ = nullptr;
	flag intact_;
};

} // namespace srcu_kunit

#endif
