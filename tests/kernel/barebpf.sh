#!/bin/sh
# barebpf run and load, for real: run attaches and shows a process we
# start in process_map, decoded through BTF; load prints kernel ids, loads
# only what --prog names, pins under --pin, tries every program and exits
# 1 when one is refused (with the verifier's words).
# vm: host-only: it compiles a BPF object with clang at test time.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJ=$B/procmon.bpf.o

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"
[ -x "$TOOL" ] && [ -f "$OBJ" ] || bail "no $TOOL or $OBJ (make)"

# run: wait for "attached" (narrated on stderr), then exec a process of
# our own; it lives until the dumps are done.
name=bbrun$$
run_until_attached "$TOOL" -v run "$OBJ" --interval 1000 --count 3
start_probe $name
wait $bg
st=$?
stop_probe
is_ok $st "barebpf run exits 0 after --count dumps"
grep -q "^    $probe => {pid=$probe, ppid=[0-9]*, uid=[0-9]*, gid=[0-9]*, exec_ns=[0-9]*, comm=\"$name\"}" "$tmp/out"
st=$?
is_ok $st "barebpf run shows our process in process_map, decoded through BTF"
[ $st -eq 0 ] || tail -5 "$tmp/out" | sed 's/^/# /'
[ "$(grep -c '^--- dump' "$tmp/out")" -eq 3 ]
is_ok $? "barebpf run dumps --count times"

# Maps whose entries cannot be listed are said to be so; the run goes on.
cat > "$tmp/streams.bpf.c" <<'SRC'
#include "bpf_defs.h"
char LICENSE[] SEC("license") = "GPL";
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } pc SEC(".maps");
SEC("tp/sched/sched_process_exec")
int f(void *ctx) { __u32 k = 0; bpf_ringbuf_output(&rb, &k, 4, 0); bpf_map_lookup_elem(&pc, &k); return 0; }
SRC
clang -target bpf -O2 -g -Ikernel -c "$tmp/streams.bpf.c" -o "$tmp/streams.bpf.o" || bail "clang"
"$TOOL" run "$tmp/streams.bpf.o" --interval 0 --count 2 > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && [ "$(grep -c '^    0 => {cpu0=0.*} sum=0$' "$tmp/out")" -eq 2 ] &&
	[ "$(grep -c 'an event stream' "$tmp/out")" -eq 2 ]
is_ok $? "barebpf run goes on past a ring buffer, saying it is an event stream, and lists a per-CPU map's zeros CPU by CPU"

# load, one program
"$TOOL" load "$OBJ" --prog handle_exit > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 0 ] && grep -q '^handle_exit: id [1-9][0-9]*$' "$tmp/out" && ! grep -q handle_exec "$tmp/out"
is_ok $? "barebpf load --prog handle_exit loads that one and prints its id"

# load with --pin: the pins are ours (a directory with our pid in it).
pin=/sys/fs/bpf/barebpf-test-$$
[ "$(stat -f -c %T /sys/fs/bpf 2>/dev/null)" = bpf_fs ] ||
	mount -t bpf bpf /sys/fs/bpf
if [ "$(stat -f -c %T /sys/fs/bpf 2>/dev/null)" = bpf_fs ]; then
	mkdir "$pin"
	"$TOOL" load "$OBJ" --pin "$pin" > "$tmp/out" 2> "$tmp/err"
	is_ok $? "barebpf load --pin exits 0"
	for f in handle_exec handle_exit process_map task_offsets; do
		[ -e "$pin/$f" ]
		is_ok $? "pinned $pin/$f"
	done
	before=$(ls "$pin")
	"$TOOL" load "$OBJ" --pin "$pin" > /dev/null 2> "$tmp/err"
	[ $? -ne 0 ] && grep -q 'already pinned there' "$tmp/err"
	is_ok $? "pinning over an existing pin fails, saying so"
	[ "$(ls "$pin")" = "$before" ]
	is_ok $? "and leaves the pins that were there alone"
	rm -r "$pin"

	# Global data: .rodata, .data and .bss pinned as _rodata, _data,
	# _bss (bpffs refuses dots), and reopened by bpftool.
	mkdir "$pin"
	"$TOOL" load "$B/test/globals.bpf.o" --set filter_tgid=4242 \
		--pin "$pin" > "$tmp/out" 2> "$tmp/err"
	is_ok $? "barebpf load --pin of an object with global data exits 0"
	grep -q "^\.bss: pinned at $pin/_bss\$" "$tmp/out"
	is_ok $? "it says .bss is pinned as _bss"
	if command -v bpftool > /dev/null; then
		bpftool -j map dump pinned "$pin/_rodata" > "$tmp/dump" 2>&1 &&
			grep -q '"filter_tgid":4242' "$tmp/dump"
		is_ok $? "bpftool reopens $pin/_rodata and reads the knob --set gave"
		bpftool map show pinned "$pin/_bss" > "$tmp/dump" 2>&1 &&
			grep -q 'name \.bss' "$tmp/dump"
		is_ok $? "bpftool reopens $pin/_bss: the .bss map"
	else
		not_ok "bpftool to reopen the pins (install it)"
	fi
	rm -r "$pin"

	# --set: a negative value and hex into signed variables, read back;
	# a value over an int's range refused, naming the range.
	cat > "$tmp/knob.bpf.c" <<'SRC'
#include "bpf_defs.h"
char LICENSE[] SEC("license") = "GPL";
const volatile int knob = 0;
const volatile long long big = 0;
SEC("tp/sched/sched_process_exit")
int f(void *ctx) { return knob + (int)big; }
SRC
	clang -target bpf -O2 -g -Ikernel -c "$tmp/knob.bpf.c" -o "$tmp/knob.bpf.o" || bail "clang"
	mkdir "$pin"
	"$TOOL" load "$tmp/knob.bpf.o" --set knob=-5 --set big=-0x10 \
		--pin "$pin" > /dev/null 2> "$tmp/err"
	is_ok $? "--set takes -5 into an int and -0x10 into a long long"
	bpftool -j map dump pinned "$pin/_rodata" > "$tmp/dump" 2>&1 &&
		grep -q '"knob":-5' "$tmp/dump" && grep -q '"big":-16' "$tmp/dump"
	is_ok $? "and the kernel's .rodata holds -5 and -16"
	rm -r "$pin"
	"$TOOL" load "$tmp/knob.bpf.o" --set knob=2147483648 > /dev/null 2> "$tmp/err"
	[ $? -eq 1 ] && grep -q -- '-2147483648 to 2147483647' "$tmp/err"
	is_ok $? "--set knob=2147483648 into an int is refused, naming the range"

	# A run that fails leaves nothing: count_exit's pin is taken (a
	# directory of that name), so the four pins made before it go.
	mkdir -p "$pin/count_exit"
	"$TOOL" load "$B/test/globals.bpf.o" --pin "$pin" > "$tmp/out" 2> "$tmp/err"
	[ $? -ne 0 ] && grep -q "count_exit.*already pinned" "$tmp/err"
	is_ok $? "a pin that fails fails the run, naming it"
	[ "$(ls "$pin")" = count_exit ]
	is_ok $? "the pins made before it are removed, the one there is kept"
	rm -r "$pin"
else
	not_ok "bpffs mounted at /sys/fs/bpf (mount -t bpf bpf /sys/fs/bpf)"
fi

# A program the verifier refuses (an unchecked map lookup), next to good
# ones (build/test/load_each.bpf.o): all are tried, the exit status says
# one failed.
"$TOOL" load "$B/test/load_each.bpf.o" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -eq 1 ]
is_ok $? "barebpf load exits 1 when a program is refused"
grep -q '^checked: id [1-9]' "$tmp/out"
is_ok $? "the other program is still tried, and loads"
grep -qx 'unchecked: refused: Permission denied' "$tmp/out"
is_ok $? "the refused one is named on stdout, with its errno"
grep -q "invalid mem access 'map_value_or_null'" "$tmp/err" && ! grep -q 'run as root' "$tmp/err"
is_ok $? "the refusal comes with the verifier's words (and no advice about root)"
if [ "$(stat -f -c %T /sys/fs/bpf 2>/dev/null)" = bpf_fs ]; then
	mkdir "$pin"
	"$TOOL" load "$B/test/load_each.bpf.o" --pin "$pin" > /dev/null 2>&1
	[ $? -eq 1 ] && [ -z "$(ls "$pin")" ]
	is_ok $? "with --pin, a run where a program is refused pins nothing"
	rm -r "$pin"
	# A map the object pins by name (in /sys/fs/bpf, under a name with
	# our pid): a run whose program is refused unpins it again, with
	# load and with run (bb_object_load()).
	sed -e "s/} counts SEC/\t__uint(pinning, LIBBPF_PIN_BY_NAME);\n} bbpin_$$ SEC/" \
		-e "s/&counts/\&bbpin_$$/g" kernel/test/load_each.bpf.c > "$tmp/byname.bpf.c"
	clang -target bpf -O2 -g -Ikernel -Ikernel/test -c "$tmp/byname.bpf.c" -o "$tmp/byname.bpf.o" || bail "clang"
	"$TOOL" load "$tmp/byname.bpf.o" > /dev/null 2>&1
	[ $? -eq 1 ] && [ ! -e "/sys/fs/bpf/bbpin_$$" ]
	is_ok $? "load: a refused program unpins the map the object pinned by name"
	"$TOOL" run "$tmp/byname.bpf.o" --count 1 > /dev/null 2>&1
	[ $? -ne 0 ] && [ ! -e "/sys/fs/bpf/bbpin_$$" ]
	is_ok $? "run: the same through bb_object_load()"
	rm -f "/sys/fs/bpf/bbpin_$$"
fi
done_testing
