#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_perf_event.sh - `barebpf run --freq HZ --pid PID` on a perf_event
# program (kernel/test/perf_event.bpf.o, which counts every sample in
# hits[1]): a shell loop of our own burns CPU, sampled 1000 times a
# second; the count grows from one dump to the next, and -v shows one
# perf_event_open of the CPU clock at 1000 Hz for that pid.  Then, with
# no --pid, one event per online CPU.
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
OBJ=$(pwd)/$B/test/perf_event.bpf.o

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"

sh -c 'while :; do :; done' &
burner=$!
trap 'kill $burner 2>/dev/null; wait $burner 2>/dev/null; rm -rf "$tmp"' EXIT

# hits[1] in dump $1 of $tmp/out ("--- dump N", "map hits", "1 => COUNT").
count() {
	awk -v d="--- dump $1" '$0 == d { on = 1; next } /^--- dump/ { on = 0 }
		on && $1 == "map" { m = $2 } on && m == "hits" && $1 == "1" { print $3 }' "$tmp/out"
}

"$TOOL" -v run --freq 1000 --pid $burner --count 2 --interval 300 "$OBJ" \
	> "$tmp/out" 2> "$tmp/err"
is_ok $? "run --freq 1000 --pid $burner exits 0"
n=$(grep -c "^perf_event_open(type 1 config 0 1000 Hz, pid $burner, cpu -1" "$tmp/err")
[ "$n" -eq 1 ]
is_ok $? "one event: the CPU clock at 1000 Hz, following pid $burner on any CPU ($n)"
a=$(count 1) b=$(count 2)
[ "${a:-0}" -gt 0 ]
is_ok $? "samples of the burner in the first 300 ms: ${a:-none}"
[ "${b:-0}" -gt "${a:-0}" ]
is_ok $? "and more by the second dump: ${b:-none}"

"$TOOL" -v run --freq 200 --count 1 --interval 100 "$OBJ" > "$tmp/out" 2> "$tmp/err"
is_ok $? "run --freq 200 (every CPU) exits 0"
n=$(grep -c "^perf_event_open(type 1 config 0 200 Hz, pid -1, cpu [0-9]*" "$tmp/err")
cpus=$(grep -c '^processor' /proc/cpuinfo)
[ "$n" -eq "$cpus" ]
is_ok $? "one event per online CPU ($n of $cpus)"
"$TOOL" run --freq 0 "$OBJ" > /dev/null 2>&1
[ $? -eq 2 ]
is_ok $? "--freq 0 is a usage error"
done_testing
