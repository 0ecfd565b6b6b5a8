/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few pieces of <utility> and <type_traits> the core needs, built on
 * compiler builtins because a freestanding kernel object may not include
 * the standard library.
 */
#ifndef SRCU_CXX_BASE_UTILITY_HPP
#define SRCU_CXX_BASE_UTILITY_HPP

namespace srcu_cxx {

using size_t = decltype(sizeof(0));

template <typename T> struct remove_reference { using type = T; };
template <typename T> struct remove_reference<T &> { using type = T; };
template <typename T> struct remove_reference<T &&> { using type = T; };
template <typename T> using remove_reference_t = typename remove_reference<T>::type;

template <typename T>
[[nodiscard]] constexpr remove_reference_t<T> &&move(T &&value) noexcept
{
	return static_cast<remove_reference_t<T> &&>(value);
}

template <typename T>
[[nodiscard]] constexpr T &&forward(remove_reference_t<T> &value) noexcept
{
	return static_cast<T &&>(value);
}

template <typename T>
[[nodiscard]] constexpr T &&forward(remove_reference_t<T> &&value) noexcept
{
	return static_cast<T &&>(value);
}

template <typename T, typename U = T>
[[nodiscard]] constexpr T exchange(T &object, U &&new_value) noexcept
{
	T old = move(object);
	object = forward<U>(new_value);
	return old;
}

/* Base for types that must stay where they were constructed. */
class pinned {
public:
	pinned(const pinned &) = delete;
	pinned &operator=(const pinned &) = delete;
	pinned(pinned &&) = delete;
	pinned &operator=(pinned &&) = delete;

protected:
	constexpr pinned() noexcept = default;
	~pinned() = default;
};

} // namespace srcu_cxx

#endif
