#!/bin/sh
# Every message about a malformed ELF names the file ("PATH: elf: ..."):
# five templates of elf_read_rels() reached `barebpf inspect` without it
# (it reads relocations itself, after the loader's own parse).  Each case
# breaks the first relocation section of a copy of procmon.bpf.o (perl
# patches the section header or the first entry) and runs inspect and load.
set -u
. tests/tap.sh

command -v perl >/dev/null || bail "need perl"
OBJ=$B/procmon.bpf.o
[ -f "$OBJ" ] || bail "need $OBJ (make)"

# mutate NAME FIELD: write $tmp/NAME.o, OBJ with FIELD of the first SHT_REL
# section broken: info, link (to a string table), entsize, size, sym.
mutate() {
	perl -e '
		my ($in, $out, $what) = @ARGV;
		open(my $f, "<:raw", $in) or die; local $/; my $b = <$f>;
		my ($shoff) = unpack("Q<", substr($b, 0x28, 8));
		my ($shnum, $shstrndx) = unpack("v v", substr($b, 0x3c, 4));
		my ($rel, $strtab);
		for my $i (1 .. $shnum - 1) {
			my $t = unpack("V", substr($b, $shoff + $i * 64 + 4, 4));
			$rel //= $i if $t == 9;
			$strtab //= $i if $t == 3 && $i != $shstrndx;
		}
		my $sh = $shoff + $rel * 64;
		if ($what eq "info") { substr($b, $sh + 44, 4) = pack("V", 500) }
		elsif ($what eq "link") { substr($b, $sh + 40, 4) = pack("V", $strtab // $shstrndx) }
		elsif ($what eq "entsize") { substr($b, $sh + 56, 8) = pack("Q<", 24) }
		elsif ($what eq "size") {
			my $s = unpack("Q<", substr($b, $sh + 32, 8));
			substr($b, $sh + 32, 8) = pack("Q<", $s - 1);
		} elsif ($what eq "sym") {
			my $o = unpack("Q<", substr($b, $sh + 24, 8));
			substr($b, $o + 8, 8) = pack("Q<", (5000 << 32) | 1);
		}
		open(my $g, ">:raw", $out) or die; print $g $b;
	' "$OBJ" "$tmp/$1.o" "$1"
}

for case in "info:sh_info 500 out of range" "link:is not the symbol table" \
	    "entsize:sh_entsize 24 is not 16" "size:is not a multiple of 16" \
	    "sym:symbol 5000 out of range"; do
	name=${case%%:*} want=${case#*:}
	mutate "$name" || bail "perl failed"
	f=$tmp/$name.o
	"$B/barebpf" inspect "$f" > /dev/null 2> "$tmp/err"
	if grep -q "^barebpf inspect: $f: elf: .*$want" "$tmp/err"; then
		ok "$name: inspect names the file: $want"
	else
		diag "$(cat "$tmp/err")"
		not_ok "$name: inspect names the file: $want"
	fi
	"$B/barebpf" load "$f" > /dev/null 2> "$tmp/err"
	if grep -q "^barebpf load: $f: elf: .*$want" "$tmp/err"; then
		ok "$name: load names the file: $want"
	else
		diag "$(cat "$tmp/err")"
		not_ok "$name: load names the file: $want"
	fi
done
done_testing
