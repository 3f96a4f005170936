#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# stack_map.sh - a STACK_TRACE map with no value size in the object
# (libbpf-tools' way) loads with 127 * 8 bytes; --value-size MAP=N sets
# another size; a map the kernel refuses for a zero size is named with
# its type in words and the attribute that is zero (issue 16).
# vm: host-only: bpftool, which reads the map's size back, is the host's.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/test/stack_map.bpf.o
PIN=/sys/fs/bpf/bbstack$$

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] || bail "no $TOOL or $OBJ (make)"
command -v bpftool > /dev/null || bail "bpftool (which reads the size back) is not installed"
trap 'rm -rf "$PIN" "$tmp"' EXIT

value_size() { bpftool map show pinned "$PIN/stacks" | sed -n 's/.*value \([0-9]*\)B.*/\1/p'; }

mkdir -p "$PIN"
"$TOOL" load --pin "$PIN" "$OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && [ "$(value_size)" = 1016 ]
is_ok $? "the stack_trace map left at value size 0 gets 127 * 8 = 1016 bytes (exit $st, got $(value_size))"
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/err" | head -3
rm -rf "$PIN"

mkdir -p "$PIN"
"$TOOL" load --value-size stacks=800 --pin "$PIN" "$OBJ" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && [ "$(value_size)" = 800 ]
is_ok $? "--value-size stacks=800 makes it 800 bytes (got $(value_size))"
rm -rf "$PIN"

# 12 bytes: not a whole number of frames, which the kernel refuses.
"$TOOL" load --value-size stacks=12 "$OBJ" > "$tmp/out" 2> "$tmp/err"
grep -q "map 'stacks' (stack_trace, key 4, value 12, max_entries 64): Invalid argument" "$tmp/err"
is_ok $? "a refused map is named with its type in words, not its number"
"$TOOL" load "$B/test/zero_value.bpf.o" > "$tmp/out" 2> "$tmp/err"
grep -q "map 'sized_later' (hash, key 4, value 0, max_entries 16): Invalid argument (value_size is 0: set it before loading, --value-size MAP=N)" "$tmp/err"
is_ok $? "a hash map left at value size 0: the message says value_size is 0, and how to set it"
"$TOOL" load --value-size sized_later=8 "$B/test/zero_value.bpf.o" > "$tmp/out" 2> "$tmp/err"
is_ok $? "and with --value-size sized_later=8 it loads"
"$TOOL" load --value-size nosuch=8 "$OBJ" > "$tmp/out" 2> "$tmp/err"
grep -q "has no map 'nosuch'" "$tmp/err"
is_ok $? "--value-size names a map that does not exist"
done_testing
