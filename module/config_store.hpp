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
#include "module/config_store_c.h"

namespace srcu_config {

/* A change, as the C side describes it (config_store_c.h). */
using change = srcu_config_change;

template <protection_policy Protection>
class config_store;

/*
 * Where one read's bytes go: copy(src, n) copies up to @n bytes from @src
 * and returns how many it copied. Called inside the read-side critical
 * section; it may fault and sleep.
 */
template <typename C>
concept copy_out = requires(C &c, const u8 *src, u64 n) {
	{ c(src, n) } noexcept -> srcu_cxx::same_as<u64>;
};

/* To one user buffer: all or nothing, as read(2) always was. */
struct to_user_buffer {
	void __user *buf;

	u64 operator()(const u8 *src, u64 n) const noexcept
	{
		return srcu_config_copy_to_user(buf, src, n) ? 0 : n;
	}
};

/*
 * What one open file of the device holds between its calls: a
 * read-through's pinned generation and a write-through's staged image
 * (Documentation/userspace-api.rst, "Reading" and "Writing").
 */
template <typename Config>
class store_file : srcu_cxx::pinned {
public:
	/* Out of line: the lock's class is one object, in one file. */
	explicit store_file(bool write_through) noexcept;
	~store_file();

	[[nodiscard]] bool write_through() const noexcept { return write_through_; }
	[[nodiscard]] u64 seen() const noexcept
	{
		return __atomic_load_n(&seen_, __ATOMIC_RELAXED);
	}
	/* Single-copy atomic: poll() reads it concurrently. */
	void saw(u64 generation) noexcept
	{
		__atomic_store_n(&seen_, generation, __ATOMIC_RELAXED);
	}

private:
	template <protection_policy Protection>
	friend class config_store;

	static constexpr u64 no_read_through = 0;

	/* Drop the generation a read-through pinned, if any. */
	void let_go() noexcept;
	/*
	 * Keep @pinned (with its pin, or nullptr) for the read-through's
	 * later reads, unpinning what was kept before.
	 */
	void hold(Config *pinned) noexcept;

	/* Serialises this file's pinning and staging; no reader waits on it. */
	srcu_cxx::mutex lock_;
	/* The generation a read-through in progress pinned, or null. */
	Config *held_ = nullptr;
	/* The generation and size of its last read-through (none: 0). */
	u64 through_generation_ = no_read_through;
	u64 through_end_ = 0;
	/* It took more than one call and could not pin its generation. */
	bool through_unpinned_ = false;
	u64 seen_ = 0;

	/* The write-through's image: bytes [0, image_len_) of image_. */
	u8 *image_ = nullptr;
	u64 image_len_ = 0;
	u64 image_cap_ = 0;
	int error_ = 0;		/* what failed it; sticky */
	bool dirty_ = false;	/* written since the last commit */
	bool write_through_;
};

template <protection_policy Protection>
class config_store : srcu_cxx::pinned {
public:
	/* The objects it publishes: config, or one with extra fields. */
	using config_type = typename Protection::config_type;
	using file = store_file<config_type>;

	config_store(u64 max_size, u64 max_deferred_bytes,
		     u64 max_pinned_bytes = 0) noexcept;
	~config_store();

	[[nodiscard]] int init(const void *initial, u64 len) noexcept;

	/*
	 * config_store_c.h: srcu_config_file_read() and _read_to(), one
	 * function: a read reaches core/ from here, with no call between.
	 */
	template <copy_out Copy>
	[[nodiscard]] long read(file &f, Copy &&copy, u64 len,
				long long *pos) noexcept;
	[[nodiscard]] long write(file &f, srcu_config_copy_in_t copy, void *ctx,
				 u64 len, long long *pos) noexcept;
	[[nodiscard]] long commit(file &f, u64 *generation) noexcept;

	[[nodiscard]] long get(void __user *buf, u64 len,
			       srcu_config_meta *meta) noexcept;
	[[nodiscard]] long replace(const change &c, u64 *generation) noexcept;
	[[nodiscard]] u64 generation() noexcept;
	void stats(srcu_config_stats *out) noexcept;
	void set_max_pinned(u64 bytes) noexcept
	{
		__atomic_store_n(&reclaim_.max_pinned_bytes, bytes, __ATOMIC_RELAXED);
	}

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
	/* A read at offset 0 begins a read-through of @cfg: what may it pin? */
	config_type *begin_read_through(file &f, const config_type &cfg,
					u64 done) noexcept;
	/* Publish @next (owned) as the next generation, then reclaim. */
	[[nodiscard]] long publish(config_type *next, const change &c,
				   bool interruptible, u64 *generation) noexcept;

	/* Before protection_: deferred frees update it during teardown. */
	reclaim_stats reclaim_{};
	Protection protection_;
	u64 max_size_;
	u64 swaps_ = 0;
	u64 grace_periods_ = 0;
	bool ready_ = false;
};

extern template class store_file<config>;
extern template class config_store<srcu_protection>;

} // namespace srcu_config

#endif
