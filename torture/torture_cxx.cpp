// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_config_torture, C++ side: the product's store template,
 * config_store<P> (module/config_store_impl.hpp), instantiated over
 * protection policies of the torture's own, which age the configurations
 * they retire the way rcutorture's writer advances its pipe count.
 *
 * Age of a configuration (aged_config's extra.age, beside the product's
 * fields: the product's config has no age):
 *   0  while it is current;
 *   1  once replace() has unpublished it (set by reclaim(), which the store
 *      calls right after replacing, outside the writer lock);
 *   +1 for every grace period that started after that and has ended:
 *      an age step after synchronize() for the ones a writer or an ager
 *      waits for, an SRCU callback (which requeues itself) for deferred
 *      ones; freed at SRCU_TORTURE_FREE_AGE.
 *
 * The invariant readers check: inside one read-side critical section, the
 * configuration obtained there is seen with age 0 or 1, never more, and
 * its bytes match its checksum from the first look to the last. A reader
 * obtained the object while it was current, so its section began before
 * the object was replaced; every grace period counted in the age started
 * after that replacement, hence after the section began, and cannot end
 * while the section lasts. Age 2 seen from inside a section means a grace
 * period ended under a reader: the object could have been freed under it.
 * (Age 1 is legitimate: the object was replaced while the reader held
 * it.)
 *
 * The broken flavours (torture.h) exist to show that the checks catch
 * what they are meant to catch; see Documentation/testing.rst.
 */
#include "srcu_cxx/srcu.hpp"
#include "module/config_store_impl.hpp"

#include "torture.h"

namespace srcu_config_torture {

using namespace srcu_config;
using srcu_cxx::u32;
using srcu_cxx::u64;

enum class flavour { correct, no_grace_period, no_barrier };

/* What the torture keeps in each configuration: its age. */
struct age_field {
	u32 age;
};

using aged_config = basic_config<age_field>;

namespace {

inline void count(unsigned long long &counter, u64 n = 1) noexcept
{
	__atomic_add_fetch(&counter, n, __ATOMIC_RELAXED);
}

inline void raise_to(unsigned long long &counter, u64 value) noexcept
{
	u64 seen = __atomic_load_n(&counter, __ATOMIC_RELAXED);

	while (seen < value &&
	       !__atomic_compare_exchange_n(&counter, &seen, value, true,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

inline u32 age_of(const aged_config &cfg) noexcept
{
	return __atomic_load_n(&cfg.extra.age, __ATOMIC_ACQUIRE);
}

inline void set_age(aged_config *cfg, u32 age) noexcept
{
	__atomic_store_n(&cfg->extra.age, age, __ATOMIC_RELEASE);
}

inline u32 step_age(aged_config *cfg) noexcept
{
	return __atomic_add_fetch(&cfg->extra.age, 1, __ATOMIC_ACQ_REL);
}

} // namespace

/*
 * The broken teardown: readers are waited for, queued callbacks are not
 * (no srcu_barrier()), then cleanup_srcu_struct() and the memory go.
 * Everything else is the product's domain.
 */
class no_barrier_domain : public srcu_cxx::domain_ref {
public:
	using ref_type = srcu_cxx::domain_ref;

	no_barrier_domain() noexcept { this->pending_ = &pending_callbacks_; }

	~no_barrier_domain()
	{
		if (!this->srcu_)
			return;
		backend::synchronize(this->srcu_);
		backend::destroy(srcu_cxx::exchange(this->srcu_, nullptr));
	}

	template <typename Site>
	[[nodiscard]] int init(const char *name, Site) noexcept
	{
		int err = backend::create(this->srcu_, name,
					  srcu_cxx::class_key<Site>::key);

		if (!err)
			this->name_ = name;
		return err;
	}

private:
	long pending_callbacks_ = 0;
};

template <flavour F> struct domain_of {
	using type = srcu_cxx::domain;
};

template <> struct domain_of<flavour::no_barrier> {
	using type = no_barrier_domain;
};

/*
 * A protection_policy (module/protection.hpp), with the aging
 * described at the top of this file. Objects that writers wait for sit
 * in a small table, each with the sequence number of its retirement, so
 * that an age step counts a grace period only for objects retired before
 * that grace period began.
 */
template <flavour F>
class torture_protection
	: public srcu_current<typename domain_of<F>::type, aged_config> {
	using base = srcu_current<typename domain_of<F>::type, aged_config>;
	using base::domain;
	using base::writer_lock_;

public:
	using typename base::writer;

	void set_stats(srcu_torture_stats *stats) noexcept { stats_ = stats; }

	[[nodiscard]] int init() noexcept
	{
		writer_lock_.init("srcu_torture_writer", [] {});
		retired_lock_.init("srcu_torture_retired", [] {});
		/* For the SRCU callbacks: one store per flavour at a time. */
		instance_ = this;
		return domain().init("srcu_config_torture", [] {});
	}

	[[nodiscard]] aged_config *replace(aged_config *next, const writer &w) noexcept
	{
		/* The store's teardown replaces the last one with nothing. */
		if (!next)
			tearing_down_ = true;
		return base::replace(next, w);
	}

	bool reclaim(aged_config *old, reclaim_mode mode, reclaim_stats &stats) noexcept;
	void drain() noexcept;
	void age_step(bool expedited) noexcept;

	[[nodiscard]] long pending_callbacks() const noexcept
	{
		return domain().pending_callbacks();
	}

private:
	struct slot {
		aged_config *object;
		u64 seq;
	};

	static constexpr unsigned int capacity = 128;

	static void deferred_step(aged_config *old) noexcept;
	static void free_now(aged_config *old) noexcept;
	void enqueue(aged_config *old) noexcept;
	[[nodiscard]] bool has_retired() noexcept;

	srcu_cxx::mutex retired_lock_;
	slot retired_[capacity];
	unsigned int nr_retired_ = 0;
	u64 retire_seq_ = 0;
	bool tearing_down_ = false;
	srcu_torture_stats *stats_ = nullptr;

	static inline constinit torture_protection *instance_ = nullptr;
};

static_assert(protection_policy<torture_protection<flavour::correct>> &&
	      protection_policy<torture_protection<flavour::no_grace_period>> &&
	      protection_policy<torture_protection<flavour::no_barrier>>);

template <flavour F>
void torture_protection<F>::free_now(aged_config *old) noexcept
{
	/* Only a reader that should not be there can notice. */
	set_age(old, SRCU_TORTURE_AGE_FREED);
	__builtin_memset(old->data, 0x6b, old->size);
	old->checksum = ~old->checksum;
	aged_config::destroy(old);
	count(instance_->stats_->freed);
}

template <flavour F>
bool torture_protection<F>::reclaim(aged_config *old, reclaim_mode mode,
				    reclaim_stats &stats) noexcept
{
	srcu_torture_stats &s = *stats_;

	/* Unpublished: a reader holding it may see 1 from now on. */
	set_age(old, 1);
	count(s.retired);
	raise_to(s.max_waiting, __atomic_load_n(&s.retired, __ATOMIC_RELAXED) -
				__atomic_load_n(&s.freed, __ATOMIC_RELAXED));

	if constexpr (F == flavour::no_grace_period) {
		/* The bug under test: nobody waits for the readers. */
		(void)mode;
		(void)stats;
		free_now(old);
		return false;
	} else {
		u64 bytes = old->size;

		/*
		 * With the barrier gone, what teardown queues last must still
		 * be queued when the domain is cleaned up: age the table out
		 * first, not after (drain()'s grace periods would otherwise let
		 * the last frees finish by luck, and the mutant go unseen).
		 */
		if constexpr (F == flavour::no_barrier) {
			if (tearing_down_) {
				while (has_retired())
					age_step(false);
			}
		}

		/*
		 * Deferred, within the product's bound on bytes waiting; and
		 * the last one, at teardown, is always handed to a callback,
		 * so that teardown has frees in flight that only
		 * srcu_barrier() waits for.
		 */
		if (tearing_down_ ||
		    (mode == reclaim::deferred &&
		     load(stats.pending_bytes) + bytes <= stats.max_pending_bytes)) {
			old->stats = &stats;
			add(stats.pending, 1);
			add(stats.pending_bytes, bytes);
			domain().template retire<aged_config, deferred_step>(old);
			return false;
		}
		enqueue(old);
		age_step(mode == reclaim::expedited);
		return true;
	}
}

/* SRCU callback: one grace period has passed since it was queued. */
template <flavour F>
void torture_protection<F>::deferred_step(aged_config *old) noexcept
{
	torture_protection *self = instance_;

	count(self->stats_->deferred_callbacks);
	if (step_age(old) < SRCU_TORTURE_FREE_AGE) {
		/* From the callback itself, as rcutorture does. */
		self->domain().template retire<aged_config, deferred_step>(old);
		return;
	}

	reclaim_stats *stats = old->stats;
	u64 bytes = old->size;

	free_now(old);
	sub(stats->pending_bytes, bytes);
	sub(stats->pending, 1);
	add(stats->freed, 1);
}

/* Into the table of objects waiting for grace periods; room is made. */
template <flavour F>
void torture_protection<F>::enqueue(aged_config *old) noexcept
{
	for (;;) {
		{
			auto lock = retired_lock_.lock();

			if (nr_retired_ < capacity) {
				retired_[nr_retired_++] = {old, ++retire_seq_};
				return;
			}
		}
		age_step(false);
	}
}

template <flavour F>
void torture_protection<F>::age_step(bool expedited) noexcept
{
	u64 before;

	{
		auto lock = retired_lock_.lock();

		before = retire_seq_;
	}
	/* Started after everything numbered up to @before was retired. */
	if (expedited)
		domain().synchronize_expedited();
	else
		domain().synchronize();
	count(stats_->grace_periods);

	auto lock = retired_lock_.lock();
	unsigned int kept = 0;

	for (unsigned int i = 0; i < nr_retired_; i++) {
		slot s = retired_[i];

		if (s.seq <= before && step_age(s.object) >= SRCU_TORTURE_FREE_AGE) {
			free_now(s.object);
			continue;
		}
		retired_[kept++] = s;
	}
	nr_retired_ = kept;
}

template <flavour F>
bool torture_protection<F>::has_retired() noexcept
{
	auto lock = retired_lock_.lock();

	return nr_retired_ != 0;
}

template <flavour F>
void torture_protection<F>::drain() noexcept
{
	/* The table ages out as it does under writers, by grace periods. */
	while (has_retired())
		age_step(false);

	if constexpr (F != flavour::no_barrier) {
		/*
		 * Deferred frees requeue themselves: a callback queued while
		 * srcu_barrier() runs is not waited for, so barrier until
		 * none is left. The domain's own teardown then finds none.
		 */
		while (domain().pending_callbacks())
			domain().barrier();
	}
}

} // namespace srcu_config_torture

namespace srcu_config {

template class config_store<srcu_config_torture::torture_protection<srcu_config_torture::flavour::correct>>;
template class config_store<srcu_config_torture::torture_protection<srcu_config_torture::flavour::no_grace_period>>;
template class config_store<srcu_config_torture::torture_protection<srcu_config_torture::flavour::no_barrier>>;

} // namespace srcu_config

/* ---- the C entry points -------------------------------------------------- */

using namespace srcu_config_torture;

struct srcu_torture {
	srcu_torture_flavour flavour;
	void *store;
	srcu_torture_stats *stats;
	u64 max_size;
};

namespace {

template <flavour F>
using store_of = config_store<torture_protection<F>>;

template <typename Fn>
auto dispatch(srcu_torture *t, Fn &&fn)
{
	switch (t->flavour) {
	case SRCU_TORTURE_NO_GRACE_PERIOD:
		return fn(*static_cast<store_of<flavour::no_grace_period> *>(t->store));
	case SRCU_TORTURE_NO_BARRIER:
		return fn(*static_cast<store_of<flavour::no_barrier> *>(t->store));
	case SRCU_TORTURE_CORRECT:
	default:
		return fn(*static_cast<store_of<flavour::correct> *>(t->store));
	}
}

template <flavour F>
void *create(const void *initial, u64 len, u64 max_size, u64 max_deferred,
	     srcu_torture_stats *stats, int *err)
{
	auto *store = new (srcu_cxx::gfp::kernel) store_of<F>(max_size, max_deferred);

	if (!store) {
		*err = -nomem;
		return nullptr;
	}
	store->protection().set_stats(stats);
	*err = store->init(initial, len);
	if (*err) {
		delete store;
		return nullptr;
	}
	return store;
}

reclaim_mode to_mode(srcu_torture_mode mode)
{
	switch (mode) {
	case SRCU_TORTURE_EXPEDITED:
		return reclaim::expedited;
	case SRCU_TORTURE_DEFERRED:
		return reclaim::deferred;
	case SRCU_TORTURE_NORMAL:
	default:
		return reclaim::normal;
	}
}

} // namespace

extern "C" srcu_torture *
srcu_torture_create(srcu_torture_flavour flavour, const void *initial,
		    unsigned long initial_len, unsigned long max_size,
		    unsigned long max_deferred_bytes, srcu_torture_stats *stats,
		    int *err)
{
	auto *t = new (srcu_cxx::gfp::kernel)
		srcu_torture{flavour, nullptr, stats, max_size};

	if (!t) {
		*err = -nomem;
		return nullptr;
	}
	switch (flavour) {
	case SRCU_TORTURE_CORRECT:
		t->store = create<flavour::correct>(initial, initial_len, max_size,
						    max_deferred_bytes, stats, err);
		break;
	case SRCU_TORTURE_NO_GRACE_PERIOD:
		t->store = create<flavour::no_grace_period>(initial, initial_len,
							    max_size,
							    max_deferred_bytes,
							    stats, err);
		break;
	case SRCU_TORTURE_NO_BARRIER:
		t->store = create<flavour::no_barrier>(initial, initial_len,
						       max_size, max_deferred_bytes,
						       stats, err);
		break;
	default:
		*err = -inval;
		break;
	}
	if (!t->store) {
		delete t;
		return nullptr;
	}
	return t;
}

extern "C" void srcu_torture_destroy(srcu_torture *t)
{
	dispatch(t, [](auto &store) { delete &store; });
	delete t;
}

extern "C" void srcu_torture_read(srcu_torture *t,
				  unsigned long long *last_generation,
				  void (*delay)(void *arg), void *arg)
{
	srcu_torture_stats &s = *t->stats;
	u64 max_size = t->max_size;

	dispatch(t, [&](auto &store) {
		store.with_current([&](const aged_config &cfg) {
			u64 generation = cfg.generation;
			u64 size = cfg.size;
			u32 sum = cfg.checksum;
			/* A size past the limit is torn: do not follow it. */
			bool intact = size <= max_size &&
				      checksum(cfg.data, size) == sum;

			if (delay) {
				delay(arg);
				count(s.sleeping_reads);
			}
			/* Still inside: the object must be as it was. */
			intact = intact && cfg.generation == generation &&
				 cfg.size == size && cfg.checksum == sum &&
				 checksum(cfg.data, size) == sum;

			u32 age = age_of(cfg);

			count(s.age[age < SRCU_TORTURE_AGE_BUCKETS - 1 ?
				    age : SRCU_TORTURE_AGE_BUCKETS - 1]);
			if (age > 1)
				count(s.impossible_age);
			if (!intact)
				count(s.bad_checksum);
			if (generation < *last_generation)
				count(s.generation_backwards);
			else
				*last_generation = generation;
			count(s.reads);
		});
	});
}

extern "C" long srcu_torture_change(srcu_torture *t, const void __user *data,
				    unsigned long len, srcu_torture_mode mode,
				    int cas, unsigned long long *generation)
{
	srcu_torture_stats &s = *t->stats;

	return dispatch(t, [&](auto &store) -> long {
		change c{data, len, to_mode(mode), cas != 0,
			 cas ? store.generation() : 0};
		long err = store.replace(c, generation);

		if (!err) {
			count(s.changes[mode < SRCU_TORTURE_MODES ? mode : 0]);
			if (cas)
				count(s.cas_ok);
		} else if (cas && err == -stale) {
			count(s.cas_stale);
		} else {
			count(s.change_errors);
		}
		return err;
	});
}

extern "C" void srcu_torture_age_step(srcu_torture *t, int expedited)
{
	dispatch(t, [expedited](auto &store) {
		store.protection().age_step(expedited != 0);
	});
}

extern "C" long srcu_torture_pending_callbacks(srcu_torture *t)
{
	return dispatch(t, [](auto &store) {
		return store.protection().pending_callbacks();
	});
}
