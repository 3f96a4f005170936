#!/bin/sh
# faults.sh - make each system call of a full procmon start (and of
# `barebpf run`) fail in turn,
# with strace's fault injection (-e inject=CALL:error=E:when=N fails the
# Nth CALL), and check every run: procmon exits 0 (the failure did not
# matter) or 1 with a "procmon: ..." message, never dies of a signal,
# and every fd it opened (bpf objects, perf events, files) was closed
# before it exited.  A full start: read vmlinux BTF, create maps, load,
# look tracefs ids up, attach, dump the table (twice: --count 2).
#
# The static procmon is used: a dynamic one would make ld.so's own calls
# fail too.  Reading /sys/kernel/btf/vmlinux takes over a thousand 4 KiB
# reads, all alike: the first 12 fail in turn, then every 150th.
# vm: host-only: it runs the host's strace, which the VM does not have.
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"
command -v strace >/dev/null || bail "strace is not installed (make deps)"
P=$B/static/procmon
BB=$B/static/barebpf
[ -x "$P" ] && [ -x "$BB" ] || bail "$P or $BB is missing: make static"

# Every fd a traced call returned and that no close() took back.
leaked_fds() {
	awk '
	/^(bpf|openat|perf_event_open|dup|dup3|epoll_create1|memfd_create)\(/ &&
	    / = [0-9]+$/ { fd = $NF; if (fd > 2) open[fd] = $0 }
	/^close\(/ { s = $0; sub(/^close\(/, "", s); sub(/\).*/, "", s); delete open[s] }
	END { for (fd in open) print "fd " fd ": " open[fd] }' "$1"
}

runs=0 bad=0
# The tool under test, and how its messages start.
set_tool() { tool=$1; who=$2; shift 2; args="$*"; }
# try CALL ERRNO N: fail the Nth CALL; returns 1 once N is past the last.
try() {
	# shellcheck disable=SC2086
	strace -o "$tmp/st" -e inject="$1:error=$2:when=$3" \
		"$tool" $args >/dev/null 2>"$tmp/err"
	rc=$?
	grep -q 'INJECTED' "$tmp/st" || return 1
	runs=$((runs + 1))
	why=""
	case $rc in
	0) ;;
	1) grep -q "^$who: .." "$tmp/err" || why="status 1 without a message" ;;
	*) why="status $rc" ;;
	esac
	leaks=$(leaked_fds "$tmp/st")
	[ -z "$leaks" ] || why="$why; left open: $leaks"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		not_ok "$who: $1 #$3 fails with $2: $why"
		diag "$(cat "$tmp/err")"
	fi
	return 0
}

# every_call: each call of the tool fails in turn.
every_call() {
	for spec in bpf:EPERM perf_event_open:EACCES ioctl:EINVAL openat:ENOENT \
		    fstat:EIO ppoll:EINVAL mmap:ENOMEM rt_sigprocmask:EINVAL \
		    rt_sigtimedwait:EINTR write:EIO read:EIO; do
		call=${spec%%:*} e=${spec#*:}
		n=1 before=$runs
		while :; do
			try "$call" "$e" "$n" || break
			if [ "$call" = read ] && [ "$n" -ge 12 ]; then
				n=$((n + 150))
			else
				n=$((n + 1))
			fi
		done
		[ $runs -gt $before ]
		is_ok $? "$who: $call failed in turn at $((runs - before)) calls"
	done
	# A clean run: the baseline must itself close everything.
	# shellcheck disable=SC2086
	strace -o "$tmp/st" "$tool" $args >/dev/null 2>"$tmp/err"
	[ $? = 0 ] && [ -z "$(leaked_fds "$tmp/st")" ]
	is_ok $? "$who: without a failure: status 0, every fd closed"
}

# Two tables: with --interval 0 the first comes without a wait, the
# second after an rt_sigtimedwait (that call fails in turn too).
set_tool "$P" procmon --count 2 --interval 0
every_call
set_tool "$BB" "barebpf run" run "$B/procmon.bpf.o" --count 1 --interval 0
every_call
[ $bad = 0 ]; is_ok $? "$runs runs with one failed call: each exited cleanly ($bad did not)"
done_testing
