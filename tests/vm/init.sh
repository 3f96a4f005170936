#!/bin/sh
# init.sh - PID 1 of the test VM (see run.sh): mount what the tests need,
# run every kernel-tier test, and frame each one's TAP on the serial
# console for the host to collect:
#	### BEGIN NAME
#	...the test's own TAP...
#	### END NAME rc=N
#	### ALL DONE
# then power off.  The host treats a missing "ALL DONE" as a failure.

/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tracefs nodev /sys/kernel/tracing
mount -t bpf bpf /sys/fs/bpf
# A block device for the seed kprobe example (tests/kernel/blk_start.c).
insmod /lib/loop.ko

# This kernel has everything we test: a skip here is a failure.
export BAREBPF_NO_SKIP=1 BAREBPF_EXPECT_KPROBE=1 BAREBPF_EXPECT_FENTRY=1
# tests/kernel/exec_storm.c: 20,000 execs would take minutes under TCG.
export BAREBPF_STORM=1000
# tests/kernel/signals.c: each procmon start reads vmlinux BTF, slowly here.
export BAREBPF_SIGNAL_RUNS=20
export BUILD=build

cd /bb
echo "### KERNEL $(uname -r)"
for t in build/tests/kernel/*.t tests/kernel/*.sh; do
	[ -e "$t" ] || continue
	echo "### BEGIN $t"
	# One hung test must not eat the whole budget: it fails alone.
	timeout 120 "./$t" 2>&1
	echo "### END $t rc=$?"
done
echo "### ALL DONE"
poweroff -f
