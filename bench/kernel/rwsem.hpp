/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rwsem, with scoped read and write holds: the kernel's read-write
 * semaphore, for the benchmark's rwsem-guarded device (lock_protection.hpp).
 * The srcu_cxx library has no rwsem; this one is written the way its
 * mutex is, over the shims of rwsem.h.
 */
#ifndef SRCU_CONFIG_BENCH_RWSEM_HPP
#define SRCU_CONFIG_BENCH_RWSEM_HPP

#include "srcu_cxx/srcu.hpp"
#include "srcu_cxx/lock_class.hpp"

#include "rwsem.h"

namespace srcu_config_bench {

/* Shared (Write == false) or exclusive (Write == true) hold of an rwsem. */
template <bool Write>
class [[nodiscard]] rwsem_guard {
public:
	rwsem_guard(const rwsem_guard &) = delete;
	rwsem_guard &operator=(const rwsem_guard &) = delete;
	rwsem_guard &operator=(rwsem_guard &&) = delete;

	rwsem_guard(rwsem_guard &&other) noexcept
		: sem_(srcu_cxx::exchange(other.sem_, nullptr))
	{
	}

	~rwsem_guard()
	{
		if (!sem_)
			return;
		if constexpr (Write)
			srcu_bench_rwsem_up_write(sem_);
		else
			srcu_bench_rwsem_up_read(sem_);
	}

	[[nodiscard]] explicit operator bool() const noexcept { return sem_; }

private:
	friend class rwsem;

	explicit rwsem_guard(rw_semaphore *sem) noexcept : sem_(sem) {}

	rw_semaphore *sem_;
};

class rwsem : srcu_cxx::pinned {
public:
	constexpr rwsem() noexcept = default;

	~rwsem()
	{
		if (sem_)
			srcu_bench_rwsem_destroy(sem_);
	}

	/* Pass `[] {}` as site: one lockdep class per call site. 0 or -ENOMEM. */
	template <typename Site>
	[[nodiscard]] int init(const char *name, Site) noexcept
	{
		sem_ = srcu_bench_rwsem_create(name,
					       srcu_cxx::class_key<Site>::key.get());
		return sem_ ? 0 : -srcu_cxx::errno_values::nomem;
	}

	[[nodiscard]] rwsem_guard<false> read() noexcept
	{
		srcu_bench_rwsem_down_read(sem_);
		return rwsem_guard<false>(sem_);
	}

	[[nodiscard]] rwsem_guard<true> write() noexcept
	{
		srcu_bench_rwsem_down_write(sem_);
		return rwsem_guard<true>(sem_);
	}

	/* On a fatal signal the guard holds nothing and *@err is -EINTR. */
	[[nodiscard]] rwsem_guard<true> write_killable(int *err) noexcept
	{
		*err = srcu_bench_rwsem_down_write_killable(sem_);
		return rwsem_guard<true>(*err ? nullptr : sem_);
	}

private:
	rw_semaphore *sem_ = nullptr;
};

} // namespace srcu_config_bench

#endif
