/* SPDX-License-Identifier: GPL-2.0 */
/* The few type traits the core needs, on compiler builtins. */
#ifndef SRCU_CXX_BASE_TYPE_TRAITS_HPP
#define SRCU_CXX_BASE_TYPE_TRAITS_HPP

namespace srcu_cxx {

template <typename A, typename B>
inline constexpr bool is_same_v = __is_same(A, B);

template <typename Base, typename Derived>
inline constexpr bool is_base_of_v = __is_base_of(Base, Derived);

template <typename T>
inline constexpr bool is_standard_layout_v = __is_standard_layout(T);

} // namespace srcu_cxx

#endif
