#!/bin/sh
# docs/examples/execve_perfbuf (the course's perf buffer): the user side
# on barebpf's skeleton and bb_perf_buffer_*, and the same on libbpf (the
# oracle, where built), print one line per execve on the machine.  A
# uniquely named shell (a copy of sh) runs /bin/true N times: exactly N
# lines carry its name, their counts all different, and nothing is lost.
# Other processes exec too: only lines with our name are counted.
# vm: host-only: the examples are built for the host only (make examples).
set -u
. tests/tap.sh
N=7

ours() { awk -v c="bbpb_$$" '$2 == c' "$1"; }
enough() { [ "$(ours "$1" | wc -l)" -ge $N ]; }

cp /bin/sh "$tmp/bbpb_$$"
cmds=/bin/true
i=1
while [ $i -lt $N ]; do cmds="$cmds; /bin/true"; i=$((i + 1)); done

check() {	# PROGRAM NAME
	out=$tmp/out.$2
	"$1" > "$out" 2> "$tmp/err.$2" &
	prog=$!
	wait_until grep -q '^PID *COMM *COUNT$' "$out"
	is_ok $? "$2: loaded, attached, perf buffer open"
	"$tmp/bbpb_$$" -c "$cmds"
	wait_until enough "$out"
	# A duplicate could still come: give it a poll or two.
	sleep 0.3
	kill -INT $prog
	wait $prog
	is_ok $? "$2: Ctrl+C (SIGINT) stops it with status 0"
	n=$(ours "$out" | wc -l)
	[ "$n" -eq $N ]
	is_ok $? "$2: exactly $N events from bbpb_$$ (got $n)"
	[ "$(ours "$out" | awk '{ print $3 }' | sort -u | wc -l)" -eq "$n" ] &&
		[ "$(ours "$out" | awk '{ print $1 }' | sort -u | wc -l)" -eq "$n" ]
	is_ok $? "$2: each has its own count and its own pid"
	! grep -q '^lost' "$tmp/err.$2"
	is_ok $? "$2: no 'lost' report from handle_lost"
	[ -s "$tmp/err.$2" ] && diag "$(head -5 "$tmp/err.$2")"
}

[ -x "$B/examples/execve_perfbuf" ] || bail "no $B/examples/execve_perfbuf (make examples)"
check "$B/examples/execve_perfbuf" barebpf
if [ -x "$B/examples/execve_perfbuf_libbpf" ]; then
	check "$B/examples/execve_perfbuf_libbpf" libbpf
else
	diag "no $B/examples/execve_perfbuf_libbpf (no libbpf-dev): barebpf's run only"
fi
done_testing
