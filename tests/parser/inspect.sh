#!/bin/sh
# barebpf inspect on every BPF object under build/: it must succeed (text,
# --json and --disasm), and the relocations it lists (--json) must be the
# ones llvm-readelf -r lists: same sections, offsets, types and symbols.
set -u
. tests/tap.sh
TOOL=$B/barebpf
READELF=${LLVM_READELF:-llvm-readelf}

if [ ! -x "$TOOL" ] || ! command -v "$READELF" >/dev/null; then
	bail "need $TOOL and $READELF (make; make deps)"
fi

objs=$(find "$B" -name '*.bpf.o' | sort)
[ -n "$objs" ] || bail "no *.bpf.o under $B (make)"

for obj in $objs; do
	if "$TOOL" inspect "$obj" > "$tmp/text" 2> "$tmp/err" &&
	   "$TOOL" inspect --disasm "$obj" > /dev/null 2>> "$tmp/err" &&
	   "$TOOL" inspect --json --disasm "$obj" > "$tmp/json" 2>> "$tmp/err"; then
		ok "$obj: inspect, --disasm and --json succeed"
	else
		sed 's/^/# /' "$tmp/err"
		not_ok "$obj: inspect failed"
		continue
	fi
	grep '^The loader refuses' "$tmp/text" | sed 's/^/# /'
	# "section offset type symbol", one line per relocation, both sides.
	perl -MJSON::PP -e '
		local $/; my $j = decode_json(<STDIN>);
		printf "%s %x %s %s\n", $_->{rel_section}, $_->{offset},
			$_->{type}, $_->{symbol} for @{$j->{relocations}};
	' < "$tmp/json" | sort > "$tmp/ours"
	"$READELF" -r "$obj" | awk '
		/^Relocation section / { sec = $3; gsub(/\047/, "", sec); next }
		/^[0-9a-f]+ +[0-9a-f]+ +R_/ {
			off = $1; sub(/^0+/, "", off); if (off == "") off = "0"
			print sec, off, $3, $5
		}' | sort > "$tmp/ref"
	if [ ! -s "$tmp/ref" ] && [ ! -s "$tmp/ours" ]; then
		ok "$obj: no relocations, as llvm-readelf says"
	elif cmp -s "$tmp/ours" "$tmp/ref"; then
		ok "$obj: $(wc -l < "$tmp/ref") relocations agree with llvm-readelf -r"
	else
		diff "$tmp/ours" "$tmp/ref" | head -20 | sed 's/^/# /'
		not_ok "$obj: relocations differ from llvm-readelf -r"
	fi
done
done_testing
