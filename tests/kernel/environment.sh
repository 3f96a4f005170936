#!/bin/sh
# environment.sh - procmon in a hostile environment: each case ends with
# a clear message (asserted), never a crash or a silent failure.
#
#   - RLIMIT_MEMLOCK 0: since Linux 5.11 BPF memory is charged to the
#     memory cgroup, not to memlock: procmon must still work (before 5.11
#     the message would advise raising it; that text is checked too);
#   - tracefs not mounted, bpffs not mounted: in a private mount namespace
#     (unshare -m), so the host's mounts are never touched;
#   - the object file deleted, truncated or emptied between two runs;
#   - a user without privileges (setpriv drops uid, gid and capabilities).
# vm: host-only: it needs util-linux unshare and setpriv, which busybox lacks.
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF, mount namespaces)"
for t in unshare setpriv umount; do
	command -v $t >/dev/null || bail "$t is not installed (util-linux)"
done
P=$(cd "$B" && pwd)/procmon
[ -x "$P" ] || bail "$P is missing: make"

# expect STATUS WORDS "what" CMD...: CMD exits STATUS, stderr has WORDS.
expect() {
	want=$1 words=$2 what=$3
	shift 3
	"$@" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc = "$want" ] && { [ -z "$words" ] || grep -qF -- "$words" "$tmp/err"; }; then
		ok "$what"
	else
		not_ok "$what (status $rc, want $want and '$words')"
		diag "$(cat "$tmp/err")"
	fi
}

# Each run ends at once: --count 1 --interval 0 prints one table.
once="--count 1 --interval 0"

(ulimit -l 0 && exec "$P" $once) >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] || grep -q 'RLIMIT_MEMLOCK' "$tmp/err"; then
	ok "RLIMIT_MEMLOCK 0: works, or says to raise it (status $rc)"
else
	not_ok "RLIMIT_MEMLOCK 0: status $rc"; diag "$(cat "$tmp/err")"
fi

# Lazy unmounts inside the namespace; debugfs too, as it would automount
# tracefs under /sys/kernel/debug/tracing.  A directory can hold a stack
# of mounts (bpffs mounted twice by two set-up scripts): unmount each.
unmount="unmount_all() { while umount -l \"\$1\" 2>/dev/null; do :; done; }; unmount_all"
expect 1 "tracefs is not mounted" "tracefs unmounted: says so" \
	unshare -m sh -c "$unmount /sys/kernel/tracing; $unmount /sys/kernel/debug/tracing
		$unmount /sys/kernel/debug; exec $P $once"
grep -q "mount -t tracefs nodev /sys/kernel/tracing" "$tmp/err"
is_ok $? "  and how to mount it"
[ -d /sys/kernel/tracing/events ]; is_ok $? "  the host's tracefs is still mounted"

expect 1 "is not in a bpffs" "bpffs unmounted, --pin: says so" \
	unshare -m sh -c "$unmount /sys/fs/bpf; exec $P --pin --pin-dir /sys/fs/bpf/bb_env_$$ $once"
grep -q "mount -t bpf bpf /sys/fs/bpf" "$tmp/err"
is_ok $? "  and how to mount it"
[ ! -e /sys/fs/bpf/bb_env_$$ ]; is_ok $? "  and pinned nothing in the host's bpffs"

# No sysfs at all (an initramfs that mounted only /proc): the kernel's BTF
# is missing because /sys is empty, not because the kernel lacks it.
expect 1 "sysfs is not mounted at /sys (mount -t sysfs sysfs /sys)" \
	"sysfs unmounted: says so, and how to mount it" \
	unshare -m sh -c "$unmount /sys; exec $P $once"
grep -q "CONFIG_DEBUG_INFO_BTF" "$tmp/err"
is_ok $((! $?)) "  and does not blame the kernel's configuration"

cp "$B/procmon.bpf.o" "$tmp/p.o"
expect 0 "" "a copy of the object works" "$P" --obj "$tmp/p.o" $once
rm "$tmp/p.o"
expect 1 "$tmp/p.o: No such file or directory" "the object deleted: says so" \
	"$P" --obj "$tmp/p.o" $once
head -c 1000 "$B/procmon.bpf.o" > "$tmp/p.o"
expect 1 "past end of file" "the object truncated to 1000 bytes: says so" \
	"$P" --obj "$tmp/p.o" $once
: > "$tmp/p.o"
expect 1 "not an ELF file" "the object emptied: says so" "$P" --obj "$tmp/p.o" $once
chmod 000 "$tmp/p.o"
expect 1 "Permission denied" "the object unreadable (as nobody): says so" \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$P" --obj "$tmp/p.o" $once

expect 1 "Operation not permitted (run as root, or grant CAP_BPF and CAP_PERFMON" \
	"not root: says so, and what to do" \
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$P" $once
done_testing
