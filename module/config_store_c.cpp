// SPDX-License-Identifier: GPL-2.0
/*
 * The store's C side (config_store_c.h): the product's config_store,
 * over the policy store_protection.hpp names, and the extern "C" entry
 * points main.c calls.
 */
#include "module/config_store_impl.hpp"
#include "module/store_protection.hpp"

namespace srcu_config {

template class store_file<store_protection::config_type>;
template class config_store<store_protection>;

} // namespace srcu_config

/* ---- the C entry points -------------------------------------------------- */

using namespace srcu_config;

/* What the C glue holds: the store itself, under its C name. */
struct srcu_config_store : config_store<store_protection> {
	using config_store::config_store;
};

/* What the C glue holds for each open file. */
struct srcu_config_file : srcu_config_store::file {
	using store_file::store_file;
};

extern "C" srcu_config_store *
srcu_config_store_create(const void *initial, unsigned long len,
			 const srcu_config_limits *limits, int *err)
{
	auto *store = new (srcu_cxx::gfp::kernel)
		srcu_config_store(limits->max_size, limits->max_deferred_bytes,
				  limits->max_pinned_bytes);

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

extern "C" srcu_config_file *srcu_config_file_open(srcu_config_store *handle,
						  int write_through)
{
	(void)handle;
	return new (srcu_cxx::gfp::kernel_account)
		srcu_config_file(write_through != 0);
}

extern "C" void srcu_config_file_release(srcu_config_file *file)
{
	delete file;
}

extern "C" int srcu_config_file_write_through(srcu_config_file *file)
{
	return file->write_through();
}

/*
 * The read path, one function each: everything of the store inlined,
 * leaving calls only to SRCU and to the copy (benchmarks.rst, "Read
 * floor"). From main.c's .read_iter: this, config_store::read(), then
 * the domain's read_lock() in core/ (design.rst, "The read path").
 */
extern "C" [[gnu::flatten]] long
srcu_config_file_read(srcu_config_store *handle, srcu_config_file *file,
		      void __user *buf, unsigned long len, long long *pos)
{
	return handle->read(*file, to_user_buffer{buf}, len, pos);
}

extern "C" [[gnu::flatten]] long
srcu_config_file_read_to(srcu_config_store *handle, srcu_config_file *file,
			 srcu_config_copy_out_t copy, void *ctx,
			 unsigned long len, long long *pos)
{
	return handle->read(*file, [copy, ctx](const u8 *src, u64 count) noexcept {
		return u64{copy(ctx, src, count)};
	}, len, pos);
}

extern "C" long srcu_config_file_write(srcu_config_store *handle,
				       srcu_config_file *file,
				       srcu_config_copy_in_t copy, void *ctx,
				       unsigned long len, long long *pos)
{
	return handle->write(*file, copy, ctx, len, pos);
}

extern "C" long srcu_config_file_commit(srcu_config_store *handle,
					srcu_config_file *file,
					unsigned long long *generation)
{
	return handle->commit(*file, generation);
}

extern "C" unsigned long long srcu_config_file_seen(srcu_config_file *file)
{
	return file->seen();
}

extern "C" void srcu_config_file_saw(srcu_config_file *file,
				     unsigned long long generation)
{
	file->saw(generation);
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

extern "C" void srcu_config_store_set_max_pinned(srcu_config_store *handle,
						unsigned long long bytes)
{
	handle->set_max_pinned(bytes);
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
