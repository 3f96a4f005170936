#!/bin/sh
# public_header.sh - loader/barebpf.h is the whole public API: alone in a
# directory (no path into the source tree), it compiles as C99 and as
# C++, beside libbpf's headers; every function it names is defined in
# build/libbarebpf.a; and no symbol of that library is one libbpf exports.
set -u
. tests/tap.sh
lib=$B/libbarebpf.a
libbpf_so=$(ls /usr/lib/*/libbpf.so.1 /usr/lib64/libbpf.so.1 2>/dev/null | head -1)
[ -f "$lib" ] || bail "no $lib (make)"
san=$(lib_san_flags)
mkdir "$tmp/inc"
cp loader/barebpf.h "$tmp/inc/"

cat > "$tmp/use.c" <<'SRC'
#include <barebpf.h>
int main(void)
{
	struct bb_err err = { { 0 }, 0 };
	struct bb_object *obj = 0;

	if (bb_object_open(&obj, "/nonexistent.bpf.o", &err) == 0)
		bb_object_close(obj);
	bb_err_free(&err);
	return bb_version()[0] == '\0';
}
SRC
cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$tmp/inc" -c "$tmp/use.c" -o "$tmp/c.o"
is_ok $? "barebpf.h alone compiles as C99 (-pedantic)"
cp "$tmp/use.c" "$tmp/use.cc"
c++ -std=c++11 -Wall -Wextra -Werror -I"$tmp/inc" -c "$tmp/use.cc" -o "$tmp/cc.o"
is_ok $? "and as C++11"
c++ $san -I"$tmp/inc" "$tmp/cc.o" "$lib" -o "$tmp/use" 2> "$tmp/err"
is_ok $? "a C++ program links against libbarebpf.a (extern \"C\")"
"$tmp/use"
is_ok $? "and runs"

# Every bb_ function the header names, by address: the link proves each exists.
grep -oE '\bbb_[a-z0-9_]+\(' loader/barebpf.h | tr -d '(' | sort -u > "$tmp/names"
{
	echo '#include <barebpf.h>'
	echo 'void (*const fns[])(void) = {'
	sed 's/.*/\t(void (*)(void))&,/' "$tmp/names"
	echo '};'
	echo 'int main(void) { return fns[0] == 0; }'
} > "$tmp/all.c"
cc -std=c99 -Wall -Wextra -Werror $san -I"$tmp/inc" "$tmp/all.c" "$lib" -o "$tmp/all" 2> "$tmp/err"
st=$?
is_ok $st "all $(wc -l < "$tmp/names") functions the header names are declared and defined"
[ $st -eq 0 ] || diag "$(head -5 "$tmp/err")"

if [ -f /usr/include/bpf/libbpf.h ] && [ -n "$libbpf_so" ]; then
	printf '#include <bpf/libbpf.h>\n#include <bpf/bpf.h>\n#include <barebpf.h>\nint main(void) { return 0; }\n' > "$tmp/both.c"
	cc -std=gnu11 -Wall -Wextra -Werror -I"$tmp/inc" -c "$tmp/both.c" -o "$tmp/both.o"
	is_ok $? "barebpf.h and libbpf's headers in one file: no name collides"
	nm -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u > "$tmp/ours"
	nm -D --defined-only "$libbpf_so" | awk '{ print $3 }' | sed 's/@.*//' | sort -u > "$tmp/theirs"
	clash=$(comm -12 "$tmp/ours" "$tmp/theirs" | tr '\n' ' ')
	[ -z "$clash" ]
	is_ok $? "no symbol of libbarebpf.a is one libbpf.so exports${clash:+: $clash}"
else
	case "${BAREBPF_NO_SKIP:-}" in
	""|0) ok "# skip libbpf-dev not installed"; ok "# skip libbpf-dev not installed" ;;
	*) not_ok "libbpf-dev not installed (BAREBPF_NO_SKIP)"; not_ok "libbpf-dev" ;;
	esac
fi
done_testing
