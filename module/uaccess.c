// SPDX-License-Identifier: GPL-2.0
/*
 * The store's copies to and from user memory (module/kernel.h): out to
 * one user buffer (read(2), pread(2), GET), in from a change's bytes.
 *
 * Most reads of a configuration are small, and for them copy_to_user()
 * is most of the cost of the call: an out-of-line call chain and, with
 * HARDENED_USERCOPY, a slab lookup of the source object
 * (Documentation/benchmarks.rst, "Read floor"). The store bounds every
 * copy by the object it allocated (offset < size, count <= size - offset,
 * of an object holding exactly size bytes), which is what that lookup
 * would check, so a small copy is done inline between
 * user_access_begin() and user_access_end(), as put_cmsg() does. Large
 * copies keep copy_to_user(): its checks are nothing against the copy,
 * and its rep movs is faster than this loop.
 */
#include <linux/uaccess.h>

#include "module/kernel.h"

#define SRCU_CONFIG_INLINE_COPY_MAX 512

unsigned long srcu_config_copy_to_user(void __user *to, const void *from,
				       unsigned long len)
{
	if (len > SRCU_CONFIG_INLINE_COPY_MAX)
		return copy_to_user(to, from, len);
	if (!user_access_begin(to, len))
		return len;
	unsafe_copy_to_user(to, from, len, fault);
	user_access_end();
	return 0;
fault:
	user_access_end();
	return len;
}

unsigned long srcu_config_copy_from_user(void *to, const void __user *from,
					 unsigned long len)
{
	return copy_from_user(to, from, len);
}
