#!/bin/sh
# Our disassembler (barebpf disasm) against llvm-objdump -d --mattr=+alu32,
# instruction by instruction, on every BPF object under build/ and on
# tests/parser/disasm_isa.s, which holds nearly every instruction of the
# ISA.  Where llvm 14 cannot decode an instruction ("<unknown>": BPF_ST
# with an immediate, MOD, JSET), ours must still decode it.
set -u
. tests/tap.sh
TOOL=$B/barebpf
OBJDUMP=${LLVM_OBJDUMP:-llvm-objdump}

# "section|index|bytes|text" per instruction; jump labels ("<LBB0_3>")
# dropped, runs of blanks made one space.
norm() {
	awk -F'\t' '
	/^Disassembly of section / { sec = $0; next }
	/^ *[0-9]+:\t/ {
		t = $3
		for (i = 4; i <= NF; i++) t = t " " $i
		sub(/ <[^<>]*>$/, "", t)
		gsub(/[ \t]+/, " ", t)
		sub(/^ /, "", t)
		idx = $1; gsub(/ /, "", idx)
		print sec "|" idx "|" $2 "|" t
	}'
}

check() {	# OBJ NAME
	"$TOOL" disasm "$1" | norm > "$tmp/ours" || { not_ok "$2: barebpf disasm failed"; return; }
	"$OBJDUMP" -d --mattr=+alu32 "$1" | norm > "$tmp/ref"
	total=$(wc -l < "$tmp/ref")
	if [ "$total" -eq 0 ]; then
		ok "$2: no instructions"
		return
	fi
	# Lines where llvm says <unknown>: ours must say something else.
	paste -d '\n' "$tmp/ours" "$tmp/ref" | awk -v name="$2" '
		NR % 2 == 1 { ours = $0; next }
		{
			split(ours, o, "|"); split($0, r, "|")
			if (o[1] != r[1] || o[2] != r[2] || o[3] != r[3]) {
				print "# " name ": position differs: ours [" ours "] llvm [" $0 "]"; bad++; next
			}
			if (r[4] == "<unknown>") {
				if (o[4] == "<unknown>") { print "# " name ": neither decodes " o[3]; bad++ }
				else unknown++
				next
			}
			# llvm 14 reads LLVM 18s addr_space_cast (off 1) as a move.
			if (o[4] ~ /^r[0-9]+ = addr_space_cast\(r[0-9]+, [0-9]+, [0-9]+\)$/ &&
			    r[4] ~ /^r[0-9]+ = r[0-9]+$/ && r[3] ~ /^bf .. 01 00/) {
				split(o[4], a, /[ (,]+/); split(r[4], b, " ")
				if (a[1] != b[1] || a[4] != b[3]) { print "# " name ": insn " o[2] ": ours [" o[4] "] llvm [" r[4] "]"; bad++ }
				else cast++
				next
			}
			if (o[4] != r[4]) { print "# " name ": insn " o[2] ": ours [" o[4] "] llvm [" r[4] "]"; bad++ }
		}
		END {
			if (unknown) print "# " name ": " unknown " instructions llvm 14 cannot decode, ours can"
			if (cast) print "# " name ": " cast " addr_space_cast that llvm 14 reads as moves"
			exit bad ? 1 : 0
		}'
	st=$?
	if [ "$(wc -l < "$tmp/ours")" -ne "$total" ]; then
		echo "# $2: $(wc -l < "$tmp/ours") instructions from us, $total from llvm"
		st=1
	fi
	[ $st -eq 0 ] && ok "$2: $total instructions agree with llvm-objdump" ||
		not_ok "$2: disassembly differs from llvm-objdump"
}

if [ ! -x "$TOOL" ] || ! command -v "$OBJDUMP" >/dev/null; then
	bail "need $TOOL and $OBJDUMP (make; make deps)"
fi

if clang -target bpf -mcpu=v3 -c tests/parser/disasm_isa.s -o "$tmp/isa.o"; then
	check "$tmp/isa.o" "disasm_isa.s"
	# The ones llvm 14 leaves as <unknown>, spelled as the kernel does.
	"$TOOL" disasm "$tmp/isa.o" | norm | cut -d'|' -f4 > "$tmp/isa.txt"
	for want in '*(u8 *)(r10 - 8) = 5' '*(u64 *)(r10 - 8) = 5' \
		'*(u32 *)(r10 - 4) = -1' 'r1 %= 7' 'w1 %= w2' \
		'if r1 & 3 goto +1' 'if w1 & w2 goto +1'; do
		if grep -qxF "$want" "$tmp/isa.txt"; then ok "decodes '$want'"; else not_ok "decodes '$want'"; fi
	done
else
	not_ok "clang assembles tests/parser/disasm_isa.s"
fi

for obj in $(find "$B" -name '*.bpf.o' | sort); do
	check "$obj" "$obj"
done
done_testing
