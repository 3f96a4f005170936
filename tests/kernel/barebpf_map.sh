#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# barebpf_map.sh - `barebpf map` and `barebpf prog list` against maps this
# test makes: build/test/map_api.bpf.o loaded and its maps pinned under a
# directory named with our pid, found by the ids the kernel gave them
# (never by name, never assuming we are alone: other tests load the same
# object at the same time).  Each flag of update with the kernel's answer,
# lookup, delete, getnext walking every key, dump, pin, list; --json
# checked by python3's json module; a map bpftool makes, with a name of
# ours and no BTF, found by name and read in hex.
# vm: host-only: python3, the JSON oracle, is the host's.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/test/map_api.bpf.o
D=/sys/fs/bpf/bbmapcmd$$
D2=/sys/fs/bpf/bbmapcmd2$$
D3=/sys/fs/bpf/bbmapcmd3$$
D4=/sys/fs/bpf/bbmapcmd4$$
P=/sys/fs/bpf/bbmapcmd_nobtf$$
trap 'rm -rf "$tmp" "$D" "$D2" "$D3" "$D4" "$P"' EXIT

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] || bail "no $TOOL or $OBJ (make)"
command -v python3 > /dev/null || bail "python3 (the --json oracle) is not installed"
command -v bpftool > /dev/null || bail "bpftool (makes a map with a name of ours) is not installed"

# The value of JSON expression $2 (python, on d) for the JSON in file $1.
js() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# Run the tool: stdout in $tmp/out, stderr in $tmp/err, status in $st.
run() { "$TOOL" "$@" > "$tmp/out" 2> "$tmp/err"; st=$?; }

mkdir "$D" "$D2" || bail "mkdir $D (bpffs at /sys/fs/bpf?)"
"$TOOL" load "$OBJ" --pin "$D" > "$tmp/load" 2>&1 || bail "load --pin $D: $(cat "$tmp/load")"
prog_id=$(sed -n 's/^count_exec: id \([0-9]*\)$/\1/p' "$tmp/load")

run map show pinned "$D/plain" --json
id=$(js "$tmp/out" 'd["id"]' 2> /dev/null)
[ $st -eq 0 ] && [ -n "$id" ] &&
	[ "$(js "$tmp/out" '[d["type"], d["name"], d["key_size"], d["value_size"], d["max_entries"]]')" = "['hash', 'plain', 4, 8, 16]" ]
is_ok $? "map show pinned --json: our map's id ($id), type, name and sizes"
[ -n "$id" ] || done_testing
M="id $id"

run map list
grep -qx "$id: hash  name plain  key 4B  value 8B  max_entries 16  flags 0x0  btf_id [1-9][0-9]*" "$tmp/out"
is_ok $? "map list: our map's line, by its id"
run map list --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" "[m['name'] for m in d if m['id'] == $id]")" = "['plain']" ]
is_ok $? "map list --json: valid JSON, our map in it"
run prog list
grep -q "^$prog_id: tracepoint  name count_exec  tag [0-9a-f]\{16\}" "$tmp/out"
is_ok $? "prog list: our program ($prog_id) with its type, name and tag"
run prog list --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" "[p['type'] for p in d if p['id'] == ${prog_id:-0}]")" = "['tracepoint']" ]
is_ok $? "prog list --json: valid JSON, our program in it"
run prog show id "$prog_id" --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" 'd["name"]')" = count_exec ]
is_ok $? "prog show id N --json"

# update and each flag, with the kernel's answer.
run map update $M key 01 00 00 00 value 2a 00 00 00 00 00 00 00 --flags noexist
is_ok $st "update --flags noexist of a new key"
run map update $M key 0x01 0x00 0x00 0x00 value 0x2b 0 0 0 0 0 0 0 --flags noexist
[ $st -eq 1 ] && grep -q 'BPF_MAP_UPDATE_ELEM: File exists (EEXIST)' "$tmp/err"
is_ok $? "update --flags noexist of a present key: EEXIST, exit 1"
run map update $M --key-btf 2 --value-btf 7 --flags exist
[ $st -eq 1 ] && grep -q 'BPF_MAP_UPDATE_ELEM: No such file or directory (ENOENT)' "$tmp/err"
is_ok $? "update --flags exist of an absent key: ENOENT, exit 1"
run map update $M --key-btf 1 --value-btf 43 --flags exist
is_ok $st "update --flags exist of a present key (typed through BTF)"
run map lookup $M key 1 0 0 0
[ $st -eq 0 ] && [ "$(cat "$tmp/out")" = "key: 1  value: 43" ]
is_ok $? "lookup: the value exist wrote, printed through BTF"
run map lookup $M --key-btf 1 --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" '[d["key"], d["value"][0], d["value_btf"]]')" = "[['0x01', '0x00', '0x00', '0x00'], '0x2b', '43']" ]
is_ok $? "lookup --json: bytes and BTF text"
for k in 2 3 4 5; do
	"$TOOL" map update $M --key-btf $k --value-btf $((k * 10)) --flags any || not_ok "update --flags any key $k"
done
run map update $M key 01 00 value 00
[ $st -eq 1 ] && grep -q "key: the map's keys are 4 bytes, 2 given" "$tmp/err"
is_ok $? "a key of the wrong size: expected and given bytes"
run map update $M --key-btf 9 value 1 2 3
[ $st -eq 1 ] && grep -q "value: the map's values are 8 bytes, 3 given" "$tmp/err"
is_ok $? "a value of the wrong size likewise"
run map lookup $M --key-btf 4294967296
[ $st -eq 1 ] && grep -q "not a number of its 4-byte unsigned type" "$tmp/err"
is_ok $? "--key-btf out of the key type's range"
run map lookup $M --key-btf 9
[ $st -eq 1 ] && grep -q 'BPF_MAP_LOOKUP_ELEM: No such file or directory (ENOENT)' "$tmp/err"
is_ok $? "lookup of an absent key: ENOENT"
run map update $M --key-btf 1 --value-btf 1 --flags lock
[ $st -eq 1 ] && grep -q '(EINVAL): lock needs' "$tmp/err"
is_ok $? "update --flags lock on a value with no spin lock: EINVAL"
run map update pinned "$D/locked" --key-btf 1 value 0 0 0 0 0 0 0 0 5 0 0 0 0 0 0 0 --flags lock
is_ok $st "update --flags lock on a value that holds a bpf_spin_lock"
run map lookup pinned "$D/locked" --key-btf 1 --flags lock
[ $st -eq 0 ] && [ "$(cat "$tmp/out")" = "key: 1  value: {lock={val=0}, pad=0, n=5}" ]
is_ok $? "lookup --flags lock: the value, its struct through BTF"

# getnext from no key to the end covers each key once.
keys= k=
while :; do
	if [ -z "$k" ]; then run map getnext $M; else run map getnext $M --key-btf "$k"; fi
	[ $st -eq 0 ] || break
	k=$(sed -n 's/^next key: //p' "$tmp/out")
	keys="$keys $k"
	[ "$(echo $keys | wc -w)" -le 20 ] || break
done
[ "$(echo $keys | tr ' ' '\n' | sort -n | tr '\n' ' ')" = "1 2 3 4 5 " ] &&
	grep -q 'no key after this one' "$tmp/err"
is_ok $? "getnext from the start to the end: every key once ($keys)"
run map dump $M
[ $st -eq 0 ] && [ "$(grep -c '^key: [1-5]  value: [1-9][0-9]*$' "$tmp/out")" -eq 5 ] &&
	[ "$(wc -l < "$tmp/out")" -eq 5 ]
is_ok $? "dump: the 5 entries"
run map delete $M key 03 00 00 00
is_ok $st "delete a present key"
run map delete $M key 03 00 00 00
[ $st -eq 1 ] && grep -q 'BPF_MAP_DELETE_ELEM: No such file or directory (ENOENT)' "$tmp/err"
is_ok $? "delete it again: ENOENT"
run map dump $M --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" 'sorted(int(e["key_btf"]) for e in d)')" = "[1, 2, 4, 5]" ]
is_ok $? "dump --json: valid JSON, the 4 left"

# pin, then the pin names the same map.
run map pin $M "$D2/again"
[ $st -eq 0 ] && run map show pinned "$D2/again" --json && [ "$(js "$tmp/out" 'd["id"]')" = "$id" ]
is_ok $? "pin, then pinned PATH is the same map (id $id)"
run map lookup pinned "$D2/again" --key-btf 5
[ "$(cat "$tmp/out")" = "key: 5  value: 50" ]
is_ok $? "lookup through the new pin"
run map show pinned "$D/count_exec"
[ $st -eq 1 ] && grep -q 'pinned, but not a map' "$tmp/err"
is_ok $? "pinned PATH of a program: refused, not misread"

# name: a second copy of the object makes a second 'plain'.
"$TOOL" load "$OBJ" --pin "$D2" > "$tmp/load2" 2>&1 || not_ok "second load"
id2=$("$TOOL" map show pinned "$D2/plain" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# (Other tests load this object too: more maps may be called 'plain', and
# past 8 the list of ids ends in "...".)
run map show name plain
[ $st -eq 1 ] && grep -q "maps are named 'plain' (ids .*say which with 'id N'" "$tmp/err" &&
	{ grep -q ', \.\.\.)' "$tmp/err" ||
	  { grep -q "[ (]$id[,)]" "$tmp/err" && grep -q "[ (]$id2[,)]" "$tmp/err"; }; }
is_ok $? "name shared by two maps: refused, listing their ids ($id, $id2)"
[ $st -eq 1 ] || diag "$(cat "$tmp/out" "$tmp/err")"

# A map with a name nobody else has (bpftool names it; our pid in it)
# and no BTF: found by name, keys and values in hex only.
bpftool map create "$P" type hash key 4 value 8 entries 4 name "bbn$$" ||
	not_ok "bpftool map create $P"
nid=$(bpftool map show pinned "$P" -j | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
run map show name "bbn$$"
[ $st -eq 0 ] && [ "$(cat "$tmp/out")" = "$nid: hash  name bbn$$  key 4B  value 8B  max_entries 4  flags 0x0" ]
is_ok $? "name NAME finds the one map of that name (id $nid, bpftool's), no btf_id"
run map update name "bbn$$" key 1 0 0 0 value 1 2 3 4 5 6 7 8
[ $st -eq 0 ] && run map dump name "bbn$$" && [ "$(cat "$tmp/out")" = "key: 01 00 00 00  value: 01 02 03 04 05 06 07 08" ]
is_ok $? "without BTF, keys and values print as hex bytes"
run map lookup name "bbn$$" --key-btf 1
[ $st -eq 1 ] && grep -q "the map has no BTF type for its keys: give hex bytes" "$tmp/err"
is_ok $? "without BTF, --key-btf says to give hex bytes"
run map show name "bbnone$$"
[ $st -eq 1 ] && grep -q "no map is named 'bbnone$$'" "$tmp/err"
is_ok $? "a name no map has: an error saying so"

# Bytes from the map are untrusted: a value's char array with terminal
# controls in it (as a process could put in its comm) prints escaped.
# procmon's table, loaded, not attached: nothing else writes to it.
mkdir "$D3" && "$TOOL" load "$B/procmon.bpf.o" --pin "$D3" > /dev/null 2>&1 ||
	not_ok "load procmon.bpf.o --pin $D3"
# pid ppid uid gid (4 bytes each), exec_ns (8), comm[16] = "a" ESC "]0;x" BEL
run map update pinned "$D3/process_map" key ff ff ff 7f value \
	ff ff ff 7f 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 \
	61 1b 5d 30 3b 78 07 0 0 0 0 0 0 0 0 0
run map lookup pinned "$D3/process_map" key ff ff ff 7f
[ $st -eq 0 ] && grep -q 'comm="a\\x1b\]0;x\\x07"' "$tmp/out" &&
	! grep -q "$(printf '\033')" "$tmp/out" && ! grep -q "$(printf '\007')" "$tmp/out"
is_ok $? "a char array with ESC and BEL in it prints escaped, never raw"
run map lookup pinned "$D3/process_map" key ff ff ff 7f --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" 'd["value_btf"].split("comm=")[1]')" = '"a\x1b]0;x\x07"}' ]
is_ok $? "and in --json, valid JSON holding the same escaped text"

# A per-CPU map: one value in, every possible CPU's slot set to it (as
# bpftool does); lookup and dump print each CPU's, --json as "values".
mkdir "$D4" && "$TOOL" load "$B/test/percpu.bpf.o" --pin "$D4" > /dev/null 2>&1 ||
	not_ok "load percpu.bpf.o --pin $D4"
ncpus=$(python3 -c 'import os; print(max(int(x.split("-")[-1]) for x in open("/sys/devices/system/cpu/possible").read().strip().split(","))+1)')
run map update pinned "$D4/by_key" key 07 00 00 00 value 05 00 00 00
is_ok $st "per-CPU hash: update with one value"
run map lookup pinned "$D4/by_key" --key-btf 7
[ $st -eq 0 ] && [ "$(grep -c '^  value (CPU [0-9]*): 5$' "$tmp/out")" -eq "$ncpus" ] &&
	[ "$(head -1 "$tmp/out")" = "key: 7" ]
is_ok $? "per-CPU hash: lookup shows the value on each of the $ncpus possible CPUs"
run map update pinned "$D4/hits" --key-btf 1 --value-btf 42 --flags exist
run map dump pinned "$D4/hits" --json
[ $st -eq 0 ] && [ "$(js "$tmp/out" '[[v["cpu"], v["value_btf"]] for e in d if e["key_btf"] == "1" for v in e["values"]] == [[c, "42"] for c in range('"$ncpus"')]')" = True ] &&
	[ "$(js "$tmp/out" 'len(d)')" = 2 ]
is_ok $? "per-CPU array: dump --json, valid JSON, 42 on every CPU of key 1, both keys"
rm -rf "$D4"

run map frobnicate $M
[ $st -eq 2 ]
is_ok $? "an unknown subcommand is a usage error (exit 2)"
done_testing
