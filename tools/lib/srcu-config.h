/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * libsrcu-config: a small C client of /dev/srcu_config.
 *
 * Every function returns 0 (or a count) on success and a negative errno
 * on failure; none of them prints anything or sets errno for the caller
 * to read. The ABI underneath is <misc/srcu_config.h>; see
 * libsrcu-config(3) and srcu_config(4).
 */
#ifndef SRCU_CONFIG_LIB_H
#define SRCU_CONFIG_LIB_H

#include <stddef.h>
#include <stdint.h>

#include "srcu_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The sysfs directory of the misc device, present while it is loaded. */
#define SRCU_CONFIG_SYSFS_DIR	"/sys/class/misc/srcu_config"

/*
 * Open @path (NULL: SRCU_CONFIG_DEVICE) with @flags (O_RDONLY or O_RDWR;
 * O_CLOEXEC is added) and make sure it is this device, answering this
 * library's ABI. Returns the file descriptor, or:
 *   -ENODEV  the srcu_config module is not loaded
 *   -ENOENT  @path does not exist (the module is loaded)
 *   -ENOTTY  @path is not the srcu_config device
 *   -EPROTO  it is, but the module does not speak this library's ABI
 *	      (older than the header the library was built with)
 *   other    what open(2) said (-EACCES, ...)
 */
int srcu_config_open(const char *path, int flags);

/*
 * The whole configuration and its metadata, from one generation, with GET:
 * grows the buffer to the size the kernel reports on ENOSPC, as often as
 * the configuration grows meanwhile (up to a bound: -EAGAIN after that).
 * On success *@data is a malloc()ed buffer of meta->size bytes (never
 * NULL, even for an empty configuration) for the caller to free().
 * @meta may be NULL.
 */
int srcu_config_get(int fd, void **data, struct srcu_config_get *meta);

/*
 * Replace the configuration with @len bytes at @data. @flags are
 * SRCU_CONFIG_SET_* (EXPEDITED or DEFERRED reclamation, and
 * IF_GENERATION to compare and swap against @expected). On success the
 * new generation goes to *@generation (may be NULL). On -ESTALE,
 * *@generation is the current generation, ready for the next try.
 */
int srcu_config_set(int fd, const void *data, size_t len, uint64_t flags,
		    uint64_t expected, uint64_t *generation);

/* Generation, size, limits and counters. */
int srcu_config_info(int fd, struct srcu_config_info *info);

/*
 * Wait until the generation moves past what this open file last saw
 * (poll(2) for POLLPRI; a GET or read(2) marks a generation seen).
 * @timeout_ms as for poll(2), -1 for ever. Returns 1 when it moved,
 * 0 on timeout, -EINTR on a signal, -EIO if the device reports an error.
 */
int srcu_config_wait(int fd, int timeout_ms);

/* The module's checksum of @len bytes at @data: 32-bit FNV-1a. */
uint32_t srcu_config_checksum(const void *data, size_t len);

/* Monotonic clock in nanoseconds, for callers that time requests. */
uint64_t srcu_config_now_ns(void);

#ifdef __cplusplus
}
#endif

#endif
