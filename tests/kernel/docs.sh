#!/bin/sh
# docs/ must stay true to the code:
#  - every relative link in docs/*.md points at a file that exists;
#  - a link whose text names a function, "[`map_create()` in loader/maps/map.c]",
#    points at a file that defines that function;
#  - every command shown in a ```sh block as "$ command" runs, from the top
#    of the repository, and exits 0.  (Root: some commands load programs.)
# vm: host-only: it runs the commands docs/ shows, with the host's tools.
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (the commands in docs/ load BPF programs)"
ls docs/*.md > /dev/null 2>&1 || bail "no docs/*.md"
# Some commands pin: they need the bpf filesystem where it usually is.
[ "$(stat -f -c %T /sys/fs/bpf 2>/dev/null)" = bpf_fs ] ||
	mount -t bpf bpf /sys/fs/bpf

for doc in docs/*.md; do
	# One "text<TAB>target" line per markdown link.
	grep -o '\[[^]]*\]([^)]*)' "$doc" |
		sed 's/^\[\(.*\)\](\(.*\))$/\1\t\2/' > "$tmp/links"
	nlinks=0
	while IFS="$(printf '\t')" read -r text target; do
		case "$target" in
		http://*|https://*|mailto:*|\#*) continue ;;
		esac
		nlinks=$((nlinks + 1))
		file=docs/${target%%#*}
		if [ ! -e "$file" ]; then
			not_ok "$doc: link to $target: no such file ($file)"
			continue
		fi
		for fn in $(echo "$text" | grep -o '`[A-Za-z_][A-Za-z0-9_]*()`' | tr -d '`()'); do
			if grep -q "^[A-Za-z_].*[ *]$fn(" "$file"; then
				ok "$doc: $fn() is defined in $file"
			else
				not_ok "$doc: $fn() is defined in $file"
			fi
		done
	done < "$tmp/links"
	ok "$doc: all $nlinks links to files resolve"

	# Commands: "$ ..." lines inside ```sh blocks.
	awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on && /^\$ / { sub(/^\$ /, ""); print }' \
		"$doc" > "$tmp/cmds"
	while read -r cmd; do
		if timeout 120 sh -c "$cmd" > "$tmp/out" 2>&1 < /dev/null; then
			ok "$doc: '$cmd' runs"
		else
			tail -5 "$tmp/out" | sed 's/^/# /'
			not_ok "$doc: '$cmd' runs"
		fi
	done < "$tmp/cmds"
done
done_testing
