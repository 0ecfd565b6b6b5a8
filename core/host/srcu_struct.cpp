// SPDX-License-Identifier: GPL-2.0
/* The host SRCU algorithm; see srcu_struct.hpp for why it is correct. */
#include "host/srcu_struct.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "host/diagnostics.hpp"

namespace srcu_cxx::host {
namespace {

/* The read_lock()s this thread holds, per domain: the host's lockdep. */
struct held_reader {
	const srcu_struct *domain;
	long depth;
};

thread_local std::vector<held_reader> held_readers;

held_reader *find_held(const srcu_struct *domain) noexcept
{
	for (held_reader &h : held_readers)
		if (h.domain == domain)
			return &h;
	return nullptr;
}

void note_locked(const srcu_struct *domain)
{
	if (held_reader *h = find_held(domain))
		h->depth++;
	else
		held_readers.push_back({domain, 1});
}

/* False if this thread held no read_lock() of @domain. */
bool note_unlocked(const srcu_struct *domain) noexcept
{
	held_reader *h = find_held(domain);

	if (!h)
		return false;
	if (--h->depth == 0) {
		*h = held_readers.back();
		held_readers.pop_back();
	}
	return true;
}

/*
 * How a grace period waits for a count to drain: a few yields for the
 * common case of a reader about to leave, then sleeps that grow to a
 * millisecond (a tenth of that when expedited) for one asleep inside.
 */
constexpr unsigned int yield_rounds = 16;
constexpr std::chrono::microseconds first_sleep{10};
constexpr std::chrono::microseconds longest_sleep{1000};
constexpr std::chrono::microseconds longest_expedited_sleep{100};

[[nodiscard]] bool is_after(unsigned long a, unsigned long b) noexcept
{
	return static_cast<long>(a - b) > 0;
}

} // namespace

srcu_struct::srcu_struct(const char *name, const lock_class_key *key) noexcept
	: name_(name), key_(key)
{
}

srcu_struct::~srcu_struct()
{
	stop_worker();
}

int srcu_struct::enter(unsigned int index) noexcept
{
	readers_[index].fetch_add(1);
	return static_cast<int>(index);
}

void srcu_struct::leave(int index) noexcept
{
	if (index != 0 && index != 1) {
		record_warning("srcu_read_unlock() with an index no lock returned",
			       __FILE__, __LINE__);
		return;
	}
	if (readers_[index].fetch_sub(1) <= 0)
		record_warning("srcu_read_unlock() without a matching lock",
			       __FILE__, __LINE__);
}

int srcu_struct::read_lock() noexcept
{
	int index = enter(index_.load() & 1);

	note_locked(this);
	return index;
}

void srcu_struct::read_unlock(int index) noexcept
{
	if (!note_unlocked(this))
		record_warning("srcu_read_unlock() in a thread that holds no read lock of the domain (read_guard released in another thread?)",
			       __FILE__, __LINE__);
	leave(index);
}

int srcu_struct::down_read() noexcept
{
	return enter(index_.load() & 1);
}

void srcu_struct::up_read(int index) noexcept
{
	leave(index);
}

int srcu_struct::down_read_on_stale_index() noexcept
{
	return enter((index_.load() & 1) ^ 1);
}

bool srcu_struct::held_by_this_thread() const noexcept
{
	return find_held(this) != nullptr;
}

long srcu_struct::readers_inside() const noexcept
{
	return readers_[0].load() + readers_[1].load();
}

unsigned long srcu_struct::completed_grace_periods() const noexcept
{
	return gp_seq_.load() / 2;
}

unsigned long srcu_struct::snapshot() const noexcept
{
	/* Idle (even): the end of the next one; busy (odd): of the one after. */
	return (gp_seq_.load() + 3) & ~1UL;
}

unsigned long srcu_struct::get_state() const noexcept
{
	return snapshot();
}

bool srcu_struct::poll(unsigned long cookie) const noexcept
{
	return !is_after(cookie, gp_seq_.load());
}

bool srcu_struct::wait_for_readers(unsigned int index, wait_kind kind) noexcept
{
	auto longest = kind == wait_kind::expedited ? longest_expedited_sleep :
						      longest_sleep;
	auto sleep = first_sleep;

	for (unsigned int round = 0; readers_[index].load() != 0; round++) {
		if (abandoned_.load())
			return false;
		if (round < yield_rounds) {
			std::this_thread::yield();
			continue;
		}
		std::this_thread::sleep_for(sleep);
		sleep = std::min(sleep * 2, longest);
	}
	return true;
}

bool srcu_struct::run_grace_period(wait_kind kind) noexcept
{
	unsigned int current = index_.load();

	gp_seq_.fetch_add(1);
	if (!wait_for_readers(current ^ 1, kind))
		return false;
	index_.store(current ^ 1);
	if (!wait_for_readers(current, kind))
		return false;
	gp_seq_.fetch_add(1);
	return true;
}

bool srcu_struct::advance_to(unsigned long cookie, wait_kind kind) noexcept
{
	std::lock_guard lock(gp_lock_);

	while (!poll(cookie))
		if (!run_grace_period(kind))
			return false;
	return true;
}

void srcu_struct::wait_for_grace_period(const char *caller, wait_kind kind) noexcept
{
	if (held_by_this_thread()) {
		/* Lockdep reports this; the task would then hang for ever. */
		record_warning("grace-period wait inside a read-side critical section of the same domain",
			       __FILE__, __LINE__);
		std::fprintf(stderr,
			     "srcu host: %s() inside a reader of domain '%s': deadlock\n",
			     caller, name_);
		std::abort();
	}
	if (!advance_to(snapshot(), kind))
		record_warning("grace-period wait on an abandoned domain",
			       __FILE__, __LINE__);
}

void srcu_struct::synchronize() noexcept
{
	wait_for_grace_period("synchronize_srcu", wait_kind::normal);
}

void srcu_struct::synchronize_expedited() noexcept
{
	wait_for_grace_period("synchronize_srcu_expedited", wait_kind::expedited);
}

unsigned long srcu_struct::start_poll() noexcept
{
	unsigned long cookie = snapshot();
	std::lock_guard lock(callbacks_lock_);

	if (is_after(cookie, poll_target_))
		poll_target_ = cookie;
	start_worker_locked();
	work_ready_.notify_one();
	return cookie;
}

void srcu_struct::call(callback_head &head, callback_function func) noexcept
{
	std::lock_guard lock(callbacks_lock_);

	if (head.queued) {
		record_warning("call_srcu() of a callback that is already queued",
			       __FILE__, __LINE__);
		return;
	}
	head.queued = true;
	head.func = func;
	head.next = nullptr;
	*queue_tail_ = &head;
	queue_tail_ = &head.next;
	queued_++;
	start_worker_locked();
	work_ready_.notify_one();
}

void srcu_struct::barrier() noexcept
{
	if (held_by_this_thread()) {
		record_warning("srcu_barrier() inside a read-side critical section of the same domain",
			       __FILE__, __LINE__);
		std::fprintf(stderr,
			     "srcu host: srcu_barrier() inside a reader of domain '%s': deadlock\n",
			     name_);
		std::abort();
	}

	std::unique_lock lock(callbacks_lock_);
	unsigned long target = queued_;

	callbacks_done_.wait(lock, [&] { return !is_after(target, invoked_); });
}

bool srcu_struct::poll_requested_locked() const noexcept
{
	return !poll(poll_target_);
}

void srcu_struct::start_worker_locked() noexcept
{
	if (!worker_.joinable() && !stopping_)
		worker_ = std::thread(&srcu_struct::worker, this);
}

void srcu_struct::stop_worker() noexcept
{
	{
		std::lock_guard lock(callbacks_lock_);

		stopping_ = true;
	}
	work_ready_.notify_all();
	if (worker_.joinable())
		worker_.join();
}

void srcu_struct::worker() noexcept
{
	std::unique_lock lock(callbacks_lock_);

	for (;;) {
		work_ready_.wait(lock, [this] {
			return stopping_ || queue_head_ || poll_requested_locked();
		});
		/* Stopping: queued callbacks still run, poll requests lapse. */
		if (!queue_head_ && stopping_)
			return;

		callback_head *batch = std::exchange(queue_head_, nullptr);
		unsigned long target = poll_target_;

		queue_tail_ = &queue_head_;
		lock.unlock();

		/* A grace period that starts after every callback was queued. */
		if (batch) {
			unsigned long cookie = snapshot();

			if (is_after(cookie, target))
				target = cookie;
		}
		if (!advance_to(target, wait_kind::normal))
			return;	/* abandoned */

		unsigned long ran = 0;

		lock.lock();
		for (callback_head *cb = batch; cb; cb = cb->next)
			cb->queued = false;
		lock.unlock();
		while (batch) {
			callback_head *cb = std::exchange(batch, batch->next);

			cb->func(cb);	/* may free cb */
			ran++;
		}

		lock.lock();
		invoked_ += ran;
		callbacks_done_.notify_all();
	}
}

bool srcu_struct::idle_for_cleanup() noexcept
{
	bool idle = true;

	if (readers_inside() != 0) {
		record_warning("cleanup_srcu_struct() with a reader inside",
			       __FILE__, __LINE__);
		idle = false;
	}

	std::lock_guard lock(callbacks_lock_);

	if (queued_ != invoked_) {
		record_warning("cleanup_srcu_struct() with callbacks pending",
			       __FILE__, __LINE__);
		idle = false;
	}
	return idle;
}

void srcu_struct::abandon() noexcept
{
	abandoned_.store(true);
	stop_worker();
}

} // namespace srcu_cxx::host
