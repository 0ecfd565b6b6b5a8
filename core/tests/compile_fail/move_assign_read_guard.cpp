// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: move-assigning a read_guard. A guard is moved only
 * into a new one (returned, handed over); assigning over a held guard
 * would silently leak the section it holds.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void overwrite(srcu_cxx::domain &d)
{
	auto first = d.read_lock();
	auto second = d.read_lock();

	// expect-error: use of deleted function .*read_guard::operator=\(srcu_cxx::read_guard&&\)
	second = srcu_cxx::move(first);
}
