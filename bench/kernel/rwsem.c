// SPDX-License-Identifier: GPL-2.0
/*
 * C shims of the kernel's rwsem for the benchmark's rwsem-guarded device
 * (rwsem.h).
 */
#include <linux/lockdep.h>
#include <linux/rwsem.h>
#include <linux/slab.h>

#include "rwsem.h"

struct rw_semaphore *srcu_bench_rwsem_create(const char *name,
					     struct lock_class_key *key)
{
	struct rw_semaphore *sem = kzalloc(sizeof(*sem), GFP_KERNEL);

	if (sem)
		__init_rwsem(sem, name, key);
	return sem;
}

void srcu_bench_rwsem_destroy(struct rw_semaphore *sem)
{
	kfree(sem);
}

void srcu_bench_rwsem_down_read(struct rw_semaphore *sem)
{
	down_read(sem);
}

void srcu_bench_rwsem_up_read(struct rw_semaphore *sem)
{
	up_read(sem);
}

void srcu_bench_rwsem_down_write(struct rw_semaphore *sem)
{
	down_write(sem);
}

int srcu_bench_rwsem_down_write_killable(struct rw_semaphore *sem)
{
	return down_write_killable(sem);
}

void srcu_bench_rwsem_up_write(struct rw_semaphore *sem)
{
	up_write(sem);
}
