/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config_store: the swappable configuration, guarded by SRCU.
 *
 * Readers take a read_guard and may sleep while holding it (copying to
 * user memory can fault). Writers build a new immutable config object,
 * publish it under the writer lock and free the old one after a grace
 * period, outside the lock.
 */
#ifndef SRCU_CONFIG_CONFIG_STORE_HPP
#define SRCU_CONFIG_CONFIG_STORE_HPP

#include "base/types.hpp"
#include "base/utility.hpp"
#include "kernel/backend.hpp"
#include "srcu/domain.hpp"
#include "srcu/protected_ptr.hpp"
#include "sync/mutex.hpp"

namespace srcu_config {

using srcu_cxx::u32;
using srcu_cxx::u64;
using srcu_cxx::u8;
using backend = srcu_cxx::kernel_backend;

/* One generation of the configuration; immutable once published. */
struct config {
	u64 generation;
	u64 size;
	u64 time_set_ns;
	u32 checksum;
	u8 data[];

	[[nodiscard]] static config *create(const void __user *bytes, u64 size,
					    int *err) noexcept;
	[[nodiscard]] static config *create_from_kernel(const void *bytes,
							u64 size) noexcept;
	static void destroy(config *cfg) noexcept;
};

[[nodiscard]] u32 checksum(const u8 *bytes, u64 size) noexcept;

class config_store : srcu_cxx::pinned {
public:
	explicit config_store(u64 max_size) noexcept;
	~config_store();

	[[nodiscard]] int init(const void *initial, u64 len) noexcept;

	[[nodiscard]] long read(void __user *buf, u64 len, long long *pos,
				unsigned int delay_ms) noexcept;
	[[nodiscard]] long replace(const void __user *data, u64 len,
				   u64 *generation) noexcept;
	[[nodiscard]] u64 generation() noexcept;

	/*
	 * Call @fn with the current configuration, inside one read-side
	 * critical section: @fn may sleep, and the object stays valid (and
	 * unchanged) until it returns, whatever writers do meanwhile.
	 */
	template <typename Fn>
	auto with_current(Fn &&fn) noexcept
	{
		auto guard = domain_.read_lock();

		return fn(*current_.get(guard));
	}

	/* For tests: the domain that guards the configuration. */
	[[nodiscard]] srcu_cxx::domain<backend> &domain() noexcept
	{
		return domain_;
	}

private:
	srcu_cxx::domain<backend> domain_;
	srcu_cxx::mutex<backend> writer_;
	srcu_cxx::protected_ptr<config, backend> current_;
	u64 max_size_;
	bool ready_ = false;
};

} // namespace srcu_config

#endif
