// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a cross-context fast reader (srcu_down_read_fast())
 * on a domain of the SRCU-fast flavour, which the kernel allows only on an
 * SRCU-fast-updown one (and checks only at run time, with PROVE_RCU).
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

void enter(srcu_cxx::fast_domain &d)
{
	// expect-error: no matching function for call to 'srcu_cxx::fast_domain::down_read\(\)'
	auto guard = d.down_read();
}
