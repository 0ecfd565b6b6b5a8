// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile (-Werror): ignoring whether init() succeeded. It
 * allocates and can fail; a domain whose init failed has no srcu_struct.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void start(srcu_cxx::domain &d)
{
	// expect-error: ignoring return value of .*domain(<Ref(, InitInPlace)?>)?::init\(const char\*, Site\).*declared with attribute 'nodiscard'
	d.init("unchecked", [] {});
}
