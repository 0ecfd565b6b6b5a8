/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Failures the host backend can be told to produce once, so that tests
 * reach the core's error paths: an allocation that fails when a domain is
 * created, a signal that interrupts a sleeping lock. Each is armed for the
 * next call only, from any thread.
 */
#ifndef SRCU_CXX_HOST_FAULTS_HPP
#define SRCU_CXX_HOST_FAULTS_HPP

namespace srcu_cxx::host {

/* The next domain creation returns @err (a negative errno). */
void fail_next_create(int err) noexcept;

/* 0, or the error armed by fail_next_create(), disarming it. */
[[nodiscard]] int take_create_failure() noexcept;

/*
 * The next mutex_lock_interruptible() returns -EINTR without taking the lock.
 */
void interrupt_next_lock() noexcept;

[[nodiscard]] bool take_lock_interruption() noexcept;

} // namespace srcu_cxx::host

#endif
