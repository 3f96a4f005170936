#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# percpu_run.sh - `barebpf run`'s dump of per-CPU maps: every possible
# CPU's value, then the sum of an integer's.  kernel/test/percpu.bpf.o's
# syscall program, run once by barebpf run, counts 1 on the CPU it ran
# on: pinned with taskset to one CPU, then another, barebpf must show the
# 1 on that CPU and 0 on every other possible CPU, for a PERCPU_ARRAY of
# 8-byte values and a PERCPU_HASH of 4-byte ones (padded to 8 a CPU).
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
OBJ=$(pwd)/$B/test/percpu.bpf.o

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"
command -v taskset > /dev/null || bail "needs taskset"

# Possible CPUs: the last of /sys/devices/system/cpu/possible, plus one.
ncpus=$(($(tr ',-' '\n\n' < /sys/devices/system/cpu/possible | tail -1) + 1))
# The first two CPUs we may run on ("0-3,6" -> 0 1).
cpus=$(awk '/^Cpus_allowed_list:/ {
	n = split($2, r, ",")
	for (i = 1; i <= n && k < 2; i++) {
		lo = hi = r[i]
		if (split(r[i], a, "-") == 2) { lo = a[1]; hi = a[2] }
		for (c = lo + 0; c <= hi + 0 && k < 2; c++) { printf "%d ", c; k++ }
	}
}' /proc/self/status)

# "{cpu0=0, cpu1=1, ...} sum=1": 1 on CPU $1 alone (or nowhere: -1).
want() {
	c=0 s=
	while [ $c -lt "$ncpus" ]; do
		v=0
		[ $c -eq "$1" ] && v=1
		s="$s${s:+, }cpu$c=$v"
		c=$((c + 1))
	done
	echo "{$s} sum=$([ "$1" -ge 0 ] && echo 1 || echo 0)"
}

for cpu in $cpus; do
	taskset -c "$cpu" "$TOOL" run --count 1 --interval 10 "$OBJ" > "$tmp/out" 2> "$tmp/err"
	is_ok $? "barebpf run pinned to CPU $cpu: exit 0"
	[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"
	grep -qxF "    1 => $(want "$cpu")" "$tmp/out"
	is_ok $? "hits[1]: 1 on CPU $cpu, 0 on the other $((ncpus - 1)) possible CPUs, sum 1"
	grep -qxF "    0 => $(want -1)" "$tmp/out"
	is_ok $? "hits[0]: 0 on every possible CPU, sum 0"
	grep -qxF "    7 => $(want "$cpu")" "$tmp/out"
	st=$?
	is_ok $st "by_key[7] (4-byte values, padded): 1 on CPU $cpu alone, sum 1"
	[ $st -eq 0 ] || diag "$(cat "$tmp/out")"
done
[ -n "$cpus" ]
is_ok $? "we may run on at least one CPU ($cpus)"
done_testing
