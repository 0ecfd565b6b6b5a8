/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host backend as a kernel without srcu_down_read() and SRCU-fast
 * (6.1; 6.12 lacks only the SRCU-fast flavours) would configure it: what such a
 * kernel lacks must be absent from the API.
 */
#include_next "srcu_cxx/backend.hpp"

#undef SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
#define SRCU_CXX_HAVE_CROSS_CONTEXT_READERS 0
#undef SRCU_CXX_HAVE_FAST_READERS
#define SRCU_CXX_HAVE_FAST_READERS 0
#undef SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS
#define SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS 0
