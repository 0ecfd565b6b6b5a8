// SPDX-License-Identifier: GPL-2.0
#include "host/domains.hpp"

#include <cerrno>
#include <mutex>
#include <new>
#include <vector>

#include "host/diagnostics.hpp"
#include "host/faults.hpp"

namespace srcu_cxx::host {
namespace {

/* Abandoned domains: never freed, never destroyed, always reachable. */
struct abandoned_domains {
	std::mutex lock;
	std::vector<srcu_struct *> domains;
};

abandoned_domains &the_abandoned()
{
	static abandoned_domains *a = new abandoned_domains;

	return *a;
}

void keep_for_ever(srcu_struct *srcu, const char *name)
{
	abandoned_domains &a = the_abandoned();
	std::lock_guard lock(a.lock);

	a.domains.push_back(srcu);
	record_abandoned(name);
}

constinit lock_class_key module_domain_key;
constinit lock_class_key module_fast_domain_key;

} // namespace

int create_domain(srcu_struct *&out, const char *name,
		  const lock_class_key &key) noexcept
{
	if (int err = take_create_failure())
		return err;

	auto *srcu = new (std::nothrow) srcu_struct(name, &key);

	if (!srcu)
		return -ENOMEM;
	out = srcu;
	return 0;
}

int init_domain_in_place(void *storage, unsigned long size, const char *name,
			 const lock_class_key &key) noexcept
{
	if (int err = take_create_failure())
		return err;
	if (size < sizeof(srcu_struct))
		return -EINVAL;
	new (storage) srcu_struct(name, &key);
	return 0;
}

void cleanup_domain_in_place(srcu_struct *srcu) noexcept
{
	if (!srcu->idle_for_cleanup()) {
		/* The kernel WARNs and leaks; here the memory is the caller's. */
		record_warning("cleanup_srcu_struct() of a busy domain in place",
			       __FILE__, __LINE__);
		return;
	}
	srcu->~srcu_struct();
}

void destroy_domain(srcu_struct *srcu) noexcept
{
	if (!srcu->idle_for_cleanup()) {
		/* "Just leak it!", as cleanup_srcu_struct() says. */
		srcu->abandon();
		keep_for_ever(srcu, srcu->name());
		return;
	}
	delete srcu;
}

void abandon_domain(srcu_struct *srcu, const char *name) noexcept
{
	srcu->abandon();
	keep_for_ever(srcu, name);
}

srcu_struct *module_domain() noexcept
{
	/* Destroyed at exit, after every test: its worker is joined then. */
	static srcu_struct domain("module", &module_domain_key);

	return &domain;
}

long *module_domain_pending() noexcept
{
	static long pending;

	return &pending;
}

srcu_struct *module_fast_domain() noexcept
{
	static srcu_struct domain("module_fast", &module_fast_domain_key);

	return &domain;
}

long *module_fast_domain_pending() noexcept
{
	static long pending;

	return &pending;
}

} // namespace srcu_cxx::host
