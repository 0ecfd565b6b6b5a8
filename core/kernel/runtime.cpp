// SPDX-License-Identifier: GPL-2.0
/*
 * The C++ runtime support the module needs, and nothing more.
 *
 * Allocation: the core allocates with `new (gfp::kernel) T(...)`; these
 * functions are noexcept, so a failed allocation yields nullptr and no
 * constructor runs. `delete` of such an object comes back to kfree.
 *
 * Not provided on purpose: the throwing operator new (no exceptions),
 * __cxa_atexit and __cxa_guard_* (no objects with dynamic initialisation
 * or destruction at namespace or function scope; -fno-threadsafe-statics,
 * -fno-use-cxa-atexit), RTTI. A use of any of them fails at modpost with an
 * undefined symbol rather than at run time.
 */
#include "srcu_cxx/base/new.hpp"
#include "srcu_cxx/backend.hpp"

namespace {

constexpr srcu_cxx::size_t default_new_alignment =
	__STDCPP_DEFAULT_NEW_ALIGNMENT__;

/*
 * kmalloc() aligns power-of-two sizes to their size
 * (Documentation/core-api/memory-allocation.rst), which is how an
 * over-aligned object gets its alignment.
 */
srcu_cxx::size_t aligned_size(srcu_cxx::size_t size,
			      srcu_cxx::size_t align) noexcept
{
	srcu_cxx::size_t rounded = align;

	while (rounded < size)
		rounded <<= 1;
	return rounded;
}

} // namespace

void *operator new(srcu_cxx::size_t size, srcu_cxx::gfp flags) noexcept
{
	return srcu_cxx_kmalloc(size, static_cast<unsigned int>(flags));
}

void *operator new(srcu_cxx::size_t size, std::align_val_t align,
		   srcu_cxx::gfp flags) noexcept
{
	auto alignment = static_cast<srcu_cxx::size_t>(align);

	if (alignment > default_new_alignment)
		size = aligned_size(size, alignment);
	return srcu_cxx_kmalloc(size, static_cast<unsigned int>(flags));
}

void operator delete(void *object, srcu_cxx::gfp) noexcept
{
	srcu_cxx_kfree(object);
}

void operator delete(void *object, std::align_val_t, srcu_cxx::gfp) noexcept
{
	srcu_cxx_kfree(object);
}

void operator delete(void *object) noexcept
{
	srcu_cxx_kfree(object);
}

void operator delete(void *object, srcu_cxx::size_t) noexcept
{
	srcu_cxx_kfree(object);
}

void operator delete(void *object, std::align_val_t) noexcept
{
	srcu_cxx_kfree(object);
}

void operator delete(void *object, srcu_cxx::size_t, std::align_val_t) noexcept
{
	srcu_cxx_kfree(object);
}
