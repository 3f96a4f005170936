#!/bin/sh
# bench/size.sh - how big are the static tools, and what makes them so.
#
#	make static && sh bench/size.sh [> bench/size-report.txt]
#
# Prints each static binary's size (stripped, as shipped), the parts of
# procmon (its code vs musl's, the embedded BPF objects, packed) and the
# largest symbols of each (nm --size-sort on the unstripped link).  Exits 1 when
# static procmon is over its budget of 96 KiB: a regression guard (issue 18),
# checked here, not in the tests, so that growing past it is a visible,
# deliberate act.
set -u
B=${BUILD:-build}
S=$B/static
BUDGET=98304
TOP=${TOP:-25}

for t in procmon barebpf; do
	[ -f "$S/$t" ] || { echo "no $S/$t: run make static" >&2; exit 2; }
done

echo "# Static binary sizes (musl, -Oz, LTO, stripped)"
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
echo
# The linker's map (-Wl,-Map) says which input file each piece of each
# section came from: musl's libc.a, the embedded objects, or our code
# (with -flto our code arrives as the compiler's "ltrans" files).  .bss
# takes no room in the file and debug sections are stripped: not counted.
awk '
	/^Linker script and memory map/ { on = 1; next }
	!on { next }
	/^[^ ]/ { out = $1 }			# an output section
	/^ [^ *]/ && NF == 1 { pend = $1; next }	# name alone on its line
	{
		if ($1 ~ /^0x/ && pend != "") { $0 = pend " " $0; pend = "" }
		if (NF < 4 || $2 !~ /^0x/ || $3 !~ /^0x/) next
		if (out ~ /^\.(bss|tbss|debug|comment)/ || out == "/DISCARD/") next
		sz = 0; h = substr($3, 3)
		for (i = 1; i <= length(h); i++)
			sz = sz * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
		f = $4
		if (f ~ /libc\.a\(/) {
			who = "musl libc"
			m = f; sub(/.*\(/, "", m); sub(/\.lo\)$/, "", m); musl[m] += sz
		} else if (f ~ /embed\//) who = "embedded BPF objects"
		else if (f ~ /crt|libgcc/) who = "C runtime start files"
		else who = "barebpf (elf/, loader/), strings included"
		part[who] += sz
	}
	END {
		n = split("barebpf (elf/, loader/), strings included|musl libc|embedded BPF objects|C runtime start files", w, "|")
		for (i = 1; i <= n; i++)
			printf "    %-44s %6d bytes\n", w[i] ":", part[w[i]]
		printf "\n    musl, by member (the 12 largest):\n"
		for (m in musl)
			printf "      %6d %s\n", musl[m], m | "sort -rn | head -12"
	}' "$S/obj/procmon.map"
# The embedded objects are packed (elf/base/lz.h); the map counts packed bytes.
echo
echo "    embedded objects, stripped -> packed (elf/base/lz.h):"
for f in "$S"/obj/obj/embed/*.lz; do
	[ -f "$f" ] || continue
	printf '      %-24s %6d -> %5d bytes\n' "$(basename "${f%.lz}").bpf.o" \
		"$(wc -c < "${f%.lz}.embed")" "$(wc -c < "$f")"
done
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
