#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vm: host-only: builds a preload library with the host's cc
#
# barebpf_list_vanish.sh - `barebpf map list` and `prog list` on a busy
# machine: an object can go away between BPF_*_GET_NEXT_ID naming its id
# and BPF_*_GET_FD_BY_ID asking for it, and the kernel then answers ENOENT.
# That race is too narrow to hit on purpose, so a preload library makes
# the kernel's answer for one id ENOENT (BB_VANISH_ID, one of our own
# objects, loaded and pinned here); the list must leave it out, go on,
# list the others (our second map) and exit 0.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/test/map_api.bpf.o
D=/sys/fs/bpf/bbvanish$$
trap 'rm -rf "$tmp" "$D"' EXIT

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] || bail "no $TOOL or $OBJ (make)"
command -v cc > /dev/null || bail "no cc to build the preload library"
ldd "$TOOL" > /dev/null 2>&1 || bail "$TOOL is static: nothing to preload into"

cat > "$tmp/vanish.c" <<'C'
/* syscall(2) for everyone, except BPF_*_GET_FD_BY_ID of id
 * $BB_VANISH_ID: ENOENT, as if the object had just gone. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/syscall.h>

long syscall(long nr, ...)
{
	static long (*real)(long, ...);
	const char *vanish = getenv("BB_VANISH_ID");
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (nr == __NR_bpf && vanish &&
	    (a[0] == BPF_MAP_GET_FD_BY_ID || a[0] == BPF_PROG_GET_FD_BY_ID) &&
	    ((union bpf_attr *)a[1])->map_id == strtoul(vanish, NULL, 10)) {
		errno = ENOENT;
		return -1;
	}
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
C
cc -shared -fPIC -o "$tmp/vanish.so" "$tmp/vanish.c" -ldl || bail "cannot build the preload library"
# Under make test SANITIZE=1 the tool links ASan, whose runtime must come
# first in the preload list.
asan=$(ldd "$TOOL" | awk '/libasan/ { print $3 }')
PRE="${asan:+$asan }$tmp/vanish.so"

mkdir "$D" || bail "mkdir $D (bpffs at /sys/fs/bpf?)"
"$TOOL" load "$OBJ" --pin "$D" > "$tmp/load" 2>&1 || bail "load --pin $D: $(cat "$tmp/load")"
mid() { "$TOOL" map show pinned "$D/$1" --json | sed 's/^{"id":\([0-9]*\),.*/\1/'; }
plain=$(mid plain)
self=$(mid self)
prog=$(sed -n 's/^count_exec: id \([0-9]*\)$/\1/p' "$tmp/load")
raw=$(sed -n 's/^raw_exec: id \([0-9]*\)$/\1/p' "$tmp/load")
[ -n "$plain" ] && [ -n "$self" ] && [ -n "$prog" ] && [ -n "$raw" ] || bail "no ids for our maps and programs"

# Without the preload, both are listed: the test sees what it removes.
"$TOOL" map list > "$tmp/out" 2>&1
grep -q "^$plain: hash  name plain " "$tmp/out" && grep -q "^$self: array  name self " "$tmp/out"
is_ok $? "map list shows our two maps ($plain, $self)"

BB_VANISH_ID=$plain LD_PRELOAD="$PRE" "$TOOL" map list > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && [ ! -s "$tmp/err" ]
is_ok $? "map list with map $plain gone under it: exit 0, nothing on stderr (got $st)"
[ $st -eq 0 ] || diag "$(cat "$tmp/err")"
! grep -q "^$plain: " "$tmp/out" && grep -q "^$self: array  name self " "$tmp/out"
is_ok $? "the vanished map is left out, the next ones still listed"

BB_VANISH_ID=$plain LD_PRELOAD="$PRE" "$TOOL" map list --json > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && python3 -c "
import json, sys
ids = [m['id'] for m in json.load(open(sys.argv[1]))]
sys.exit(0 if $plain not in ids and $self in ids else 1)" "$tmp/out"
is_ok $? "map list --json likewise, and still valid JSON"

BB_VANISH_ID=$prog LD_PRELOAD="$PRE" "$TOOL" prog list > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && ! grep -q "^$prog: " "$tmp/out" && grep -q "^$raw: raw_tracepoint  name raw_exec " "$tmp/out"
is_ok $? "prog list with program $prog gone under it: left out, $raw listed, exit 0 (got $st)"

BB_VANISH_ID=$plain LD_PRELOAD="$PRE" "$TOOL" map show id "$plain" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "map id $plain: BPF_MAP_GET_FD_BY_ID: No such file or directory" "$tmp/err"
is_ok $? "but a map asked for by its id that is gone is an error"
done_testing
