// SPDX-License-Identifier: GPL-2.0
/*
 * config_store implementation over the policy store_protection.hpp names,
 * and the extern "C" entry points the C glue calls (store.h).
 */
#include "module/config_store_impl.hpp"
#include "module/store_protection.hpp"

namespace srcu_config {

template class config_store<store_protection>;

} // namespace srcu_config

/* ---- the C entry points -------------------------------------------------- */

using namespace srcu_config;

/* What the C glue holds: the store itself, under its C name. */
struct srcu_config_store : config_store<store_protection> {
	using config_store::config_store;
};

extern "C" srcu_config_store *
srcu_config_store_create(const void *initial, unsigned long len,
			 const srcu_config_limits *limits, int *err)
{
	auto *store = new (srcu_cxx::gfp::kernel)
		srcu_config_store(limits->max_size, limits->max_deferred_bytes);

	if (!store) {
		*err = -nomem;
		return nullptr;
	}
	*err = store->init(initial, len);
	if (*err) {
		delete store;
		return nullptr;
	}
	return store;
}

extern "C" void srcu_config_store_destroy(srcu_config_store *handle)
{
	delete handle;
}

/*
 * The read path, one function each: everything of the store inlined,
 * leaving calls only to SRCU and to the copy (benchmarks.rst, "Read
 * floor").
 */
extern "C" [[gnu::flatten]] long
srcu_config_store_read(srcu_config_store *handle, void __user *buf,
		       unsigned long len, long long *pos, unsigned int delay_ms,
		       unsigned long long *generation)
{
	return handle->read(buf, len, pos, delay_ms, generation);
}

extern "C" [[gnu::flatten]] long
srcu_config_store_read_to(srcu_config_store *handle,
			  srcu_config_copy_out_t copy, void *ctx,
			  unsigned long len, long long *pos,
			  unsigned int delay_ms,
			  unsigned long long *generation)
{
	return handle->read_to(copy, ctx, len, pos, delay_ms, generation);
}

extern "C" long srcu_config_store_get(srcu_config_store *handle,
				      void __user *buf, unsigned long long len,
				      srcu_config_meta *meta)
{
	return handle->get(buf, len, meta);
}

extern "C" long srcu_config_store_replace(srcu_config_store *handle,
					  const srcu_config_change *c,
					  unsigned long long *generation)
{
	return handle->replace(*c, generation);
}

extern "C" unsigned long long
srcu_config_store_generation(srcu_config_store *handle)
{
	return handle->generation();
}

extern "C" void srcu_config_store_stats(srcu_config_store *handle,
					srcu_config_stats *stats)
{
	handle->stats(stats);
}

extern "C" const char *srcu_config_store_readers(void)
{
	return store_domain::ref_type::fast ? "fast" : "normal";
}
