#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vm: host-only (the examples are built against the host's libc and libbpf)
#
# map_api_example.sh - docs/examples/map_api, the user-space map API of
# Lesson 5, run on the real kernel: each call and flag gets the kernel's
# answer it must (EEXIST for NOEXIST on a present key, ENOENT for EXIST on
# an absent one, EINVAL for F_LOCK on a map without BTF...), and the
# libbpf version of the same program prints exactly the same lines.  Each
# run makes its own map: nothing here depends on other tests.
. tests/tap.sh
EX=$B/examples/map_api
LIBBPF=$B/examples/map_api_libbpf

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF_MAP_CREATE)"
[ -x "$EX" ] || bail "$EX is not built (make examples)"
[ -x "$LIBBPF" ] || bail "$LIBBPF is not built (make examples, with libbpf-dev installed)"

"$EX" > "$tmp/bb" 2> "$tmp/bb_err"
is_ok $? "the barebpf example runs (exit 0)"
"$LIBBPF" > "$tmp/libbpf" 2> "$tmp/libbpf_err"
is_ok $? "its libbpf version runs (exit 0)"

# "what -> result": the result the line with @what ends in.
has() { grep -q "^$1 *-> $2\$" "$tmp/bb"; is_ok $? "$1 -> $2"; }
has 'create hash u32 -> u64, 8 entries' ok
has 'update key 1 = 100, ANY' ok
has 'update key 1 = 101, NOEXIST' '-EEXIST (File exists)'
has 'update key 1 = 102, EXIST' ok
has 'update key 2 = 200, EXIST' '-ENOENT (No such file or directory)'
has 'update key 2 = 200, NOEXIST' ok
has 'update key 1 = 103, ANY | F_LOCK' '-EINVAL (Invalid argument)'
has 'lookup key 4' '-ENOENT (No such file or directory)'
has 'lookup key 1, F_LOCK' '-EINVAL (Invalid argument)'
has 'lookup key 2' '-ENOENT (No such file or directory)'
grep -A1 '^lookup key 1 ' "$tmp/bb" | grep -q '^ *value 102$'
is_ok $? "lookup key 1 finds what EXIST wrote (102), not NOEXIST's 101 nor F_LOCK's 103"
grep -A1 '^lookup_and_delete key 2 ' "$tmp/bb" | grep -q '^ *value 200$'
is_ok $? "lookup_and_delete returns the value it deletes"
grep -q '^ *3 keys: 1 2 3$' "$tmp/bb"
is_ok $? "get_next_key walks all 3 keys"
[ "$(grep -c '^delete key 1 *-> ' "$tmp/bb")" -eq 2 ] &&
	grep '^delete key 1 *-> ' "$tmp/bb" | tail -1 | grep -q ENOENT
is_ok $? "delete, then delete again: ENOENT"
tail -1 "$tmp/bb" | grep -q '^get_next_key(NULL): the first key *-> -ENOENT'
is_ok $? "an empty map has no first key: ENOENT"
[ "$(wc -l < "$tmp/bb")" -eq 21 ]
is_ok $? "21 lines, no more"

if diff "$tmp/libbpf" "$tmp/bb" > "$tmp/diff"; then
	ok "barebpf and libbpf print the same lines"
else
	not_ok "barebpf and libbpf print the same lines"
	diag "$(cat "$tmp/diff")"
fi

# The README's line counts are the files' (wc -l).
for f in map_api.c map_api_libbpf.c map_api.h; do
	n=$(wc -l < "docs/examples/map_api/$f")
	grep -q "^| \[$f\]($f) | $n |" docs/examples/map_api/README.md
	is_ok $? "docs/examples/map_api/README.md gives $f's $n lines"
done
done_testing
