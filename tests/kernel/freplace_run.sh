#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# freplace_run.sh - `barebpf run --replace PROG:FUNC` (kernel/test/
# freplace.bpf.c): the target, freplace_target.bpf.o's run_decide, is
# loaded and pinned by `barebpf load --pin`; run loads decide_two against
# its decide() (BPF_PROG_LOAD with attach_prog_fd, narrated under -v),
# named by id and by pin, and attaches it; the object's other freplace
# program, which no --replace names, is skipped, saying so.  A function
# the target lacks, and a --replace without a function, are refused.
# What the replacement does is tests/kernel/freplace.c's (BPF_PROG_RUN of
# the target).  Where the kernel refuses BPF trampolines (this project's
# host) barebpf must say so; BAREBPF_EXPECT_FENTRY=1 (the VM tier) makes
# that a failure.
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
T=$(pwd)/$B/test
PIN=/sys/fs/bpf/bbfr$$

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"

cleanup() {
	rm -rf "$PIN" "$tmp"
}
trap cleanup EXIT

mkdir "$PIN" && "$TOOL" load --pin "$PIN" "$T/freplace_target.bpf.o" > "$tmp/out" 2> "$tmp/err"
is_ok $? "the target loads, pinned at $PIN/run_decide"
id=$(sed -n 's/^run_decide: id \([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$id" ]
is_ok $? "its id: $id"

# run --replace $1 on freplace.bpf.o; sets $st.
replace() {
	"$TOOL" -v run --replace "$1" --count 1 --interval 10 "$T/freplace.bpf.o" \
		> "$tmp/out" 2> "$tmp/err"
	st=$?
}
for target in "$id" "$PIN/run_decide"; do
	replace "$target:decide"
	grep -q "^bpf(BPF_PROG_LOAD) ext \"decide_two\" .* attach_prog_fd=" "$tmp/err"
	is_ok $? "--replace $target:decide: BPF_PROG_LOAD of decide_two names the target (attach_prog_fd)"
	grep -qx "barebpf run: not_there: skipped: section 'freplace/no_such_func' needs --replace PROG:no_such_func (the program whose function it replaces)" "$tmp/err"
	is_ok $? "the other freplace program is skipped, saying why"
	if grep -q '^attached 1 programs' "$tmp/err"; then
		[ $st -eq 0 ]
		is_ok $? "decide_two attached, run exits 0"
		continue
	fi
	[ "${BAREBPF_EXPECT_FENTRY:-}" != 1 ]
	is_ok $? "refusal allowed here (BAREBPF_EXPECT_FENTRY is not 1)"
	[ $st -eq 1 ] && grep -q "^barebpf run: this kernel does not support freplace programs" "$tmp/err"
	is_ok $? "run exits 1, saying this kernel does not support freplace programs (exit $st)"
done

replace "$id:no_such_func"
[ $st -eq 1 ] && grep -qx "barebpf run: program 'not_there' (section 'freplace/no_such_func'): target program $id ('run_decide') has no function 'no_such_func' in its BTF (id [0-9]*)" "$tmp/err"
is_ok $? "--replace $id:no_such_func: refused, the target has no such function (exit $st)"
replace "$id"
[ $st -eq 1 ] && grep -qx "barebpf run: --replace $id: want PROG_ID:FUNC or /PINNED/PATH:FUNC" "$tmp/err"
is_ok $? "--replace $id: refused, it names no function (exit $st)"
done_testing
