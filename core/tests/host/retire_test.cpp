// SPDX-License-Identifier: GPL-2.0
/*
 * retire: deferred reclamation with retire<T, Deleter>() (over call_srcu()),
 * pending_callbacks() and barrier(). The deleters free for real and
 * scribble first, so one that ran too early shows in the reader still
 * holding the object (and ThreadSanitizer or AddressSanitizer report it).
 */
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class retire : public srcu_test {};

constexpr int retire_batch = 16;
constexpr int retire_many = 64;

TEST_F(retire, deleter_waits_for_reader)
{
	std::atomic<int> runs{0};	/* before the domain: deleters may run in its teardown */
	host_domain d;
	host_mutex writer;
	srcu_cxx::protected_ptr<counted> slot(d, writer);

	ASSERT_EQ(0, d.init("host_retire", [] {}));
	writer.init("host_retire_writer", [] {});
	{
		auto w = writer.lock();

		(void)slot.replace(new counted(runs), w);
	}

	/* A reader that loaded the object and stays until released. */
	object_reader<counted, counted::is_live> reader(slot);

	ASSERT_TRUE(reader.start_until_released());

	counted *old;

	{
		auto w = writer.lock();

		old = slot.replace(nullptr, w);
	}
	retire_counted(d, old);
	EXPECT_EQ(1, d.pending_callbacks());
	sleep_ms(quiet_ms);
	EXPECT_EQ(0, runs.load())
		<< "the deleter ran while a reader that could see the object was inside";
	EXPECT_FALSE(reader.left()) << "the reader left before being released: test is void";
	reader.release();
	d.barrier();
	EXPECT_EQ(1, runs.load()) << "the deleter ran once by barrier()";
	EXPECT_EQ(0, d.pending_callbacks());
	reader.join();
	EXPECT_TRUE(reader.intact()) << "the reader's object was freed while it held it";
}

TEST_F(retire, pending_callbacks_counts_retires)
{
	std::atomic<int> runs{0};
	host_domain d;

	ASSERT_EQ(0, d.init("host_pending", [] {}));
	EXPECT_EQ(0, d.pending_callbacks());
	{
		/* With a reader inside no grace period ends: all stay pending. */
		auto g = d.read_lock();

		for (int queued = 0; queued < retire_batch; queued++) {
			retire_counted(d, new counted(runs));
			EXPECT_EQ(queued + 1, d.pending_callbacks());
		}
		sleep_ms(quiet_ms);
		EXPECT_EQ(retire_batch, d.pending_callbacks());
		EXPECT_EQ(0, runs.load()) << "a deleter ran with a reader inside";
	}
	d.barrier();
	EXPECT_EQ(0, d.pending_callbacks());
	EXPECT_EQ(retire_batch, runs.load()) << "deleters run by barrier()";
}

TEST_F(retire, every_deleter_runs_exactly_once)
{
	auto runs = std::make_unique<std::atomic<int>[]>(retire_many);
	host_domain d;

	ASSERT_EQ(0, d.init("host_once", [] {}));
	for (int i = 0; i < retire_many; i++)
		retire_counted(d, new counted(runs[i]));
	d.barrier();

	int once = 0;

	for (int i = 0; i < retire_many; i++)
		once += runs[i].load() == 1;
	EXPECT_EQ(retire_many, once);
	EXPECT_EQ(0, d.pending_callbacks());

	/* Later grace periods and barriers run nothing a second time. */
	d.synchronize();
	d.barrier();
	once = 0;
	for (int i = 0; i < retire_many; i++)
		once += runs[i].load() == 1;
	EXPECT_EQ(retire_many, once);
}

/*
 * barrier() waits for every callback queued before it, whoever queued
 * it, and only for those: retires from several threads, then a barrier
 * in each of them.
 */
TEST_F(retire, barrier_waits_for_callbacks_of_every_thread)
{
	constexpr int threads_count = 3;
	std::atomic<int> runs{0};
	host_domain d;

	ASSERT_EQ(0, d.init("host_barrier", [] {}));

	std::atomic<int> short_barriers{0};
	std::vector<std::thread> threads;

	for (int t = 0; t < threads_count; t++)
		threads.emplace_back([&] {
			for (int i = 0; i < retire_batch; i++)
				retire_counted(d, new counted(runs));
			d.barrier();
			/* At least this thread's own retires have run. */
			if (runs.load() < retire_batch)
				short_barriers.fetch_add(1);
		});
	for (std::thread &t : threads)
		t.join();
	EXPECT_EQ(0, short_barriers.load());
	d.barrier();
	EXPECT_EQ(threads_count * retire_batch, runs.load());
	EXPECT_EQ(0, d.pending_callbacks());
}

/* A barrier with nothing queued returns at once, even with a reader inside. */
TEST_F(retire, barrier_with_nothing_queued_does_not_wait_for_readers)
{
	host_domain d;

	ASSERT_EQ(0, d.init("host_empty_barrier", [] {}));

	sleeping_reader reader(d);

	ASSERT_TRUE(reader.start_until_released());
	d.barrier();
	EXPECT_FALSE(reader.left());
	reader.release();
}

/*
 * Retiring an object that is still queued would corrupt the callback
 * list; the backend refuses and reports it, as DEBUG_OBJECTS_RCU_HEAD
 * does in the kernel.
 */
TEST_F(retire, retiring_a_queued_object_again_warns)
{
	std::atomic<int> runs{0};
	host_domain d;

	ASSERT_EQ(0, d.init("host_retire_twice", [] {}));

	counted *object = new counted(runs);

	{
		auto g = d.read_lock();

		retire_counted(d, object);
		retire_counted(d, object);
	}
	d.barrier();
	EXPECT_EQ(1, runs.load()) << "a doubly retired object was deleted twice";

	auto warnings = srcu_cxx::host::take_warnings();

	EXPECT_TRUE(any_contains(warnings, "call_srcu() of a callback that is already queued"))
		<< joined(warnings);
}

} // namespace
