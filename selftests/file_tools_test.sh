#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /dev/srcu_config as a file, driven by the tools people use on it:
# busybox's cp, cat, tee and dd, and GNU coreutils' (at /gnu/bin, which
# scripts/qemu-run.sh stages from the host), printing KTAP. Runs in the
# test VM (busybox sh) as root, with srcu_config loaded and the tool at
# /bin/srcu-config.
#
#   write-through  a file through cp, cat >, tee, dd bs=4k and bs=1M, from
#                  1 byte to max_size: exit 0, one new generation, the
#                  configuration (GET) equal to the file byte for byte
#   read-through   cat, dd bs=4k and cp of the device while a writer swaps
#                  two configurations, and cat and dd into a pipe whose
#                  reader sleeps first (so that swaps surely come between
#                  their reads): every copy is one of them, whole
#   too large      max_size + 1 bytes through each tool: fails with E2BIG
#   no change      an O_TRUNC open that writes nothing, an empty file
#   no capability  a write-through from root without CAP_SYS_ADMIN (in a
#                  user namespace of its own): EPERM
#
# Every test that expects a change to fail, or no change, also checks
# that the configuration and its generation stayed as they were.

# shellcheck disable=SC2154 # generation and seconds set variables by name
T=${SRCU_CONFIG_TOOL:-srcu-config}
DEV=/dev/srcu_config
SYS=/sys/class/misc/srcu_config
GNU=${SRCU_CONFIG_GNU_BIN:-/gnu/bin}
# Read-through: copies per tool, at least MIN_READS and one swap whatever
# the time (a loaded debug kernel may take seconds for one), then until
# READ_SECONDS; never past READ_CAP_SECONDS.
READS=20
MIN_READS=2
READ_SECONDS=1
READ_CAP_SECONDS=120
W=$(mktemp -d /tmp/file_tools_test.XXXXXX) || exit 1
writer=
trap 'stop_writer; cd /; rm -rf "$W"' EXIT
# The commands the tests run (and show) name the files relative to $W.
cd "$W" || exit 1

# --- helpers ------------------------------------------------------------------

diag() { echo "# $*"; }

# Show a file as KTAP diagnostics.
show() { [ -s "$1" ] && sed 's/^/#   /' "$1"; }

# Shell builtins rather than commands for what runs between the tools:
# a fork is tens of milliseconds on an emulated debug kernel.
# generation VAR: the configuration's generation, into VAR.
generation() { read -r "$1" <"$SYS/generation"; }

# seconds VAR: whole seconds since boot, into VAR.
seconds() { read -r "$1" _ </proc/uptime && eval "$1=\${$1%.*}"; }

# Replace the configuration with one line of text, through SET (expedited:
# the tests wait for the tools, not for grace periods).
put() {
	printf '%s\n' "$*" >"$W/put" && "$T" set --expedited "$W/put" 2>"$W/put.err" || {
		show "$W/put.err"
		return 1
	}
}

# The configuration now (GET: one call, one generation) and its generation.
snapshot() { "$T" get >"$W/$1" && generation snap && echo "$snap" >"$W/$1.gen"; }

# Configuration and generation still as in snapshot $1.
unchanged() {
	"$T" get >"$W/now" || return 1
	cmp -s "$W/$1" "$W/now" || { diag "configuration changed"; return 1; }
	read -r was <"$W/$1.gen" || return 1
	generation is
	[ "$is" = "$was" ] || { diag "generation moved: $was -> $is"; return 1; }
}

# SIZE bytes of numbered lines, each naming TAG and SIZE, so that files
# of different sizes or tags never share a line at the same offset.
make_config() {
	awk -v n="$1" -v tag="$2" 'BEGIN {
		for (i = 0; c < n; i++) {
			l = sprintf("%s %d line %07d\n", tag, n, i)
			printf "%s", l
			c += length(l)
		}
	}' | head -c "$1" >"$3" &&
		[ "$(wc -c <"$3")" -eq "$1" ]
}

# The device node must stay one: a tool that unlinked it and made a
# regular file in its place would pass every later test without it.
device_intact() {
	[ -c "$DEV" ] && return 0
	diag "$DEV is no longer a character device"
	rm -f "$DEV"
	mknod "$DEV" c "$(cut -d: -f1 "$SYS/dev")" "$(cut -d: -f2 "$SYS/dev")"
	return 1
}

# cmd_of SET METHOD FILE: the command line that writes FILE (in $W) through the
# device with that tool set (busybox, gnu) and method.
cmd_of() {
	case $1 in
	busybox) p='busybox ' ;;
	gnu) p="$GNU/" ;;
	esac
	case $2 in
	cp) echo "${p}cp $3 $DEV" ;;
	cat) echo "${p}cat $3 >$DEV" ;;
	tee) echo "${p}tee $DEV <$3 >/dev/null" ;;
	dd4k) echo "${p}dd if=$3 of=$DEV bs=4k" ;;
	dd1M) echo "${p}dd if=$3 of=$DEV bs=1M" ;;
	esac
}

# read_cmd SET METHOD: the command line that copies the device to $W/out.
# A *_pipe one writes into a pipe that nobody reads for 0.2 s: the tool
# reads 64 KiB or so, blocks on the full pipe while the writer swaps, then
# reads on.
read_cmd() {
	case $1 in
	busybox) p='busybox ' ;;
	gnu) p="$GNU/" ;;
	esac
	case $2 in
	cat) echo "${p}cat $DEV >out" ;;
	dd) echo "${p}dd if=$DEV of=out bs=4k" ;;
	cp) echo "${p}cp $DEV out" ;;
	cat_pipe) echo "${p}cat $DEV | { usleep 200000; cat; } >out" ;;
	dd_pipe) echo "${p}dd if=$DEV bs=4k | { usleep 200000; cat; } >out" ;;
	esac
}

# Where two files first differ, for a diagnostic.
differ() { cmp "$1" "$2" 2>&1 | head -n1; }

gnu_present() {
	for x in cp cat tee dd; do
		[ -x "$GNU/$x" ] || { skip_reason="no GNU coreutils at $GNU"; return 1; }
	done
	"$GNU/cat" /dev/null || { skip_reason="$GNU/cat does not run"; return 1; }
}

# Start a writer that swaps configurations A and B, one SET each, as fast
# as it can until $W/stop appears.
start_writer() {
	rm -f "$W/stop"
	(
		while [ ! -e "$W/stop" ]; do
			"$T" set --expedited A && "$T" set --expedited B || exit 1
		done
	) 2>"$W/writer.err" &
	writer=$!
}

stop_writer() {
	[ -n "$writer" ] || return 0
	: >"$W/stop"
	wait "$writer"
	rc_=$?
	writer=
	return $rc_
}

# --- tests -------------------------------------------------------------------

# write SET METHOD: every size through the tool, each a new generation
# holding exactly the file.
t_write() {
	[ "$1" = gnu ] && { gnu_present || return 4; }
	rc=0
	for size in $SIZES; do
		f=cfg.$size
		c=$(cmd_of "$1" "$2" "$f")
		put "before $1 $2 $size" || return 1
		generation g
		eval "$c" 2>"$W/err" ||
			{ diag "$c: exit $?"; show "$W/err"; rc=1; }
		device_intact || return 1
		generation g2
		[ "$g2" -eq $((g + 1)) ] ||
			{ diag "$c: generation $g -> $g2, expected $((g + 1))"; rc=1; }
		"$T" get >"$W/now" || return 1
		cmp -s now "$f" ||
			{ diag "$c: GET gives $(wc -c <now) bytes, not the file's $size: $(differ now "$f")"; rc=1; }
	done
	return $rc
}

# read SET METHOD: copies of the device while a writer swaps A and B are
# each A or B, never a mix.
t_read() {
	[ "$1" = gnu ] && { gnu_present || return 4; }
	c=$(read_cmd "$1" "$2")
	reads=0 a=0 b=0 bad=0 errs=0 spans=0
	# A first: a copy made before the writer's first swap must not find
	# the previous test's configuration.
	"$T" set --expedited A 2>"$W/err" || { show "$W/err"; return 1; }
	start_writer
	generation g0
	seconds t0
	while [ $reads -lt $READS ]; do
		generation ga
		seconds t
		took=$((t - t0))
		[ $took -ge $READ_CAP_SECONDS ] && break
		[ $reads -ge $MIN_READS ] && [ "$ga" != "$g0" ] &&
			[ $took -ge $READ_SECONDS ] && break
		rm -f out
		# shellcheck disable=SC3040 # busybox ash has pipefail
		if ! (set -o pipefail && eval "$c") 2>"$W/err"; then
			[ $errs -eq 0 ] && { diag "$c: exit status not 0"; show "$W/err"; }
			errs=$((errs + 1))
		fi
		generation gb
		[ "$gb" = "$ga" ] || spans=$((spans + 1))
		if cmp -s out A; then
			a=$((a + 1))
		elif cmp -s out B; then
			b=$((b + 1))
		else
			[ $bad -eq 0 ] && diag "$c: a copy of $(wc -c <out) bytes is neither A nor B: $(differ out A); $(differ out B)"
			bad=$((bad + 1))
		fi
		reads=$((reads + 1))
	done
	generation g1
	seconds t
	secs=$((t - t0))
	rc=0
	stop_writer || { diag "the writer failed"; show "$W/writer.err"; rc=1; }
	device_intact || rc=1
	diag "$1 $2: $reads copies in ${secs}s: $a A, $b B, $bad neither, $errs failed; $spans while the writer swapped; $((g1 - g0)) swaps in all"
	[ $reads -ge $MIN_READS ] && [ $bad -eq 0 ] && [ $errs -eq 0 ] || rc=1
	[ $((g1 - g0)) -gt 0 ] || { diag "the writer swapped nothing"; rc=1; }
	return $rc
}

# too_large SET: max_size + 1 bytes through each method fails with E2BIG,
# and nothing is installed.
t_too_large() {
	[ "$1" = gnu ] && { gnu_present || return 4; }
	rc=0
	for m in $METHODS; do
		c=$(cmd_of "$1" "$m" big)
		put "too large, $1 $m" || return 1
		snapshot before || return 1
		eval "$c" 2>"$W/err" && { diag "$c: exit 0"; rc=1; }
		device_intact || return 1
		unchanged before || { diag "after $c"; rc=1; }
		# busybox's tee writes through stdio and says "I/O error".
		[ "$1 $m" = "busybox tee" ] && continue
		grep -q 'Argument list too long' "$W/err" ||
			{ diag "$c: no E2BIG:"; show "$W/err"; rc=1; }
	done
	return $rc
}

# An O_TRUNC open that writes nothing installs nothing.
t_open_trunc_only() {
	put 'kept through : >' || return 1
	snapshot before || return 1
	(: >"$DEV") || return 1
	(: >"$DEV") || return 1
	device_intact && unchanged before
}

# empty SET: an empty file through each method installs nothing either.
t_empty() {
	[ "$1" = gnu ] && { gnu_present || return 4; }
	: >empty
	put "kept through an empty $1 file" || return 1
	snapshot before || return 1
	rc=0
	for m in $METHODS; do
		c=$(cmd_of "$1" "$m" empty)
		eval "$c" 2>"$W/err" || { diag "$c: exit $?"; show "$W/err"; rc=1; }
		device_intact || return 1
		unchanged before || { diag "after $c"; return 1; }
	done
	return $rc
}

# no_cap SET: root in a user namespace of its own still owns the node
# (it opens for writing) but has no CAP_SYS_ADMIN: EPERM, nothing installed.
t_no_cap() {
	[ "$1" = gnu ] && { gnu_present || return 4; }
	unshare -U true 2>/dev/null ||
		{ skip_reason="no user namespaces (unshare -U)"; return 4; }
	put "kept without CAP_SYS_ADMIN, $1" || return 1
	snapshot before || return 1
	rc=0
	for m in cp cat dd4k; do
		c=$(cmd_of "$1" "$m" cfg.4096)
		unshare -U sh -c "$c" 2>"$W/err" && { diag "unshare -U $c: exit 0"; rc=1; }
		device_intact || return 1
		unchanged before || { diag "after unshare -U $c"; return 1; }
		grep -q 'Operation not permitted' "$W/err" ||
			{ diag "unshare -U $c: no EPERM:"; show "$W/err"; rc=1; }
	done
	return $rc
}

METHODS="cp cat tee dd4k dd1M"
TESTS="write:busybox:cp write:busybox:cat write:busybox:tee write:busybox:dd4k
write:busybox:dd1M write:gnu:cp write:gnu:cat write:gnu:tee write:gnu:dd4k
write:gnu:dd1M read:busybox:cat read:busybox:dd read:busybox:cp read:busybox:cat_pipe
read:busybox:dd_pipe read:gnu:cat read:gnu:dd read:gnu:cp read:gnu:cat_pipe
read:gnu:dd_pipe too_large:busybox too_large:gnu
open_trunc_only empty:busybox empty:gnu no_cap:busybox no_cap:gnu"

# --- run ---------------------------------------------------------------------

pass=0 fail=0 skip=0 n=0
total=$(echo "$TESTS" | wc -w)
echo "TAP version 13"
echo "1..$total"

max=$(cat /sys/module/srcu_config/parameters/max_size)
# SRCU_CONFIG_FILE_TOOLS_SIZES narrows the write-through sizes (the debug
# kernels' run, torture/vm/mode-selftests.sh); "max" is max_size.
SIZES=$(echo "${SRCU_CONFIG_FILE_TOOLS_SIZES:-1 4096 65537 307200 max}" | sed "s/max/$max/")
ok=1
for size in $SIZES; do
	make_config "$size" "size-$size" "$W/cfg.$size" || ok=0
done
# The write-through without the capability tries 4 KiB, whatever SIZES.
[ -e "$W/cfg.4096" ] || make_config 4096 size-4096 "$W/cfg.4096" || ok=0
make_config 307200 A "$W/A" && make_config 307200 B "$W/B" || ok=0
make_config $((max + 1)) big "$W/big" &&
	[ "$(wc -c <"$W/big")" -eq $((max + 1)) ] || ok=0
[ $ok = 1 ] || diag "cannot make the test files in $W"
diag "max_size $max; GNU tools: $([ -x "$GNU/cp" ] && echo "$GNU" || echo none)"
seconds start

for t in $TESTS; do
	n=$((n + 1))
	name=$(echo "$t" | tr : _)
	skip_reason=
	if [ $ok = 1 ]; then
		# shellcheck disable=SC2046 # "write:gnu:cp" -> t_write gnu cp
		"t_${t%%:*}" $(echo "$t" | cut -s -d: -f2- | tr : ' ')
		rc=$?
	else
		rc=1
	fi
	if [ $rc -eq 0 ]; then
		echo "ok $n $name"
		pass=$((pass + 1))
	elif [ $rc -eq 4 ]; then
		echo "ok $n $name # SKIP${skip_reason:+ $skip_reason}"
		skip=$((skip + 1))
	else
		echo "not ok $n $name"
		fail=$((fail + 1))
	fi
done
seconds end
diag "$((end - start))s"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ $fail -eq 0 ]
