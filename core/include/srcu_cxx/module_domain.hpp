/* SPDX-License-Identifier: GPL-2.0 */
/*
 * module_domain: the module-wide static domain, defined on the C side with
 * DEFINE_STATIC_SRCU (core/kernel/shim.c) and used from C++.
 *
 * It needs no initialisation and cannot fail: the module loader sets the
 * srcu_struct up before module_init and cleans it up after module_exit.
 * What the loader cannot know is whether callbacks queued with retire()
 * still point into the module, so module_exit must call quiesce() once
 * nothing uses the domain any more.
 *
 * A module_domain is a handle: make one where it is needed, it costs two
 * loads. Every handle refers to the same domain and the same count of
 * pending callbacks.
 */
#ifndef SRCU_CXX_SRCU_MODULE_DOMAIN_HPP
#define SRCU_CXX_SRCU_MODULE_DOMAIN_HPP

#include "srcu_cxx/domain_ref.hpp"

namespace srcu_cxx {

class module_domain : public domain_ref {
public:
	module_domain() noexcept
	{
		this->srcu_ = backend::module_domain();
		this->pending_ = backend::module_domain_pending();
		this->name_ = "module";
	}

	/* The first two steps of the ordered teardown; the loader does the third. */
	void quiesce() noexcept
	{
		this->synchronize();
		this->barrier();
	}
};

} // namespace srcu_cxx

#endif
