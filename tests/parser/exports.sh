#!/bin/sh
# The library as shipped exports the bb_ names alone, so that it links
# beside libbpf or any program (which may well have a map_create() of its
# own): every global name that libbarebpf.a defines (nm -g) and every
# dynamic symbol libbarebpf.so defines (nm -D) starts with bb_, BB_ or
# _bb_.  Its public header, loader/barebpf.h, stands alone, in C and C++.
set -u
. tests/tap.sh

A=$B/libbarebpf.a
SO=$B/libbarebpf.so
[ -f "$A" ] && [ -f "$SO" ] || bail "no $A or $SO (make lib)"

# check_exports WHAT NM-OUTPUT-FILE
check_exports() {
	awk 'NF >= 3 { print $NF }' "$2" | sort -u > "$tmp/names"
	grep -v '^\(bb_\|BB_\|_bb_\)' "$tmp/names" > "$tmp/bad"
	[ -s "$tmp/names" ] && [ ! -s "$tmp/bad" ]
	is_ok $? "$1: all $(wc -l < "$tmp/names") exported names start with bb_"
	[ -s "$tmp/bad" ] && diag "not ours to export: $(head -20 "$tmp/bad" | tr '\n' ' ')"
	for f in bb_object_open bb_object_load bb_map_update bb_version; do
		grep -qx "$f" "$tmp/names" || { not_ok "$1 exports $f"; return; }
	done
	ok "$1 exports bb_object_open, bb_object_load, bb_map_update, bb_version"
}

nm -g --defined-only "$A" > "$tmp/nm" || bail "nm $A"
check_exports "$A" "$tmp/nm"
# The internal names are still inside, local: the names were hidden, not lost.
nm --defined-only "$A" | grep -q ' t map_create$'
is_ok $? "$A: map_create is inside, local"

nm -D --defined-only "$SO" > "$tmp/nm" || bail "nm -D $SO"
check_exports "$SO" "$tmp/nm"
readelf -d "$SO" | grep -q 'SONAME.*\[libbarebpf\.so\.0\]'
is_ok $? "$SO: soname libbarebpf.so.0"
# Linked with -z defs, so nothing it needs is left to chance: libc's.
ldd "$SO" | grep -v 'linux-vdso\|ld-linux\|libc\.so\|libasan\|libubsan\|libm\.so\|libstdc++\|libgcc_s\|libdl\|libpthread\|librt' > "$tmp/libs"
[ ! -s "$tmp/libs" ]
is_ok $? "$SO needs no library but libc"
[ -s "$tmp/libs" ] && diag "$(cat "$tmp/libs")"

# The header alone, in an empty directory: libc's headers and nothing else.
cp loader/barebpf.h "$tmp/"
printf '#include "barebpf.h"\nint main(void) { return bb_version() == 0; }\n' > "$tmp/h.c"
cc -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only "$tmp/h.c"
is_ok $? "barebpf.h compiles alone as C11 (-pedantic)"
g++ -std=c++11 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c++ "$tmp/barebpf.h"
is_ok $? "barebpf.h compiles as C++ (g++ -x c++)"
g++ -std=c++11 -Wall -Wextra -Werror -S -o "$tmp/h.s" -x c++ "$tmp/h.c" &&
	grep -q 'call.*[^_]bb_version\b' "$tmp/h.s"
is_ok $? "from C++, bb_version() is called by its C name (extern \"C\")"

done_testing
