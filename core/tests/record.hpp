/* SPDX-License-Identifier: GPL-2.0 */
/*
 * record: a test object whose every word derives from its generation, so
 * that a reader can tell a whole one from a torn, mixed or freed one.
 * Shared by the host tests and the KUnit suites, hence freestanding;
 * each allocates and frees it its own way.
 */
#ifndef SRCU_CXX_TESTS_RECORD_HPP
#define SRCU_CXX_TESTS_RECORD_HPP

namespace srcu_test {

struct record {
	static constexpr unsigned int words_count = 30;

	unsigned int generation;
	unsigned int words[words_count];
	unsigned int sum;

	static constexpr unsigned int pattern(unsigned int generation,
					      unsigned int i) noexcept
	{
		return generation * 0x9e3779b9u + i * 0x85ebca6bu;
	}

	[[nodiscard]] unsigned int sum_of_words() const noexcept
	{
		unsigned int s = generation;

		for (unsigned int w : words)
			s = s * 31 + w;
		return s;
	}

	void fill(unsigned int g) noexcept
	{
		generation = g;
		for (unsigned int i = 0; i < words_count; i++)
			words[i] = pattern(g, i);
		sum = sum_of_words();
	}

	[[nodiscard]] bool is_generation(unsigned int g) const noexcept
	{
		for (unsigned int i = 0; i < words_count; i++)
			if (words[i] != pattern(g, i))
				return false;
		return generation == g && sum == sum_of_words();
	}

	[[nodiscard]] bool is_whole() const noexcept
	{
		return is_generation(generation);
	}

	/* What freeing does to a record, so a reader that still looks can tell. */
	void scribble() noexcept
	{
		generation = 0xdeadbeef;
		for (unsigned int &w : words)
			w = 0x6b6b6b6b;
	}
};

} // namespace srcu_test

#endif
