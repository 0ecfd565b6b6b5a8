/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config_store: the swappable configuration.
 *
 * Readers may sleep while they hold a configuration (copying to user
 * memory can fault). A writer copies the new bytes in before taking any
 * lock, publishes a new immutable config object under the writer lock,
 * and reclaims the old one outside it: after a normal or expedited grace
 * period, or from a callback (deferred). What guards the pointer is the
 * Protection policy (protection.hpp); the product uses SRCU, as
 * store_protection.hpp names.
 */
#ifndef SRCU_CONFIG_CONFIG_STORE_HPP
#define SRCU_CONFIG_CONFIG_STORE_HPP

#include "srcu_cxx/base/types.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "module/config.hpp"
#include "module/protection.hpp"
#include "module/store.h"

namespace srcu_config {

/* A change, as the C glue describes it (store.h). */
using change = srcu_config_change;

template <typename Protection>
class config_store : srcu_cxx::pinned {
public:
	/* The objects it publishes: config, or one with extra fields. */
	using config_type = typename Protection::config_type;

	config_store(u64 max_size, u64 max_deferred_bytes) noexcept;
	~config_store();

	[[nodiscard]] int init(const void *initial, u64 len) noexcept;

	[[nodiscard]] long read(void __user *buf, u64 len, long long *pos,
				unsigned int delay_ms, u64 *generation) noexcept;
	/* read() with the bytes going through @copy (store.h). */
	[[nodiscard]] long read_to(srcu_config_copy_out_t copy, void *ctx,
				   u64 len, long long *pos,
				   unsigned int delay_ms,
				   u64 *generation) noexcept;
	[[nodiscard]] long get(void __user *buf, u64 len,
			       srcu_config_meta *meta) noexcept;
	[[nodiscard]] long replace(const change &c, u64 *generation) noexcept;
	[[nodiscard]] u64 generation() noexcept;
	void stats(srcu_config_stats *out) noexcept;

	/*
	 * Call @fn with the current configuration, inside one read-side
	 * critical section: @fn may sleep, and the object stays valid (and
	 * unchanged) until it returns, whatever writers do meanwhile.
	 */
	template <typename Fn>
	auto with_current(Fn &&fn) noexcept
	{
		auto reader = protection_.read_lock();

		return fn(*protection_.get(reader));
	}

	/* For tests: the policy, and with it the SRCU domain. */
	[[nodiscard]] Protection &protection() noexcept { return protection_; }

private:
	/* One generation, one critical section: @copy(dst, src, n) -> copied. */
	template <typename Copy>
	long read_with(Copy &&copy, u64 len, long long *pos,
		       unsigned int delay_ms, u64 *generation) noexcept;

	/* Before protection_: deferred frees update it during teardown. */
	deferred_stats deferred_{};
	Protection protection_;
	u64 max_size_;
	u64 swaps_ = 0;
	u64 grace_periods_ = 0;
	bool ready_ = false;
};

extern template class config_store<srcu_protection>;

} // namespace srcu_config

#endif
