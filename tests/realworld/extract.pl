#!/usr/bin/perl
# extract.pl - find the BPF objects embedded in libbpf-tools binaries.
#
# A libbpf "skeleton" carries its compiled BPF object as a byte array in
# .rodata.  We scan each binary for an ELF header ("\x7fELF", 64-bit,
# little-endian) whose e_machine is EM_BPF (247), and cut out e_shoff +
# e_shnum * e_shentsize bytes: the section headers end a clang object.
#
#   extract.pl OUTDIR BINARY...    writes OUTDIR/NAME.bpf.o, prints NAME
use strict;
use warnings;

my $out = shift @ARGV or die "usage: extract.pl OUTDIR BINARY...\n";
for my $bin (@ARGV) {
	open(my $fh, '<:raw', $bin) or die "$bin: $!\n";
	local $/;
	my $data = <$fh>;
	close $fh;
	(my $name = $bin) =~ s{.*/}{};
	my $pos = 0;
	my $n = 0;
	while (($pos = index($data, "\x7fELF\x02\x01", $pos)) >= 0) {
		my $start = $pos++;
		next if $start + 64 > length $data;
		my $machine = unpack('v', substr($data, $start + 18, 2));
		next if $machine != 247;
		my $shoff = unpack('Q<', substr($data, $start + 40, 8));
		my ($shentsize, $shnum) = unpack('v v', substr($data, $start + 58, 4));
		my $len = $shoff + $shentsize * $shnum;
		next if $start + $len > length $data;
		my $file = $n ? "$out/$name.$n.bpf.o" : "$out/$name.bpf.o";
		open(my $o, '>:raw', $file) or die "$file: $!\n";
		print $o substr($data, $start, $len);
		close $o;
		print(($n ? "$name.$n" : $name), "\n");
		$n++;
	}
}
