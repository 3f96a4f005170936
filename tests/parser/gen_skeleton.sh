#!/bin/sh
# gen_skeleton.sh - `barebpf gen skeleton`: every skeleton make wrote
# (build/skel/, one per object under kernel/) compiles with -Wall -Wextra
# -Werror as C11 and as C++11; one, linked with libbarebpf.a, opens its
# object (no root: opening makes no system call) and reads the initial
# values of .data and .rodata through skel->data and skel->rodata; names C
# or C++ cannot take, and bad command lines, are errors that say so.
set -u
. tests/tap.sh
lib=$B/libbarebpf.a
[ -x "$B/barebpf" ] && [ -f "$lib" ] || bail "no $B/barebpf or $lib (make)"
skels=$(find "$B/skel" -name '*.skel.h' 2>/dev/null | sort)
[ -n "$skels" ] || bail "no skeletons in $B/skel (make skels)"
n=$(ls kernel/*.bpf.c kernel/test/*.bpf.c | wc -l)
[ "$(echo "$skels" | wc -l)" -eq "$n" ]
is_ok $? "one skeleton per object under kernel/ ($n)"
san=$(lib_san_flags)

for h in $skels; do
	h=${h#$B/skel/}
	printf '#include "%s"\nint main(void) { return 0; }\n' "$h" > "$tmp/t.c"
	cp "$tmp/t.c" "$tmp/t.cc"
	cc -std=c11 -Wall -Wextra -Werror -Iloader -I"$B/skel" -c "$tmp/t.c" -o "$tmp/t.o" 2> "$tmp/err"
	is_ok $? "$h compiles as C11 (-Wall -Wextra -Werror)"
	[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"
	c++ -std=c++11 -Wall -Wextra -Werror -Iloader -I"$B/skel" -c "$tmp/t.cc" -o "$tmp/t.o" 2> "$tmp/err"
	is_ok $? "$h compiles as C++11"
	[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"
done

# Open without root, read the initial values, destroy.
cat > "$tmp/use.c" <<'SRC'
#include "test/globals.skel.h"
int main(void)
{
	struct globals *skel = globals__open();
	int ret;

	if (!skel)
		return 1;
	ret = skel->data->step == 1 && skel->rodata->filter_tgid == 0 &&
	      skel->bss->hits == 0 && skel->progs.count_exec &&
	      skel->links.count_exec == NULL ? 0 : 2;
	globals__destroy(skel);
	return ret;
}
SRC
cp "$tmp/use.c" "$tmp/use.cc"
cc -std=c11 $san -Iloader -I"$B/skel" "$tmp/use.c" "$lib" -o "$tmp/use" && "$tmp/use"
is_ok $? "a C program opens globals.skel.h's object and reads skel->data, skel->rodata, skel->bss"
c++ -std=c++11 $san -Iloader -I"$B/skel" "$tmp/use.cc" "$lib" -o "$tmp/usecc" && "$tmp/usecc"
is_ok $? "and so does a C++ program"

# Names C or C++ cannot take.
bad_obj() {
	printf '#include "bpf_defs.h"\nchar LICENSE[] SEC("license") = "GPL";\n%s\n' "$1" > "$tmp/bad.bpf.c"
	clang -target bpf -O2 -g -Ikernel -c "$tmp/bad.bpf.c" -o "$tmp/$2.bpf.o"
}
gen_fails() {
	"$B/barebpf" gen skeleton "$@" > "$tmp/out" 2> "$tmp/err"
	[ $? -eq 1 ] && [ ! -s "$tmp/out" ]
}
bad_obj 'struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } new SEC(".maps");' map_new
gen_fails "$tmp/map_new.bpf.o" && grep -q "map 'new': a C or C++ keyword" "$tmp/err"
is_ok $? "a map called 'new' (a C++ keyword): exit 1, nothing written, the name said ($(cat "$tmp/err"))"
bad_obj 'SEC("tp/syscalls/sys_enter_execve") int errno(void *ctx) { return 0; }' prog_errno
gen_fails "$tmp/prog_errno.bpf.o" && grep -q "program 'errno'" "$tmp/err"
is_ok $? "a program called 'errno' (a macro of <errno.h>): an error naming it"
bad_obj '__u32 __pad1;' var_pad
gen_fails "$tmp/var_pad.bpf.o" && grep -q "variable '__pad1'" "$tmp/err"
is_ok $? "a .bss variable called '__pad1' (the skeleton's padding): an error naming it"
cp "$B/test/globals.bpf.o" "$tmp/my-prog.bpf.o"
gen_fails "$tmp/my-prog.bpf.o" && grep -q "skeleton name (--name) 'my-prog': not a C identifier" "$tmp/err"
is_ok $? "my-prog.bpf.o: its default name is no C identifier, --name is suggested"
"$B/barebpf" gen skeleton "$tmp/my-prog.bpf.o" --name my_prog | grep -q '^struct my_prog {'
is_ok $? "--name my_prog names it"

"$B/barebpf" gen --help | grep -q -- '--name'
is_ok $? "barebpf gen --help describes --name"
"$B/barebpf" gen skeleton > /dev/null 2>&1
is_ok $(( $? != 2 )) "no OBJ: exit 2"
"$B/barebpf" gen nonsense x > /dev/null 2>&1
is_ok $(( $? != 2 )) "gen of something else: exit 2"
done_testing
