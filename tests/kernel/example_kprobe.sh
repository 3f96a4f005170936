#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# example_kprobe.sh - docs/examples/kprobe, the course's kprobe on
# blk_mq_start_request reading rq->start_time_ns with BPF_CORE_READ, and
# its fentry twin.  Where the kernel has them (the VM tier sets
# BAREBPF_EXPECT_KPROBE=1 and BAREBPF_EXPECT_FENTRY=1), each one, once
# attached, must count the 4 KiB O_DIRECT reads we make from a loop
# device over a file of ours (each one a request the block layer starts):
# at least that many requests, as many with a start time, and no wait from
# start_time_ns to the probe longer than 10 s (a start time read from the
# wrong offset would be a pointer or garbage, not a recent time).
# Elsewhere (this project's host: no kprobe PMU, no BPF trampolines) each
# must fail, saying why.
. tests/tap.sh
EX=$B/examples/kprobe
READS=8
[ -x "$EX" ] || bail "$EX is not built (make examples)"

# A loop device over a file in $tmp (loop is a blk-mq driver).  losetup -f
# names a free one; another process may take it first: try again.
loop_setup() {
	dd if=/dev/zero of="$tmp/disk.img" bs=4096 count=$READS 2>/dev/null
	for _try in 1 2 3 4 5; do
		dev=$(losetup -f 2>/dev/null) && losetup "$dev" "$tmp/disk.img" 2>/dev/null &&
			return 0
	done
	dev=
	return 1
}

# check KIND EXPECT WHY: run the example with program KIND.
check() {
	kind=$1 expect=$2 why=$3
	# Emptied before the start: the previous kind's "attached" must not
	# count (the redirection below happens later, in the child).
	: > "$tmp/out"
	"$EX" "$kind" 3 > "$tmp/out" 2> "$tmp/err" &
	pid=$!
	i=0
	until grep -q '^attached' "$tmp/out" || ! kill -0 $pid 2>/dev/null; do
		i=$((i + 1)); [ $i -ge 600 ] && break; sleep 0.1
	done
	if ! grep -q '^attached' "$tmp/out"; then
		wait $pid
		sed 's/^/# stderr: /' "$tmp/err"
		if [ "$expect" = 1 ]; then
			not_ok "$kind: the example attaches (BAREBPF_EXPECT is 1 here)"
		else
			grep -q "$why" "$tmp/err"
			is_ok $? "$kind: refused by this kernel, and the error says why ($why)"
		fi
		return
	fi
	ok "$kind: the example loads and attaches ($(head -n 1 "$tmp/out"))"
	[ -n "$dev" ] || loop_setup || bail "no loop device (losetup -f failed)"
	n=0
	while [ $n -lt $READS ]; do
		dd if="$dev" of=/dev/null bs=4096 count=1 skip=$n iflag=direct 2>/dev/null ||
			diag "dd from $dev failed"
		n=$((n + 1))
	done
	wait $pid
	is_ok $? "$kind: the example exits 0"
	sed 's/^/# /' "$tmp/out"
	req=$(sed -n 's/^requests started: //p' "$tmp/out")
	start=$(sed -n 's/^with a start time: //p' "$tmp/out")
	wait_us=$(sed -n 's/^the longest wait .*: \([0-9]*\) us$/\1/p' "$tmp/out")
	[ "${req:-0}" -ge $READS ]
	is_ok $? "$kind: it counted our $READS reads (requests started: $req)"
	[ "${start:-0}" -ge $READS ] && [ "${start:-0}" -le "${req:-0}" ]
	is_ok $? "$kind: they had a start time (rq->start_time_ns, through CO-RE): $start"
	[ -n "$wait_us" ] && [ "$wait_us" -lt 10000000 ]
	is_ok $? "$kind: no request waited 10 s or more before it started ($wait_us us)"
}

dev=
check kprobe "${BAREBPF_EXPECT_KPROBE:-0}" "this kernel has no kprobes"
check fentry "${BAREBPF_EXPECT_FENTRY:-0}" "this kernel does not support fentry/fexit"
[ -n "$dev" ] && losetup -d "$dev"
done_testing
