// SPDX-License-Identifier: GPL-2.0
/*
 * The errno values the store returns beyond srcu_cxx's, taken from the
 * kernel being built against. srcu_cxx.mk (srcu_cxx-constants) turns this
 * file into kernel_constants.h as it makes the library's own layout.h,
 * so no number is copied by hand.
 */
#include <linux/errno.h>
#include <linux/kbuild.h>

int main(void)
{
	DEFINE(SRCU_CONFIG_E2BIG, E2BIG);
	DEFINE(SRCU_CONFIG_ENOSPC, ENOSPC);
	DEFINE(SRCU_CONFIG_ESTALE, ESTALE);
	return 0;
}
