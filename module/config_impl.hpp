/* SPDX-License-Identifier: GPL-2.0 */
/*
 * basic_config member definitions: allocation, sealing and freeing of one
 * generation. Included by config.cpp, which instantiates the product's
 * config, and by anything that instantiates a store over objects with
 * extra fields of its own (the torture test's aged ones).
 */
#ifndef SRCU_CONFIG_CONFIG_IMPL_HPP
#define SRCU_CONFIG_CONFIG_IMPL_HPP

#include "srcu_cxx/base/new.hpp"
#include "module/config.hpp"

namespace srcu_config {

namespace config_detail {

template <typename Config>
Config *allocate(u64 size) noexcept
{
	void *memory = srcu_config_kvmalloc(sizeof(Config) + size,
					    static_cast<unsigned int>(srcu_cxx::gfp::kernel_account));

	if (!memory)
		return nullptr;

	auto *cfg = new (memory) Config;

	cfg->generation = 0;
	cfg->size = size;
	cfg->refs = 1;
	cfg->pinned = false;
	cfg->stats = nullptr;
	cfg->extra = {};
	return cfg;
}

template <typename Config>
void free(Config *cfg) noexcept
{
	cfg->~Config();
	srcu_config_kvfree(cfg);
}

/* Drops one reference; true if it was the last. */
template <typename Config>
bool put(Config *cfg) noexcept
{
	return __atomic_sub_fetch(&cfg->refs, 1, __ATOMIC_ACQ_REL) == 0;
}

template <typename Config>
void seal(Config *cfg) noexcept
{
	cfg->checksum = checksum(cfg->data, cfg->size);
	cfg->time_set_ns = srcu_config_ktime_get_real_ns();
}

} // namespace config_detail

template <typename Extra>
basic_config<Extra> *basic_config<Extra>::create(const void __user *bytes,
						 u64 size, int *err) noexcept
{
	basic_config *cfg = config_detail::allocate<basic_config>(size);

	if (!cfg) {
		*err = -srcu_cxx::errno_values::nomem;
		return nullptr;
	}
	if (srcu_config_copy_from_user(cfg->data, bytes, size)) {
		destroy(cfg);
		*err = -srcu_cxx::errno_values::fault;
		return nullptr;
	}
	config_detail::seal(cfg);
	return cfg;
}

template <typename Extra>
basic_config<Extra> *basic_config<Extra>::create(srcu_config_copy_in_t fill,
						 void *ctx, u64 size,
						 int *err) noexcept
{
	basic_config *cfg = config_detail::allocate<basic_config>(size);

	if (!cfg) {
		*err = -srcu_cxx::errno_values::nomem;
		return nullptr;
	}
	*err = fill(ctx, cfg->data, size);
	if (*err) {
		destroy(cfg);
		return nullptr;
	}
	config_detail::seal(cfg);
	return cfg;
}

template <typename Extra>
basic_config<Extra> *basic_config<Extra>::create_from_kernel(const void *bytes,
							     u64 size) noexcept
{
	basic_config *cfg = config_detail::allocate<basic_config>(size);

	if (!cfg)
		return nullptr;
	__builtin_memcpy(cfg->data, bytes, size);
	config_detail::seal(cfg);
	return cfg;
}

template <typename Extra>
void basic_config<Extra>::destroy(basic_config *cfg) noexcept
{
	if (!cfg)
		return;
	/*
	 * pinned is stable here: pins are taken only while the object is
	 * current, and the store lets go only after its readers left.
	 * What read-throughs keep of a replaced generation is counted
	 * until the last of them lets go.
	 */
	bool counted = cfg->pinned && cfg->stats;

	if (counted)
		__atomic_add_fetch(&cfg->stats->pinned_bytes, cfg->size, __ATOMIC_RELAXED);
	if (!config_detail::put(cfg))
		return;
	if (counted)
		__atomic_sub_fetch(&cfg->stats->pinned_bytes, cfg->size, __ATOMIC_RELAXED);
	config_detail::free(cfg);
}

template <typename Extra>
void basic_config<Extra>::pin() noexcept
{
	__atomic_store_n(&pinned, true, __ATOMIC_RELAXED);
	__atomic_add_fetch(&refs, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&stats->pinned, 1, __ATOMIC_RELAXED);
}

template <typename Extra>
void basic_config<Extra>::unpin(basic_config *cfg) noexcept
{
	reclaim_stats *stats = cfg->stats;

	__atomic_sub_fetch(&stats->pinned, 1, __ATOMIC_RELAXED);
	if (!config_detail::put(cfg))
		return;
	/* The last: the store let go before, and counted its bytes. */
	__atomic_sub_fetch(&stats->pinned_bytes, cfg->size, __ATOMIC_RELAXED);
	config_detail::free(cfg);
}

template <typename Extra>
bool basic_config<Extra>::intact() const noexcept
{
	return srcu_config::checksum(data, size) == checksum;
}

} // namespace srcu_config

#endif
