# SPDX-License-Identifier: GPL-2.0
#
# The KUnit case list, generated from the suites themselves: each
# kunit/*_test.cpp names its suite once, SRCU_KUNIT_SUITE(token, "name"),
# then defines cases, SRCU_KUNIT_CASE(token, case). Prints, per suite,
# the declarations of the cases' C entry points and KUnit's kunit_case
# and kunit_suite tables, then SRCU_KUNIT_SUITES for kunit_test_suites()
# (kunit/suites.c), so a case is added with one edit, in the file that
# holds its body.

function close_suite(    i) {
	if (suite == "")
		return
	for (i = 1; i <= ncases; i++)
		print "void srcu_kunit_" suite "_" cases[i] "(struct kunit *test);"
	print "static struct kunit_case srcu_kunit_" suite "_cases[] = {"
	for (i = 1; i <= ncases; i++)
		print "\t{ .run_case = srcu_kunit_" suite "_" cases[i] ", .name = \"" cases[i] "\" },"
	print "\t{}"
	print "};"
	print "static struct kunit_suite srcu_kunit_" suite "_suite = {"
	print "\t.name = " title ","
	print "\t.test_cases = srcu_kunit_" suite "_cases,"
	print "};"
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
	ncases = 0
	next
}

/^SRCU_KUNIT_CASE\(/ {
	if (!match($0, /^SRCU_KUNIT_CASE\([a-z0-9_]+, [a-z0-9_]+\)$/))
		fail("malformed SRCU_KUNIT_CASE line")
	split(substr($0, 17), parts, /[(), ]+/)
	if (parts[1] != suite)
		fail("case of suite " parts[1] " outside its SRCU_KUNIT_SUITE")
	cases[++ncases] = parts[2]
}

END {
	if (failed)
		exit 1
	close_suite()
	if (list == "")
		fail("no suite")
	print "#define SRCU_KUNIT_SUITES " list
}
