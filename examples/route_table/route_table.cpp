// SPDX-License-Identifier: GPL-2.0
/*
 * A routing table behind an SRCU-protected pointer, written against
 * srcu_cxx the way any module would use it.
 *
 * Each version of the table is immutable once published. Readers look an
 * address up inside a read-side critical section and may sleep there; the
 * writer builds the next version, publishes it under its mutex, and frees
 * the old one in one of three ways: after synchronize(), once a polled
 * grace-period cookie has completed, or from a retire() callback. A table
 * a reader could still see is never freed: readers check that the table
 * they hold is whole and alive after they slept.
 */
#include "srcu_cxx/srcu.hpp"

#include "route_table.h"

namespace {

using srcu_cxx::u32;
using srcu_cxx::u64;

constexpr u32 live_mark = 0x4c495645;	/* "LIVE" */
constexpr u32 dead_mark = 0x44454144;	/* "DEAD", written just before kfree */
constexpr u32 max_routes = 32;

struct route {
	u32 prefix;
	u32 mask;
	u32 gateway;
};

/* One version of the table: written before publication, then only read. */
struct table : srcu_cxx::retirable {
	u32 live;
	u32 version;
	u32 count;
	u32 sum;
	route routes[max_routes];
	/* Where a retire() callback counts itself. */
	unsigned long long *retired;
};

void count(unsigned long long &counter) noexcept
{
	__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
}

/* FNV-1a over the routes: a torn or reused table does not match. */
u32 sum_of(const table &t) noexcept
{
	const auto *bytes = reinterpret_cast<const unsigned char *>(t.routes);
	u32 hash = 2166136261u ^ t.version ^ (t.count << 16);

	for (u64 i = 0; i < t.count * sizeof(route); i++) {
		hash ^= bytes[i];
		hash *= 16777619u;
	}
	return hash;
}

[[nodiscard]] bool intact(const table &t) noexcept
{
	return t.live == live_mark && t.count <= max_routes && sum_of(t) == t.sum;
}

[[nodiscard]] table *make_table(u32 version) noexcept
{
	auto *t = new (srcu_cxx::gfp::kernel) table;

	if (!t)
		return nullptr;
	t->live = live_mark;
	t->version = version;
	t->count = 1 + version % max_routes;
	for (u32 i = 0; i < t->count; i++)
		t->routes[i] = {(10u << 24) | (i << 16), 0xffff0000u, version * 1000 + i};
	t->sum = sum_of(*t);
	t->retired = nullptr;
	return t;
}

void free_table(table *t) noexcept
{
	/*
	 * Through volatile: a plain store just before delete is a dead store,
	 * which the compiler drops, and a reader of the freed object would
	 * still find it alive.
	 */
	*static_cast<volatile u32 *>(&t->live) = dead_mark;
	delete t;
}

/* retire()'s deleter: runs from an SRCU callback, so it only frees. */
void retire_table(table *t) noexcept
{
	count(*t->retired);
	free_table(t);
}

} // namespace

struct route_table_owner : srcu_cxx::pinned {
	route_table_owner() noexcept : current(domain, writer) {}

	/*
	 * The default teardown: the last table is retired, and then the
	 * domain's destructor waits for every reader and every callback
	 * (synchronize, barrier, cleanup) before the module may go.
	 */
	~route_table_owner()
	{
		table *last;
		table *polled;
		{
			auto held = writer.lock();

			last = current.replace(nullptr, held);
			polled = srcu_cxx::exchange(awaiting, nullptr);
		}
		if (last) {
			last->retired = &stats.retired;
			domain.retire<table, retire_table>(last);
		}
		if (polled) {
			domain.synchronize();
			free_table(polled);
		}
	}

	/* Declared first, destroyed last: after everything that uses it. */
	srcu_cxx::domain domain;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<table> current;
	/* Replaced, freed once awaiting_cookie's grace period has passed. */
	table *awaiting = nullptr;
	srcu_cxx::grace_period_cookie awaiting_cookie{};
	route_table_stats stats{};
};

extern "C" route_table_owner *route_table_create(int *err)
{
	auto *owner = new (srcu_cxx::gfp::kernel) route_table_owner;

	if (!owner) {
		*err = -srcu_cxx::errno_values::nomem;
		return nullptr;
	}
	owner->writer.init("route_table_writer", [] {});
	*err = owner->domain.init("route_table", [] {});
	if (*err) {
		delete owner;
		return nullptr;
	}
	return owner;
}

extern "C" void route_table_destroy(route_table_owner *owner)
{
	delete owner;
}

extern "C" int route_table_lookup(route_table_owner *owner, unsigned int addr,
				  unsigned int sleep_ms)
{
	auto guard = owner->domain.read_lock();
	const table *t = owner->current.get(guard);

	if (!t)
		return 0;
	if (sleep_ms) {
		route_table_sleep_ms(sleep_ms);
		count(owner->stats.sleeps);
	}
	/* Longest prefix match; the answer matters less than the reading. */
	u32 best_mask = 0;
	u32 gateway = 0;

	for (u32 i = 0; i < t->count && i < max_routes; i++) {
		const route &r = t->routes[i];

		if ((addr & r.mask) == r.prefix && r.mask >= best_mask) {
			best_mask = r.mask;
			gateway = r.gateway;
		}
	}
	(void)gateway;
	count(owner->stats.lookups);
	if (!intact(*t)) {
		count(owner->stats.bad_tables);
		return -srcu_cxx::errno_values::fault;
	}
	return 0;
}

extern "C" int route_table_update(route_table_owner *owner, unsigned int round)
{
	table *next = make_table(round);
	table *old;

	if (!next)
		return -srcu_cxx::errno_values::nomem;
	{
		auto held = owner->writer.lock();

		old = owner->current.replace(next, held);
		count(owner->stats.updates);
		if (old && round % 3 == 1) {
			/*
			 * Free the table replaced before this one once its
			 * grace period is over (waiting only if it is not),
			 * and let this one wait for its own.
			 */
			if (owner->awaiting) {
				if (!owner->domain.poll(owner->awaiting_cookie))
					owner->domain.synchronize();
				free_table(owner->awaiting);
				count(owner->stats.polled);
			}
			owner->awaiting = old;
			owner->awaiting_cookie = owner->domain.start_poll();
			return 0;
		}
	}
	if (!old)
		return 0;
	if (round % 3 == 0) {
		/* Wait for every reader that may hold it, then free. */
		owner->domain.synchronize();
		free_table(old);
		count(owner->stats.synchronized);
	} else {
		/* Freed from a callback after a grace period; return now. */
		old->retired = &owner->stats.retired;
		owner->domain.retire<table, retire_table>(old);
	}
	return 0;
}

extern "C" void route_table_read_stats(route_table_owner *owner,
				       route_table_stats *stats)
{
	auto load = [](const unsigned long long &counter) {
		return __atomic_load_n(&counter, __ATOMIC_RELAXED);
	};

	stats->lookups = load(owner->stats.lookups);
	stats->sleeps = load(owner->stats.sleeps);
	stats->bad_tables = load(owner->stats.bad_tables);
	stats->updates = load(owner->stats.updates);
	stats->synchronized = load(owner->stats.synchronized);
	stats->polled = load(owner->stats.polled);
	stats->retired = load(owner->stats.retired);
}
