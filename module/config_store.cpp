// SPDX-License-Identifier: GPL-2.0
/*
 * config_store implementation and its extern "C" entry points.
 */
#include "base/new.hpp"
#include "module/config_store.hpp"
#include "module/store.h"

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
	/* May fault and sleep: done before any lock is taken. */
	if (srcu_cxx_copy_from_user(cfg->data, bytes, size)) {
		destroy(cfg);
		*err = -fault;
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

config_store::config_store(u64 max_size) noexcept
	: current_(domain_, writer_), max_size_(max_size)
{
}

int config_store::init(const void *initial, u64 len) noexcept
{
	config *first = config::create_from_kernel(initial, len);

	if (!first)
		return -nomem;

	int err = domain_.init("srcu_config", [] {});

	if (err) {
		config::destroy(first);
		return err;
	}
	writer_.init("srcu_config_writer", [] {});

	auto writer = writer_.lock();

	first->generation = 1;
	(void)current_.replace(first, writer);
	ready_ = true;
	return 0;
}

config_store::~config_store()
{
	if (!ready_)
		return;

	config *last;
	{
		auto writer = writer_.lock();

		last = current_.replace(nullptr, writer);
	}
	/* The domain's own ordered teardown follows when domain_ goes. */
	domain_.synchronize();
	config::destroy(last);
}

long config_store::read(void __user *buf, u64 len, long long *pos,
			unsigned int delay_ms) noexcept
{
	if (*pos < 0)
		return -inval;

	auto guard = domain_.read_lock();
	const config *cfg = current_.get(guard);
	u64 offset = static_cast<u64>(*pos);

	if (offset >= cfg->size)
		return 0;
	if (delay_ms)
		srcu_cxx_msleep(delay_ms);

	u64 count = srcu_cxx::min(len, cfg->size - offset);

	if (srcu_cxx_copy_to_user(buf, cfg->data + offset, count))
		return -fault;
	*pos += static_cast<long long>(count);
	return static_cast<long>(count);
}

long config_store::replace(const void __user *data, u64 len,
			   u64 *generation) noexcept
{
	if (len > max_size_)
		return -too_big;

	int err = 0;
	config *next = config::create(data, len, &err);

	if (!next)
		return err;

	config *old;
	{
		auto writer = writer_.lock();
		const config *current = current_.get(writer);

		next->generation = current->generation + 1;
		*generation = next->generation;
		old = current_.replace(next, writer);
	}
	/* Readers may still hold @old, and may be asleep: wait them out. */
	domain_.synchronize();
	config::destroy(old);
	return 0;
}

u64 config_store::generation() noexcept
{
	return with_current([](const config &cfg) { return cfg.generation; });
}

} // namespace srcu_config

using srcu_config::config_store;

namespace {

config_store *from_c(srcu_config_store *store)
{
	return reinterpret_cast<config_store *>(store);
}

} // namespace

extern "C" srcu_config_store *srcu_config_store_create(const void *initial,
						       unsigned long len,
						       unsigned long max_size)
{
	auto *store = new (srcu_cxx::gfp::kernel) config_store(max_size);

	if (!store)
		return nullptr;
	if (store->init(initial, len)) {
		delete store;
		return nullptr;
	}
	return reinterpret_cast<srcu_config_store *>(store);
}

extern "C" void srcu_config_store_destroy(srcu_config_store *store)
{
	delete from_c(store);
}

extern "C" long srcu_config_store_read(srcu_config_store *store,
				       void __user *buf, unsigned long len,
				       long long *pos, unsigned int delay_ms)
{
	return from_c(store)->read(buf, len, pos, delay_ms);
}

extern "C" long srcu_config_store_replace(srcu_config_store *store,
					  const void __user *data,
					  unsigned long len,
					  unsigned long long *generation)
{
	return from_c(store)->replace(data, len, generation);
}

extern "C" unsigned long long
srcu_config_store_generation(srcu_config_store *store)
{
	return from_c(store)->generation();
}
