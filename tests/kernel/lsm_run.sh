#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# lsm_run.sh - `barebpf run` on BPF LSM programs (kernel/test/lsm.bpf.c):
# while it runs, a subshell that names itself bb_lsm_deny (through
# /proc/self/comm) cannot open a file: lsm/file_open refuses it with
# EPERM; a subshell named otherwise can; once barebpf has exited, both
# can.  The shell's own redirections open the files: no exec renames the
# task.  An LSM hook the kernel lacks is refused before any load, by name.
# Where the kernel refuses BPF trampolines (this project's host) barebpf
# must say so; BAREBPF_EXPECT_FENTRY=1 (the VM tier) makes that a failure.
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
T=$(pwd)/$B/test

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"

cleanup() {
	[ -n "${bg:-}" ] && kill "$bg" 2>/dev/null && wait "$bg" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# Open file $2 from a subshell named $1; prints the shell's complaint.
# (Not a new file: open(O_CREAT) makes it before the LSM is asked.)
open_as() {
	(printf '%s' "$1" > /proc/self/comm && : < "$2") 2>&1
}
: > "$tmp/file"

"$TOOL" load "$T/lsm_bad.bpf.o" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "kernel BTF has no function bpf_lsm_no_such_hook: no such LSM hook in this kernel" "$tmp/err"
is_ok $? "lsm/no_such_hook: refused, the error says there is no such LSM hook (exit $st)"
[ $st -eq 1 ] || sed 's/^/# /' "$tmp/err"

run_until_attached "$TOOL" -v run --interval 200 "$T/lsm.bpf.o"
if ! grep -q '^attached' "$tmp/err"; then
	wait "$bg"
	st=$?
	bg=
	[ "${BAREBPF_EXPECT_FENTRY:-}" != 1 ]
	is_ok $? "refusal allowed here (BAREBPF_EXPECT_FENTRY is not 1)"
	[ $st -eq 1 ] && grep -q "^barebpf run: this kernel does not support BPF LSM programs" "$tmp/err"
	is_ok $? "run exits 1, saying this kernel does not support BPF LSM programs (exit $st)"
	grep -q "^barebpf run: this kernel" "$tmp/err" || tail -3 "$tmp/err" | sed 's/^/# /'
	done_testing
fi
grep -q 'bpf(BPF_RAW_TRACEPOINT_OPEN) "" prog fd' "$tmp/err"
is_ok $? "run -v: attached with BPF_RAW_TRACEPOINT_OPEN, no name"
said=$(open_as bb_lsm_deny "$tmp/file")
st=$?
[ $st -ne 0 ]
is_ok $? "attached: a subshell named bb_lsm_deny cannot open a file (exit $st)"
case $said in *"not permitted"*) true ;; *) false ;; esac
is_ok $? "EPERM: '$said'"
open_as bb_lsm_allow "$tmp/file" > /dev/null
is_ok $? "a subshell named bb_lsm_allow can"
kill "$bg"
wait "$bg"
st=$?
bg=
open_as bb_lsm_deny "$tmp/file" > /dev/null
is_ok $? "barebpf stopped (exit $st): bb_lsm_deny can open it now"
done_testing
