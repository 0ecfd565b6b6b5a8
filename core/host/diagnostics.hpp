/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host backend reports instead of printing a kernel splat: every
 * warn() (the core's debug checks and the backend's own), every stuck
 * reader reported by a domain's teardown, every domain abandoned. Tests
 * take the records and check them; a warning nobody expected is a failure.
 *
 * Process-wide and thread-safe: warnings come from test threads and from
 * the domains' callback workers alike.
 */
#ifndef SRCU_CXX_HOST_DIAGNOSTICS_HPP
#define SRCU_CXX_HOST_DIAGNOSTICS_HPP

#include <string>
#include <vector>

namespace srcu_cxx::host {

/* The kernel would WARN(); here the message is kept ("what (file:line)"). */
void record_warning(const char *what, const char *file, int line) noexcept;

/* The warnings recorded since the last call, oldest first. */
[[nodiscard]] std::vector<std::string> take_warnings();

/* One report_stuck_reader() call of a domain's teardown. */
struct stuck_reader_report {
	std::string name;
	unsigned int waited_ms;
	long pending_callbacks;
	std::string last_retired;
	bool abandoning;
	/* From report_reader_in_place(): a fast domain that keeps waiting. */
	bool in_place = false;
};

void record_stuck_reader(const char *name, unsigned int waited_ms,
			 long pending_callbacks, const char *last_retired,
			 bool abandoning) noexcept;

/* One report_reader_in_place() call, recorded with the others. */
void record_reader_in_place(const char *name, unsigned int waited_ms) noexcept;

[[nodiscard]] std::vector<stuck_reader_report> take_stuck_reader_reports();

/* Names of the domains abandoned since the last call. */
void record_abandoned(const char *name) noexcept;

[[nodiscard]] std::vector<std::string> take_abandoned();

} // namespace srcu_cxx::host

#endif
