/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * srcu_config: userspace ABI of /dev/srcu_config.
 *
 * This header is the single source of truth for the ABI; it is documented
 * in Documentation/userspace-api.rst.
 *
 * read(2)/pread(2) return bytes of the configuration from the file offset,
 * each call from a single generation; a read at offset 0 starts a
 * read-through, and the reads that follow it up to its end return the
 * same generation. A file opened with O_TRUNC is a write-through: its
 * writes are staged and close(2) or fsync(2) installs them as one
 * generation. Otherwise write(2) replaces the whole configuration with
 * the buffer (one call, one generation). poll(2) reports EPOLLIN always
 * and EPOLLPRI once the generation moved since this open file last read
 * it (read(2) or GET). Documentation/userspace-api.rst has the details.
 *
 * Extensible structs: the size of the struct the caller was built with is
 * encoded in the ioctl number (_IOC_SIZE). The kernel accepts any size from
 * the first published one (..._SIZE_VER0) upwards. Input: bytes the kernel
 * does not know must be zero (E2BIG otherwise), bytes the caller does not
 * know are taken as zero (copy_struct_from_user()). Output: the kernel
 * writes as many bytes as the caller's struct has, zero past its own.
 * All fields are fixed width; user pointers travel as __u64.
 */
#ifndef _UAPI_MISC_SRCU_CONFIG_H
#define _UAPI_MISC_SRCU_CONFIG_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SRCU_CONFIG_DEVICE	"/dev/srcu_config"
#define SRCU_CONFIG_IOC_MAGIC	0xB9

/* How SET reclaims the configuration it replaces. */
/* Wait for an expedited grace period instead of a normal one. */
#define SRCU_CONFIG_SET_EXPEDITED	(1ULL << 0)
/* Do not wait: free it from a call_srcu() callback, return at once. */
#define SRCU_CONFIG_SET_DEFERRED	(1ULL << 1)
/* Replace only if the generation is still @expected_generation (ESTALE). */
#define SRCU_CONFIG_SET_IF_GENERATION	(1ULL << 2)
#define SRCU_CONFIG_SET_ALL_FLAGS	(SRCU_CONFIG_SET_EXPEDITED | \
					 SRCU_CONFIG_SET_DEFERRED | \
					 SRCU_CONFIG_SET_IF_GENERATION)

/**
 * struct srcu_config_set - replace the whole configuration
 * @data:		in: user address of the new bytes
 * @len:		in: number of bytes at @data (E2BIG above max_size)
 * @flags:		in: SRCU_CONFIG_SET_*; unknown bits: EINVAL;
 *			EXPEDITED with DEFERRED: EINVAL
 * @expected_generation: in: with SRCU_CONFIG_SET_IF_GENERATION, the
 *			generation the caller last saw; otherwise zero
 * @generation:		out: generation of the configuration now installed
 * @reserved:		in: must be zero (EINVAL otherwise)
 */
struct srcu_config_set {
	__aligned_u64 data;
	__aligned_u64 len;
	__aligned_u64 flags;
	__aligned_u64 expected_generation;
	__aligned_u64 generation;
	__aligned_u64 reserved;
};

#define SRCU_CONFIG_SET_SIZE_VER0	48

/**
 * struct srcu_config_get - the whole configuration and its metadata
 * @data:	in: user address of a buffer
 * @len:	in: its size; ENOSPC (with @size filled in) if too small
 * @size:	out: bytes in the configuration (copied to @data)
 * @generation:	out: its generation; starts at 1, +1 per change
 * @time_set_ns: out: CLOCK_REALTIME when it was installed, in ns
 * @checksum:	out: 32-bit FNV-1a of its bytes
 * @reserved:	in: must be zero (EINVAL otherwise)
 *
 * All of it comes from one generation, read inside one read-side critical
 * section: unlike a sequence of read(2) calls, it cannot mix generations.
 */
struct srcu_config_get {
	__aligned_u64 data;
	__aligned_u64 len;
	__aligned_u64 size;
	__aligned_u64 generation;
	__aligned_u64 time_set_ns;
	__u32 checksum;
	__u32 reserved;
};

#define SRCU_CONFIG_GET_SIZE_VER0	48

/**
 * struct srcu_config_info - state, limits and counters of the device
 * @generation:		generation of the current configuration
 * @size:		its size in bytes
 * @time_set_ns:	CLOCK_REALTIME when it was installed, in ns
 * @checksum:		32-bit FNV-1a of its bytes
 * @flags:		SRCU_CONFIG_INFO_*: what this device does
 * @max_size:		largest configuration accepted (module parameter)
 * @max_deferred_bytes:	bytes that may await deferred reclamation before
 *			a deferred SET waits for a grace period instead
 * @swaps:		successful changes since load
 * @grace_periods:	grace periods writers waited for since load
 * @deferred_pending:	replaced configurations awaiting deferred freeing
 * @deferred_pending_bytes: their bytes
 * @deferred_freed:	configurations freed by deferred reclamation
 * @max_pinned_bytes:	bytes of replaced configurations that read-throughs
 *			may keep before a new one pins nothing
 * @pinned:		open files whose read-through pins a generation
 * @pinned_bytes:	bytes of replaced configurations kept only by them
 */
struct srcu_config_info {
	__aligned_u64 generation;
	__aligned_u64 size;
	__aligned_u64 time_set_ns;
	__u32 checksum;
	__u32 flags;
	__aligned_u64 max_size;
	__aligned_u64 max_deferred_bytes;
	__aligned_u64 swaps;
	__aligned_u64 grace_periods;
	__aligned_u64 deferred_pending;
	__aligned_u64 deferred_pending_bytes;
	__aligned_u64 deferred_freed;
	__aligned_u64 max_pinned_bytes;
	__aligned_u64 pinned;
	__aligned_u64 pinned_bytes;
};

#define SRCU_CONFIG_INFO_SIZE_VER0	88
#define SRCU_CONFIG_INFO_SIZE_VER1	112

/*
 * INFO's flags. FILE_SEMANTICS: O_TRUNC write-throughs and one-generation
 * read-throughs, as described above (absent: each read(2) and write(2)
 * call stands alone).
 */
#define SRCU_CONFIG_INFO_FILE_SEMANTICS	(1U << 0)

#define SRCU_CONFIG_IOC_SET \
	_IOWR(SRCU_CONFIG_IOC_MAGIC, 0x01, struct srcu_config_set)
#define SRCU_CONFIG_IOC_GET \
	_IOWR(SRCU_CONFIG_IOC_MAGIC, 0x02, struct srcu_config_get)
#define SRCU_CONFIG_IOC_INFO \
	_IOR(SRCU_CONFIG_IOC_MAGIC, 0x03, struct srcu_config_info)

#endif /* _UAPI_MISC_SRCU_CONFIG_H */
