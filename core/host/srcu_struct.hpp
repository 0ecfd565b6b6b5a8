/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu_struct: sleepable RCU in userspace, the domain state behind the
 * host backend. A real SRCU, not a mock: the classic two-index algorithm.
 *
 * Readers: read_lock() samples the current index and increments that
 * index's count; read_unlock() decrements the same count. A reader may
 * sleep, or be moved to another thread (down_read/up_read), in between.
 *
 * A grace period, under a per-domain mutex: wait for the inactive index's
 * count to drain, flip the index, wait for the formerly active index's
 * count to drain. The first wait covers a reader that sampled the index
 * before the previous flip but incremented only after that grace period
 * had checked: it is counted on the now inactive index, and it may have
 * started before this grace period. The second covers everyone else. A
 * reader that samples the old index after the flip and increments only
 * after the check started after this grace period did: every counter
 * access and the pointer publish/load are sequentially consistent, so it
 * sees the new pointer (the store-buffering argument smp_mb() makes in
 * the kernel).
 *
 * Grace periods are numbered like the kernel's rcu_seq: gp_seq is odd
 * while one is in progress, and advances by two per completed one. A
 * cookie is the gp_seq value at which a full grace period has elapsed
 * since it was taken; poll() compares.
 *
 * Callbacks (call_srcu()) go to a worker thread of the domain, started on
 * first use, that takes the whole queue, runs a grace period that started
 * after all of them were queued, and invokes them in order. The same
 * worker serves start_poll(). barrier() waits until as many callbacks
 * have been invoked as had been queued when it was called.
 *
 * Debug checks, the host's lockdep and PROVE_RCU: each thread tracks the
 * read_lock()s it holds, so that an unlock in the wrong thread, a
 * dereference outside a reader and a grace-period wait inside a reader of
 * the same domain (a certain deadlock) are reported.
 */
#ifndef SRCU_CXX_HOST_SRCU_STRUCT_HPP
#define SRCU_CXX_HOST_SRCU_STRUCT_HPP

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "host/locks.hpp"

namespace srcu_cxx::host {

/* The rcu_head: intrusive, so that queuing a callback cannot fail. */
struct callback_head {
	/* What the core names as the C type behind callback_head. */
	using c_type = callback_head;

	callback_head *next = nullptr;
	void (*func)(callback_head *) = nullptr;
	/* Set while queued: queuing it again is what DEBUG_OBJECTS reports. */
	bool queued = false;
};

using callback_function = void (*)(callback_head *);

class srcu_struct {
public:
	srcu_struct(const char *name, const lock_class_key *key) noexcept;
	/* Stops the worker, which first invokes every callback still queued. */
	~srcu_struct();

	srcu_struct(const srcu_struct &) = delete;
	srcu_struct &operator=(const srcu_struct &) = delete;

	/* Readers released by the thread that took them (tracked). */
	[[nodiscard]] int read_lock() noexcept;
	void read_unlock(int index) noexcept;

	/* Readers that any thread may release (not tracked). */
	[[nodiscard]] int down_read() noexcept;
	void up_read(int index) noexcept;

	void synchronize() noexcept;
	void synchronize_expedited() noexcept;
	void barrier() noexcept;
	[[nodiscard]] unsigned long get_state() const noexcept;
	[[nodiscard]] unsigned long start_poll() noexcept;
	[[nodiscard]] bool poll(unsigned long cookie) const noexcept;
	void call(callback_head &head, callback_function func) noexcept;

	/*
	 * cleanup_srcu_struct()'s checks: false, with a warning, if a reader
	 * is inside or a callback is pending; the caller must then leak the
	 * domain (abandon()) as the kernel does.
	 */
	[[nodiscard]] bool idle_for_cleanup() noexcept;

	/*
	 * Give up on the domain: a grace period in progress stops waiting and
	 * never completes, the worker exits. The memory must stay allocated:
	 * a reader that is still inside may yet unlock.
	 */
	void abandon() noexcept;

	/* For the dereference check: does this thread hold a read_lock()? */
	[[nodiscard]] bool held_by_this_thread() const noexcept;

	/* For tests. */
	[[nodiscard]] const char *name() const noexcept { return name_; }
	[[nodiscard]] const lock_class_key *key() const noexcept { return key_; }
	[[nodiscard]] long readers_inside() const noexcept;
	[[nodiscard]] unsigned long completed_grace_periods() const noexcept;
	/* The index new readers count on; a grace period flips it. */
	[[nodiscard]] unsigned int current_index() const noexcept
	{
		return index_.load() & 1;
	}

	/*
	 * A reader that sampled the index before the last flip and counts
	 * itself only now, on the index that is no longer current: the race
	 * the first wait of a grace period exists for, made deterministic.
	 * Released with up_read().
	 */
	[[nodiscard]] int down_read_on_stale_index() noexcept;

private:
	enum class wait_kind { normal, expedited };

	[[nodiscard]] int enter(unsigned int index) noexcept;
	void leave(int index) noexcept;

	/* The cookie for "a full grace period after now". */
	[[nodiscard]] unsigned long snapshot() const noexcept;
	/* Run grace periods until @cookie is done; false once abandoned. */
	bool advance_to(unsigned long cookie, wait_kind kind) noexcept;
	bool run_grace_period(wait_kind kind) noexcept;
	bool wait_for_readers(unsigned int index, wait_kind kind) noexcept;
	void wait_for_grace_period(const char *caller, wait_kind kind) noexcept;

	void start_worker_locked() noexcept;
	void stop_worker() noexcept;
	void worker() noexcept;
	[[nodiscard]] bool poll_requested_locked() const noexcept;

	const char *name_;
	const lock_class_key *key_;

	/* The read side. */
	std::atomic<unsigned int> index_{0};
	std::atomic<long> readers_[2]{};

	/* Grace periods: serialised by gp_lock_, numbered by gp_seq_. */
	std::mutex gp_lock_;
	std::atomic<unsigned long> gp_seq_{0};
	std::atomic<bool> abandoned_{false};

	/* Callbacks and poll requests, for the worker; under callbacks_lock_. */
	std::mutex callbacks_lock_;
	std::condition_variable work_ready_;
	std::condition_variable callbacks_done_;
	callback_head *queue_head_ = nullptr;
	callback_head **queue_tail_ = &queue_head_;
	unsigned long queued_ = 0;
	unsigned long invoked_ = 0;
	unsigned long poll_target_ = 0;
	bool stopping_ = false;
	std::thread worker_;
};

} // namespace srcu_cxx::host

#endif
