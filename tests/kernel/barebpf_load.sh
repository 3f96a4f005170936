#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# barebpf_load.sh - `barebpf load`'s --each, --xlated and --run, for real
# (the options the real-world tier, tests/realworld/run.sh, relies on):
#  --each: build/test/load_each.bpf.o has a program the verifier refuses
#   between two good ones; each loads on its own, the refusal is named.
#  --xlated: while loaded (--run keeps them so), the instructions printed
#   are those bpftool reads from the kernel for the same program id.
#  --run 1: run_events.bpf.o's record for a process we exec is printed.
# vm: host-only: bpftool, the --xlated oracle, is the host's.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/test/load_each.bpf.o
RUN_OBJ=$B/test/run_events.bpf.o

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] && [ -f "$RUN_OBJ" ] || bail "no $TOOL, $OBJ or $RUN_OBJ (make)"
command -v bpftool > /dev/null || bail "bpftool (the --xlated oracle) is not installed"

# --each: every program tried in its own copy; exit 1, one refused.
"$TOOL" load --each "$OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ]
is_ok $? "load --each exits 1 when one program is refused (got $st)"
grep -q '^checked: id [1-9][0-9]*$' "$tmp/out" && grep -q '^no_maps: id [1-9][0-9]*$' "$tmp/out"
is_ok $? "load --each: the two good programs load and print their ids"
grep -qx 'unchecked: refused: Permission denied' "$tmp/out"
is_ok $? "load --each: the bad one is named refused, with its errno"
grep -q "invalid mem access 'map_value_or_null'" "$tmp/err" &&
	grep -q '^barebpf load: --each: 1 of 3 programs did not load$' "$tmp/err"
is_ok $? "load --each: the verifier's words and a count on stderr"
[ "$(grep -c ': id \|: refused: ' "$tmp/out")" -eq 3 ]
is_ok $? "load --each: one line per program, no more"
[ $st -eq 1 ] || sed 's/^/# /' "$tmp/out" "$tmp/err" | head -10

"$TOOL" load --each --prog no_maps "$OBJ" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && [ "$(cat "$tmp/out")" = "$(grep '^no_maps: id' "$tmp/out")" ] &&
	[ -s "$tmp/out" ]
is_ok $? "load --each --prog no_maps: only that one, exit 0"

"$TOOL" load --each --run 1 "$OBJ" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q 'not with --pin or --run' "$tmp/err"
is_ok $? "load --each --run is a usage error (exit 2), the usage says so"

# --xlated, checked against bpftool while the programs are held loaded
# (--run 30; SIGINT once compared).  bpftool's raw dump is 8 bytes an
# instruction: code, src<<4|dst, off (le16), imm (le32); printed as ours,
# with the map id of a map load blanked as ours is.
as_ours() {
	od -An -v -tx1 -w8 "$1" | awk '{
		src = substr($2, 1, 1); imm = $8 $7 $6 $5
		if ($1 == "18" && src + 0 >= 1 && src + 0 <= 6)
			imm = "00000000"
		printf " %s%s%s%s%s%s", $1, src, substr($2, 2, 1), $4, $3, imm
	}'
}
run_until_attached "$TOOL" -v load --xlated --prog checked --prog no_maps \
	--run 30 "$OBJ"
# Two of the object's three programs: -v counts the ones attached.
grep -q '^attached 2 programs' "$tmp/err"
is_ok $? "load --prog checked --prog no_maps --run: -v says it attached 2 programs ($(grep '^attached' "$tmp/err"))"
for p in checked no_maps; do
	id=$(sed -n "s/^$p: id \\([0-9]*\\)\$/\\1/p" "$tmp/out")
	rm -f "$tmp/x.bin"
	[ -n "$id" ] && bpftool prog dump xlated id "$id" file "$tmp/x.bin" > /dev/null 2>&1
	want="xlated $p:$(as_ours "$tmp/x.bin" 2>/dev/null)"
	got=$(grep "^xlated $p:" "$tmp/out")
	[ -s "$tmp/x.bin" ] && [ "$got" = "$want" ]
	is_ok $? "load --xlated: $p (id ${id:-none}) as bpftool dumps it ($(($(echo "$got" | wc -w) - 2)) instructions)"
	[ "$got" = "$want" ] || diag "ours:    $got
bpftool: $want"
done
kill -INT $bg 2>/dev/null
wait $bg
is_ok $? "load --run exits 0 on SIGINT"

# --run 1: a record from a process of ours, printed raw.  The second is
# short on a busy machine, so ours exec bbrunev all along (their pids
# noted) rather than once after "attached".
cp /bin/true "$tmp/bbrunev" || bail "cp /bin/true"
: > "$tmp/pids"
(
	while [ ! -e "$tmp/stop" ]; do
		"$tmp/bbrunev" & echo $! >> "$tmp/pids"
		wait $!
		sleep 0.05
	done
) &
loop=$!
"$TOOL" -v load --run 1 "$RUN_OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
touch "$tmp/stop"
wait $loop
is_ok $st "load --run 1 exits 0 after a second"
grep -q '^run_events_exec: id [1-9]' "$tmp/out" && grep -q '^attached 1 programs' "$tmp/err"
is_ok $? "load --run: the program loaded and attached"
r=1
while read -r p; do
	le=$(printf '%02x %02x %02x %02x' $((p & 255)) $((p >> 8 & 255)) \
		$((p >> 16 & 255)) $((p >> 24 & 255)))
	rec="78 56 34 12 07 00 00 00 62 62 72 75 6e 65 76 00 $le 03 00 00 00"
	grep -q "^event perf_out cpu [0-9]* size 2[48]: $rec" "$tmp/out" &&
		grep -q "^event ring_out cpu - size 24: $rec\$" "$tmp/out" && { r=0; break; }
done < "$tmp/pids"
is_ok $r "load --run 1: the records (perf event array, ring buffer) of one of our $(wc -l < "$tmp/pids") execs of bbrunev${p:+, pid $p}"
[ $r -eq 0 ] || tail -5 "$tmp/out" | sed 's/^/# /'

"$TOOL" load --help > "$tmp/out"
[ $? -eq 0 ] && grep -q -- '--each' "$tmp/out" && grep -q -- '--xlated' "$tmp/out" &&
	grep -q -- '--run SECONDS' "$tmp/out"
is_ok $? "load --help (exit 0) lists --each, --xlated and --run"
done_testing
