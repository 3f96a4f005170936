#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vm: host-only (the example is built against the host's libc, as a user would)
#
# lesson5.sh - docs/examples/lesson5 (Lesson 5, kernel and user space map
# communication) in the real kernel, on barebpf's skeleton and, as the
# oracle, on libbpf's: a process with a name of our own (it has our pid
# in it), started after the program attached, appears in a printed round
# of the map with its pid; once it has ended, a later round no longer
# lists it; SIGINT (Ctrl+C) ends the program with status 0, and nothing
# was said on stderr.  Other processes come and go meanwhile: only ours
# is looked for.
. tests/tap.sh
[ "$(id -u)" -eq 0 ] || skip_all "needs root (loads BPF programs)"
[ -x "$B/examples/lesson5" ] || bail "$B/examples/lesson5 is not built (make examples)"

# Wait (at most 30 s) until "$@" succeeds.
wait_until() {
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		[ $_i -ge 300 ] && return 1
		sleep 0.1
	done
}

# Whether a whole round printed after line $2 of file $1 leaves out $3.
round_without() {
	tail -n +"$2" "$1" | awk -v name="$3" '
		/^--- processes started/ { open = 1; seen = 0; next }
		open && $2 == name { seen = 1 }
		open && /^--- [0-9]+ processes ---$/ { if (!seen) found = 1; open = 0 }
		END { exit !found }'
}

started() { grep -q '^Successfully started!' "$tmp/out" || ! kill -0 $pid 2>/dev/null; }
listed() { grep -Eq "^$probe_pid +$name\$" "$tmp/out"; }

run() {
	what=$1
	# Emptied before the start: the previous twin's "Successfully started!"
	# must not count (the redirection below happens later, in the child).
	: > "$tmp/out"
	"$B/examples/$what" > "$tmp/out" 2> "$tmp/err" &
	pid=$!
	wait_until started
	grep -q '^Successfully started! Ctrl+C to stop.$' "$tmp/out"
	is_ok $? "$what: opens, loads and attaches"

	name=l5_$$
	cp /bin/sleep "$tmp/$name"
	"$tmp/$name" 30 &
	probe_pid=$!
	wait_until listed
	is_ok $? "$what: our process $name (pid $probe_pid) appears in a round"
	kill $probe_pid
	wait $probe_pid 2>/dev/null
	after=$(($(wc -l < "$tmp/out") + 1))
	wait_until round_without "$tmp/out" "$after" "$name"
	is_ok $? "$what: once it ended, a later round leaves it out"

	kill -INT $pid
	wait $pid
	is_ok $? "$what: Ctrl+C (SIGINT) ends it with status 0"
	[ ! -s "$tmp/err" ]
	is_ok $? "$what: nothing on stderr"
	[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"
}

run lesson5
if [ -x "$B/examples/lesson5_libbpf" ]; then
	run lesson5_libbpf
else
	case "${BAREBPF_NO_SKIP:-}" in
	""|0) ok "# skip lesson5_libbpf not built (libbpf-dev or bpftool missing)" ;;
	*) not_ok "lesson5_libbpf not built (BAREBPF_NO_SKIP)" ;;
	esac
fi
done_testing
