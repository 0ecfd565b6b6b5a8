/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host suites share: the core's types over the host backend, a
 * fixture that fails a test on any backend report it did not expect, and
 * reader threads that sit inside a read-side critical section for as long
 * as a test needs, like the KUnit suites' reader kthreads (kunit/reader.hpp).
 *
 * Waits for what must happen are bounded generously (failure detection,
 * never timing); a reader "sleeps" long enough that a wait that did not
 * wait would return first. Whether a grace period waited is shown by
 * order, not time: a reader marks that it is leaving, with its guard still
 * held, and a wait that returns must find the mark.
 */
#ifndef SRCU_CXX_HOST_TESTS_HELPERS_HPP
#define SRCU_CXX_HOST_TESTS_HELPERS_HPP

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/module_domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/mutex.hpp"

/* teardown_result by name in gtest's messages (found by ADL). */
namespace srcu_cxx {
inline void PrintTo(teardown_result result, std::ostream *os)
{
	switch (result) {
	case teardown_result::clean:
		*os << "clean";
		return;
	case teardown_result::abandoned:
		*os << "abandoned";
		return;
	case teardown_result::not_initialised:
		*os << "not_initialised";
		return;
	}
	*os << "teardown_result(" << static_cast<int>(result) << ")";
}
} // namespace srcu_cxx

namespace host_tests {

using backend = srcu_cxx::backend;
using host_domain = srcu_cxx::domain;
using host_domain_ref = srcu_cxx::domain_ref;
using host_mutex = srcu_cxx::mutex;
using host_read_guard = srcu_cxx::read_guard;
using host_cross_read_guard = srcu_cxx::cross_read_guard;
using host_fast_domain = srcu_cxx::fast_domain;
using host_fast_read_guard = srcu_cxx::fast_read_guard;
using host_fast_updown_domain = srcu_cxx::fast_updown_domain;
using host_fast_cross_read_guard = srcu_cxx::fast_cross_read_guard;
using srcu_cxx::teardown_result;

/* Long enough that a wait that did not wait would return first. */
inline constexpr unsigned int reader_sleep_ms = 300;
/* How long a check that something does not happen watches for it. */
inline constexpr unsigned int quiet_ms = 50;
/* Bounds on waits for what must happen: failure detection, not timing. */
inline constexpr unsigned int event_timeout_ms = 10000;
inline constexpr unsigned int release_timeout_ms = 30000;

inline void sleep_ms(unsigned int ms)
{
	std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

[[nodiscard]] inline unsigned long long now_ns()
{
	return backend::now_ns();
}

inline constexpr unsigned long long ns_per_ms = 1000000;

/* Poll @done every few milliseconds for up to @timeout_ms. */
template <typename Done>
[[nodiscard]] bool wait_until(Done done, unsigned int timeout_ms = event_timeout_ms)
{
	auto deadline = std::chrono::steady_clock::now() +
			std::chrono::milliseconds(timeout_ms);

	while (!done()) {
		if (std::chrono::steady_clock::now() >= deadline)
			return done();
		sleep_ms(2);
	}
	return true;
}

/* Poll @cookie until a full grace period has elapsed, or time out. */
[[nodiscard]] inline bool completes_within(srcu_cxx::domain_base &d,
					   srcu_cxx::grace_period_cookie cookie,
					   unsigned int timeout_ms = event_timeout_ms)
{
	return wait_until([&] { return d.poll(cookie); }, timeout_ms);
}

/* Watch @cookie for quiet_ms: true if it stayed incomplete throughout. */
[[nodiscard]] inline bool stays_incomplete(srcu_cxx::domain_base &d,
					   srcu_cxx::grace_period_cookie cookie)
{
	if (d.poll(cookie))
		return false;
	sleep_ms(quiet_ms);
	return !d.poll(cookie);
}

[[nodiscard]] inline bool any_contains(const std::vector<std::string> &messages,
				       std::string_view what)
{
	for (const std::string &m : messages)
		if (m.find(what) != std::string::npos)
			return true;
	return false;
}

[[nodiscard]] inline std::string joined(const std::vector<std::string> &messages)
{
	std::string all;

	for (const std::string &m : messages)
		all += "  " + m + "\n";
	return all;
}

/*
 * Every suite's fixture. The backend's records (host/diagnostics.hpp) are
 * what a kernel would print as splats: a test that provokes one takes it
 * (take_warnings() and friends) and checks it; one left over fails the
 * test that caused it.
 */
class srcu_test : public ::testing::Test {
protected:
	void SetUp() override
	{
		(void)srcu_cxx::host::take_warnings();
		(void)srcu_cxx::host::take_stuck_reader_reports();
		(void)srcu_cxx::host::take_abandoned();
	}

	void TearDown() override
	{
		auto warnings = srcu_cxx::host::take_warnings();
		auto stuck = srcu_cxx::host::take_stuck_reader_reports();
		auto abandoned = srcu_cxx::host::take_abandoned();

		EXPECT_TRUE(warnings.empty())
			<< "unexpected backend warnings:\n" << joined(warnings);
		EXPECT_TRUE(stuck.empty()) << "unexpected stuck-reader reports";
		EXPECT_TRUE(abandoned.empty())
			<< "unexpected abandoned domains:\n" << joined(abandoned);
	}
};

/* Signalled once, waited for by any number of threads. */
class event {
public:
	void signal()
	{
		{
			std::lock_guard lock(lock_);

			signalled_ = true;
		}
		changed_.notify_all();
	}

	[[nodiscard]] bool wait(unsigned int timeout_ms)
	{
		std::unique_lock lock(lock_);

		return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
					 [this] { return signalled_; });
	}

private:
	std::mutex lock_;
	std::condition_variable changed_;
	bool signalled_ = false;
};

/*
 * A thread inside a read-side critical section. It takes its guard in its
 * own thread, says it is inside, stays (asleep for a fixed time, or until
 * released and then optionally a little longer), marks that it is leaving
 * and only then drops its guard. Joined when the object goes.
 */
class reader_thread {
public:
	reader_thread(const reader_thread &) = delete;
	reader_thread &operator=(const reader_thread &) = delete;

	void release() { release_.signal(); }

	/* Marked inside the critical section, just before leaving it. */
	[[nodiscard]] bool left() const { return left_.load(); }

	/* Left without release(), after release_timeout_ms: the test is void. */
	[[nodiscard]] bool gave_up() const { return gave_up_.load(); }

	void join()
	{
		if (thread_.joinable())
			thread_.join();
	}

protected:
	reader_thread() = default;
	~reader_thread() { stop(); }

	/* Run @body in a thread; true once it is inside. */
	template <typename Body>
	[[nodiscard]] bool launch(unsigned int stay_ms, bool until_released, Body body)
	{
		stay_ms_ = stay_ms;
		until_released_ = until_released;
		thread_ = std::thread(body);
		return entered_.wait(event_timeout_ms);
	}

	/* For the body, with its guard held: say so, then stay as told. */
	void enter_and_stay()
	{
		entered_.signal();
		if (until_released_ && !release_.wait(release_timeout_ms))
			gave_up_.store(true);
		if (stay_ms_)
			sleep_ms(stay_ms_);
	}

	/* For the body, with its guard still held, last thing before leaving. */
	void mark_leaving() { left_.store(true); }

	/* Derived destructors call this first: the thread uses their members. */
	void stop()
	{
		release();
		join();
	}

private:
	event entered_;
	event release_;
	unsigned int stay_ms_ = 0;
	bool until_released_ = false;
	std::atomic<bool> left_{false};
	std::atomic<bool> gave_up_{false};
	std::thread thread_;
};

/*
 * A thread inside a read-side critical section of one domain: a read_guard
 * of a domain_ref, a fast_read_guard of a fast_domain_ref.
 */
template <typename Ref>
class basic_sleeping_reader : public reader_thread {
public:
	explicit basic_sleeping_reader(Ref &d) : domain_(d) {}
	~basic_sleeping_reader() { stop(); }

	/* Enter, sleep @ms inside, leave. True once the reader is inside. */
	[[nodiscard]] bool start_for(unsigned int ms)
	{
		return launch(ms, false, [this] { body(); });
	}

	/* Enter and stay until release(), then @linger_ms more. */
	[[nodiscard]] bool start_until_released(unsigned int linger_ms = 0)
	{
		return launch(linger_ms, true, [this] { body(); });
	}

private:
	void body()
	{
		auto guard = domain_.read_lock();

		enter_and_stay();
		mark_leaving();
	}

	Ref &domain_;
};

using sleeping_reader = basic_sleeping_reader<host_domain_ref>;
using fast_sleeping_reader = basic_sleeping_reader<srcu_cxx::fast_domain_ref>;

/*
 * A thread inside a read_guard that loaded the object of a protected_ptr
 * and holds on to it: Intact checks the object on the way in and again on
 * the way out, after the test may have replaced (and, if the grace period
 * were broken, scribbled over and freed) it.
 */
template <typename T, bool (*Intact)(const T &),
	  typename Ref = host_domain_ref>
class object_reader : public reader_thread {
public:
	explicit object_reader(const srcu_cxx::protected_ptr<T, Ref> &ptr)
		: ptr_(ptr)
	{
	}
	~object_reader() { stop(); }

	[[nodiscard]] bool start_for(unsigned int ms)
	{
		return launch(ms, false, [this] { body(); });
	}

	[[nodiscard]] bool start_until_released(unsigned int linger_ms = 0)
	{
		return launch(linger_ms, true, [this] { body(); });
	}

	/* The object it loaded; set before it says it is inside. */
	[[nodiscard]] const T *seen() const { return seen_.load(); }

	/* Both checks passed; meaningful once the reader has been joined. */
	[[nodiscard]] bool intact() const { return intact_.load(); }

private:
	void body()
	{
		auto guard = ptr_.domain().read_lock();
		const T *object = ptr_.get(guard);
		bool ok = object && Intact(*object);

		seen_.store(object);
		enter_and_stay();
		ok = ok && Intact(*object);
		intact_.store(ok);
		mark_leaving();
	}

	const srcu_cxx::protected_ptr<T, Ref> &ptr_;
	std::atomic<const T *> seen_{nullptr};
	std::atomic<bool> intact_{false};
};

/* Counts its deleter's runs in a counter that outlives it. */
struct counted : srcu_cxx::retirable {
	static constexpr unsigned int live = 0x5a5a1234;

	explicit counted(std::atomic<int> &deleter_runs) : runs(&deleter_runs) {}

	/* The Deleter given to retire(): scribble, free, count. */
	static void destroy(counted *object) noexcept
	{
		std::atomic<int> *deleter_runs = object->runs;

		object->value = 0;
		delete object;
		deleter_runs->fetch_add(1);
	}

	static bool is_live(const counted &object) { return object.value == live; }

	std::atomic<int> *runs;
	unsigned int value = live;
};

inline void retire_counted(srcu_cxx::domain_base &d, counted *object)
{
	d.retire<counted, counted::destroy>(object);
}

} // namespace host_tests

#endif
