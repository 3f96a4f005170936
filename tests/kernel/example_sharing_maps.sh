#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vm: host-only (the example is built against the host's libc, as a user would)
#
# example_sharing_maps.sh - docs/examples/sharing_maps (the pinning Q&A)
# in the real kernel, on barebpf's skeleton and, as the oracle, on
# libbpf's.  A program named after our pid (a copy of true) is exec'd:
#  - `count` pins exec_count by name in a directory of our own and inserts
#    a step map of 3 into the map of maps: two execs, and `read`, another
#    process, opens the pin and sees 6 (the program read the step user
#    space inserted: without it nothing is counted);
#  - `reuse` loads a second copy of the object on the pin's fd
#    (bb_map_reuse_fd) with a step of 10: one more exec, the first reader
#    sees 6 + 3 + 10 = 19 (its program wrote into the shared map);
#  - both end on SIGINT with status 0, nothing on stderr; the pin outlives
#    them and still reads 19.
# Other processes exec meanwhile: only execs of our name count.
set -u
. tests/tap.sh
[ "$(id -u)" -eq 0 ] || skip_all "needs root (loads BPF programs)"
[ -x "$B/examples/sharing_maps" ] || bail "no $B/examples/sharing_maps (make examples)"

name=shm_$$
cp /bin/true "$tmp/$name"
pids=
dirs=
cleanup() {
	for p in $pids; do kill $p 2>/dev/null; wait $p 2>/dev/null; done
	for d in $dirs; do rm -f "$d/exec_count"; rmdir "$d" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT

wait_until() {
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		[ $_i -ge 300 ] && return 1
		sleep 0.1
	done
}

ready() { grep -q '^ready: ' "$1" || ! kill -0 $2 2>/dev/null; }

# PROGRAM TAG MODE STEP: start it in the background ($bg), wait for ready.
start() {
	"$B/examples/$1" $3 "$dir" "$name" $4 > "$tmp/$2.$3.out" 2> "$tmp/$2.$3.err" &
	bg=$!
	pids="$pids $bg"
	wait_until ready "$tmp/$2.$3.out" $bg
	grep -q "^ready: counting execs of $name, $4 each\$" "$tmp/$2.$3.out"
	is_ok $? "$2 $3: loaded, step map inserted, attached"
}

read_is() {	# PROGRAM TAG WANT WHAT
	got=$("$B/examples/$1" read "$dir" 2>&1)
	[ "$got" = "exec_count $3" ]
	is_ok $? "$2: $4"
	[ "$got" = "exec_count $3" ] || diag "read printed: $got"
}

stop() {	# PID TAG
	kill -INT $1
	wait $1
	is_ok $? "$2: SIGINT ends it with status 0"
}

check() {	# PROGRAM TAG
	dir=/sys/fs/bpf/shm_$$_$2
	mkdir "$dir" || { not_ok "$2: mkdir $dir"; return; }
	dirs="$dirs $dir"

	start "$1" "$2" count 3
	first=$bg
	[ -e "$dir/exec_count" ]
	is_ok $? "$2 count: exec_count pinned by name at $dir/exec_count"
	"$tmp/$name"; "$tmp/$name"
	read_is "$1" "$2" 6 "a second process reads the pin: 2 execs x step 3 = 6"

	start "$1" "$2" reuse 10
	second=$bg
	"$tmp/$name"
	read_is "$1" "$2" 19 "the reusing object's program adds to the same map: 6 + 3 + 10 = 19"

	stop $second "$2 reuse"
	stop $first "$2 count"
	read_is "$1" "$2" 19 "the pin outlives both loaders"
	cat "$tmp/$2".*.err > "$tmp/$2.err"
	[ ! -s "$tmp/$2.err" ]
	is_ok $? "$2: nothing on stderr"
	[ -s "$tmp/$2.err" ] && diag "$(head -5 "$tmp/$2.err")"
	rm -f "$dir/exec_count"
	rmdir "$dir"
}

check sharing_maps barebpf
if [ -x "$B/examples/sharing_maps_libbpf" ]; then
	check sharing_maps_libbpf libbpf
else
	case "${BAREBPF_NO_SKIP:-}" in
	""|0) ok "# skip sharing_maps_libbpf not built (libbpf-dev or bpftool missing)" ;;
	*) not_ok "sharing_maps_libbpf not built (BAREBPF_NO_SKIP)" ;;
	esac
fi
done_testing
