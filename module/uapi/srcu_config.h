/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * srcu_config: userspace ABI of /dev/srcu_config.
 *
 * This header is the single source of truth for the ABI; it is documented
 * in Documentation/userspace-api.rst.
 *
 * read(2) and pread(2) return bytes of the current configuration, each
 * call from a single generation. The ioctls below change it.
 *
 * Extensible structs: the size of the struct the caller was built with is
 * encoded in the ioctl number (_IOC_SIZE). The kernel accepts any size from
 * the first published one upwards; bytes it does not know must be zero
 * (otherwise E2BIG), and bytes the caller does not know are zero-filled,
 * following copy_struct_from_user().
 */
#ifndef _UAPI_MISC_SRCU_CONFIG_H
#define _UAPI_MISC_SRCU_CONFIG_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SRCU_CONFIG_DEVICE	"/dev/srcu_config"
#define SRCU_CONFIG_IOC_MAGIC	0xB9

/**
 * struct srcu_config_set - replace the whole configuration
 * @data:	in: user address of the new bytes
 * @len:	in: number of bytes at @data
 * @flags:	in: zero; no flags are defined yet (EINVAL otherwise)
 * @reserved:	in: must be zero (EINVAL otherwise)
 * @generation:	out: generation of the configuration now installed
 */
struct srcu_config_set {
	__aligned_u64 data;
	__aligned_u64 len;
	__u32 flags;
	__u32 reserved;
	__aligned_u64 generation;
};

#define SRCU_CONFIG_SET_SIZE_VER0	32

#define SRCU_CONFIG_IOC_SET \
	_IOWR(SRCU_CONFIG_IOC_MAGIC, 0x01, struct srcu_config_set)

#endif /* _UAPI_MISC_SRCU_CONFIG_H */
