#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# load.sh BUILD - keep the machine busy the way a real one is, for
# `make test-busy` (tests/busy/with_load.sh runs it around the kernel
# tier): until SIGTERM,
#  - short processes exec all the time (bursts of /bin/true), so an exec
#    tracepoint fires for processes that are not the test's;
#  - BPF objects come and go: `barebpf load` of a test object (maps and
#    programs created and closed), procmon printing one table (programs
#    attached to the exec and exit tracepoints, a hash map), `barebpf run`
#    of an object with a perf event array and a ring buffer attached to
#    exec.  So the id tables are never empty and never still, and other
#    programs share our tracepoints;
#  - decoys: processes named like the tests' own (bb_storm and bb_live of
#    tests/kernel/exec_storm.c, bbrunev of run_events.sh), as another copy
#    of the suite running at the same time would start: a test must know
#    its processes by pid or parent, not by name.
# On SIGTERM each loop ends after its current command; this script waits
# for them all, so nothing is left running.
set -u
B=${1:-build}

execs() {
	n=0
	trap 'echo "# busy load: $n execs" >&2; exit 0' TERM
	while :; do
		for i in 1 2 3 4 5 6 7 8 9 10; do
			/bin/true
		done
		n=$((n + 10))
		sleep 0.01
	done
}

objects() {
	n=0
	trap 'echo "# busy load: $n rounds of BPF objects" >&2; exit 0' TERM
	while :; do
		"$B/barebpf" load "$B/test/map_api.bpf.o" >/dev/null 2>&1
		"$B/procmon" --count 1 --interval 0 >/dev/null 2>&1
		"$B/barebpf" run "$B/test/run_events.bpf.o" --interval 0 \
			--count 1 >/dev/null 2>&1
		n=$((n + 1))
		sleep 0.05
	done
}

decoys() {
	n=0
	trap 'echo "# busy load: $n decoys" >&2; exit 0' TERM
	while :; do
		"$dir/bb_storm" 0.2 & s=$!
		"$dir/bb_live" 0.3 & l=$!
		"$dir/bbrunev"
		wait $s $l
		n=$((n + 3))
	done
}

for f in barebpf procmon test/map_api.bpf.o test/run_events.bpf.o; do
	[ -e "$B/$f" ] || { echo "busy load: no $B/$f (make all tests)" >&2; exit 1; }
done
dir=$(mktemp -d) || exit 1
cp /bin/sleep "$dir/bb_storm" && cp /bin/sleep "$dir/bb_live" &&
	cp /bin/true "$dir/bbrunev" || exit 1
execs & p1=$!
objects & p2=$!
decoys & p3=$!
trap 'kill -TERM $p1 $p2 $p3 2>/dev/null; wait $p1 $p2 $p3; rm -rf "$dir"; exit 0' TERM INT
wait $p1 $p2 $p3
