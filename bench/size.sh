#!/bin/sh
# bench/size.sh - how big are the static tools, and what makes them so.
#
#	make static && sh bench/size.sh [> bench/size-report.txt]
#
# Prints each static binary's size (stripped, as shipped), the parts of
# procmon (its code vs musl's, the embedded BPF object) and the largest
# symbols of each (nm --size-sort on the unstripped link).  Exits 1 when
# static procmon is over its budget of 64 KiB: the budget is checked here,
# not in the tests, so that growing past it is a visible, deliberate act.
set -u
B=${BUILD:-build}
S=$B/static
BUDGET=65536
TOP=${TOP:-25}

for t in procmon barebpf; do
	[ -f "$S/$t" ] || { echo "no $S/$t: run make static" >&2; exit 2; }
done

echo "# Static binary sizes (musl, -Os, stripped)"
echo
for t in procmon barebpf; do
	printf '%-24s %7d bytes\n' "$S/$t" "$(stat -c %s "$S/$t")"
done
for t in procmon barebpf; do
	[ -f "$B/$t" ] && printf '%-24s %7d bytes (glibc, dynamic, -O2 -g, for comparison)\n' \
		"$B/$t" "$(stat -c %s "$B/$t")"
done
echo
echo "## Where procmon's bytes go"
echo
size "$S/obj/procmon" | sed 's/^/    /'
embed=$(stat -c %s "$S/obj/obj/embed/procmon.embed" 2>/dev/null || echo 0)
ours=$(nm -S --defined-only "$S/obj/libbarebpf.a" "$S/obj/obj/loader/cmd/procmon.o" 2>/dev/null |
	awk 'NF == 4 { print $4 }' | sort -u)
nm -S --size-sort "$S/obj/procmon" | awk -v ours="$(echo $ours)" -v embed="$embed" '
	BEGIN { n = split(ours, o, " "); for (i = 1; i <= n; i++) mine[o[i]] = 1 }
	NF == 4 {
		sz = 0
		for (i = 1; i <= length($2); i++)
			sz = sz * 16 + index("0123456789abcdef", substr($2, i, 1)) - 1
		if (seen[$1 $2]++) next	# aliases (weak + strong) count once
		if ($3 ~ /^[bB]$/) next	# .bss takes no room in the file
		if ($4 in mine) a += sz; else b += sz
	}
	END {
		printf "    symbols from barebpf (elf/, loader/): %6d bytes (not counting string literals)\n", a
		printf "    symbols from musl libc:               %6d bytes\n", b
		printf "    embedded procmon.bpf.o (in .rodata):  %6d bytes\n", embed
	}'
for t in procmon barebpf; do
	echo
	echo "## Largest $TOP symbols of $t (nm --size-sort)"
	echo
	nm -S --size-sort "$S/obj/$t" | tail -n "$TOP" | awk '{
		sz = 0
		for (i = 1; i <= length($2); i++)
			sz = sz * 16 + index("0123456789abcdef", substr($2, i, 1)) - 1
		printf "    %6d %s %s\n", sz, $3, $4 }' | sort -rn
done
echo
size=$(stat -c %s "$S/procmon")
if [ "$size" -le $BUDGET ]; then
	echo "Budget: static procmon is $size bytes <= $BUDGET: within budget"
	exit 0
fi
echo "Budget: static procmon is $size bytes > $BUDGET: OVER BUDGET by $((size - BUDGET)) bytes"
exit 1
