#!/bin/sh
# barebpf's own BPF headers (kernel/bpf/): a tutorial's program compiles
# unchanged against them, they are the ones found (not Debian's libbpf-dev
# copies in /usr/include/bpf), the helper list is what helper_defs.pl makes
# of the uapi header, and each helper has libbpf's number.  Oracle: the
# same program built with libbpf's headers calls the same helpers in the
# same order.
set -u
. tests/tap.sh
SRC=tests/parser/bpf_headers/tutorial.bpf.c
UAPI=/usr/include/linux/bpf.h
LIBBPF_DEFS=/usr/include/bpf/bpf_helper_defs.h
# <linux/bpf.h> needs <asm/types.h>, which -target bpf does not look for.
FLAGS="-target bpf -O2 -g -Wall -Werror -I/usr/include/$(gcc -print-multiarch)"

[ -f "$LIBBPF_DEFS" ] || skip_all "no libbpf-dev ($LIBBPF_DEFS): the oracle"

perl kernel/bpf/helper_defs.pl "$UAPI" > "$tmp/defs.h"
cmp -s "$tmp/defs.h" kernel/bpf/bpf_helper_defs.h
is_ok $? "kernel/bpf/bpf_helper_defs.h is what helper_defs.pl makes of $UAPI (make helper-defs)"

# name id, one per helper, from either header's "(*bpf_NAME)(...) = (void *) N;".
helper_ids() {
	sed -n 's/.*(\* *\(const \)*\(bpf_[a-z0-9_]*\))(.*= *(void \*) *\([0-9]*\);$/\2 \3/p' "$1" | sort
}
helper_ids kernel/bpf/bpf_helper_defs.h > "$tmp/ours.ids"
helper_ids "$LIBBPF_DEFS" > "$tmp/libbpf.ids"
# Helpers both know (the uapi header may be older or newer than libbpf's).
join "$tmp/ours.ids" "$tmp/libbpf.ids" > "$tmp/both"
differ=$(awk '$2 != $3 { print $1 }' "$tmp/both")
[ "$(wc -l < "$tmp/both")" -ge 200 ] && [ -z "$differ" ]
is_ok $? "the $(wc -l < "$tmp/both") helpers both our header and libbpf's declare have the same numbers"
[ -z "$differ" ] || diag "numbered otherwise: $differ"

# Which headers -Ikernel picks: ours, none of /usr/include/bpf.
clang $FLAGS -Ikernel -M "$SRC" > "$tmp/deps" 2> "$tmp/err"
deps=$(tr ' \\' '\n\n' < "$tmp/deps" | grep '/bpf_[a-z_]*\.h$' | sort | tr '\n' ' ')
case "$deps" in
*/usr/include/bpf/*) not_ok "-Ikernel: libbpf-dev's headers picked: $deps" ;;
*kernel/bpf/bpf_core_read.h*kernel/bpf/bpf_endian.h*kernel/bpf/bpf_helper_defs.h*kernel/bpf/bpf_helpers.h*kernel/bpf/bpf_tracing.h*)
	ok "-Ikernel: <bpf/*.h> are kernel/bpf/'s" ;;
*) not_ok "-Ikernel: unexpected headers: $deps"; diag "$(cat "$tmp/err")" ;;
esac

clang $FLAGS -Ikernel -c "$SRC" -o "$tmp/ours.o" 2> "$tmp/err"
is_ok $? "the tutorial program compiles against our headers (-Wall -Werror)"
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
clang $FLAGS -D__TARGET_ARCH_x86 -c "$SRC" -o "$tmp/libbpf.o" 2> "$tmp/err"
is_ok $? "... and against libbpf's"

# Each program's helper calls, in order: "on_read: 113 113 ... 6".
calls() {
	llvm-objdump -d "$1" | awk '
		/^[0-9a-f]+ <[a-z_]+>:$/ { if (n) print line; line = $2; n = 1; next }
		/\tcall [0-9]+$/ { line = line " " $NF }
		END { if (n) print line }'
}
calls "$tmp/ours.o" > "$tmp/ours.calls"
calls "$tmp/libbpf.o" > "$tmp/libbpf.calls"
[ "$(wc -l < "$tmp/ours.calls")" -eq 3 ] && cmp -s "$tmp/ours.calls" "$tmp/libbpf.calls"
is_ok $? "the same helpers called in the same order in all 3 programs as with libbpf's headers"
diag "$(cat "$tmp/ours.calls")"
cmp -s "$tmp/ours.calls" "$tmp/libbpf.calls" || diag "libbpf's: $(cat "$tmp/libbpf.calls")"

# The object goes through our parser, kprobe, kretprobe, fentry and all.
"$B/barebpf" inspect --check "$tmp/ours.o" > "$tmp/out" 2>&1
is_ok $? "barebpf inspect --check takes the object"
done_testing
