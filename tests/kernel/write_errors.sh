#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# write_errors.sh - a failed write to stdout ends every tool with
# "NAME: write error: <strerror>" and status 1, as coreutils do: a full
# disk (/dev/full: ENOSPC), stdout closed (">&-": EBADF), a closed pipe
# while SIGPIPE is ignored (EPIPE).  procmon --events must stop by itself
# (it used to run on silently).  And a closed pipe with SIGPIPE as usual
# (`procmon | head -1`) ends the tool quietly: SIGPIPE or 0, no message.
# Plain POSIX sh (busybox in the VM tier).
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (procmon, execcount, uidcount, barebpf run)"
[ -w /dev/full ] || skip_all "no /dev/full"
OBJ=$B/procmon.bpf.o

# expect_error STRERROR CMD...: CMD's stdout is already redirected by the
# caller (through "$@" we cannot redirect it here).
check() {	# WHAT STATUS STRERROR NAME
	if [ "$2" -ne 0 ] && [ "$2" -ne 124 ] && [ "$2" -ne 137 ] &&
	   grep -q "^$4: write error: $3\$" "$tmp/err"; then
		ok "$1: status $2, '$4: write error: $3'"
	else
		diag "status $2; stderr: $(head -c 400 "$tmp/err")"
		not_ok "$1: status $2, no '$4: write error: $3'"
	fi
}
T="timeout -k 2 20"
full() {	# NAME CMD...: run with stdout on /dev/full
	name=$1; shift
	$T "$@" > /dev/full 2> "$tmp/err"
	check "$* >/dev/full" $? "No space left on device" "$name"
}
closed() {	# NAME CMD...: run with stdout closed
	name=$1; shift
	$T "$@" >&- 2> "$tmp/err"
	check "$* >&-" $? "Bad file descriptor" "$name"
}

full procmon "$B/procmon" --count 2 --interval 100
# --json prints no header: only rows, so processes must exec meanwhile
# (on a quiet machine the table would be empty and nothing written).
( while :; do /bin/true; sleep 0.02; done ) & execs=$!
full procmon "$B/procmon" --json --count 5 --interval 100
kill $execs; wait $execs 2>/dev/null
full procmon "$B/procmon" --events	# no --count: it must stop by itself
full procmon "$B/procmon" --events=ringbuf
full barebpf "$B/barebpf" inspect --disasm "$OBJ"
full barebpf "$B/barebpf" inspect --json "$OBJ"
full barebpf "$B/barebpf" disasm "$OBJ"
full barebpf "$B/barebpf" load "$OBJ"
full "barebpf run" "$B/barebpf" run "$OBJ" --interval 100 --count 2
full execcount "$B/execcount" --count 1 --interval 100
full uidcount "$B/uidcount" --count 1 --interval 100
closed procmon "$B/procmon" --count 2 --interval 100
closed procmon "$B/procmon" --events
closed barebpf "$B/barebpf" inspect --disasm "$OBJ"
closed execcount "$B/execcount" --count 1 --interval 100

# A pipe whose reader has closed it, SIGPIPE ignored: EPIPE.  The reader
# closes its end at once; the tool writes later (sleep, or its interval).
epipe() {	# NAME CMD...
	name=$1; shift
	{ (trap '' PIPE; sleep 0.3; exec $T "$@" 2> "$tmp/err"); echo $? > "$tmp/rc"; } |
		sh -c 'exec 0<&-; sleep 1'
	check "$* | (closed), SIGPIPE ignored" "$(cat "$tmp/rc")" "Broken pipe" "$name"
}
epipe procmon "$B/procmon" --count 3 --interval 100
epipe procmon "$B/procmon" --events
epipe barebpf "$B/barebpf" inspect --disasm "$OBJ"

# A closed pipe as usual: SIGPIPE ends the tool, without a word.
quiet() {	# CMD...
	{ $T "$@" 2> "$tmp/err"; echo $? > "$tmp/rc"; } | head -n 1 > /dev/null
	rc=$(cat "$tmp/rc")
	if { [ "$rc" -eq 141 ] || [ "$rc" -eq 0 ]; } && [ ! -s "$tmp/err" ]; then
		ok "$* | head -1: ends quietly (status $rc)"
	else
		diag "status $rc; stderr: $(head -c 400 "$tmp/err")"
		not_ok "$* | head -1: status $rc or a message"
	fi
}
quiet "$B/procmon" --interval 100
quiet "$B/procmon" --events
quiet "$B/barebpf" inspect --disasm "$OBJ"
done_testing
