#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mixed_sections_cli.sh - `barebpf load` and `barebpf run` on an object
# with a tp_btf program next to a section barebpf does not know (issue
# 16): the tp_btf program loads (and, under run, attaches), the other is
# named as skipped and why; named with --prog, it is refused by name.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/test/mixed_sections.bpf.o

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] || bail "no $TOOL or $OBJ (make)"

"$TOOL" load "$OBJ" > "$tmp/out" 2> "$tmp/err"
is_ok $? "load exits 0: the program it knows loaded"
grep -q '^mixed_sys_enter: id [1-9][0-9]*$' "$tmp/out"
is_ok $? "load: the tp_btf program prints its id"
grep -qx "mixed_unknown: skipped: section 'bb_no_such_type/x' is of an unknown program type" "$tmp/out"
is_ok $? "load: the other is named as skipped, with why"

"$TOOL" load --each "$OBJ" > "$tmp/out" 2> "$tmp/err"
is_ok $? "load --each exits 0 too"
grep -q "^mixed_unknown: skipped: " "$tmp/out" && grep -q '^mixed_sys_enter: id ' "$tmp/out"
is_ok $? "load --each: one loaded, one skipped"

"$TOOL" load --prog mixed_unknown "$OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -qx 'mixed_unknown: refused: Operation not supported' "$tmp/out" &&
	grep -q "program 'mixed_unknown': section 'bb_no_such_type/x': unknown program type" "$tmp/err"
is_ok $? "load --prog mixed_unknown: refused, by name (exit $st)"

"$TOOL" -v run --count 1 --interval 100 "$OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && grep -q '^attached ' "$tmp/err" &&
	grep -qx "barebpf run: mixed_unknown: skipped: section 'bb_no_such_type/x' is of an unknown program type" "$tmp/err"
is_ok $? "run: attaches what it knows, says what it skipped (exit $st)"
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/err" | grep -v '^# bpf\|^# perf' | head -6
done_testing
