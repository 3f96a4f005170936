#!/bin/sh
# init.sh - PID 1 of the test VM (see run.sh): mount what the tests need,
# run every kernel-tier test, and frame each one's TAP on the serial
# console for the host to collect:
#	### BEGIN NAME
#	...the test's own TAP...
#	### END NAME rc=N
# then run the commands of docs/'s ```sh vm blocks (docs-vm/PAGE.KEY.sh,
# written by tests/docs_check.pl --vm-emit), each one's output framed
#	### DOCS BEGIN PAGE.KEY
#	...what the commands printed, with docs_check.pl's markers...
#	### DOCS END PAGE.KEY
#	### ALL DONE
# and power off.  The host treats a missing "ALL DONE" as a failure.
# With bb.only=docs on the kernel's command line (run.sh's VM_ONLY=docs,
# for make docs-update), only the docs blocks run; with bb.only=WORD
# (VM_ONLY=WORD), only the tests whose path holds WORD, and no docs.

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
# tc programs through rtnetlink (tests/kernel/tc_netlink.c): the clsact
# qdisc and the bpf classifier are modules in Debian's kernel.
insmod /lib/sch_ingress.ko
insmod /lib/cls_bpf.ko
# A module that defines kfuncs (tests/kernel/ct_lookup.c), after the
# modules it needs.
for m in libcrc32c nf_defrag_ipv4 nf_defrag_ipv6 nf_conntrack; do
	insmod /lib/$m.ko
done
# The loopback interface, down in a fresh boot: the socket filter test
# (tests/kernel/prog_run_socket.c) sends UDP to 127.0.0.1.
ip link set lo up

# This kernel has everything we test: a skip here is a failure.
export BAREBPF_NO_SKIP=1 BAREBPF_EXPECT_KPROBE=1 BAREBPF_EXPECT_FENTRY=1
export BAREBPF_EXPECT_MODULE_KFUNC=1
# tests/kernel/exec_storm.c: 20,000 execs would take minutes under TCG.
export BAREBPF_STORM=1000
# tests/kernel/signals.c: each procmon start reads vmlinux BTF, slowly here.
export BAREBPF_SIGNAL_RUNS=20
export BUILD=build

cd /bb
echo "### KERNEL $(uname -r)"
tests="build/tests/kernel/*.t tests/kernel/*.sh"
only=$(sed -n 's/.*bb\.only=\([^ ]*\).*/\1/p' /proc/cmdline)
case $only in
docs) tests= ;;
?*) tests=$(ls $tests | grep -F -- "$only") ;;
esac
for t in $tests; do
	[ -e "$t" ] || continue
	echo "### BEGIN $t"
	# One hung test must not eat the whole budget: it fails alone.
	timeout 120 "./$t" 2>&1
	echo "### END $t rc=$?"
done
# As in a reader's shell, from the top of the tree: none of the tests'
# variables (the host's docs_check.pl clears the same ones).
for s in docs-vm/*.sh; do
	[ -e "$s" ] && { [ -z "$only" ] || [ "$only" = docs ]; } || continue
	n=${s#docs-vm/}
	echo "### DOCS BEGIN ${n%.sh}"
	(unset BUILD BAREBPF_NO_SKIP BAREBPF_EXPECT_KPROBE BAREBPF_EXPECT_FENTRY \
		BAREBPF_EXPECT_MODULE_KFUNC \
		BAREBPF_STORM BAREBPF_SIGNAL_RUNS; timeout 120 sh "$s" < /dev/null 2>&1)
	echo "### DOCS END ${n%.sh}"
done
echo "### ALL DONE"
poweroff -f
