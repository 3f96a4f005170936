#!/usr/bin/perl
# docs_check.pl - run the commands docs/*.md shows and compare their output
# with what the page says they print (docs/checked-outputs.md explains the
# format for writers; tests/kernel/docs.sh runs this under `make test`).
#
#	perl tests/docs_check.pl [--update] docs/NAME.md...
#	perl tests/docs_check.pl --vm-emit DIR docs/NAME.md...
#	perl tests/docs_check.pl [--update] --vm DIR docs/NAME.md...
#
# In a ```sh block, a line "$ command" is run (from the top of the
# repository, stdin /dev/null, stderr with stdout) and the lines up to the
# next "$ " or the end of the block are what it must print:
#   - a line "..." stands for any number of lines (zero or more);
#   - <name> stands for a value that varies from run to run, as the table
#     in docs/checked-outputs.md defines it (the one place the varying
#     things are written down); spaces beside a placeholder may be any
#     number, since the value's width varies;
#   - trailing blanks are ignored; a command must exit 0.
# All commands of one block run in one shell, in order, so a block may set
# a variable or start a process for the next command.
#
# A block fenced ```sh vm needs the VM tier's kernel (docs/vm-tests.md), so
# it is not run here: this only says which test checks it.  The VM tier
# (tests/vm/run.sh) asks --vm-emit to write each such block as a script
# DIR/PAGE.KEY.sh (KEY: a digest of the page's name and the block's
# commands), runs them inside the VM (tests/vm/init.sh) into
# DIR/PAGE.KEY.out, and checks the pages with --vm DIR: the VM blocks
# against those outputs, the same way as here, and nothing on the host.
# A block whose output is missing fails (its commands changed since the
# VM ran, or the VM did not run them).
# A "$ " line in any other block is an error: it would go unchecked.
#
# Prints "ok<TAB>what", "not ok<TAB>what" and "# diagnostic" lines, for
# docs.sh to number.  --update rewrites the blocks that do not match with
# the real output, keeping each expected line that still matches its
# counterpart (so placeholders survive): review the diff, and put
# placeholders back where a new line varies.
use strict;
use warnings;
use POSIX ();
use Digest::MD5 ();
use File::Basename ();

my $update = @ARGV && $ARGV[0] eq '--update' ? shift @ARGV : 0;
my ($vm_mode, $vm_dir) = @ARGV >= 2 && $ARGV[0] =~ /^--vm(-emit)?$/ ?
    (shift @ARGV, shift @ARGV) : ('', '');
my $table = 'docs/checked-outputs.md';
my %ph = placeholders($table);
my $timeout = $ENV{DOCS_TIMEOUT} || 120;
my $vm_mark = '@@docs-check-vm@@';	# see vm_key()

for my $doc (@ARGV) {
	check_doc($doc);
}
exit 0;

# The placeholder table: rows "| `<name>` | what | `regex` |".
sub placeholders {
	my ($file) = @_;
	open my $fh, '<', $file or die "$file: $!\n";
	my %p;
	while (<$fh>) {
		$p{$1} = $2 if /^\|\s*`<(\w+)>`\s*\|.*\|\s*`([^`]+)`\s*\|\s*$/;
	}
	die "$file: no placeholder table\n" unless %p;
	return %p;
}

sub check_doc {
	my ($doc) = @_;
	open my $fh, '<', $doc or die "$doc: $!\n";
	my @lines = <$fh>;
	close $fh;
	chomp @lines;
	my @out;	# the page, rewritten if --update
	my $changed = 0;
	my $i = 0;
	while ($i < @lines) {
		my $l = $lines[$i];
		unless ($l =~ /^```(.*)$/) {
			push @out, $l;
			$i++;
			next;
		}
		my $info = $1;
		my $start = $i;
		my $end = $i + 1;
		$end++ while $end < @lines && $lines[$end] !~ /^```\s*$/;
		my @body = @lines[$start + 1 .. $end - 1];
		push @out, $l;
		if ($info eq 'sh' && !$vm_mode || $info eq 'sh vm' && $vm_mode eq '--vm') {
			my $run = $info eq 'sh' ? \&run_block : vm_output($doc);
			my @new = check_block($doc, $start + 1, $run, @body);
			$changed = 1 if join("\n", @new) ne join("\n", @body);
			push @out, @new;
		} elsif ($info eq 'sh vm' && $vm_mode eq '--vm-emit') {
			vm_emit($doc, @body);
			push @out, @body;
		} elsif ($info eq 'sh vm' && !$vm_mode) {
			my $n = grep { /^\$ / } @body;
			print "# $doc:" . ($start + 1) . ": a ```sh vm block, $n command(s):" .
			    " run in the VM and checked by make test-vm (tests/vm/run.sh), not here\n";
			push @out, @body;
		} elsif ($info eq 'sh') {
			push @out, @body;	# --vm, --vm-emit: the host's test runs it
		} else {
			if ($info ne 'sh vm' && grep { /^\$ / } @body) {
				print "not ok\t$doc:" . ($start + 1) .
				    ": a '\$ ' command in a ```$info block is never run (use ```sh, or ```sh vm)\n";
			}
			push @out, @body;
		}
		push @out, $lines[$end] if $end < @lines;
		$i = $end + 1;
	}
	if ($update && $changed) {
		open my $w, '>', $doc or die "$doc: $!\n";
		print $w map { "$_\n" } @out;
		close $w;
		print "# $doc: rewritten (review the diff)\n";
	}
}

# One ```sh block: split into commands and their expected lines, run them
# all in one shell (&$run), compare each.  Returns the block's lines, updated.
sub check_block {
	my ($doc, $line, $run, @body) = @_;
	my @cmds = block_cmds(@body);
	return @body unless @cmds;
	my @got = $run->(map { $_->{cmd} } @cmds);
	my @new;
	for my $k (0 .. $#cmds) {
		my $c = $cmds[$k];
		my ($status, @lines) = @{ $got[$k] // [ 'not run (an earlier command hung?)' ] };
		my $what = "$doc:$line: \$ $c->{cmd}";
		my $match = $status eq '0' && matches($c->{want}, \@lines);
		if ($match) {
			print "ok\t$what\n";
		} else {
			print "not ok\t$what\n";
			print $status =~ /^\d+$/ ? "# exit status $status\n" : "# $status\n"
			    if $status ne '0';
			print "# expected:\n", map { "#   $_\n" } @{ $c->{want} };
			print "# got:\n", map { "#   $_\n" } @lines;
		}
		push @new, "\$ $c->{cmd}";
		push @new, $match || !$update ? @{ $c->{want} } :
		    refresh($c->{want}, \@lines);
	}
	return @new;
}

# A block's commands, each with the lines it must print.
sub block_cmds {
	my @cmds;
	for my $b (@_) {
		if ($b =~ /^\$ (.*)$/) {
			push @cmds, { cmd => $1, want => [] };
		} elsif (@cmds) {
			push @{ $cmds[-1]{want} }, $b;
		}
	}
	return @cmds;
}

# The script that runs @cmds in one sh; a line "MARK STATUS" after each.
sub block_script {
	my ($mark, @cmds) = @_;
	my $script = '';
	for my $c (@cmds) {
		$script .= "$c\nprintf '\\n$mark %s\\n' \$?\n";
	}
	return $script;
}

sub write_file {
	my ($file, $text) = @_;
	open my $w, '>', $file or die "$file: $!\n";
	print $w $text;
	close $w or die "$file: $!\n";
}

# Run the commands in one sh; a marker line after each gives its status.
sub run_block {
	my @cmds = @_;
	my $mark = "\@\@docs-check-$$\@\@";
	my $tmp = "/tmp/docs-check-$$.sh";
	write_file($tmp, block_script($mark, @cmds));
	my $all = run_clean("timeout $timeout sh $tmp");
	unlink $tmp;
	return split_output($mark, $all);
}

# A VM block's file names in $vm_dir, without .sh / .out: the page's name
# and a digest of it and the commands (not of the expected lines, which
# --update rewrites from the output).  The VM's scripts mark with a fixed
# string (vm_mark): the host cannot know the pid they ran under.

sub vm_key {
	my ($doc, @cmds) = @_;
	my $page = File::Basename::basename($doc, '.md');
	return "$vm_dir/$page." .
	    substr(Digest::MD5::md5_hex(join("\n", $page, @cmds)), 0, 12);
}

sub vm_emit {
	my ($doc, @body) = @_;
	my @cmds = map { $_->{cmd} } block_cmds(@body);
	write_file(vm_key($doc, @cmds) . '.sh', block_script($vm_mark, @cmds)) if @cmds;
}

# What the VM printed for a block, split per command as run_block does.
sub vm_output {
	my ($doc) = @_;
	return sub {
		my $out = vm_key($doc, @_) . '.out';
		open my $fh, '<', $out or
		    return ([ "missing: the VM left no $out (run make test-vm)" ]);
		local $/;
		my $all = <$fh> // '';
		close $fh;
		return split_output($vm_mark, $all);
	};
}

# A block's whole output, cut at the markers: [status, lines...] per command.
sub split_output {
	my ($mark, $all) = @_;
	my @res;
	my @cur;
	for my $l (split /\n/, $all, -1) {
		if ($l =~ /^\Q$mark\E (\d+)$/) {
			# The marker's own leading newline ended a line that had
			# none: drop the empty line it made.
			pop @cur if @cur && $cur[-1] eq '';
			push @res, [ $1, @cur ];
			@cur = ();
			next;
		}
		$l =~ s/\s+$//;
		push @cur, $l;
	}
	return @res;
}

# Run a command with stdin /dev/null and stdout and stderr into one pipe,
# and no other fd: what we inherited (a terminal's, a CI runner's) would
# shift every fd number the pages show.
sub run_clean {
	my ($cmd) = @_;
	pipe(my $r, my $w) or die "pipe: $!\n";
	my $pid = fork // die "fork: $!\n";
	if (!$pid) {
		close $r;
		open STDIN, '<', '/dev/null' or die "/dev/null: $!\n";
		open STDOUT, '>&', $w or die "dup: $!\n";
		open STDERR, '>&', $w or die "dup: $!\n";
		POSIX::close($_) for 3 .. 1023;
		# As in a reader's shell: none of the test run's variables
		# (make test SANITIZE=1 sets BUILD=build-san, which would move
		# `make static` and bench/size.sh away from the build/ the
		# pages show).
		delete @ENV{qw(BUILD B SANITIZE MAKEFLAGS MAKELEVEL MFLAGS)};
		exec 'sh', '-c', $cmd or die "sh: $!\n";
	}
	close $w;
	local $/;
	my $all = <$r> // '';
	close $r;
	waitpid $pid, 0;
	return $all;
}

# Expected lines (with "..." and placeholders) against the real ones.
sub matches {
	my ($want, $got) = @_;
	my @re = map { $_ eq '...' ? undef : line_re($_) } @$want;
	my %memo;
	my $m;
	$m = sub {
		my ($w, $g) = @_;
		return $memo{"$w,$g"} //= do {
			if ($w == @re) {
				$g == @$got;
			} elsif (!defined $re[$w]) {
				my $r = 0;
				for my $h ($g .. scalar @$got) {
					last if $r = $m->($w + 1, $h);
				}
				$r;
			} else {
				$g < @$got && $got->[$g] =~ $re[$w] && $m->($w + 1, $g + 1);
			}
		} ? 1 : 0;
	};
	return $m->(0, 0);
}

sub line_re {
	my ($line) = @_;
	$line =~ s/\s+$//;
	my $re = '';
	my $pad = 0;	# the previous piece was a placeholder
	for my $piece (split /(<\w+>)/, $line) {
		if ($piece =~ /^<(\w+)>$/ && exists $ph{$1}) {
			my $name = $1;
			$re =~ s/(?:\\ )+$/ +/;
			$re .= "(?:$ph{$name})";
			$pad = 1;
			next;
		}
		my $lit = quotemeta $piece;
		$lit =~ s/^(?:\\ )+/ +/ if $pad;
		$re .= $lit;
		$pad = 0;
	}
	return qr/^$re$/;
}

# --update: the real lines, lined up with the old block (the longest run of
# old lines that still match, in order, as diff does): a matching old line
# is kept as it was (it may hold placeholders), a stretch the old block
# covered with "..." stays "...", anything else is the real line.
sub refresh {
	my ($want, $got) = @_;
	my @w = @$want;
	my @g = @$got;
	my @re = map { $_ eq '...' ? undef : line_re($_) } @w;
	my @len;	# $len[i][j]: pairs in common between @w[i..] and @g[j..]
	for my $i (reverse 0 .. @w) {
		for my $j (reverse 0 .. @g) {
			$len[$i][$j] = $i == @w || $j == @g ? 0 :
			    defined $re[$i] && $g[$j] =~ $re[$i] ?
			    1 + $len[$i + 1][$j + 1] :
			    max($len[$i + 1][$j], $len[$i][$j + 1]);
		}
	}
	my ($i, $j) = (0, 0);
	my @new;
	my ($dots, @gap) = (0);
	my $flush = sub {
		push @new, $dots ? '...' : @gap;
		($dots, @gap) = (0);
	};
	while ($i < @w || $j < @g) {
		if ($i < @w && $j < @g && defined $re[$i] && $g[$j] =~ $re[$i] &&
		    $len[$i][$j] == 1 + $len[$i + 1][$j + 1]) {
			$flush->();
			push @new, $w[$i++];
			$j++;
		} elsif ($j < @g && ($i == @w || $len[$i][$j + 1] >= $len[$i + 1][$j])) {
			push @gap, $g[$j++];
		} else {
			$dots = 1 if $w[$i] eq '...';
			$i++;
		}
	}
	$flush->();
	return @new;
}

sub max { $_[0] > $_[1] ? $_[0] : $_[1] }
