# SPDX-License-Identifier: GPL-2.0
#
# KCSAN's reports in a console log (scripts/kcsan.sh, scripts/kunit.sh).
# A report is the block from the "=====" line before "BUG: KCSAN: ..."
# to the next "=====" line (kernel/kcsan/report.c prints it so).
#
#   awk -v mode=strip -f kcsan-reports.awk LOG
#       the log without its reports, for the splat checks that judge
#       everything else in it
#   awk -v syms=FILE -v mods="a b" -f kcsan-reports.awk LOG
#       one line per report: "project" or "kernel", a tab, its title
#       ("data-race in f / g"). A report is the project's when a frame
#       of either stack is a function named in FILE (one a line: those
#       the project's built-in objects define) or lies in a module of
#       MODS ("f+0x1/0x2 [srcu_config]").

function untimed(line) {
	sub(/^\[ *[0-9.]+\] ?/, "", line)
	return line
}

function report_end() {
	if (in_report && mode != "strip")
		printf "%s\t%s\n", (ours ? "project" : "kernel"), title
	in_report = 0
}

BEGIN {
	if (syms != "")
		while ((getline s < syms) > 0)
			project[s] = 1
	n = split(mods, m, " ")
	for (i = 1; i <= n; i++)
		module[m[i]] = 1
}

{
	sub(/\r$/, "")
	line = untimed($0)
}

# A "=====" line is held back until the next line says what it opens.
held != "" {
	if (line ~ /^BUG: KCSAN: /) {
		held = ""
		in_report = 1
		ours = 0
		title = line
		sub(/^BUG: KCSAN: /, "", title)
		next
	}
	if (mode == "strip")
		print held
	held = ""
}

line ~ /^==========+$/ {
	if (in_report) {
		report_end()
		next
	}
	held = $0
	next
}

# A report without its opening line (the log began inside it) is not
# one; with it, each frame decides.
in_report {
	if (line ~ /^ +[A-Za-z_.$][A-Za-z0-9_.$]*\+0x[0-9a-f]+\/0x[0-9a-f]+( \[.*\])?$/) {
		sym = line
		sub(/^ +/, "", sym)
		sub(/\+0x.*/, "", sym)
		mod = ""
		if (line ~ / \[[A-Za-z0-9_]+( [0-9a-f]+)?\]$/) {
			mod = line
			sub(/.* \[/, "", mod)
			sub(/[ \]].*/, "", mod)
		}
		base = sym
		sub(/\..*/, "", base)
		if ((mod != "" && mod in module) || (mod == "" && (sym in project || base in project)))
			ours = 1
	}
	next
}

mode == "strip" { print }

END {
	if (held != "" && mode == "strip")
		print held
	# A report cut off by the end of the log still counts.
	report_end()
}
