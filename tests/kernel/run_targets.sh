#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_targets.sh - `barebpf run` on the program types of issue 16 that
# attach to something the user names, or are run rather than attached:
#  - xdp and tcx (--iface): in two network namespaces of our own joined by a veth
#    pair, xdp_drop counts the IPv4 packets sent to it and drops them
#    (the receiving stack's IP counter does not move); once barebpf has
#    exited the link is gone and they arrive again; then a tcx/ingress
#    program does the same;
#  - tc and classifier (--iface, through rtnetlink): on the same veth,
#    UDP to port 4001 is lost, to 4004 it arrives (the receiver's UDP
#    NoPorts counter: nobody listens); iproute2's tc shows the filters and
#    the clsact qdisc while barebpf runs, and neither after its SIGINT; a
#    qdisc that was there before stays;
#  - cgroup/connect4 (--cgroup): a process moved into a fresh cgroup v2
#    directory cannot connect() to port 7, one outside it can;
#  - syscall: run once, barebpf prints what it returned;
#  - iter/task: its output lists our own processes as /proc does.
# vm: host-only: it needs bash (its /dev/udp) and cgroup v2 at
# /sys/fs/cgroup/unified, as on this project's host.
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
T=$(pwd)/$B/test
CG=/sys/fs/cgroup/unified/bbcg$$
NA=bbna$$ NB=bbnb$$ VA=bbva$$ VB=bbvb$$

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF, namespaces, cgroups)"
[ -x "$TOOL" ] || bail "no $TOOL (make)"
command -v bash > /dev/null && command -v ip > /dev/null || bail "needs bash and ip"

cleanup() {
	[ -n "${bg:-}" ] && kill "$bg" 2>/dev/null && wait "$bg" 2>/dev/null
	ip netns del "$NA" 2>/dev/null
	ip netns del "$NB" 2>/dev/null
	rmdir "$CG" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# The value of one-entry map $1 in the last dump of $tmp/out ("0 => N":
# its BTF says key and value are numbers).
last_count() {
	awk -v m="$1" '$1 == "map" && $2 == m { getline; v = $3 } END { print v + 0 }' "$tmp/out"
}

# --- syscall and iter/task
"$TOOL" run --count 1 --interval 10 "$T/syscall_run.bpf.o" > "$tmp/out" 2> "$tmp/err"
grep -qx 'compute: returned 385' "$tmp/out"
is_ok $? "run: the syscall program ran once, and returned 1^2 + ... + 10^2"

start_probe bbit$$
"$TOOL" run --count 1 --interval 10 "$T/iter_task.bpf.o" > "$tmp/out" 2> "$tmp/err"
grep -qx "$probe $probe $(cat /proc/$probe/comm)" "$tmp/out"
is_ok $? "run: iter/task lists our probe process as /proc does ($probe $(cat /proc/$probe/comm))"
grep -qx "$$ $$ $(cat /proc/$$/comm)" "$tmp/out"
is_ok $? "and this shell ($$ $(cat /proc/$$/comm))"
stop_probe
n=$(grep -c '^[0-9]* [0-9]* ' "$tmp/out")
[ "$n" -gt 10 ]
is_ok $? "and many other tasks ($n lines)"

# --- xdp across a veth pair
ip netns add "$NA" && ip netns add "$NB" &&
	ip link add "$VA" netns "$NA" type veth peer name "$VB" netns "$NB" &&
	ip -n "$NA" addr add 192.0.2.1/24 dev "$VA" && ip -n "$NB" addr add 192.0.2.2/24 dev "$VB" &&
	ip -n "$NA" link set "$VA" up && ip -n "$NB" link set "$VB" up
is_ok $? "two network namespaces joined by veth $VA - $VB"
in_b() { ip netns exec "$NB" awk '/^Ip: [0-9]/ { print $4 }' /proc/net/snmp; }
send5() {	# to UDP port $1, 9 by default
	ip netns exec "$NA" bash -c "for i in 1 2 3 4 5; do echo bb > /dev/udp/192.0.2.2/${1:-9}; sleep 0.05; done" 2>/dev/null
}
send5	# ARP resolved, before we count
# Run $1 on $VB while 5 packets are sent: sets $st, $n (its count),
# $before and $after (the IP packets $NB's stack received).  It is
# stopped as Ctrl+C would, once a map dump that began after the last
# packet is out (a --count could end it before a slow send5 is done).
dumps_after() { [ "$(grep -c '^--- dump' "$tmp/out")" -gt "$1" ]; }
run_on_vb() {
	before=$(in_b)
	run_until_attached ip netns exec "$NB" "$TOOL" -v run --iface "$VB" --interval 300 "$T/$1"
	send5
	wait_until dumps_after "$(grep -c '^--- dump' "$tmp/out")"
	kill -INT "$bg"
	wait "$bg"
	st=$?
	bg=
	after=$(in_b)
	n=$(last_count packets)
	[ $st -eq 0 ] || sed 's/^/# /' "$tmp/err" | grep -v 'bpf(BPF_MAP\|^# read' | tail -5
}
run_on_vb xdp_drop.bpf.o
[ $st -eq 0 ] && [ "$n" -ge 5 ]
is_ok $? "run --iface $VB: xdp_drop counted the 5 IPv4 packets sent ($n, exit $st)"
[ "$after" -eq "$before" ]
is_ok $? "and dropped them: $NB's IP stack received none ($before -> $after)"
send5
[ "$(in_b)" -gt "$after" ]
is_ok $? "once barebpf exited, the link is gone: packets arrive again"

# --- tcx on the same veth (Linux 6.6+)
run_on_vb tcx_count.bpf.o
[ $st -eq 0 ] && [ "$n" -ge 5 ] && [ "$after" -eq "$before" ]
is_ok $? "run --iface $VB: a tcx/ingress program counted the 5 IPv4 packets ($n) and dropped them ($before -> $after, exit $st)"

# --- tc and classifier through rtnetlink, on the same veth
noports_b() { ip netns exec "$NB" awk '/^Udp: [0-9]/ { print $3 }' /proc/net/snmp; }
filters_b() { tc -n "$NB" filter show dev "$VB" ingress 2>&1; }
clsact_b() { tc -n "$NB" qdisc show dev "$VB" | grep -c 'qdisc clsact'; }
# Run tc_drop.bpf.o on $VB while 5 datagrams go to port 4001, 5 to 4004,
# then stop it as Ctrl+C would: sets $lost, $came (what NoPorts saw of
# each), $shown (tc filter show while it ran) and $st.
run_tc() {
	run_until_attached ip netns exec "$NB" "$TOOL" -v run --iface "$VB" --interval 500 "$T/tc_drop.bpf.o"
	shown=$(filters_b; tc -n "$NB" qdisc show dev "$VB")
	n0=$(noports_b); send5 4001; n1=$(noports_b); send5 4004; n2=$(noports_b)
	lost=$((n1 - n0)) came=$((n2 - n1))
	kill -INT "$bg"
	wait "$bg"
	st=$?
	bg=
	[ $st -eq 0 ] || sed 's/^/# /' "$tmp/err" | grep -v 'bpf(BPF_MAP\|^# read' | tail -5
}
[ "$(clsact_b)" -eq 0 ]
is_ok $? "no clsact qdisc on $VB yet"
run_tc
[ $st -eq 0 ] && [ $lost -eq 0 ] && [ $came -eq 5 ]
is_ok $? "run --iface $VB tc_drop.bpf.o: UDP to 4001 lost ($lost of 5 reached UDP), to 4004 it arrives ($came of 5; exit $st)"
case $shown in *" bpf "*"tc_drop_4001 direct-action"*) true ;; *) false ;; esac &&
	case $shown in *" bpf "*"cls_drop_4002 direct-action"*) true ;; *) false ;; esac &&
	case $shown in *"qdisc clsact"*) true ;; *) false ;; esac
is_ok $? "while it ran, tc showed its two filters (tc, classifier) on the clsact qdisc's ingress" ||
	diag "$shown"
grep -q '^tc: RTM_NEWQDISC clsact on ifindex' "$tmp/err" && grep -q '^tc: the kernel chose priority' "$tmp/err" &&
	grep -q '^sendto(fd [0-9]*, [0-9]* bytes, RTM_NEWTFILTER) -> ' "$tmp/err" &&
	grep -q '^recvfrom(fd [0-9]*, up to [0-9]* bytes, NLMSG_ERROR 0 (the acknowledgement)) -> ' "$tmp/err"
is_ok $? "-v narrated the netlink requests and the kernel's answers"
[ -z "$(filters_b)" ] && [ "$(clsact_b)" -eq 0 ]
is_ok $? "after SIGINT: no filter left, the clsact qdisc it added removed"
n0=$(noports_b); send5 4001
[ $(($(noports_b) - n0)) -eq 5 ]
is_ok $? "and UDP to 4001 arrives again"
tc -n "$NB" qdisc add dev "$VB" clsact
run_tc
[ $st -eq 0 ] && [ $lost -eq 0 ] && [ $came -eq 5 ] && grep -q 'has a clsact qdisc already' "$tmp/err"
is_ok $? "with a clsact qdisc there before: the same ($lost, $came; exit $st)"
[ -z "$(filters_b)" ] && [ "$(clsact_b)" -eq 1 ]
is_ok $? "after SIGINT: no filter left, and that qdisc kept"

# --- cgroup/connect4
mkdir "$CG"
is_ok $? "a fresh cgroup v2 directory $CG"
connect7() { bash -c 'exec 3<>/dev/udp/127.0.0.1/7' 2>&1; }
run_until_attached "$TOOL" -v run --cgroup "$CG" --count 2 --interval 700 "$T/connect_refuse.bpf.o"
in_cg=$(sh -c "echo \$\$ > $CG/cgroup.procs && bash -c 'exec 3<>/dev/udp/127.0.0.1/7' 2>&1; echo \"exit \$?\"")
in_cg=$(echo "$in_cg" | tr "\n" " ")
out_cg=$(connect7; echo "exit $?")
wait "$bg"
st=$?
bg=
case $in_cg in *"Operation not permitted"*"exit 1"*) true ;; *) false ;; esac
is_ok $? "run --cgroup: connect() to port 7 from a process in $CG is refused ($in_cg)"
[ "$out_cg" = "exit 0" ]
is_ok $? "the same connect() from outside it is not ($out_cg)"
n=$(last_count refused)
[ $st -eq 0 ] && [ "$n" -eq 1 ]
is_ok $? "the program counted one refusal ($n, exit $st)"
done_testing
