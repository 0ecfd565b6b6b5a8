// SPDX-License-Identifier: GPL-2.0
/*
 * module_domain and module_fast_domain: the process-wide static domains
 * (the module's DEFINE_SRCU and DEFINE_SRCU_FAST in the kernel) through
 * handles: readers, grace periods, retire() and quiesce(), for each.
 */
#include <atomic>

#include "helpers.hpp"

namespace {

using namespace host_tests;

template <typename Domain>
class module_domain : public srcu_test {};

/* The flavour's name, and the name teardown reports would use. */
struct normal_module {
	using type = srcu_cxx::module_domain;
	static constexpr const char *name = "module";
};
struct fast_module {
	using type = srcu_cxx::module_fast_domain;
	static constexpr const char *name = "module_fast";
};
using flavours = ::testing::Types<normal_module, fast_module>;
TYPED_TEST_SUITE(module_domain, flavours);

constexpr int module_retires = 8;

TYPED_TEST(module_domain, handles_share_one_domain)
{
	typename TypeParam::type a, b;

	EXPECT_NE(nullptr, a.srcu());
	EXPECT_EQ(a.srcu(), b.srcu());
	EXPECT_STREQ(TypeParam::name, a.name());

	auto g = a.read_lock();

	EXPECT_TRUE(a.owns(g) && b.owns(g)) << "a guard from one handle belongs to the other";

	auto cookie = b.start_poll();

	EXPECT_TRUE(stays_incomplete(a, cookie));
	g.unlock();
	EXPECT_TRUE(completes_within(a, cookie));
}

TEST(module_domains, the_flavours_are_two_domains)
{
	srcu_cxx::module_domain normal;
	srcu_cxx::module_fast_domain fast;

	EXPECT_NE(normal.srcu(), fast.srcu());
}

TYPED_TEST(module_domain, synchronize_waits_for_sleeping_reader)
{
	using domain = typename TypeParam::type;
	domain md;
	basic_sleeping_reader<domain> reader(md);

	ASSERT_TRUE(reader.start_for(reader_sleep_ms));
	md.synchronize();
	EXPECT_TRUE(reader.left());
}

TYPED_TEST(module_domain, retire_then_quiesce)
{
	typename TypeParam::type md, other_handle;
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
