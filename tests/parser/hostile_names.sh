#!/bin/sh
# Names from an object reach the terminal escaped (docs/hardening.md: `\e`,
# `\n`, `\t`, `\r`, `\\`, `\xNN`): a copy of procmon.bpf.o whose map,
# program, BTF struct and section names carry ESC, BEL, newlines, DEL and
# bytes >= 0x80 (same lengths, patched in the string tables) is shown by
# `barebpf inspect` with every such byte escaped, in the names and in the
# error that quotes one; `--json` keeps JSON's escaping (the names decode
# back to the raw bytes).
set -u
. tests/tap.sh

command -v perl >/dev/null || bail "need perl"
[ -f "$B/procmon.bpf.o" ] || bail "need $B/procmon.bpf.o (make)"

# proc_info -> pr DEL 0x9b i \ n fo ("\\n" in perl: a backslash and an n).
patch='s/process_map/pro\e[2J\nmap/g; s/handle_exec/h\e]0;T\a\nFAK/g;
       s/proc_info/pr\x7f\x9bi\\nfo/g'
perl -0777 -pe "$patch" "$B/procmon.bpf.o" > "$tmp/names.o"
perl -0777 -pe "$patch; s/sched_process_exit/sched\nprocess_exit/g" \
	"$B/procmon.bpf.o" > "$tmp/section.o"

# Lines of $1 holding a byte a terminal acts on (controls but \n, DEL, >= 0x80).
raw_lines() { LC_ALL=C grep -c "$(printf '[\001-\011\013-\037\177-\377]')" "$1"; }

"$B/barebpf" inspect "$tmp/names.o" > "$tmp/text" 2> "$tmp/err"
is_ok $? "inspect of the object with hostile names succeeds"
[ "$(raw_lines "$tmp/text")" = 0 ]
is_ok $? "no raw control byte, DEL or byte >= 0x80 in its output"
# (Descriptions without backslashes: dash's echo would interpret them.)
shown() { grep -qF -- "$1" "$tmp/text"; is_ok $? "shown escaped: $2"; }
shown 'pro\e[2J\nmap: hash' "the map's name"
shown 'h\e]0;T\x07\nFAK: section' "the program's name"
shown 'value struct pr\x7f\x9bi\\nfo' "a BTF struct name (DEL, 0x9b, a backslash)"
shown "map 'pro\\e[2J\\nmap'" "a name inside a sentence"
# No line may begin with a forged name: the newline inside is escaped.
! grep -q '^map\|^FAK' "$tmp/text"
is_ok $? "no line forged by a newline inside a name"

"$B/barebpf" inspect "$tmp/section.o" > "$tmp/text2" 2> "$tmp/err2"
grep -qF 'tp/sched/sched\nprocess_exit' "$tmp/text2" &&
	grep -qF "tracepoint 'sched/sched\\nprocess_exit'" "$tmp/text2"
is_ok $? "a section name is escaped, also inside the loader's refusal"
[ "$(raw_lines "$tmp/text2")" = 0 ]
is_ok $? "  and nothing raw in that output either"
"$B/barebpf" load "$tmp/section.o" > /dev/null 2> "$tmp/err3"
grep -qF 'sched\nprocess_exit' "$tmp/err3" && [ "$(raw_lines "$tmp/err3")" = 0 ]
is_ok $? "the error on stderr is escaped too"

"$B/barebpf" inspect --json "$tmp/names.o" > "$tmp/json" 2>> "$tmp/err"
perl -MJSON::PP -e '
	local $/; my $j = decode_json(<STDIN>);
	my %m = map { $_->{name} => 1 } @{$j->{maps}};
	my %p = map { $_->{name} => 1 } @{$j->{programs}};
	exit !($m{"pro\e[2J\nmap"} && $p{"h\e]0;T\a\nFAK"});
' < "$tmp/json"
is_ok $? "--json: valid JSON, the names decode back to their raw bytes"
[ "$(raw_lines "$tmp/json")" = 0 ]
is_ok $? "--json: no raw control byte either"
done_testing
