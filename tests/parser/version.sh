#!/bin/sh
# Every tool answers --version with one line, "NAME 0.2.0 (git REV)", the
# same version for all (loader/core/version.c), with the git revision when
# built from git; every option a tool's --help lists is in its man
# page (docs/man/NAME.8.scd); and each barebpf command answers --help
# with its usage on stdout and status 0 (a usage error: stderr, 2).
set -u
. tests/tap.sh

tools=
for c in loader/cmd/*.c; do
	tools="$tools $(basename "$c" .c)"
done
[ -n "$tools" ] || bail "no tools in loader/cmd/"

first=
for t in $tools; do
	[ -x "$B/$t" ] || { not_ok "$B/$t exists (make)"; continue; }
	out=$("$B/$t" --version)
	st=$?
	echo "$out" | grep -Eqx "$t [0-9]+\.[0-9]+\.[0-9]+( \(git [0-9a-zA-Z.-]+\))?" &&
		[ $st -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 1 ]
	is_ok $? "$t --version: '$out', exit $st"
	v=${out#"$t "}
	[ -n "$first" ] || first=$v
	[ "$v" = "$first" ]
	is_ok $? "$t --version says the same version as the others"
done
if [ -e .git ] && rev=$(git describe --always 2>/dev/null); then
	case "$first" in
	*"(git $rev)"|*"(git $rev-dirty)") ok "the version names the git revision, $rev" ;;
	*) not_ok "the version '$first' names the git revision, $rev (a stale build?)" ;;
	esac
fi

# --help's options, each in the man page (as "*--name*").
for t in $tools; do
	man=docs/man/$t.8.scd
	[ -f "$man" ] || { not_ok "$t has a man page, $man"; continue; }
	"$B/$t" --help | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/opts"
	[ -s "$tmp/opts" ] || { not_ok "$t --help lists options"; continue; }
	missing=
	while read -r o; do
		grep -q -- "\*$o\*" "$man" || missing="$missing $o"
	done < "$tmp/opts"
	[ -z "$missing" ]
	is_ok $? "$man has the $(wc -l < "$tmp/opts") options $t --help lists${missing:+ (missing:$missing)}"
done

# barebpf COMMAND --help, and the same command with no arguments.
for c in inspect disasm run load map prog btf gen "map dump"; do
	"$B/barebpf" $c --help > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ $st -eq 0 ] && grep -q '^Usage: barebpf' "$tmp/out" && [ ! -s "$tmp/err" ]
	is_ok $? "barebpf $c --help: usage on stdout, status 0 (got $st)"
done
for c in inspect disasm run map prog; do
	"$B/barebpf" $c > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ $st -eq 2 ] && [ -s "$tmp/err" ] && [ ! -s "$tmp/out" ]
	is_ok $? "barebpf $c alone: a usage error on stderr, status 2 (got $st)"
done

done_testing
