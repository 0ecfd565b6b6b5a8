#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the srcu-config tool against /dev/srcu_config, printing KTAP.
# Runs in the test VM (busybox sh) as root, with srcu_config loaded and
# the tool at /bin/srcu-config. Every test that expects a change to fail
# also checks that the configuration and its generation stayed as they were.

T=${SRCU_CONFIG_TOOL:-srcu-config}
DEV=/dev/srcu_config
SYS=/sys/class/misc/srcu_config
W=$(mktemp -d /tmp/tool_test.XXXXXX) || exit 1
trap 'rm -rf "$W"' EXIT

# --- helpers ------------------------------------------------------------------

diag() { echo "# $*"; }

# Show a file as KTAP diagnostics.
show() { [ -s "$1" ] && sed 's/^/#   /' "$1"; }

# The number after "NAME": in the first JSON object of a file.
json_num() { sed -n "s/.*\"$2\":\([0-9][0-9]*\).*/\1/p" "$1" | head -n1; }
json_str() { sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" "$1" | head -n1; }

# One field of INFO, through the tool's JSON output.
info() {
	"$T" --json info >"$W/info.json" || return 1
	json_num "$W/info.json" "$1"
}

generation() { info generation; }

# Replace the configuration with the bytes printf makes of the arguments.
# shellcheck disable=SC2059
put() {
	printf "$@" >"$W/put" && "$T" set "$W/put" 2>"$W/put.err" || {
		show "$W/put.err"
		return 1
	}
}

# The configuration now, read with plain read(2) by cat.
snapshot() { cat "$DEV" >"$W/$1"; generation >"$W/$1.gen"; }

# Configuration and generation still as in snapshot $1.
unchanged() {
	cat "$DEV" >"$W/now"
	cmp -s "$W/$1" "$W/now" || { diag "configuration changed"; return 1; }
	[ "$(generation)" = "$(cat "$W/$1.gen")" ] ||
		{ diag "generation moved: $(cat "$W/$1.gen") -> $(generation)"; return 1; }
}

# 32-bit FNV-1a of a file, as the kernel computes it.
fnv1a() {
	h=2166136261
	for b in $(od -An -v -tu1 "$1"); do
		h=$(( ((h ^ b) * 16777619) & 0xffffffff ))
	done
	printf '0x%08x\n' "$h"
}

# expect_rc WANT CMD...: run CMD, stderr to $W/err, check its exit status.
expect_rc() {
	want=$1
	shift
	"$@" >"$W/out" 2>"$W/err"
	rc=$?
	[ "$rc" -eq "$want" ] && return 0
	diag "$* exited $rc, expected $want"
	show "$W/err"
	return 1
}

# Wait up to $2 tenths of a second for command $1 to succeed.
wait_for() {
	i=0
	while ! eval "$1"; do
		i=$((i + 1))
		[ "$i" -ge "$2" ] && return 1
		usleep 100000
	done
}

# --- tests -------------------------------------------------------------------

t_get_matches_read() {
	put 'alpha=1\nbeta=two\n' || return 1
	"$T" get >"$W/get" || return 1
	cat "$DEV" >"$W/read"
	cmp "$W/get" "$W/read" && cmp "$W/get" "$W/put"
}

t_set_from_file() {
	printf 'from a file\nline two\n' >"$W/f"
	"$T" set "$W/f" || return 1
	"$T" get | cmp - "$W/f"
}

t_set_from_stdin() {
	printf 'from stdin\n' >"$W/f"
	"$T" set <"$W/f" || return 1
	"$T" get | cmp - "$W/f" || return 1
	printf 'from stdin, dash\n' >"$W/f"
	"$T" set - <"$W/f" || return 1
	"$T" get | cmp - "$W/f"
}

t_get_to_file() {
	put 'to a file\n' || return 1
	"$T" get -o "$W/out" >"$W/stdout" || return 1
	cmp "$W/out" "$W/put" && [ ! -s "$W/stdout" ]
}

t_get_read_mode() {
	put 'one read(2) call\n' || return 1
	"$T" get --read | cmp - "$W/put"
}

t_large_config_grows_buffer() {
	# Larger than the tool's first GET buffer: ENOSPC, then a retry.
	seq 1 30000 >"$W/big"
	"$T" set "$W/big" || return 1
	"$T" -v get 2>"$W/err" | cmp - "$W/big" || return 1
	grep -q "$(wc -c <"$W/big" | tr -d ' ') bytes" "$W/err" || { show "$W/err"; return 1; }
}

t_empty_config() {
	"$T" set /dev/null || return 1
	"$T" get >"$W/out" || return 1
	[ ! -s "$W/out" ] && [ "$(info size)" = 0 ] && [ "$(cat "$SYS/size")" = 0 ]
}

t_info_generation_and_swaps() {
	g0=$(info generation) s0=$(info swaps)
	put 'one\n' && put 'two\n' || return 1
	g2=$(info generation) s2=$(info swaps)
	[ "$g2" -eq $((g0 + 2)) ] || { diag "generation $g0 -> $g2"; return 1; }
	[ "$s2" -eq $((s0 + 2)) ] || { diag "swaps $s0 -> $s2"; return 1; }
	"$T" info >"$W/info.txt" || return 1
	grep -q "^generation: *$g2\$" "$W/info.txt" &&
		grep -q "^swaps: *$s2\$" "$W/info.txt" &&
		grep -q '^size: *4 bytes$' "$W/info.txt" ||
		{ show "$W/info.txt"; return 1; }
}

t_info_matches_sysfs() {
	put 'abc\n' || return 1
	"$T" --json info >"$W/i" || return 1
	for f in generation size max_size max_deferred_bytes swaps \
		 grace_periods deferred_freed max_pinned_bytes pinned \
		 pinned_bytes; do
		[ "$(json_num "$W/i" $f)" = "$(cat "$SYS/$f")" ] ||
			{ diag "$f: tool $(json_num "$W/i" $f), sysfs $(cat "$SYS/$f")"; return 1; }
	done
	sum=$(fnv1a "$W/put")
	[ "$(json_str "$W/i" checksum)" = "$sum" ] && [ "$(cat "$SYS/checksum")" = "$sum" ] ||
		{ diag "checksum: tool $(json_str "$W/i" checksum), sysfs $(cat "$SYS/checksum"), FNV-1a $sum"; return 1; }
	[ "$(json_num "$W/i" time_set_ns)" = "$(cat "$SYS/time_set_ns")" ] &&
		[ "$(json_num "$W/i" time_set_ns)" -gt 0 ]
}

t_json_get_text() {
	# A quote, a backslash, a tab, a newline: all must be escaped.
	put 'a"b\\c\td\n' || return 1
	"$T" --json get >"$W/j" || return 1
	[ "$(wc -l <"$W/j")" -eq 1 ] || { show "$W/j"; return 1; }
	grep -qF '"encoding":"utf-8","data":"a\"b\\c\td\n"' "$W/j" ||
		{ show "$W/j"; return 1; }
	[ "$(json_num "$W/j" generation)" = "$(generation)" ] &&
		[ "$(json_num "$W/j" size)" = 8 ] &&
		[ "$(json_str "$W/j" checksum)" = "$(fnv1a "$W/put")" ] &&
		[ "$(json_num "$W/j" time_set_ns)" = "$(cat "$SYS/time_set_ns")" ] ||
		{ show "$W/j"; return 1; }
}

t_json_get_binary() {
	put '\377\000\001' || return 1
	"$T" --json get >"$W/j" || return 1
	grep -qF '"encoding":"base64","data":"/wAB"' "$W/j" || { show "$W/j"; return 1; }
	json_str "$W/j" data | base64 -d | cmp - "$W/put"
}

t_json_set_and_info() {
	g=$(generation)
	printf 'json set\n' >"$W/f"
	"$T" --json set "$W/f" >"$W/j" || return 1
	[ "$(json_num "$W/j" generation)" = $((g + 1)) ] &&
		[ "$(json_num "$W/j" size)" = 9 ] &&
		[ "$(json_str "$W/j" checksum)" = "$(fnv1a "$W/f")" ] &&
		[ "$(json_str "$W/j" mode)" = normal ] || { show "$W/j"; return 1; }
	"$T" --json info >"$W/j" || return 1
	for f in generation size checksum time_set_ns flags max_size \
		 max_deferred_bytes swaps grace_periods deferred_pending \
		 deferred_pending_bytes deferred_freed; do
		grep -q "\"$f\":" "$W/j" || { diag "no $f"; show "$W/j"; return 1; }
	done
}

t_set_normal_waits_for_grace_period() {
	gp=$(info grace_periods)
	put 'normal\n' || return 1
	[ "$(info grace_periods)" -eq $((gp + 1)) ] ||
		{ diag "grace_periods $gp -> $(info grace_periods)"; return 1; }
}

t_set_expedited() {
	g=$(generation) gp=$(info grace_periods)
	printf 'expedited\n' >"$W/f"
	"$T" set --expedited "$W/f" || return 1
	"$T" get | cmp - "$W/f" || return 1
	[ "$(generation)" -eq $((g + 1)) ] &&
		[ "$(info grace_periods)" -eq $((gp + 1)) ] ||
		{ diag "generation $g -> $(generation), grace_periods $gp -> $(info grace_periods)"; return 1; }
}

t_set_deferred() {
	# shellcheck disable=SC2034 # used by wait_for's eval
	g=$(generation) gp=$(info grace_periods) freed=$(info deferred_freed)
	printf 'deferred\n' >"$W/f"
	"$T" --json set --deferred "$W/f" >"$W/j" || return 1
	grep -q '"mode":"deferred"' "$W/j" || { show "$W/j"; return 1; }
	"$T" get | cmp - "$W/f" || return 1
	[ "$(generation)" -eq $((g + 1)) ] || { diag "generation $g -> $(generation)"; return 1; }
	# The writer did not wait; the old configuration is freed later.
	[ "$(info grace_periods)" -eq "$gp" ] ||
		{ diag "grace_periods $gp -> $(info grace_periods)"; return 1; }
	wait_for '[ "$(info deferred_freed)" -gt "$freed" ]' 300 ||
		{ diag "deferred_freed still $(info deferred_freed)"; return 1; }
	[ "$(info deferred_pending)" -eq 0 ] && [ "$(info deferred_pending_bytes)" -eq 0 ]
}

t_if_generation_current() {
	g=$(generation)
	printf 'compare and swap\n' >"$W/f"
	"$T" --json set --if-generation "$g" "$W/f" >"$W/j" || return 1
	[ "$(json_num "$W/j" generation)" = $((g + 1)) ] && "$T" get | cmp - "$W/f"
}

t_if_generation_stale() {
	put 'kept\n' || return 1
	snapshot before
	g=$(generation)
	printf 'lost\n' >"$W/f"
	expect_rc 8 "$T" set --if-generation $((g - 1)) "$W/f" || return 1
	grep -q "generation $g, not $((g - 1))" "$W/err" &&
		grep -q 'nothing was changed' "$W/err" || { show "$W/err"; return 1; }
	unchanged before
}

t_too_large_file() {
	put 'small\n' || return 1
	snapshot before
	max=$(cat "$SYS/max_size")
	head -c $((max + 1)) /dev/zero >"$W/big"
	expect_rc 9 "$T" set "$W/big" || return 1
	grep -q "max_size of $max bytes" "$W/err" || { show "$W/err"; return 1; }
	unchanged before || return 1
	# Far too large, from a pipe: the tool stops reading early.
	head -c $((max * 3)) /dev/zero | "$T" set 2>"$W/err"
	[ $? -eq 9 ] && grep -q max_size "$W/err" || { show "$W/err"; return 1; }
	unchanged before
}

t_watch_sees_background_set() {
	put 'before watch\n' || return 1
	g=$(generation)
	printf 'seen by watch\n' >"$W/f"
	rm -f "$W/w.err"
	# The set waits until watch has read its starting generation.
	(wait_for 'grep -q watching "$W/w.err" 2>/dev/null' 300 &&
		"$T" set "$W/f") &
	setter=$!
	"$T" -v watch --count 1 --timeout 60 >"$W/w.out" 2>"$W/w.err"
	rc=$?
	wait $setter
	[ $rc -eq 0 ] || { diag "watch exited $rc"; show "$W/w.err"; return 1; }
	grep -q "^generation $((g + 1)): 14 bytes, checksum $(fnv1a "$W/f"), set at .*\"seen by watch\"" \
		"$W/w.out" || { show "$W/w.out"; return 1; }
	[ "$(wc -l <"$W/w.out")" -eq 1 ]
}

t_watch_json() {
	g=$(generation)
	rm -f "$W/w.err"
	(wait_for 'grep -q watching "$W/w.err" 2>/dev/null' 300 &&
		put 'watch json\n') &
	setter=$!
	"$T" -v --json watch --count 1 --timeout 60 >"$W/w.out" 2>"$W/w.err"
	rc=$?
	wait $setter
	[ $rc -eq 0 ] && [ "$(json_num "$W/w.out" generation)" = $((g + 1)) ] &&
		[ "$(json_num "$W/w.out" previous_generation)" = "$g" ] &&
		[ "$(json_num "$W/w.out" size)" = 11 ] || { show "$W/w.out"; show "$W/w.err"; return 1; }
}

t_watch_timeout() {
	expect_rc 10 "$T" watch --count 1 --timeout 0.5 || return 1
	grep -q 'timed out' "$W/err" || { show "$W/err"; return 1; }
	# Without --count, the timeout is simply how long to watch.
	expect_rc 0 "$T" watch --timeout 0.5 && [ ! -s "$W/out" ]
}

t_usage_errors() {
	snapshot before
	expect_rc 2 "$T" frobnicate || return 1
	grep -q "unknown command 'frobnicate'" "$W/err" || { show "$W/err"; return 1; }
	expect_rc 2 "$T" || return 1
	expect_rc 2 "$T" --no-such-option get || return 1
	expect_rc 2 "$T" set --expedited --deferred "$W/put" || return 1
	expect_rc 2 "$T" set --if-generation soon "$W/put" || return 1
	expect_rc 2 "$T" get --deferred || return 1
	expect_rc 2 "$T" watch --count 0 || return 1
	# Generations start at 1: 0 is never one, not a stale one.
	expect_rc 2 "$T" set --if-generation 0 "$W/put" || return 1
	grep -q 'if-generation needs a generation number' "$W/err" || { show "$W/err"; return 1; }
	expect_json_failure 2 usage "$T" --json set --if-generation 0 "$W/put" || return 1
	expect_rc 0 "$T" --help || return 1
	unchanged before
}

# expect_json_failure STATUS ERROR CMD...: CMD fails with STATUS and
# prints exactly one JSON object naming ERROR (and the same status).
expect_json_failure() {
	want=$1 code=$2
	shift 2
	expect_rc "$want" "$@" || return 1
	[ "$(wc -l <"$W/out")" -eq 1 ] &&
		grep -q "^{\"error\":\"$code\",\"errno\":[0-9]*,\"exit_status\":$want,\"message\":\"[^\"]\{10,\}\"}\$" "$W/out" ||
		{ diag "stdout of $*:"; show "$W/out"; return 1; }
}

t_missing_device() {
	# The module is loaded: the path is wrong.
	expect_rc 4 "$T" -d /dev/no_such_srcu_config get || return 1
	grep -q 'no such file; the srcu_config module is loaded' "$W/err" || { show "$W/err"; return 1; }
	expect_json_failure 4 ENOENT "$T" --json -d /dev/no_such_srcu_config info
}

t_not_this_device() {
	printf 'a regular file\n' >"$W/regular"
	for p in /tmp "$W/regular" /dev/null; do
		expect_rc 5 "$T" -d "$p" info || return 1
		grep -q "$p: not the srcu_config device" "$W/err" || { show "$W/err"; return 1; }
		expect_json_failure 5 ENOTTY "$T" --json -d "$p" get || return 1
	done
	# Opened for writing too (a directory cannot be).
	expect_rc 5 "$T" -d /tmp set "$W/regular" || return 1
	expect_rc 5 "$T" -d "$W/regular" set "$W/regular" || return 1
	[ "$(cat "$W/regular")" = "a regular file" ]
}

# rmmod, then the tool tells "not loaded"; reload with max_deferred_bytes=0
# so that a deferred change falls back to waiting, then as it was.
t_module_not_loaded_and_deferred_fallback() {
	[ -r /srcu_config.ko ] || return 4
	rmmod srcu_config || return 1
	expect_rc 3 "$T" info
	rc1=$?
	grep -q 'the srcu_config module is not loaded' "$W/err" || rc1=1
	expect_json_failure 3 ENODEV "$T" --json get || rc1=1
	# shellcheck disable=SC2086 # the module's own arguments, split
	insmod /srcu_config.ko $SRCU_MODULE_ARGS max_deferred_bytes=0 || return 1
	printf 'deferred, then waited\n' >"$W/f"
	"$T" --json set --deferred "$W/f" >"$W/j" || rc1=1
	grep -q '"mode":"deferred","waited_for_grace_period":true' "$W/j" ||
		{ show "$W/j"; rc1=1; }
	rmmod srcu_config || return 1
	# shellcheck disable=SC2086
	insmod /srcu_config.ko $SRCU_MODULE_ARGS || return 1
	"$T" --json set --deferred "$W/f" >"$W/j" || rc1=1
	grep -q '"mode":"deferred","waited_for_grace_period":false' "$W/j" ||
		{ show "$W/j"; rc1=1; }
	return $rc1
}

t_json_failures() {
	put 'kept\n' || return 1
	g=$(generation)
	expect_json_failure 8 ESTALE "$T" --json set --if-generation $((g + 5)) "$W/put" || return 1
	grep -q "at generation $g, not $((g + 5))" "$W/out" || { show "$W/out"; return 1; }
	expect_json_failure 10 ETIMEDOUT "$T" --json watch --count 1 --timeout 0.2 || return 1
	expect_json_failure 2 usage "$T" --json frobnicate || return 1
	expect_json_failure 1 ENOENT "$T" --json set "$W/no_such_input"
}

# As "nobody": reading works, a change needs CAP_SYS_ADMIN.
t_unprivileged() {
	grep -q '^nobody:' /etc/passwd 2>/dev/null || {
		mkdir -p /etc
		echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
	}
	grep -q '^nogroup:' /etc/group 2>/dev/null ||
		echo 'nogroup:x:65534:' >>/etc/group
	su -s /bin/sh nobody -c true 2>/dev/null || return 4
	put 'root only\n' || return 1
	snapshot before
	cp "$W/put" "$W/f" && chmod 0644 "$W/f"
	chmod 0755 "$W"
	su -s /bin/sh nobody -c "'$T' get" >"$W/out" 2>"$W/err" &&
		cmp -s "$W/out" "$W/put" || { diag "unprivileged get"; show "$W/err"; return 1; }
	# The node is 0644: opening it for writing fails first.
	su -s /bin/sh nobody -c "'$T' set '$W/f'" >"$W/out" 2>"$W/err"
	[ $? -eq 7 ] && grep -q 'permission denied' "$W/err" || { show "$W/err"; return 1; }
	# With a writable node, the kernel still says no.
	chmod 0666 "$DEV"
	su -s /bin/sh nobody -c "'$T' set '$W/f'" >"$W/out" 2>"$W/err"
	rc=$?
	chmod 0644 "$DEV"
	[ $rc -eq 7 ] && grep -q 'needs CAP_SYS_ADMIN (run as root)' "$W/err" ||
		{ show "$W/err"; return 1; }
	unchanged before
}

TESTS="get_matches_read set_from_file set_from_stdin get_to_file get_read_mode
large_config_grows_buffer empty_config info_generation_and_swaps
info_matches_sysfs json_get_text json_get_binary json_set_and_info
set_normal_waits_for_grace_period set_expedited set_deferred
if_generation_current if_generation_stale too_large_file
watch_sees_background_set watch_json watch_timeout usage_errors
missing_device not_this_device module_not_loaded_and_deferred_fallback
json_failures unprivileged"

# --- run ---------------------------------------------------------------------

pass=0 fail=0 skip=0 n=0
total=$(echo $TESTS | wc -w)
echo "TAP version 13"
echo "1..$total"
for t in $TESTS; do
	n=$((n + 1))
	"t_$t"
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok $n $t"
		pass=$((pass + 1))
	elif [ $rc -eq 4 ]; then
		echo "ok $n $t # SKIP"
		skip=$((skip + 1))
	else
		echo "not ok $n $t"
		fail=$((fail + 1))
	fi
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ $fail -eq 0 ]
