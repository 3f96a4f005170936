#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# examples_readme.sh - docs/examples/README.md cites, for every tutorial
# step, a line of an example as a link FILE#LN and quotes it beside the
# link.  Each quoted text must still be on the cited line of the file
# (an edit that moves it makes this fail: update the README), every
# example directory with a README of its own has a section, and the
# line counts in the examples' READMEs ("(N lines)") are the files'.
. tests/tap.sh
R=docs/examples/README.md
[ -f $R ] || bail "no $R"

# Rows: | step | [f#Ln](dir/f#Ln) | `quote` | ... ; print "path line quote".
refs=$(sed -n 's/^| [^|]* | \[[^]]*\](\([^)#]*\)#L\([0-9]*\)) | `\(.*\)` | .*$/\1 \2 \3/p' $R)
[ -n "$refs" ]
is_ok $? "$R cites lines"
printf '%s\n' "$refs" > "$tmp/refs"
while read -r path n quote; do
	quote=$(printf '%s' "$quote" | sed 's/\\|/|/g')	# a table's \| is |
	f=docs/examples/$path
	if [ ! -f "$f" ]; then
		not_ok "$path#L$n: no such file"
		continue
	fi
	line=$(sed -n "${n}p" "$f")
	case $line in
	*"$quote"*) ok "$path#L$n: $quote" ;;
	*) not_ok "$path#L$n: $quote"
	   diag "line $n is: $line"
	   diag "the text is at line(s): $(grep -nF -- "$quote" "$f" | cut -d: -f1 | tr '\n' ' ')" ;;
	esac
done < "$tmp/refs"
[ "$(grep -c '#L[0-9]' $R)" -eq "$(wc -l < "$tmp/refs")" ]
is_ok $? "every line citation was read (none left unchecked by the pattern)"

for d in docs/examples/*/; do
	d=${d%/}; d=${d#docs/examples/}
	[ -f "docs/examples/$d/README.md" ] || continue
	grep -q "^## .*\[$d/\]($d/)\$" $R
	is_ok $? "$R has a section for $d"
done

# "| [file](file) | ... (N lines) |" in an example's README: wc -l.
for readme in docs/examples/*/README.md; do
	dir=${readme%/README.md}
	sed -n 's/^| \[\([^]]*\)\](\([^)]*\)) | .*(\([0-9]*\) lines) |$/\2 \3/p' "$readme" > "$tmp/counts"
	while read -r file want; do
		have=$(wc -l < "$dir/$file")
		[ "$have" -eq "$want" ]
		is_ok $? "$readme: $file has $want lines"
		[ "$have" -eq "$want" ] || diag "wc -l says $have"
	done < "$tmp/counts"
done
done_testing
