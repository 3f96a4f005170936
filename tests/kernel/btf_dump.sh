#!/bin/sh
# barebpf btf dump --format c: this kernel's BTF as vmlinux.h.  It
# compiles (clang -target bpf -Wall -Werror); every struct and union has
# the size and alignment, and a sample of members the offsets, that
# bpftool's vmlinux.h gives them (the oracle; both compiled for the host by clang);
# and a BPF program on it (tests/kernel/btf_dump/task.bpf.c: task_struct
# through BPF_CORE_READ, and a BPF_PROG on a BTF tracepoint) loads, runs
# and reads the right parent, name and old pid for an exec of ours.  A BPF object's own BTF dumps too.
# vm: host-only: clang and bpftool at test time.
set -u
. tests/tap.sh
TOOL=$B/barebpf
VMLINUX=/sys/kernel/btf/vmlinux
[ -r "$VMLINUX" ] || skip_all "no $VMLINUX"
command -v bpftool > /dev/null || skip_all "no bpftool (the oracle)"

"$TOOL" btf dump --format c > "$tmp/vmlinux.h" 2> "$tmp/err"
is_ok $? "barebpf btf dump --format c: $(wc -l < "$tmp/vmlinux.h") lines"
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
bpftool btf dump file "$VMLINUX" format c > "$tmp/oracle.h" || bail "bpftool btf dump"

echo '#include "vmlinux.h"' > "$tmp/only.c"
clang -target bpf -O2 -Wall -Werror -I"$tmp" -c "$tmp/only.c" -o "$tmp/only.o" 2> "$tmp/err"
is_ok $? "it compiles alone with clang -target bpf -Wall -Werror"
[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"

# One line per struct/union the oracle defines: size and alignment, and
# the offsets of a few members the tutorials read.
grep -oE '^(struct|union) [A-Za-z0-9_]+ \{' "$tmp/oracle.h" | sed 's/ {$//' | sort -u > "$tmp/names"
{
	echo 'int printf(const char *, ...);'
	printf '%s\n' '#define off(t, m) printf(#t " " #m " %zu\n", __builtin_offsetof(t, m))'
	echo 'int main(void) {'
	while read -r kind name; do
		printf 'printf("%s %s %%zu %%zu\\n", sizeof(%s %s), _Alignof(%s %s));\n' \
			"$kind" "$name" "$kind" "$name" "$kind" "$name"
	done < "$tmp/names"
	for m in pid tgid comm real_parent mm flags cred signal thread; do
		echo "off(struct task_struct, $m);"
	done
	for m in len data protocol dev; do echo "off(struct sk_buff, $m);"; done
	for m in f_inode f_path f_flags; do echo "off(struct file, $m);"; done
	for m in __data_len start_time_ns q; do echo "off(struct request, $m);"; done
	for m in di si ax ip sp; do echo "off(struct pt_regs, $m);"; done
	echo 'return 0; }'
} > "$tmp/layout.c"
for h in vmlinux oracle; do
	clang -w -O0 -include "$tmp/$h.h" "$tmp/layout.c" -o "$tmp/layout.$h" 2> "$tmp/err.$h" &&
		"$tmp/layout.$h" > "$tmp/layout.$h.txt"
done
[ -s "$tmp/layout.oracle.txt" ] || diag "the oracle's layout program: $(head -3 "$tmp/err.oracle")"
n=$(wc -l < "$tmp/names")
[ "$n" -gt 1000 ] && cmp -s "$tmp/layout.vmlinux.txt" "$tmp/layout.oracle.txt"
is_ok $? "sizes and alignments of all $n structs and unions, and 26 member offsets, as bpftool's vmlinux.h"
cmp -s "$tmp/layout.vmlinux.txt" "$tmp/layout.oracle.txt" ||
	diag "$(diff "$tmp/layout.vmlinux.txt" "$tmp/layout.oracle.txt" | head -10; head -3 "$tmp/err.vmlinux")"

clang -target bpf -O2 -g -Wall -Werror -Ikernel -I"$tmp" \
	-c tests/kernel/btf_dump/task.bpf.c -o "$tmp/task.bpf.o" 2> "$tmp/err"
is_ok $? "a BPF program on it (vmlinux.h, <bpf/bpf_helpers.h>, <bpf/bpf_core_read.h>) compiles"
[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"

# Run it; exec a process of ours once it is attached: its entry must say
# our pid as parent and its name.
run_until_attached "$TOOL" -v run "$tmp/task.bpf.o" --interval 1500 --count 1
cp /bin/true "$tmp/bbvm_$$"
"$tmp/bbvm_$$" & child=$!
wait $child
wait $bg
status=$?
[ $status -eq 0 ] && grep -q "^ *$child => {ppid=$$, comm=\"bbvm_$$\"}" "$tmp/out"
is_ok $? "it loads and runs: pid $child => parent $$, name bbvm_$$ (task->real_parent->tgid, task->comm)"
[ $status -eq 0 ] || diag "$(tail -5 "$tmp/err")"
grep -q "=> {ppid=$$" "$tmp/out" || diag "$(grep -v '^attached' "$tmp/out" | head -8)"
grep -q "^ *$child => $child\$" "$tmp/out"
is_ok $? "its BPF_PROG program on tp_btf/sched_process_exec got (task, old_pid, bprm) in order: old_pid $child"

# A BPF object's BTF, in C, compiles too.
"$TOOL" btf dump "$tmp/task.bpf.o" > "$tmp/obj.h" &&
	grep -q '^struct seen {' "$tmp/obj.h" &&
	clang -target bpf -Wall -Werror -c -x c "$tmp/obj.h" -o /dev/null 2> "$tmp/err"
is_ok $? "barebpf btf dump OBJ: the object's own types (struct seen) as C that compiles"
[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"

"$TOOL" btf dump "$tmp/nonexistent" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "nonexistent" "$tmp/err"
is_ok $? "a missing file: exit status 1, the file named"
done_testing
