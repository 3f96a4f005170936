#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_events.sh - `barebpf run` reads perf event arrays and ring buffers
# as event streams.  build/test/run_events.bpf.o sends a known record
# (only the pid varies) through both on each exec of a program named
# bbrunev; we exec one and look for its record, as hex bytes and, with
# --event-type run_event, decoded through the object's BTF.  SIGINT
# stops the run with status 0.  Waits are bounded; no timing is asserted.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/test/run_events.bpf.o

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] || bail "no $TOOL or $OBJ (make)"
cp /bin/true "$tmp/bbrunev" || bail "cp /bin/true"

# Run "$@" until attached, exec bbrunev (its pid in $p, as little-endian
# hex bytes in $le), wait (at most 30 s) for a line matching $1 of the
# caller's patterns, then SIGINT; the run's exit status in $st.
run_and_exec() {
	run_until_attached "$TOOL" -v run "$OBJ" --interval 200 --count 150 "$@"
	"$tmp/bbrunev" & p=$!
	wait $p
	le=$(printf '%02x %02x %02x %02x' $((p & 255)) $((p >> 8 & 255)) \
		$((p >> 16 & 255)) $((p >> 24 & 255)))
}
wait_for() {
	_i=0
	while ! grep -q "$1" "$tmp/out" && [ $_i -lt 300 ] &&
	      kill -0 $bg 2>/dev/null; do
		sleep 0.1
		_i=$((_i + 1))
	done
}
stop_run() { kill -INT $bg 2>/dev/null; wait $bg; st=$?; }

# Raw: hex bytes of the record; a perf record comes padded to 8 bytes.
run_and_exec
rec="78 56 34 12 07 00 00 00 62 62 72 75 6e 65 76 00 $le 03 00 00 00"
wait_for "^event ring_out cpu - size 24: $rec\$"
wait_for "^event perf_out cpu [0-9]* size 2[48]: $rec"
stop_run
is_ok $st "barebpf run exits 0 on SIGINT"
grep -q "^event ring_out cpu - size 24: $rec\$" "$tmp/out"
is_ok $? "the ring buffer's record for pid $p, as hex bytes"
grep -q "^event perf_out cpu [0-9]* size 2[48]: $rec" "$tmp/out"
r=$?
is_ok $r "the perf event array's record for pid $p, as hex bytes"
[ $r -eq 0 ] || tail -5 "$tmp/out" | sed 's/^/# /'

# Decoded as struct run_event.
run_and_exec --event-type run_event
rec="{magic=305419896, tag=7, pad=0, comm=\"bbrunev\", pid=$p, nr=3}"
wait_for "^event ring_out cpu - size 24: $rec\$"
wait_for "^event perf_out cpu [0-9]* size 2[48]: $rec\$"
stop_run
is_ok $st "barebpf run --event-type exits 0 on SIGINT"
grep -q "^event ring_out cpu - size 24: $rec\$" "$tmp/out"
is_ok $? "the ring buffer's record for pid $p, decoded through BTF"
grep -q "^event perf_out cpu [0-9]* size 2[48]: $rec\$" "$tmp/out"
r=$?
is_ok $r "the perf event array's record for pid $p, decoded through BTF"
[ $r -eq 0 ] || tail -5 "$tmp/out" | sed 's/^/# /'

# A struct the object's BTF does not have: said so, exit 1.
"$TOOL" run "$OBJ" --interval 0 --count 1 --event-type no_such > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q 'no struct no_such in the object' "$tmp/err"
is_ok $? "--event-type of an unknown struct fails, saying so"
done_testing
