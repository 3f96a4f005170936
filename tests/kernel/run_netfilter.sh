#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_netfilter.sh - `barebpf run --netfilter PF:HOOK:PRIORITY` (issue
# 16) on nf_drop.bpf.o, which drops UDP to port 4242 (NF_DROP) and
# accepts the rest, in a network namespace of our own (ip netns, lo up):
# while it runs, a datagram to 4242 cannot be sent (EPERM at local_out),
# one to 4243 arrives (the namespace's UDP NoPorts counter: nobody
# listens); -v narrates the hook and the BPF_LINK_CREATE; its map dump
# counts both; after SIGINT the link is gone and 4242 works again.  A
# --netfilter that is not PF:HOOK:PRIORITY, and none at all, are refused
# with what to write.  A kernel before 6.4 (the VM tier's 6.1) refuses
# the load: the message says netfilter programs need Linux 6.4 (busybox
# sh is enough for that part).
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
OBJ=$(pwd)/$B/test/nf_drop.bpf.o
NS=bbnf$$

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF, namespaces)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"

# The kernel's major * 100 + minor (6.18 -> 618).
kver=$(uname -r | awk -F. '{ print $1 * 100 + $2 }')
if [ "$kver" -lt 604 ]; then
	"$TOOL" run --count 1 --interval 10 --netfilter ipv4:local_out:-100 "$OBJ" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ $st -eq 1 ] && grep -q 'netfilter programs need Linux 6.4' "$tmp/err"
	is_ok $? "Linux $(uname -r) refuses the load, saying netfilter programs need Linux 6.4 (exit $st)" ||
		sed 's/^/# /' "$tmp/err"
	done_testing
fi
command -v bash > /dev/null && command -v ip > /dev/null || bail "needs bash and ip"

cleanup() {
	[ -n "${bg:-}" ] && kill "$bg" 2>/dev/null && wait "$bg" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$NS" && ip -n "$NS" link set lo up
is_ok $? "a network namespace of our own, $NS, lo up"
# Send one datagram to 127.0.0.1:$1 in $NS: bash's words on failure.
send() { ip netns exec "$NS" bash -c "echo bb > /dev/udp/127.0.0.1/$1" 2>&1; }
noports() { ip netns exec "$NS" awk '/^Udp: [0-9]/ { print $3 }' /proc/net/snmp; }
# Slot $1 of map counts in the last dump of $tmp/out ("    N => V").
last_slot() {
	awk -v k="$1" '$1 == "map" { m = $2 } m == "counts" && $1 == k && $2 == "=>" { v = $3 } END { print v + 0 }' "$tmp/out"
}
dumps_after() { [ "$(grep -c '^--- dump' "$tmp/out")" -gt "$1" ]; }

run_until_attached ip netns exec "$NS" "$TOOL" -v run --netfilter ipv4:local_out:-100 --interval 300 "$OBJ"
n0=$(noports)
out42=$(send 4242; echo "exit $?")
out43=$(send 4243; echo "exit $?")
n1=$(noports)
wait_until dumps_after "$(grep -c '^--- dump' "$tmp/out")"
kill -INT "$bg"
wait "$bg"
st=$?
bg=
case $out42 in *"Operation not permitted"*"exit 1") true ;; *) false ;; esac
is_ok $? "run --netfilter ipv4:local_out:-100: UDP to 4242 cannot be sent ($(echo $out42))"
[ "$out43" = "exit 0" ] && [ $((n1 - n0)) -eq 1 ]
is_ok $? "UDP to 4243 is sent and arrives ($out43; NoPorts $n0 -> $n1)"
[ $st -eq 0 ] && [ "$(last_slot 0)" -eq 1 ] && [ "$(last_slot 1)" -ge 1 ]
is_ok $? "its map counted 1 dropped, $(last_slot 1) accepted (exit $st)" ||
	sed 's/^/# /' "$tmp/err" | grep -v 'bpf(BPF_MAP\|^# read' | tail -5
grep -q '^netfilter: ipv4 local_out (hook 3), priority -100, in our network namespace$' "$tmp/err" &&
	grep -q '^bpf(BPF_LINK_CREATE) prog fd [0-9]* target fd/ifindex 0 attach_type 45 -> fd [0-9]*$' "$tmp/err"
is_ok $? "-v narrated the hook and the BPF_LINK_CREATE"
n0=$(noports)
out42=$(send 4242; echo "exit $?")
[ "$out42" = "exit 0" ] && [ $(($(noports) - n0)) -eq 1 ]
is_ok $? "after SIGINT the link is gone: UDP to 4242 arrives again ($out42)"

"$TOOL" run --count 1 --interval 10 --netfilter ipv4:sideways:1 "$OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q 'expected PF:HOOK:PRIORITY\[:defrag\]' "$tmp/err"
is_ok $? "--netfilter ipv4:sideways:1 is refused, saying what to write (exit $st)"
"$TOOL" run --count 1 --interval 10 "$OBJ" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "attaching it needs a netfilter hook" "$tmp/err"
is_ok $? "without --netfilter: refused, naming what it needs (exit $st)"
done_testing
