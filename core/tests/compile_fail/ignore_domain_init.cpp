// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile (-Werror): ignoring whether init() succeeded. It
 * allocates and can fail; a domain whose init failed has no srcu_struct.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void start(srcu_cxx::domain<backend> &d)
{
	// expect-error: ignoring return value of .*domain<Backend>::init\(const char\*, Site\).*declared with attribute 'nodiscard'
	d.init("unchecked", [] {});
}
