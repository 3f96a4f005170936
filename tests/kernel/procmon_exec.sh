#!/bin/sh
# procmon_exec.sh - procmon, end to end: a process we start shows up in its
# JSON output with its pid and comm, and SIGINT stops procmon cleanly.
# Plain POSIX sh: it also runs under busybox in the VM tier.

top=$(cd "$(dirname "$0")/../.." && pwd)
procmon=$top/${BUILD:-build}/procmon
out=${TMPDIR:-/tmp}/procmon_exec.$$
# An absolute path, so that even busybox sh really execs it.
for sleep in /bin/sleep /usr/bin/sleep; do [ -x "$sleep" ] && break; done

echo 1..3
"$procmon" --interval 100 --json >"$out" 2>&1 &
pm=$!

# We cannot know when procmon has attached: start marker processes until
# one of them is seen (or give up after 30 of them).
seen=
n=0
while [ -z "$seen" ] && [ $n -lt 30 ]; do
	"$sleep" 3 &
	marker=$!
	n=$((n + 1))
	i=0
	while [ $i -lt 20 ]; do
		if grep -q "\"pid\":$marker,.*\"comm\":\"sleep\"" "$out"; then
			seen=$marker
			break
		fi
		kill -0 $pm 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	kill $marker 2>/dev/null
done

if [ -n "$seen" ]; then
	echo "ok 1 - procmon shows the sleep we started (pid $seen, marker $n)"
else
	echo "not ok 1 - procmon never showed one of our $n sleep processes"
	sed 's/^/# /' "$out" | tail -n 20
fi
kill -INT $pm 2>/dev/null
wait $pm
rc=$?
if [ $rc -eq 0 ]; then echo "ok 2 - SIGINT stops procmon with status 0"
else echo "not ok 2 - procmon exited with status $rc after SIGINT"; fi
row='^{"pid":[0-9]*,"ppid":[0-9]*,"uid":[0-9]*,"comm":".*","age_ms":[0-9]*}$'
if grep -q "$row" "$out" && ! grep -v "$row" "$out" | grep -q .; then
	echo "ok 3 - every line of output is one JSON row"
else
	echo "not ok 3 - procmon's output is not all JSON rows"
	grep -v "$row" "$out" | head -n 5 | sed 's/^/# /'
fi
rm -f "$out"
