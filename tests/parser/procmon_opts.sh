#!/bin/sh
# procmon's options are checked when the command line is read, before
# anything is loaded (so no root is needed to see them refused): --pages
# must be a power of two from 1 to 1048576, and only --events=perf uses
# it, so without --events (or with --events=ringbuf) it is refused rather
# than silently ignored.  -v narrates every kernel call: none may happen.
set -u
. tests/tap.sh
P=$B/procmon
[ -x "$P" ] || bail "no $P (make)"

refused() {	# refused WHAT ARGS...: status 2, the message, no bpf() call
	what=$1
	shift
	# A procmon that accepts them would run on: timeout ends it.
	timeout 10 "$P" -v "$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ $st -eq 2 ] && grep -q "$what" "$tmp/err" && ! grep -q 'bpf(' "$tmp/err"
	is_ok $? "procmon $*: refused before any kernel call (status $st)"
	[ $st -eq 2 ] || sed 's/^/# /' "$tmp/err"
}

refused 'want a power of two' --events --pages 3
refused 'want a power of two' --events --pages 0
refused 'want a power of two' --events --pages 2097152
refused 'want a power of two' --events --pages -4
refused 'needs --events' --pages 4
refused 'needs --events' --events=ringbuf --pages 4
refused 'needs --events' --pages 4 --count 1
done_testing
