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

template <bool B, typename T, typename F> struct conditional { using type = T; };
template <typename T, typename F> struct conditional<false, T, F> { using type = F; };
template <bool B, typename T, typename F>
using conditional_t = typename conditional<B, T, F>::type;

} // namespace srcu_cxx

#endif
