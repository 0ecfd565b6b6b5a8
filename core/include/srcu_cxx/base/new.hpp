/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Placement new, and the allocation form the core uses: every allocation
 * names its GFP context, and a failed one yields nullptr (the allocation
 * functions are noexcept, so the compiler checks before constructing).
 */
#ifndef SRCU_CXX_BASE_NEW_HPP
#define SRCU_CXX_BASE_NEW_HPP

#include "srcu_cxx/base/utility.hpp"

/* The reserved placement form; defined here because <new> is off limits. */
[[nodiscard]] inline void *operator new(srcu_cxx::size_t, void *where) noexcept
{
	return where;
}

inline void operator delete(void *, void *) noexcept
{
}

namespace std {
enum class align_val_t : decltype(sizeof(0)) {};
} // namespace std

namespace srcu_cxx {

/* How an allocation may wait; the values come from the kernel's GFP flags. */
enum class gfp : unsigned int;

} // namespace srcu_cxx

[[nodiscard]] void *operator new(srcu_cxx::size_t size, srcu_cxx::gfp flags) noexcept;
[[nodiscard]] void *operator new(srcu_cxx::size_t size, std::align_val_t align,
				srcu_cxx::gfp flags) noexcept;
void operator delete(void *object, srcu_cxx::gfp flags) noexcept;
void operator delete(void *object, std::align_val_t align,
		     srcu_cxx::gfp flags) noexcept;

#endif
