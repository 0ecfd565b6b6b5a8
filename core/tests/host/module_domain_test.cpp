// SPDX-License-Identifier: GPL-2.0
/*
 * module_domain: the process-wide static domain (the module's
 * DEFINE_STATIC_SRCU in the kernel) through module_domain handles:
 * readers, grace periods, retire() and quiesce().
 */
#include <atomic>

#include "helpers.hpp"

namespace {

using namespace host_tests;

class module_domain : public srcu_test {};

constexpr int module_retires = 8;

TEST_F(module_domain, handles_share_one_domain)
{
	host_module_domain a, b;

	EXPECT_NE(nullptr, a.srcu());
	EXPECT_EQ(a.srcu(), b.srcu());
	EXPECT_STREQ("module", a.name());

	auto g = a.read_lock();

	EXPECT_TRUE(a.owns(g) && b.owns(g)) << "a guard from one handle belongs to the other";

	auto cookie = b.start_poll();

	EXPECT_TRUE(stays_incomplete(a, cookie));
	g.unlock();
	EXPECT_TRUE(completes_within(a, cookie));
}

TEST_F(module_domain, synchronize_waits_for_sleeping_reader)
{
	host_module_domain md;
	sleeping_reader reader(md);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	md.synchronize();
	EXPECT_TRUE(reader.left());
}

TEST_F(module_domain, retire_then_quiesce)
{
	host_module_domain md, other_handle;
	std::atomic<int> runs{0};
	long before = md.pending_callbacks();

	{
		/* Held so that every retire is still pending when counted. */
		auto g = md.read_lock();

		for (int i = 0; i < module_retires; i++)
			retire_counted(md, new counted(runs));
		EXPECT_EQ(before + module_retires, other_handle.pending_callbacks())
			<< "every handle counts the domain's pending retires";
		EXPECT_EQ(0, runs.load());
	}
	md.quiesce();
	EXPECT_EQ(module_retires, runs.load()) << "deleters run by quiesce()";
	EXPECT_EQ(0, md.pending_callbacks());
}

} // namespace
