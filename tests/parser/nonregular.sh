#!/bin/sh
# An object path that is not a regular file is refused before anything is
# read from it, without blocking, saying what it is: /dev/zero would be read
# up to the size limit, /dev/urandom and a FIFO with no writer for ever (the
# FIFO already in open(2)).  Every tool that opens an object: barebpf inspect,
# disasm, load and run, procmon --obj.  No root needed: the refusal comes
# before the first bpf(2) call.  `timeout` turns a hang into a failure.
set -u
. tests/tap.sh

[ -x "$B/barebpf" ] && [ -x "$B/procmon" ] || bail "need $B/barebpf and $B/procmon (make)"
mkfifo "$tmp/fifo" || bail "mkfifo"
mkdir "$tmp/dir"

check_one() {	# PATH WHAT COMMAND...
	path=$1 what=$2
	shift 2
	timeout -k 1 5 "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 124 ] &&
	   grep -q "$path: $what, not a regular file" "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "$* refused: $what"
	else
		diag "status $rc; stderr: $(head -c 300 "$tmp/err")"
		not_ok "$* refused: $what"
	fi
}

for pair in "/dev/zero:is a character device" "/dev/urandom:is a character device" \
	    "$tmp/fifo:is a FIFO" "$tmp/dir:is a directory"; do
	p=${pair%%:*} w=${pair#*:}
	check_one "$p" "$w" "$B/barebpf" inspect "$p"
	check_one "$p" "$w" "$B/barebpf" disasm "$p"
	check_one "$p" "$w" "$B/barebpf" load "$p"
	check_one "$p" "$w" "$B/barebpf" run "$p"
	check_one "$p" "$w" "$B/procmon" --obj "$p" --count 1
done
done_testing
