#!/bin/sh
# procmon_exec.sh - procmon, end to end, attached both ways (ioctls, then
# --perf-link): a process we start shows up in its JSON output with its
# pid and comm, SIGINT stops it cleanly, and every line is a JSON row.
# Plain POSIX sh: it also runs under busybox in the VM tier.

top=$(cd "$(dirname "$0")/../.." && pwd)
procmon=$top/${BUILD:-build}/procmon
out=${TMPDIR:-/tmp}/procmon_exec.$$
# An absolute path, so that even busybox sh really execs it.
for sleep in /bin/sleep /usr/bin/sleep; do [ -x "$sleep" ] && break; done
n=0

tap() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# We cannot know when procmon has attached: start marker processes until
# one of them is seen (or give up after 30 of them).
find_marker() {
	tries=0
	while [ $tries -lt 30 ]; do
		"$sleep" 3 &
		marker=$!
		tries=$((tries + 1))
		i=0
		while [ $i -lt 20 ]; do
			if grep -q "\"pid\":$marker,.*\"comm\":\"sleep\"" "$out"; then
				kill $marker 2>/dev/null
				echo $marker
				return 0
			fi
			kill -0 $pm 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		kill $marker 2>/dev/null
	done
	return 1
}

run() {
	how=$1
	shift
	"$procmon" --interval 100 --json "$@" >"$out" 2>&1 &
	pm=$!
	if seen=$(find_marker); then
		tap ok "$how: procmon shows the sleep we started (pid $seen)"
	else
		tap not "$how: procmon never showed one of our sleep processes"
		sed 's/^/# /' "$out" | tail -n 20
	fi
	kill -INT $pm 2>/dev/null
	wait $pm
	rc=$?
	if [ $rc -eq 0 ]; then tap ok "$how: SIGINT stops procmon with status 0"
	else tap not "$how: procmon exited with status $rc after SIGINT"; fi
	row='^{"pid":[0-9]*,"ppid":[0-9]*,"uid":[0-9]*,"comm":".*","age_ms":[0-9]*}$'
	if grep -q "$row" "$out" && ! grep -v "$row" "$out" | grep -q .; then
		tap ok "$how: every line of output is one JSON row"
	else
		tap not "$how: procmon's output is not all JSON rows"
		grep -v "$row" "$out" | head -n 5 | sed 's/^/# /'
	fi
	rm -f "$out"
}

echo 1..6
run "ioctl attach"
run "perf link" --perf-link
