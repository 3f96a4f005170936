#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_sockets.sh - `barebpf run` on the socket program types of issue 16
# that attach to a map or a network namespace the user names:
#  - flow_dissector (--netns PATH): in a network namespace of our own with
#    RPS on lo (so that the kernel dissects every packet lo receives),
#    flow_count counts the 5 UDP datagrams we send to 127.0.0.1;
#  - sk_msg and sk_skb (--sockmap MAP): attached to the object's sockhash
#    with BPF_PROG_ATTACH, detached with BPF_PROG_DETACH when barebpf exits
#    (the narration shows both; tests/kernel/sockmap_attach.c checks their
#    effect on sockets), and refused, saying why, without a map or with a
#    map the object does not have.
# vm: host-only: it needs bash (its /dev/udp) and ip netns.
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
T=$(pwd)/$B/test
NS=bbfd$$

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF, namespaces)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"
command -v bash > /dev/null && command -v ip > /dev/null || bail "needs bash and ip"

cleanup() {
	[ -n "${bg:-}" ] && kill "$bg" 2>/dev/null && wait "$bg" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# The value of one-entry map $1 in dump $2 of $tmp/out ("0 => N").
count_at() {
	awk -v m="$1" -v d="$2" '$1 == "---" { n = $3 } $1 == "map" && $2 == m && n == d { getline; v = $3 } END { print v + 0 }' "$tmp/out"
}

# --- flow_dissector in a netns of our own (ip netns exec mounts its /sys)
ip netns add "$NS" &&
	ip netns exec "$NS" sh -c 'ip link set lo up && echo 1 > /sys/class/net/lo/queues/rx-0/rps_cpus'
is_ok $? "network namespace $NS, lo up with RPS (the kernel dissects what lo receives)"
run_until_attached "$TOOL" -v run --netns "/run/netns/$NS" --count 3 --interval 1000 "$T/flow_count.bpf.o"
grep -q 'bpf(BPF_LINK_CREATE) .* attach_type 17 -> fd' "$tmp/err"
is_ok $? "run --netns: a BPF_FLOW_DISSECTOR link on the namespace"
wait_until grep -q '^--- dump 1' "$tmp/out"
ip netns exec "$NS" bash -c 'for i in 1 2 3 4 5; do echo bb > /dev/udp/127.0.0.1/9; done' 2>/dev/null
wait "$bg"
st=$?
bg=
first=$(count_at dissected 1) last=$(count_at dissected 3)
[ $st -eq 0 ] && [ "$first" -eq 0 ] && [ "$last" -ge 5 ]
is_ok $? "flow_count dissected nothing before, the 5 datagrams after ($first -> $last, exit $st)"
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/err" | tail -5

# --- sk_msg / sk_skb on the object's sockhash
"$TOOL" -v run --sockmap msg_socks --count 1 --interval 10 "$T/sockmap_verdict.bpf.o" > "$tmp/out" 2> "$tmp/err"
st=$?
a=$(grep -c 'bpf(BPF_PROG_ATTACH) prog fd [0-9]* target fd [0-9]* attach_type \(5\|7\) -> 0' "$tmp/err")
d=$(grep -c 'bpf(BPF_PROG_DETACH) prog fd [0-9]* target fd [0-9]* attach_type \(5\|7\) -> 0' "$tmp/err")
[ $st -eq 0 ] && [ "$a" -eq 2 ] && [ "$d" -eq 2 ]
is_ok $? "run --sockmap msg_socks: both programs attached to it (BPF_PROG_ATTACH: $a) and detached at exit (BPF_PROG_DETACH: $d, exit $st)"
grep -q '^attached 2 programs' "$tmp/err"
is_ok $? "and it says 'attached 2 programs'"

"$TOOL" run --count 1 "$T/sockmap_verdict.bpf.o" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "needs a sockmap or sockhash (--sockmap MAP)" "$tmp/err"
is_ok $? "without --sockmap: refused, saying what it needs (exit $st)"
"$TOOL" run --sockmap nosuch --count 1 "$T/sockmap_verdict.bpf.o" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q -- "--sockmap nosuch: no such map" "$tmp/err"
is_ok $? "--sockmap nosuch: refused, naming it (exit $st)"
done_testing
