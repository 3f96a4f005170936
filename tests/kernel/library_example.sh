#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vm: host-only (the example is built against the host's libc, as a user would)
#
# library_example.sh - docs/library.md's program, docs/examples/counter,
# built as a library user builds it (<barebpf.h>, libbarebpf.a), run in
# the real kernel: it says "ready" once attached with the counter preset
# to 100; an execve the test then makes (from a process whose pid it
# knows) shows up as an event numbered above 100; no event is numbered 100 or less; and
# SIGINT ends it with status 0, its program gone from the kernel.
. tests/tap.sh
EX=$B/examples/counter
[ -x "$EX" ] || bail "$EX is not built (make examples)"
command -v bpftool >/dev/null || bail "bpftool (the test oracle) is not installed"

"$EX" "$B/examples/counter.bpf.o" > "$tmp/out" 2> "$tmp/err" &
pid=$!
i=0
until grep -q '^ready' "$tmp/out" || ! kill -0 $pid 2>/dev/null; do
	i=$((i + 1)); [ $i -ge 300 ] && break; sleep 0.1
done
grep -q '^ready: counter preset to 100$' "$tmp/out"
is_ok $? "the example loads, presets the counter and attaches"
cat "$tmp/err" | sed 's/^/# stderr: /'

# The event is sent at the entry of execve, so it carries the caller: a
# shell that prints its own pid, then execs.
p=$(sh -c 'echo $$; exec /bin/true')
i=0
until grep -q "by pid $p (" "$tmp/out"; do
	i=$((i + 1)); [ $i -ge 300 ] && break; sleep 0.1
done
line=$(grep "by pid $p (" "$tmp/out" | head -1)
n=$(echo "$line" | sed -n 's/^execve #\([0-9]*\) by pid [0-9]* (.*)$/\1/p')
[ -n "$n" ] && [ "$n" -gt 100 ]
is_ok $? "our own execve arrives through the perf buffer, numbered above 100 ($line)"
low=$(awk '/^execve #/ { n = substr($2, 2) + 0; if (n <= 100) c++ } END { print c + 0 }' "$tmp/out")
[ "$low" -eq 0 ]
is_ok $? "no event is numbered 100 or less (the preset came before the attach)"

# The program's id, while it runs: the one tracepoint program named count_execve
# that this process holds (its fdinfo says prog_id).
ids=$(for f in /proc/$pid/fdinfo/*; do sed -n 's/^prog_id:[[:space:]]*//p' "$f"; done 2>/dev/null | sort -u)
[ -n "$ids" ]
is_ok $? "it holds a program fd (ids: $(echo $ids))"

kill -INT $pid
wait $pid
is_ok $? "SIGINT ends it with status 0"
# The kernel frees a program after an RCU grace period: wait for it (10 s at most).
alive() {
	for id in $ids; do
		bpftool prog show id "$id" >/dev/null 2>&1 && return 0
	done
	return 1
}
i=0
while alive; do
	i=$((i + 1)); [ $i -ge 100 ] && break; sleep 0.1
done
! alive
is_ok $? "its program is gone from the kernel after exit"
done_testing
