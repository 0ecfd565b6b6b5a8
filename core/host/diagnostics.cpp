// SPDX-License-Identifier: GPL-2.0
/*
 * The records behind diagnostics.hpp. They live in an object that is never
 * destroyed, so that a domain torn down by a static destructor at exit
 * (the module domain) can still report into them.
 */
#include "host/diagnostics.hpp"

#include <mutex>
#include <utility>

namespace srcu_cxx::host {
namespace {

struct records {
	std::mutex lock;
	std::vector<std::string> warnings;
	std::vector<stuck_reader_report> stuck_readers;
	std::vector<std::string> abandoned;
};

records &the_records()
{
	static records *r = new records;

	return *r;
}

template <typename T>
std::vector<T> take(std::vector<T> &from)
{
	std::lock_guard lock(the_records().lock);

	return std::exchange(from, {});
}

} // namespace

void record_warning(const char *what, const char *file, int line) noexcept
{
	records &r = the_records();
	std::string message = std::string(what) + " (" + file + ":" +
			      std::to_string(line) + ")";
	std::lock_guard lock(r.lock);

	r.warnings.push_back(std::move(message));
}

std::vector<std::string> take_warnings()
{
	return take(the_records().warnings);
}

void record_stuck_reader(const char *name, unsigned int waited_ms,
			 long pending_callbacks, const char *last_retired,
			 bool abandoning) noexcept
{
	records &r = the_records();
	std::lock_guard lock(r.lock);

	r.stuck_readers.push_back({name, waited_ms, pending_callbacks,
				   last_retired ? last_retired : "", abandoning});
}

void record_reader_in_place(const char *name, unsigned int waited_ms) noexcept
{
	records &r = the_records();
	std::lock_guard lock(r.lock);

	r.stuck_readers.push_back({name, waited_ms, 0, "", false, true});
}

std::vector<stuck_reader_report> take_stuck_reader_reports()
{
	return take(the_records().stuck_readers);
}

void record_abandoned(const char *name) noexcept
{
	records &r = the_records();
	std::lock_guard lock(r.lock);

	r.abandoned.emplace_back(name);
}

std::vector<std::string> take_abandoned()
{
	return take(the_records().abandoned);
}

} // namespace srcu_cxx::host
