#!/bin/sh
# docs/examples/execve_counter (the course's counter): the user side on
# barebpf's skeleton, and the same on libbpf (the oracle, where built),
# each presets the counter to 100 and copies trace_pipe.  The first
# "execve called N times" line says 101, none says less, and each exec of
# ours (a uniquely named copy of true) has its own line, by its pid,
# counting up.  Other processes exec too: only what is ours is counted.
# vm: host-only: the examples are built for the host only (make examples).
set -u
. tests/tap.sh
N=3

# The number in each "execve called N times" line; the smallest.
numbers() { sed -n 's/.*bpf_trace_printk: execve called \([0-9]*\) times.*/\1/p' "$1"; }
smallest() { numbers "$1" | sort -n | head -1; }

# trace_pipe lines of pid $1: "<comm>-PID [CPU] ... execve called N times".
line_of() { grep -E -- "-$1 +\[[0-9]+\].*execve called [0-9]+ times" "$2"; }
all_seen() { for p in $pids; do line_of "$p" "$1" > /dev/null || return 1; done; }

check() {	# PROGRAM NAME
	out=$tmp/out.$2
	"$1" > "$out" 2> "$tmp/err.$2" &
	prog=$!
	wait_until grep -q '^ready: counter preset to 100' "$out"
	is_ok $? "$2: loaded, counter preset to 100, attached"
	cp /bin/true "$tmp/bbex_$$"
	pids=
	i=0
	while [ $i -lt $N ]; do
		"$tmp/bbex_$$" & pids="$pids $!"
		wait $!
		i=$((i + 1))
	done
	wait_until all_seen "$out"
	is_ok $? "$2: a line for each of our $N execs (pids$pids)"
	kill -INT $prog
	wait $prog
	is_ok $? "$2: Ctrl+C (SIGINT) stops it with status 0"
	grep -q 'bpf_trace_printk: execve called 101 times$' "$out" && [ "$(smallest "$out")" = 101 ]
	is_ok $? "$2: 'execve called 101 times' is there, and nothing less (smallest: $(smallest "$out"))"
	last=100
	mono=0
	for p in $pids; do
		n=$(line_of "$p" "$out" | sed 's/.*execve called \([0-9]*\) times.*/\1/' | head -1)
		[ -n "$n" ] && [ "$n" -gt "$last" ] || mono=1
		last=${n:-$last}
	done
	[ $mono -eq 0 ]
	is_ok $? "$2: our execs' numbers count up from above 100 (last: $last)"
	[ -s "$tmp/err.$2" ] && diag "$(head -5 "$tmp/err.$2")"
}

[ -x "$B/examples/execve_counter" ] || bail "no $B/examples/execve_counter (make examples)"
check "$B/examples/execve_counter" barebpf
if [ -x "$B/examples/execve_counter_libbpf" ]; then
	check "$B/examples/execve_counter_libbpf" libbpf
else
	diag "no $B/examples/execve_counter_libbpf (no libbpf-dev): barebpf's run only"
fi
done_testing
