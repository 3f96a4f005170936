#!/bin/sh
# linkage.sh - our binaries link neither libbpf nor libelf.
#
# The loader must stand on raw syscalls alone.  ldd shows the shared
# libraries a binary needs; nm shows whether a static copy of either
# library's entry points slipped in.
set -u
build=${BUILD:-build}
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

bins=""
for f in "$build"/*; do
	[ -f "$f" ] && [ -x "$f" ] && bins="$bins $f"
done
[ -n "$bins" ] || { echo "1..1"; echo "not ok 1 - no binaries in $build"; exit 1; }

for b in $bins; do
	libs=$(ldd "$b" 2>&1)
	if echo "$libs" | grep -Eq 'libbpf|libelf'; then
		not_ok "$b links no libbpf/libelf: $(echo "$libs" | grep -E 'libbpf|libelf' | tr '\n' ' ')"
	else
		ok "$b links no libbpf/libelf (ldd)"
	fi
	syms=$(nm "$b" 2>/dev/null | grep -Ew 'elf_begin|elf_version|gelf_getshdr|bpf_object__open|bpf_object__load|libbpf_get_error' || true)
	if [ -n "$syms" ]; then
		not_ok "$b has no libbpf/libelf symbols: $syms"
	else
		ok "$b has no libbpf/libelf symbols (nm)"
	fi
done
echo "1..$n"
exit $fail
