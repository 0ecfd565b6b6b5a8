// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for the configuration store, with real user memory (mapped
 * into the test's own mm) on both sides of the copies.
 */
#include "kunit/adapter.hpp"
/* The store class with its definitions: read() is a template. */
#include "module/config_store_impl.hpp"
#include "module/errno_values.hpp"

namespace {

using srcu_config::config;
using srcu_config::reclaim_mode;
namespace reclaim = srcu_config::reclaim;
using store_type = srcu_config::config_store<srcu_config::srcu_protection>;
using namespace srcu_config::errno_values;

constexpr unsigned long user_size = 4096;
constexpr unsigned int event_timeout_ms = 10000;
constexpr unsigned int reader_sleep_ms = 300;

constexpr char first[] = "srcu_kunit: first\n";
constexpr char second[] = "srcu_kunit: second generation\n";

constexpr srcu_cxx::u64 length(const char *text)
{
	return __builtin_strlen(text);
}

/* Initialise @store with the first configuration. */
bool make_store(srcu_kunit::test &t, store_type &store)
{
	return t.expect(store.init(first, length(first)) == 0, "store init");
}

void __user *user_copy_of(srcu_kunit::test &t, const char *text)
{
	void __user *buf = srcu_kunit_user_alloc(t.kunit(), user_size);

	if (buf && srcu_config_copy_to_user(buf, text, length(text))) {
		t.expect(false, "copy into user memory");
		return nullptr;
	}
	return buf;
}

srcu_config::change change_of(const void __user *data, srcu_cxx::u64 len,
			      reclaim_mode mode = reclaim::normal)
{
	return {data, len, mode, false, 0};
}

/* Read the whole configuration through user memory and compare. */
bool reads_back(srcu_kunit::test &t, store_type &store, const char *text,
		const char *file = __builtin_FILE(), int line = __builtin_LINE())
{
	void __user *buf = srcu_kunit_user_alloc(t.kunit(), user_size);
	char copy[128] = {};
	long long pos = 0;

	if (!buf)
		return false;

	store_type::file reader(false);
	long got = store.read(reader, srcu_config::to_user_buffer{buf}, user_size, &pos);

	if (!t.expect_eq(length(text), got, "bytes read", file, line))
		return false;
	if (srcu_config_copy_from_user(copy, buf, got))
		return t.expect(false, "copy out of user memory", file, line);
	return t.expect(__builtin_memcmp(copy, text, got) == 0,
			"configuration content", file, line);
}

} // namespace

SRCU_KUNIT_SUITE(store, "srcu_config_store");

SRCU_KUNIT_CASE(store, initial_config_is_readable)
{
	store_type store(user_size, user_size);

	if (!make_store(t, store))
		return;
	t.expect_eq(1, store.generation(), "first generation");
	reads_back(t, store, first);
}

SRCU_KUNIT_CASE(store, replace_publishes_next_generation)
{
	store_type store(user_size, user_size);
	srcu_cxx::u64 generation = 0;
	void __user *next = user_copy_of(t, second);

	if (!make_store(t, store) || !next)
		return;
	t.expect_eq(0, store.replace(change_of(next, length(second)), &generation),
		    "replace");
	t.expect_eq(2, generation, "generation reported");
	t.expect_eq(2, store.generation(), "generation published");
	reads_back(t, store, second);
}

SRCU_KUNIT_CASE(store, too_big_keeps_previous)
{
	store_type store(length(second) - 1, user_size);
	srcu_cxx::u64 generation = 0;
	void __user *next = user_copy_of(t, second);

	if (!make_store(t, store) || !next)
		return;
	t.expect_eq(-too_big, store.replace(change_of(next, length(second)), &generation),
		    "replace beyond max_size");
	t.expect_eq(1, store.generation(), "generation unchanged");
	reads_back(t, store, first);
}

SRCU_KUNIT_CASE(store, bad_pointer_keeps_previous)
{
	store_type store(user_size, user_size);
	srcu_cxx::u64 generation = 0;
	/* The zero page is never mapped: the copy faults. */
	auto *unmapped = reinterpret_cast<void __user *>(16UL);

	if (!make_store(t, store))
		return;
	t.expect_eq(-fault, store.replace(change_of(unmapped, 8), &generation),
		    "replace from an unmapped address");
	t.expect_eq(1, store.generation(), "generation unchanged");
	reads_back(t, store, first);
}

namespace {

struct pinned_reader_state {
	store_type *store;
	srcu_kunit::event entered;
	int intact;
};

/* Holds one generation across a sleep while a writer replaces it. */
void pinned_reader(pinned_reader_state &s)
{
	bool intact = s.store->with_current([&s](const config &cfg) {
		s.entered.signal();
		srcu_cxx_msleep(reader_sleep_ms);
		return cfg.generation == 1 && cfg.size == length(first) &&
		       srcu_config::checksum(cfg.data, cfg.size) == cfg.checksum &&
		       __builtin_memcmp(cfg.data, first, cfg.size) == 0;
	});

	__atomic_store_n(&s.intact, intact, __ATOMIC_RELEASE);
}

} // namespace

SRCU_KUNIT_CASE(store, sleeping_reader_keeps_its_generation)
{
	store_type store(user_size, user_size);
	srcu_cxx::u64 generation = 0;
	void __user *next = user_copy_of(t, second);

	if (!make_store(t, store) || !next)
		return;

	pinned_reader_state s{&store, srcu_kunit::event(t), 0};
	srcu_kunit::thread reader;

	if (!t.expect(s.entered.valid(), "event") ||
	    !t.expect(reader.start<pinned_reader_state, pinned_reader>(
			      t, s, "srcu_kunit_pinned"), "reader started") ||
	    !t.expect(s.entered.wait(event_timeout_ms), "reader entered"))
		return;

	/* Publishes at once, then waits out the reader before freeing. */
	t.expect_eq(0, store.replace(change_of(next, length(second)), &generation),
		    "replace under a sleeping reader");
	reader.join();
	t.expect(__atomic_load_n(&s.intact, __ATOMIC_ACQUIRE),
		 "the reader's generation changed or was freed under it");
	reads_back(t, store, second);
}

namespace {

/* A write-through's source, as the C glue's copy_from_iter would be. */
int copy_from_kernel(void *ctx, void *dst, unsigned long len)
{
	__builtin_memcpy(dst, ctx, len);
	return 0;
}

/* Read @len bytes at *@pos through user memory into @out. */
long read_some(srcu_kunit::test &t, store_type &store, store_type::file &file,
	       void __user *buf, long long *pos, unsigned long len, char *out)
{
	long got = store.read(file, srcu_config::to_user_buffer{buf}, len, pos);

	if (got > 0 && srcu_config_copy_from_user(out, buf, got)) {
		t.expect(false, "copy out of user memory");
		return -fault;
	}
	return got;
}

} // namespace

/*
 * A file that read the first 4 bytes of the first generation at offset
 * 0, then a change to the second: what the rest of its read-through
 * gets depends on whether it could pin the first (@max_pinned_bytes).
 */
struct interrupted_read {
	store_type store;
	store_type::file file{false};
	void __user *buf = nullptr;
	long long pos = 0;
	char got[128] = {};

	explicit interrupted_read(srcu_cxx::u64 max_pinned_bytes)
		: store(user_size, user_size, max_pinned_bytes)
	{
	}

	bool start(srcu_kunit::test &t, srcu_cxx::u64 pinned)
	{
		void __user *next = user_copy_of(t, second);
		srcu_cxx::u64 generation = 0;
		srcu_config_stats stats;

		buf = srcu_kunit_user_alloc(t.kunit(), user_size);
		if (!make_store(t, store) || !buf || !next)
			return false;
		t.expect_eq(4, read(t, 4, got), "first read");
		store.stats(&stats);
		t.expect_eq(pinned, stats.pinned, "pinned by the read-through");
		return t.expect_eq(0, store.replace(change_of(next, length(second)),
						    &generation),
				   "replace under a read-through");
	}

	long read(srcu_kunit::test &t, unsigned long len, char *out)
	{
		return read_some(t, store, file, buf, &pos, len, out);
	}
};

/*
 * A read-through that takes several calls pins its generation: a writer
 * replaces it and frees nothing it still needs (KASAN would see it), and
 * the last read lets go.
 */
SRCU_KUNIT_CASE(store, read_through_keeps_its_generation_across_calls)
{
	interrupted_read r(user_size);
	srcu_config_stats stats;

	if (!r.start(t, 1))
		return;
	r.store.stats(&stats);
	t.expect_eq(length(first), stats.pinned_bytes, "replaced bytes kept");
	while (r.pos < (long long)length(first)) {
		if (!t.expect(r.read(t, 5, r.got + r.pos) > 0, "read on"))
			return;
	}
	t.expect(__builtin_memcmp(r.got, first, length(first)) == 0,
		 "one generation from the first byte to the last");
	t.expect_eq(0, r.read(t, 5, r.got), "end");
	r.store.stats(&stats);
	t.expect_eq(0, stats.pinned, "let go at the end");
	t.expect_eq(0, stats.pinned_bytes, "freed at the end");
	reads_back(t, r.store, second);
}

/* Past max_pinned_bytes: nothing pinned, and never a mix, but ESTALE. */
SRCU_KUNIT_CASE(store, read_through_past_the_pin_limit_fails_stale)
{
	interrupted_read r(0);

	if (!r.start(t, 0))
		return;
	t.expect_eq(-stale, r.read(t, 4, r.got), "inside the replaced generation");
	r.pos = length(first);
	t.expect_eq(0, r.read(t, 4, r.got), "at its end");
}

/* Staged writes become one generation at commit, not before. */
SRCU_KUNIT_CASE(store, write_through_installs_once_at_commit)
{
	store_type store(user_size, user_size);
	char text[] = "staged in three writes\n";
	srcu_cxx::u64 generation = 0;
	long long pos = 0;

	if (!make_store(t, store))
		return;

	store_type::file file(true);

	t.expect_eq(6, store.write(file, copy_from_kernel, text, 6, &pos), "write 1");
	t.expect_eq(6, store.write(file, copy_from_kernel, text + 6, 6, &pos), "write 2");
	t.expect_eq(1, store.generation(), "nothing installed while staging");
	t.expect_eq(length(text) - 12,
		    store.write(file, copy_from_kernel, text + 12,
				length(text) - 12, &pos), "write 3");
	t.expect_eq(0, store.commit(file, &generation), "commit");
	t.expect_eq(2, generation, "one new generation");
	t.expect_eq(0, store.commit(file, &generation), "commit again");
	t.expect_eq(2, store.generation(), "nothing new to install");
	reads_back(t, store, text);
}

/* A failed write fails the write-through; the configuration stays. */
SRCU_KUNIT_CASE(store, failed_write_through_changes_nothing)
{
	store_type store(length(first), user_size);
	char text[] = "0123456789";
	srcu_cxx::u64 generation = 0;
	long long pos = 0;

	if (!make_store(t, store))
		return;

	store_type::file file(true);

	t.expect_eq(6, store.write(file, copy_from_kernel, text, 6, &pos), "fits");
	pos = length(first) - 2;
	t.expect_eq(-too_big, store.write(file, copy_from_kernel, text + 6, 4, &pos),
		    "past max_size");
	t.expect_eq(-too_big, store.write(file, copy_from_kernel, text, 1, &pos),
		    "sticky");
	t.expect_eq(-too_big, store.commit(file, &generation), "commit reports it");
	t.expect_eq(1, store.generation(), "generation unchanged");
	reads_back(t, store, first);
}
