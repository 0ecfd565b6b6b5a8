# SPDX-License-Identifier: GPL-2.0
#
# The KUnit case list, generated from the suites themselves: each
# kunit/*_test.cpp names its suite once, SRCU_KUNIT_SUITE(token, "name"),
# then defines cases, SRCU_KUNIT_CASE(token, case). Prints X-macro lines
# that suites.c expands into the kunit_case and kunit_suite tables, so a
# case is added with one edit, in the file that holds its body.

function close_suite() {
	if (suite != "")
		print "SRCU_KUNIT_SUITE_END(" suite ", " title ")"
	suite = ""
}

function fail(why) {
	printf "%s:%d: %s\n", FILENAME, FNR, why > "/dev/stderr"
	failed = 1
	exit 1
}

FNR == 1 { close_suite() }

/^SRCU_KUNIT_SUITE\(/ {
	if (!match($0, /^SRCU_KUNIT_SUITE\([a-z0-9_]+, "[a-z0-9_]+"\);$/))
		fail("malformed SRCU_KUNIT_SUITE line")
	close_suite()
	split(substr($0, 18), parts, /[(), ";]+/)
	suite = parts[1]
	title = "\"" parts[2] "\""
	if (suite in seen)
		fail("suite " suite " defined twice")
	seen[suite] = 1
	list = list (list == "" ? "" : ", ") "&srcu_kunit_" suite "_suite"
	print "SRCU_KUNIT_SUITE_BEGIN(" suite ", " title ")"
	next
}

/^SRCU_KUNIT_CASE\(/ {
	if (!match($0, /^SRCU_KUNIT_CASE\([a-z0-9_]+, [a-z0-9_]+\)$/))
		fail("malformed SRCU_KUNIT_CASE line")
	split(substr($0, 17), parts, /[(), ]+/)
	if (parts[1] != suite)
		fail("case of suite " parts[1] " outside its SRCU_KUNIT_SUITE")
	print "SRCU_KUNIT_CASE_ENTRY(" suite ", " parts[2] ")"
}

END {
	if (failed)
		exit 1
	close_suite()
	if (list == "")
		fail("no suite")
	print "#define SRCU_KUNIT_SUITES " list
}
