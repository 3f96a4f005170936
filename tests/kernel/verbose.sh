#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# verbose.sh - every tool narrates its kernel calls with -v and with
# --verbose: on stderr, one line per call, the BPF_MAP_CREATE and
# BPF_PROG_LOAD of its own maps and programs and the perf_event_open that
# attaches them; stdout stays what it is without -v.
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"

# narrates TOOL MAP PROG -- ARGS...: the tool run with ARGS narrates the
# creation of map MAP and the load of program PROG, and attaches.
narrates() {
	tool=$1 map=$2 prog=$3
	shift 4
	[ -x "$B/$tool" ] || { not_ok "$tool: no $B/$tool (make)"; return; }
	"$B/$tool" "$@" > "$tmp/out" 2> "$tmp/err"
	is_ok $? "$tool $*: exits 0"
	grep -q "^bpf(BPF_MAP_CREATE) .*\"$map\"" "$tmp/err"
	is_ok $? "$tool $*: narrates BPF_MAP_CREATE of $map"
	grep -q "^bpf(BPF_PROG_LOAD) .*\"$prog\"" "$tmp/err"
	is_ok $? "$tool $*: narrates BPF_PROG_LOAD of $prog"
	grep -q '^perf_event_open(' "$tmp/err"
	is_ok $? "$tool $*: narrates perf_event_open"
	! grep -q '^bpf(' "$tmp/out"
	is_ok $? "$tool $*: nothing narrated on stdout"
	[ $? -eq 0 ] || tail -5 "$tmp/err" | sed 's/^/# /'
}

for v in -v --verbose; do
	narrates procmon process_map handle_exec -- $v --interval 0 --count 1
	narrates execcount counter count_execve -- $v --interval 100 --count 1
	narrates uidcount root_counts count_exec -- $v --interval 100 --count 1
done

# A tp_btf program names its target at load: the narration gives the id,
# that of the typedef btf_trace_sys_enter in the kernel's BTF (bpftool's
# answer, where it is installed: not in the VM).
"$B/barebpf" -v load "$B/test/tp_btf.bpf.o" > "$tmp/out" 2> "$tmp/err"
id=$(sed -n 's/^bpf(BPF_PROG_LOAD) tracing .* attach_btf_id=\([0-9]*\).*/\1/p' "$tmp/err")
want=$(bpftool btf dump file /sys/kernel/btf/vmlinux 2>/dev/null |
	sed -n "s/^\[\([0-9]*\)\] TYPEDEF 'btf_trace_sys_enter' .*/\1/p")
[ -n "$id" ] && [ "$id" -gt 0 ] && [ "${want:-$id}" = "$id" ]
is_ok $? "barebpf -v load tp_btf.bpf.o: BPF_PROG_LOAD narrated with attach_btf_id=${id:-none} (bpftool: ${want:-not installed})"
# To find that id it maps the kernel's BTF (refused before Linux 6.16: then
# it reads it): the mmap is narrated as every other call.
size=$(stat -c %s /sys/kernel/btf/vmlinux)
grep -q "^mmap($size bytes, fd [0-9]*, offset 0) -> " "$tmp/err"
is_ok $? "barebpf -v load tp_btf.bpf.o: the mmap of /sys/kernel/btf/vmlinux ($size bytes) is narrated"

# Without -v, no narration at all.
"$B/procmon" --interval 0 --count 1 > "$tmp/out" 2> "$tmp/err"
is_ok $? "procmon without -v: exits 0"
! grep -q '^bpf(' "$tmp/err"
is_ok $? "procmon without -v: no narration"

done_testing
