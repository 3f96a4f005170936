#!/bin/sh
# docs/ must stay true to the code:
#  - every relative link in docs/*.md points at a file that exists;
#  - a link whose text names a function, "[`map_create()` in loader/maps/map.c]",
#    points at a file that defines that function;
#  - every command shown in a ```sh block as "$ command" runs, from the top
#    of the repository, exits 0 and prints what the page says it prints
#    (tests/docs_check.pl; docs/checked-outputs.md).  (Root: some commands
#    load programs.)
# DOCS="docs/a.md docs/b.md" checks only those pages.
# vm: host-only: it runs the commands docs/ shows, with the host's tools.
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (the commands in docs/ load BPF programs)"
ls docs/*.md > /dev/null 2>&1 || bail "no docs/*.md"
# Some commands pin: they need the bpf filesystem where it usually is.
[ "$(stat -f -c %T /sys/fs/bpf 2>/dev/null)" = bpf_fs ] ||
	mount -t bpf bpf /sys/fs/bpf

for doc in ${DOCS:-docs/*.md}; do
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

	# Commands and their outputs: tests/docs_check.pl runs each and
	# compares (docs/checked-outputs.md says how).
	perl tests/docs_check.pl "$doc" > "$tmp/check" 2>&1 ||
		not_ok "$doc: tests/docs_check.pl ran to the end"
	tap_lines < "$tmp/check"
done

# The test of the test: the first block of docs/barebpf.md (no root, quick)
# copied as it is must pass, and with one output line changed must fail.
awk '/^```sh$/ { on = 1 } on { print } on && /^```$/ { exit }' docs/barebpf.md \
	> "$tmp/same.md"
awk '!done && !/^(```|\$ |\.\.\.$)/ { $0 = $0 " (changed)"; done = 1 } { print }' \
	"$tmp/same.md" > "$tmp/changed.md"
perl tests/docs_check.pl "$tmp/same.md" > "$tmp/check" 2>&1
if grep -q '^ok' "$tmp/check" && ! grep -q '^not ok' "$tmp/check"; then
	ok "a copy of a block passes"
else
	not_ok "a copy of a block passes"
fi
perl tests/docs_check.pl "$tmp/changed.md" > "$tmp/check" 2>&1
if grep -q '^not ok' "$tmp/check"; then
	ok "the copy with one output line changed fails"
else
	not_ok "the copy with one output line changed fails"
fi

# The VM's way (tests/vm/docs.sh runs the real pages' ```sh vm blocks): here
# a block is not run but said to be checked by make test-vm; written out
# with --vm-emit and run by sh as the VM's init runs it, its output passes
# --vm, and fails it with one output line changed, or with no output.
printf '```sh vm\n$ echo bb-vm-%s\nbb-vm-%s\n```\n' $$ $$ > "$tmp/vm.md"
perl tests/docs_check.pl "$tmp/vm.md" > "$tmp/check" 2>&1
if grep -q '^# .*checked by make test-vm' "$tmp/check" && ! grep -q '^\(not \)\?ok' "$tmp/check"; then
	ok "a \`\`\`sh vm block is not run here, and the test says who checks it"
else
	not_ok "a \`\`\`sh vm block is not run here, and the test says who checks it"
fi
mkdir "$tmp/vm"
perl tests/docs_check.pl --vm-emit "$tmp/vm" "$tmp/vm.md"
for s in "$tmp"/vm/*.sh; do
	sh "$s" < /dev/null > "${s%.sh}.out" 2>&1
done
perl tests/docs_check.pl --vm "$tmp/vm" "$tmp/vm.md" > "$tmp/check" 2>&1
if grep -q '^ok' "$tmp/check" && ! grep -q '^not ok' "$tmp/check"; then
	ok "a \`\`\`sh vm block passes against its output"
else
	not_ok "a \`\`\`sh vm block passes against its output"
fi
sed 's/^bb-vm-.*/& (changed)/' "$tmp/vm.md" > "$tmp/vm/vm.md"
perl tests/docs_check.pl --vm "$tmp/vm" "$tmp/vm/vm.md" > "$tmp/check" 2>&1
if grep -q '^not ok' "$tmp/check"; then
	ok "the \`\`\`sh vm block with one output line changed fails"
else
	not_ok "the \`\`\`sh vm block with one output line changed fails"
fi
rm "$tmp"/vm/*.out
perl tests/docs_check.pl --vm "$tmp/vm" "$tmp/vm.md" > "$tmp/check" 2>&1
if grep -q '^not ok.*' "$tmp/check" && grep -q 'the VM left no' "$tmp/check"; then
	ok "the \`\`\`sh vm block with no output from the VM fails"
else
	not_ok "the \`\`\`sh vm block with no output from the VM fails"
fi
done_testing
