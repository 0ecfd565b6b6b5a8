// SPDX-License-Identifier: GPL-2.0
#include "host/faults.hpp"

#include <atomic>

namespace srcu_cxx::host {
namespace {

std::atomic<int> create_failure{0};
std::atomic<bool> lock_interruption{false};

} // namespace

void fail_next_create(int err) noexcept
{
	create_failure.store(err);
}

int take_create_failure() noexcept
{
	return create_failure.exchange(0);
}

void interrupt_next_lock() noexcept
{
	lock_interruption.store(true);
}

bool take_lock_interruption() noexcept
{
	return lock_interruption.exchange(false);
}

} // namespace srcu_cxx::host
