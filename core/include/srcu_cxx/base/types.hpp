/* SPDX-License-Identifier: GPL-2.0 */
/* Fixed-width integers with the kernel's names and the kernel's widths. */
#ifndef SRCU_CXX_BASE_TYPES_HPP
#define SRCU_CXX_BASE_TYPES_HPP

namespace srcu_cxx {

using u8 = unsigned char;
using u32 = unsigned int;
using u64 = unsigned long long;

static_assert(sizeof(u32) == 4 && sizeof(u64) == 8, "LP64 expected");

template <typename T>
[[nodiscard]] constexpr const T &min(const T &a, const T &b) noexcept
{
	return b < a ? b : a;
}

template <typename T>
[[nodiscard]] constexpr const T &max(const T &a, const T &b) noexcept
{
	return a < b ? b : a;
}

} // namespace srcu_cxx

#endif
