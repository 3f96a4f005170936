#!/bin/sh
# run.sh FUZZER SECONDS [DIR] - fuzz the parsers for SECONDS seconds.
#
# Seeds: every BPF object under $BUILD (build/), the packed ones the tools
# embed, a tiny executable for the uprobe reader, and the reproducers kept
# in tests/corpus/.  The corpus libFuzzer grows is kept in DIR/corpus
# (default $BUILD/fuzz) so that the next run starts where this one
# stopped; a crash is written to DIR/crash-* and makes this script fail.
# Extra libFuzzer flags may come in $FUZZ_FLAGS (e.g. -jobs=1 -workers=1
# for a long background run).
set -eu
fuzzer=$1
seconds=$2
B=${BUILD:-build}
dir=${3:-$B/fuzz}
mkdir -p "$dir/corpus" "$dir/seeds"
find "$B" -name '*.bpf.o' -not -path "$dir/*" -exec cp {} "$dir/seeds/" \;
if [ -d tests/corpus ]; then
	for f in tests/corpus/*; do
		[ -f "$f" ] && cp "$f" "$dir/seeds/"
	done
fi
# The packed objects the tools embed, each behind its size unpacked in two
# bytes, little-endian, as the fuzzer reads a packed stream.
for f in $(find "$B" -name '*.lz' -not -path "$dir/*"); do
	n=$(wc -c < "${f%.lz}.embed")
	{ printf "\\$(printf %o $((n & 255)))\\$(printf %o $((n >> 8)))"
	  cat "$f"; } > "$dir/seeds/lz-$(basename "${f%.lz}")"
done
if [ ! -f "$dir/seeds/tiny_exec" ]; then
	echo 'int main(void) { return 0; }' |
		${CC:-cc} -Os -s -x c - -o "$dir/seeds/tiny_exec"
fi
# -timeout: an input taking 10 s is a hang; -rss_limit_mb: a parser that
# allocates gigabytes for a small file is a bug too.
# shellcheck disable=SC2086
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
	-print_final_stats=1 \
	-artifact_prefix="$dir/" ${FUZZ_FLAGS:-} "$dir/corpus" "$dir/seeds"
