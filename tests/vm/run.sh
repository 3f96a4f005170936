#!/bin/sh
# run.sh VMDIR - the VM test tier, host side.
#
# Boots Debian's Linux 6.1 cloud kernel under qemu (TCG: no KVM needed)
# with an initramfs holding busybox, our static test binaries, our BPF
# objects and init.sh, which runs the kernel-tier tests and prints their
# TAP on the serial console.  We cut that stream into one TAP file per
# test and let prove judge them.  Fails on any failed test, any non-zero
# exit, or a VM that did not finish within VM_TIMEOUT seconds.
# The VM also runs the commands of docs/'s ```sh vm blocks; tests/vm/docs.sh
# compares what they printed with the pages (one more TAP file for prove).
# VM_ONLY=docs runs only those, and keeps their outputs in VMDIR/docs for
# make docs-update (tests/docs_check.pl --update --vm VMDIR/docs).
# VM_ONLY=WORD runs only the tests whose path holds WORD (no docs): a
# quick look at one test, never what CI runs.
#
# VMDIR/static must hold the static build (make vm-static).  Packages are
# downloaded with apt-get download into VMDIR/debs and unpacked with
# dpkg-deb -x: nothing is installed on the host but qemu.
set -eu

VM=${1:?usage: run.sh VMDIR}
VM=$(mkdir -p "$VM" && cd "$VM" && pwd)
VM_TIMEOUT=${VM_TIMEOUT:-300}
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
STATIC=$VM/static
ROOT=$VM/initramfs

die() { echo "test-vm: $*" >&2; exit 1; }

# The newest 6.1 cloud kernel apt knows, and busybox-static.  We keep only
# the two files we need from them (the unpacked trees would also confuse
# the Makefile's search for *.d dependency files).
newest_kernel() {
	apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-cloud-amd64-unsigned$' |
		awk '{print $1}' | sort -V | tail -n 1
}

# The kernel's modules the tests need, in the order init.sh loads them:
# loop (see below); for tc programs through rtnetlink the clsact qdisc
# and the bpf classifier (tests/kernel/tc_netlink.c); and conntrack,
# whose BTF holds kfuncs (tests/kernel/ct_lookup.c), after the three
# modules it depends on (its modinfo "depends=").
MODULES="drivers/block/loop.ko net/sched/sch_ingress.ko net/sched/cls_bpf.ko
	lib/libcrc32c.ko net/ipv4/netfilter/nf_defrag_ipv4.ko
	net/ipv6/netfilter/nf_defrag_ipv6.ko net/netfilter/nf_conntrack.ko"

have_modules() {
	for m in $MODULES; do
		[ -f "$VM/${m##*/}" ] || return 1
	done
}

fetch() {
	[ -f "$VM/vmlinuz" ] && [ -x "$VM/busybox" ] && have_modules && return 0
	pkg=$(newest_kernel)
	if [ -z "$pkg" ]; then
		echo "test-vm: apt knows no 6.1 cloud kernel yet: apt-get update"
		apt-get update -qq >/dev/null 2>&1 || true
		pkg=$(newest_kernel)
	fi
	[ -n "$pkg" ] || die "apt knows no linux-image-6.1.0-*-cloud-amd64-unsigned, even after apt-get update (is Debian bookworm in sources.list?)"
	rm -rf "$VM/debs" "$VM/unpack"
	mkdir -p "$VM/debs" "$VM/unpack"
	echo "test-vm: downloading $pkg and busybox-static"
	(cd "$VM/debs" && apt-get download "$pkg" busybox-static) >/dev/null 2>&1 ||
		die "apt-get download $pkg busybox-static failed"
	dpkg-deb -x "$VM/debs"/linux-image-*.deb "$VM/unpack"
	dpkg-deb -x "$VM/debs"/busybox-static_*.deb "$VM/unpack"
	cp "$VM/unpack"/boot/vmlinuz-* "$VM/vmlinuz"
	cp "$VM/unpack/bin/busybox" "$VM/busybox"
	# The cloud kernel drives no disk without modules: the loop driver
	# (no dependencies) gives tests/kernel/blk_start.c a blk-mq device.
	for m in $MODULES; do
		cp "$VM/unpack"/lib/modules/*/kernel/$m "$VM/" ||
			die "no ${m##*/} in $pkg"
	done
	rm -rf "$VM/unpack" "$VM/debs"
	echo "$pkg" > "$VM/kernel-package"
}

# Mirror the repo layout under /bb, so tests find build/test/*.bpf.o
# relative to themselves just as they do on the host.
initramfs() {
	rm -rf "$ROOT"
	mkdir -p "$ROOT/bin" "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/tmp" \
		"$ROOT/bb/build/tests/kernel" "$ROOT/bb/build/test" "$ROOT/bb/tests/kernel"
	cp "$VM/busybox" "$ROOT/bin/"
	mkdir -p "$ROOT/lib"
	for m in $MODULES; do
		cp "$VM/${m##*/}" "$ROOT/lib/"
	done
	ln -s busybox "$ROOT/bin/sh"
	cp "$HERE/init.sh" "$ROOT/init"
	chmod +x "$ROOT/init"
	for f in "$STATIC"/*; do
		[ -f "$f" ] && [ -x "$f" ] && case "$f" in *.a) ;; *) cp "$f" "$ROOT/bb/build/" ;; esac
	done
	cp "$STATIC"/*.bpf.o "$ROOT/bb/build/"
	cp "$STATIC"/test/*.bpf.o "$ROOT/bb/build/test/" 2>/dev/null || true
	cp "$STATIC"/tests/kernel/*.t "$ROOT/bb/build/tests/kernel/" 2>/dev/null || true
	cp "$TOP"/tests/tap.sh "$ROOT/bb/tests/"
	mkdir -p "$ROOT/bb/docs-vm" "$ROOT/bb/build/examples"
	(cd "$TOP" && perl tests/docs_check.pl --vm-emit "$ROOT/bb/docs-vm" docs/*.md) ||
		die "tests/docs_check.pl --vm-emit failed"
	# The examples of docs/examples/ (make examples), which pages run.
	for f in "$STATIC"/examples/*; do
		[ -f "$f" ] || continue
		case "$f" in *.d) ;; *) cp "$f" "$ROOT/bb/build/examples/" ;; esac
	done
	# A script marked "# vm: host-only" checks the host itself (its
	# strace, its docs, its static build): not for the VM.
	for f in "$TOP"/tests/kernel/*.sh; do
		grep -q '^# vm: host-only' "$f" || cp "$f" "$ROOT/bb/tests/kernel/"
	done
	(cd "$ROOT" && find . | "$VM/busybox" cpio -o -H newc) |
		gzip -1 > "$VM/initramfs.gz"
	# The staging copy is not needed any more (and tests that look for
	# *.bpf.o under build/ should not find it).
	rm -rf "$ROOT"
}

boot() {
	echo "test-vm: booting $(cat "$VM/kernel-package") under qemu (TCG), timeout ${VM_TIMEOUT}s"
	# The exit status of qemu itself tells nothing: the log does.
	timeout "$VM_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 \
		-kernel "$VM/vmlinuz" -initrd "$VM/initramfs.gz" \
		-append "console=ttyS0 panic=-1 loglevel=1${VM_ONLY:+ bb.only=$VM_ONLY}" \
		-display none -monitor none -serial stdio -no-reboot </dev/null |
		tr -d '\r' | tee "$VM/serial.log" | sed -n 's/^### //p' || true
}

# One TAP file per test, named after it; the exit statuses on the side.
collect() {
	rm -rf "$VM/tap" "$VM/exit-failures" "$VM/docs"
	mkdir -p "$VM/tap" "$VM/docs"
	grep -q '^### ALL DONE' "$VM/serial.log" ||
		die "the VM did not finish (timeout or crash); see $VM/serial.log"
	awk -v dir="$VM/tap" -v docs="$VM/docs" '
		/^### DOCS BEGIN / { file = docs "/" $4 ".out"; next }
		/^### DOCS END /   { file = ""; next }
		/^### BEGIN / { name = $3; gsub("/", "_", name); file = dir "/" name; next }
		/^### END /   { split($4, a, "="); if (a[2] != 0) print $3 " exited " a[2] > (dir "/../exit-failures"); file = ""; next }
		file != ""    { print > file }
	' "$VM/serial.log"
}

[ -d "$STATIC" ] || die "no static build in $STATIC (run make vm-static)"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (apt-get install qemu-system-x86)"
fetch
initramfs
boot
collect
case ${VM_ONLY:-docs} in
docs) (cd "$TOP" && tests/vm/docs.sh "$VM/docs") > "$VM/tap/docs" 2>&1 || true ;;
esac
[ "${VM_ONLY:-}" = docs ] && exit 0
ls "$VM/tap" | grep -qvx docs || die "the VM ran no tests"
status=0
prove --exec cat "$VM/tap"/* || status=1
if [ -s "$VM/exit-failures" ]; then
	cat "$VM/exit-failures" >&2
	status=1
fi
exit $status
