// SPDX-License-Identifier: GPL-2.0
/*
 * config: allocation, sealing and freeing of one generation.
 */
#include "srcu_cxx/base/new.hpp"
#include "module/config.hpp"

namespace srcu_config {

using namespace srcu_cxx::errno_values;

/* FNV-1a: cheap, and enough to tell a torn or foreign buffer. */
u32 checksum(const u8 *bytes, u64 size) noexcept
{
	u32 hash = 2166136261u;

	for (u64 i = 0; i < size; i++) {
		hash ^= bytes[i];
		hash *= 16777619u;
	}
	return hash;
}

namespace {

config *allocate(u64 size) noexcept
{
	void *memory = srcu_cxx_kvmalloc(sizeof(config) + size,
					 static_cast<unsigned int>(srcu_cxx::gfp::kernel_account));

	if (!memory)
		return nullptr;

	auto *cfg = new (memory) config;

	cfg->generation = 0;
	cfg->size = size;
	cfg->stats = nullptr;
	cfg->age = 0;
	return cfg;
}

void seal(config *cfg) noexcept
{
	cfg->checksum = checksum(cfg->data, cfg->size);
	cfg->time_set_ns = srcu_cxx_ktime_get_real_ns();
}

} // namespace

config *config::create(const void __user *bytes, u64 size, int *err) noexcept
{
	config *cfg = allocate(size);

	if (!cfg) {
		*err = -nomem;
		return nullptr;
	}
	if (srcu_cxx_copy_from_user(cfg->data, bytes, size)) {
		destroy(cfg);
		*err = -fault;
		return nullptr;
	}
	seal(cfg);
	return cfg;
}

config *config::create(srcu_config_copy_in_t fill, void *ctx, u64 size,
		       int *err) noexcept
{
	config *cfg = allocate(size);

	if (!cfg) {
		*err = -nomem;
		return nullptr;
	}
	*err = fill(ctx, cfg->data, size);
	if (*err) {
		destroy(cfg);
		return nullptr;
	}
	seal(cfg);
	return cfg;
}

config *config::create_from_kernel(const void *bytes, u64 size) noexcept
{
	config *cfg = allocate(size);

	if (!cfg)
		return nullptr;
	__builtin_memcpy(cfg->data, bytes, size);
	seal(cfg);
	return cfg;
}

void config::destroy(config *cfg) noexcept
{
	if (cfg) {
		cfg->~config();
		srcu_cxx_kvfree(cfg);
	}
}

bool config::intact() const noexcept
{
	return srcu_config::checksum(data, size) == checksum;
}

} // namespace srcu_config
