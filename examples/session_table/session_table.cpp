// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions in a 64-bucket hash table whose buckets are SRCU-protected
 * pointers (srcu_cxx::protected_array), written against srcu_cxx the way
 * any module would use it.
 *
 * A bucket points to an immutable chain: the sessions that hash to it.
 * Readers look a session up inside a read-side critical section and may
 * sleep there. The writer opens or closes a session by copying its
 * bucket's chain with the change, publishing the copy in that one bucket
 * under its mutex, and freeing the old chain after a grace period: most
 * from a retire() callback, every fourth after synchronize(). Readers of
 * the other 63 buckets never wait for, or see, any of it. A chain a
 * reader could still see is never freed: readers check, after they
 * slept, that the chain they hold is whole and alive.
 */
#include "srcu_cxx/srcu.hpp"

#include "session_table.h"

namespace {

using srcu_cxx::u32;
using srcu_cxx::u64;

constexpr u32 bucket_count = 64;	/* a power of two: hash & (count - 1) */
constexpr u32 chain_capacity = 16;
constexpr u32 live_mark = 0x5345534e;	/* "SESN" */
constexpr u32 dead_mark = 0x44454144;	/* "DEAD", written just before kfree */

struct session {
	u32 id;
	u32 opened_round;
};

/* One bucket's sessions: written before publication, then only read. */
struct chain : srcu_cxx::retirable {
	u32 live;
	u32 serial;	/* which chain this is: memory reused is another */
	u32 count;
	u32 check;
	session entries[chain_capacity];
	/* Where a retire() callback counts itself. */
	unsigned long long *retired;
};

void count(unsigned long long &counter) noexcept
{
	__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
}

[[nodiscard]] u32 bucket_of(u32 id) noexcept
{
	/* Fibonacci hashing: neighbouring ids land in different buckets. */
	return (id * 0x9e3779b9u) >> 26;
}
static_assert(bucket_count == 1u << (32 - 26));

[[nodiscard]] u32 check_of(const chain &c) noexcept
{
	u32 h = c.count * 0x85ebca6bu ^ c.serial;

	for (u32 i = 0; i < c.count && i < chain_capacity; i++)
		h = (h ^ c.entries[i].id) * 0xc2b2ae35u + c.entries[i].opened_round;
	return h;
}

[[nodiscard]] bool intact(const chain &c) noexcept
{
	return c.live == live_mark && c.count <= chain_capacity &&
	       check_of(c) == c.check;
}

/*
 * @old with @id added (opened in @round) or, if it is there, removed;
 * nullptr for no memory. A full chain closes its oldest session first.
 */
[[nodiscard]] chain *toggled(const chain *old, u32 id, u32 round) noexcept
{
	static u32 serials;
	auto *next = new (srcu_cxx::gfp::kernel) chain;

	if (!next)
		return nullptr;
	next->live = live_mark;
	next->serial = ++serials;	/* under the writer lock */
	next->count = 0;
	next->retired = nullptr;

	bool removed = false;
	u32 from = old && old->count == chain_capacity ? 1 : 0;

	for (u32 i = from; old && i < old->count; i++) {
		if (old->entries[i].id == id)
			removed = true;
		else
			next->entries[next->count++] = old->entries[i];
	}
	if (!removed)
		next->entries[next->count++] = {id, round};
	next->check = check_of(*next);
	return next;
}

[[nodiscard]] bool holds(const chain &c, u32 id) noexcept
{
	for (u32 i = 0; i < c.count; i++)
		if (c.entries[i].id == id)
			return true;
	return false;
}

void free_chain(chain *c) noexcept
{
	/*
	 * Through volatile: a plain store just before delete is a dead store,
	 * which the compiler drops, and a reader of the freed object would
	 * still find it alive.
	 */
	*static_cast<volatile u32 *>(&c->live) = dead_mark;
	delete c;
}

/* retire()'s deleter: runs from an SRCU callback, so it only frees. */
void retire_chain(chain *c) noexcept
{
	count(*c->retired);
	free_chain(c);
}

} // namespace

struct session_table : srcu_cxx::pinned {
	session_table() noexcept : buckets(domain, writer) {}

	/*
	 * The default teardown: every chain is retired, then the domain's
	 * destructor waits for every reader and every callback
	 * (synchronize, barrier, cleanup) before the module may go.
	 */
	~session_table()
	{
		auto held = writer.lock();

		for (u32 b = 0; b < bucket_count; b++)
			retire(buckets.replace(b, nullptr, held));
	}

	void retire(chain *c) noexcept
	{
		if (!c)
			return;
		c->retired = &stats.retired;
		domain.retire<chain, retire_chain>(c);
	}

	/* Declared first, destroyed last: after everything that uses it. */
	srcu_cxx::domain domain;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_array<chain, bucket_count> buckets;
	session_table_stats stats{};
};

extern "C" session_table *session_table_create(int *err)
{
	auto *table = new (srcu_cxx::gfp::kernel) session_table;

	if (!table) {
		*err = -srcu_cxx::errno_values::nomem;
		return nullptr;
	}
	table->writer.init("session_table_writer", [] {});
	*err = table->domain.init("session_table", [] {});
	if (*err) {
		delete table;
		return nullptr;
	}
	return table;
}

extern "C" void session_table_destroy(session_table *table)
{
	delete table;
}

extern "C" int session_table_lookup(session_table *table, unsigned int id,
				    unsigned int sleep_ms)
{
	auto guard = table->domain.read_lock();
	const chain *c = table->buckets.get(bucket_of(id), guard);

	count(table->stats.lookups);
	if (!c)
		return 0;
	/*
	 * A chain freed under a sleeping reader is scribbled over, or
	 * reused for a later chain: intact() sees the first, the serial
	 * the second.
	 */
	u32 serial = c->serial;

	if (sleep_ms) {
		session_table_sleep_ms(sleep_ms);
		count(table->stats.sleeps);
	}
	if (!intact(*c) || c->serial != serial) {
		count(table->stats.bad_chains);
		return -srcu_cxx::errno_values::fault;
	}
	if (!holds(*c, id))
		return 0;
	count(table->stats.found);
	return 1;
}

extern "C" int session_table_toggle(session_table *table, unsigned int id,
				    unsigned int round)
{
	u32 b = bucket_of(id);
	chain *old;

	{
		auto held = table->writer.lock();
		chain *next = toggled(table->buckets.get(b, held), id, round);

		if (!next)
			return -srcu_cxx::errno_values::nomem;
		old = table->buckets.replace(b, next, held);
		count(holds(*next, id) ? table->stats.opened : table->stats.closed);
	}
	if (!old)
		return 0;
	if (round % 4 == 0) {
		/* Wait for every reader that may hold it, then free. */
		table->domain.synchronize();
		free_chain(old);
		count(table->stats.synchronized);
	} else {
		/* Freed from a callback after a grace period; return now. */
		table->retire(old);
	}
	return 0;
}

extern "C" void session_table_read_stats(session_table *table,
					 session_table_stats *stats)
{
	auto load = [](const unsigned long long &counter) {
		return __atomic_load_n(&counter, __ATOMIC_RELAXED);
	};

	*stats = {
		.lookups = load(table->stats.lookups),
		.found = load(table->stats.found),
		.sleeps = load(table->stats.sleeps),
		.bad_chains = load(table->stats.bad_chains),
		.opened = load(table->stats.opened),
		.closed = load(table->stats.closed),
		.synchronized = load(table->stats.synchronized),
		.retired = load(table->stats.retired),
	};
}
