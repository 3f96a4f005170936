#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# execcount.sh - build/execcount in the real kernel.  With --start 100,
# after N runs of /bin/true the counter is at least 100 + N (other
# processes on the machine exec too), the first bpf_printk line says 101
# and no line says less, and Ctrl+C (SIGINT) stops it with status 0.
# Waits are bounded (30 s each) but nothing about timing is asserted.
set -u
B=${BUILD:-build}
N=5
out=$(mktemp)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -f "$out"' EXIT
t=0
failed=0

ok() {
	t=$((t + 1))
	if [ "$1" -eq 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; failed=1; fi
}

# Wait until command "$@" succeeds, for at most 30 s.
wait_until() {
	i=0
	until "$@"; do
		i=$((i + 1))
		[ $i -ge 300 ] && return 1
		sleep 0.1
	done
}

# The largest count printed, and the smallest bpf_printk number seen.
max_count() { awk '/^execve calls:/ { if ($3 > m) m = $3 } END { print m + 0 }' "$out"; }
min_trace() {
	awk '/execve called/ { for (i = 1; i < NF; i++) if ($i == "called") v = $(i + 1) + 0;
		if (m == "" || v < m) m = v } END { print m + 0 }' "$out"
}
count_reached() { [ "$(max_count)" -ge $((100 + N)) ]; }

echo 1..8
"$B/execcount" --help | grep -q -- '--trace-pipe'
ok $? "--help describes --trace-pipe"
"$B/execcount" --start nope >/dev/null 2>&1
ok $(( $? != 2 )) "a bad --start exits with status 2"

"$B/execcount" --start 100 --interval 100 --trace-pipe >"$out" 2>&1 &
pid=$!
wait_until grep -q '^counting execve calls from 100' "$out"
ok $? "execcount --start 100 --trace-pipe attached"
i=0
while [ $i -lt $N ]; do /bin/true; i=$((i + 1)); done
wait_until count_reached
ok $? "after $N execs of /bin/true the counter is >= 100 + $N (got $(max_count))"
wait_until grep -q 'execve called 101 times' "$out"
ok $? "a trace_pipe line says 'execve called 101 times'"
[ "$(min_trace)" -eq 101 ]
ok $? "no trace_pipe line says less than 101 (smallest: $(min_trace))"
grep -q '^execve calls: [0-9]* (last by pid [1-9]' "$out"
ok $? "the .bss variable last_pid is read back by name"
kill -INT "$pid"
wait "$pid"
ok $? "SIGINT stops it with status 0"
pid=
[ $failed -eq 0 ] || sed 's/^/# /' "$out"
exit $failed
