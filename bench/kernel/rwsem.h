/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's read-write semaphore for C++ (rwsem.hpp), through C shims
 * (rwsem.c): init_rwsem(), down_read() and the rest are macros or static
 * inlines. The benchmark's rwsem-guarded device uses it; the srcu_cxx
 * library has no rwsem. Included from C (with the kernel headers) and from
 * C++ (without them): names kernel types only as incomplete structs.
 */
#ifndef SRCU_CONFIG_BENCH_RWSEM_H
#define SRCU_CONFIG_BENCH_RWSEM_H

#ifdef __cplusplus
extern "C" {
#endif

struct rw_semaphore;
struct lock_class_key;

/*
 * Allocated here, so that C++ needs no size of the kernel's struct; NULL
 * if out of memory. @key: one lockdep class per initialisation site.
 */
struct rw_semaphore *srcu_bench_rwsem_create(const char *name,
					     struct lock_class_key *key);
void srcu_bench_rwsem_destroy(struct rw_semaphore *sem);

void srcu_bench_rwsem_down_read(struct rw_semaphore *sem);
void srcu_bench_rwsem_up_read(struct rw_semaphore *sem);
void srcu_bench_rwsem_down_write(struct rw_semaphore *sem);
/* 0, or -EINTR on a fatal signal (then the semaphore is not held). */
int srcu_bench_rwsem_down_write_killable(struct rw_semaphore *sem);
void srcu_bench_rwsem_up_write(struct rw_semaphore *sem);

#ifdef __cplusplus
}
#endif

#endif
