// SPDX-License-Identifier: GPL-2.0
/*
 * config: the checksum of a generation's bytes, and the product's config
 * (config_impl.hpp has its allocation, sealing and freeing).
 */
#include "module/config_impl.hpp"

namespace srcu_config {

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

template struct basic_config<no_extra>;

} // namespace srcu_config
