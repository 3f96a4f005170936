#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_usdt.sh - `barebpf run` attaches a usdt program by its section name
# (kernel/test/usdt_run.bpf.o: usdt/attach_usdt.t:bbtest:args, a bare name
# looked up in $PATH, as libbpf does).  While it runs, the test binary
# started with --fire sees its probe's semaphore raised and fires the
# probe 3 times with a marked argument; barebpf's dump counts exactly
# those 3, with the other arguments read through usdt.bpf.h.
# vm: host-only: it runs a kernel-tier test binary from $B/tests/kernel.
set -u
. tests/tap.sh
TOOL=$(pwd)/$B/barebpf
OBJ=$(pwd)/$B/test/usdt_run.bpf.o
TARGET_DIR=$(pwd)/$B/tests/kernel

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] && [ -x "$TARGET_DIR/attach_usdt.t" ] || bail "no $TOOL or attach_usdt.t (make all tests)"
trap '[ -n "${bg:-}" ] && kill $bg 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

# usdt_seen[$1] in the last dump of $tmp/out ("map usdt_seen", "K => V").
seen() {
	awk -v k="$1" '$1 == "map" { m = $2 } m == "usdt_seen" && $1 == k && $2 == "=>" { v = $3 }
		END { print v + 0 }' "$tmp/out"
}

three() { [ "$(seen 0)" -ge 3 ]; }
is_int_eq() { [ "$1" = "$2" ]; is_ok $? "$3 ($1)"; }

PATH="$TARGET_DIR:$PATH" run_until_attached "$TOOL" -v run --interval 100 "$OBJ"
grep -q '^attached' "$tmp/err"
is_ok $? "barebpf run attached the usdt program"
grep -q "^usdt bbtest:args: 2 site(s) in $TARGET_DIR/attach_usdt.t\$" "$tmp/err"
is_ok $? "attach_usdt.t found in \$PATH, the probe at its 2 sites"
n=$(grep -c 'BPF_LINK_CREATE.* cookie=\|BPF_LINK_CREATE.*attach_type 41 ' "$tmp/err")
[ "$n" -eq 2 ]
is_ok $? "one perf link per site ($n)"

sem=$("$TARGET_DIR/attach_usdt.t" --fire 3)
case "$sem" in
"semaphore 0"|"") not_ok "the target saw its semaphore raised ($sem)" ;;
*) ok "the target saw its semaphore raised ($sem)" ;;
esac
wait_until three
sleep 0.3	# more dumps: 3 must stay 3
is_int_eq "$(seen 0)" 3 "the probe counted the 3 marked calls"
is_int_eq "$(seen 1)" $((1234 - 77 + 42)) "and read memory, negative and constant arguments: 1234 - 77 + 42"
kill -INT $bg
wait $bg
is_ok $? "barebpf exits 0 on SIGINT"
bg=
sem=$("$TARGET_DIR/attach_usdt.t" --fire 0)
[ "$sem" = "semaphore 0" ] || diag "another run holds the probe: $sem"
done_testing
