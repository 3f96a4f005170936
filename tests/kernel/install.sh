#!/bin/sh
# make install into a fresh DESTDIR: the files it puts there, pkg-config's
# answers, then programs built the way a library user builds them
# (tests/install/): against our .a (static) and our .so, each run, and one
# that uses libbpf too, with our .a and with our .so.  make uninstall
# leaves nothing behind.  Root: the programs load a BPF object.
# vm: host-only: it runs make, pkg-config and the C compiler.
set -u
. tests/tap.sh

[ "$(id -u)" -eq 0 ] || skip_all "needs root (the programs load BPF objects)"
OBJ=$B/test/lib_user.bpf.o
[ -f "$OBJ" ] && [ -x "$B/procmon" ] || bail "no $OBJ or $B/procmon (make all tests)"
for t in make pkg-config cc readelf; do
	command -v $t > /dev/null || bail "no $t (make deps)"
done

root=$tmp/root
pre=$root/usr/local
make --no-print-directory -s install DESTDIR="$root" > "$tmp/make.log" 2>&1
st=$?
is_ok $st "make install DESTDIR=..."
[ $st -eq 0 ] || { diag "$(tail -20 "$tmp/make.log")"; done_testing; }

# The files, exactly: every tool, the library three ways, the header,
# barebpf.pc, the man pages.
ver=$("$B/procmon" --version | cut -d' ' -f2)
{
	for c in loader/cmd/*.c; do
		t=$(basename "$c" .c)
		echo "usr/local/sbin/$t"
		echo "usr/local/share/man/man8/$t.8"
	done
	for f in libbarebpf.a libbarebpf.so libbarebpf.so.0 libbarebpf.so.$ver \
		 pkgconfig/barebpf.pc; do
		echo "usr/local/lib/$f"
	done
	echo usr/local/include/barebpf.h
	echo usr/local/share/man/man3/barebpf.3
} | sort > "$tmp/want"
(cd "$root" && find . ! -type d | sed 's|^\./||' | sort) > "$tmp/got"
cmp -s "$tmp/want" "$tmp/got"
st=$?
is_ok $st "make install puts exactly the expected $(wc -l < "$tmp/want") files"
[ $st -eq 0 ] || diag "$(diff "$tmp/want" "$tmp/got")"
[ "$(readlink "$pre/lib/libbarebpf.so")" = libbarebpf.so.0 ] &&
	[ "$(readlink "$pre/lib/libbarebpf.so.0")" = "libbarebpf.so.$ver" ]
is_ok $? "libbarebpf.so -> .so.0 -> .so.$ver"
"$pre/sbin/procmon" --version | grep -qx "procmon $(echo "$ver" | sed 's/\./\\./g').*"
is_ok $? "the installed procmon answers --version"

# pkg-config, pointed into the DESTDIR.
export PKG_CONFIG_LIBDIR="$pre/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
[ "$(pkg-config --modversion barebpf)" = "$ver" ]
is_ok $? "pkg-config --modversion barebpf is $ver"
flags=$(echo $(pkg-config --cflags --libs barebpf))
[ "$flags" = "-I$pre/include -L$pre/lib -lbarebpf" ]
is_ok $? "pkg-config --cflags --libs barebpf: $flags"

# Under make test SANITIZE=1 the library is built with ASan+UBSan: so must
# the programs be, and ASan has no fully static link.
san=$(lib_san_flags)
static=-static
[ -n "$san" ] && static=
CCW="cc -std=c11 -Wall -Wextra -Werror $san"
lib=$pre/lib
# link NAME SRC MODE EXTRA...: MODE static links our .a, shared our .so.
link() {
	_n=$1 _s=$2 _m=$3
	shift 3
	if [ "$_m" = static ]; then
		$CCW $static "$_s" $(pkg-config --cflags barebpf) -o "$tmp/$_n" \
			-Wl,-Bstatic $(pkg-config --static --libs barebpf) "$@" \
			$([ -z "$static" ] && echo -Wl,-Bdynamic)
	else
		$CCW "$_s" $(pkg-config --cflags --libs barebpf) -o "$tmp/$_n" "$@"
	fi > "$tmp/cc.log" 2>&1
	_st=$?
	is_ok $_st "$_n: built against the installed library ($_m)"
	[ $_st -eq 0 ] || diag "$(head -20 "$tmp/cc.log")"
	return $_st
}
needs_so() { readelf -d "$tmp/$1" | grep -q 'NEEDED.*\[libbarebpf\.so\.0\]'; }

if link use_static tests/install/use.c static; then
	! needs_so use_static
	is_ok $? "use_static needs no libbarebpf.so"
	"$tmp/use_static" "$OBJ" > "$tmp/out" 2>&1
	is_ok $? "use_static loads $OBJ, writes and reads its map"
	diag "$(cat "$tmp/out")"
	[ "$(head -1 "$tmp/out")" = "version $("$B/procmon" --version | cut -d' ' -f2-)" ]
	is_ok $? "bb_version() is what the tools' --version says"
fi
if link use_shared tests/install/use.c shared; then
	needs_so use_shared
	is_ok $? "use_shared needs libbarebpf.so.0"
	LD_LIBRARY_PATH=$lib ldd "$tmp/use_shared" | grep -q "libbarebpf.so.0 => $lib/"
	is_ok $? "use_shared finds it in the DESTDIR with LD_LIBRARY_PATH"
	LD_LIBRARY_PATH=$lib "$tmp/use_shared" "$OBJ" > "$tmp/out" 2>&1
	is_ok $? "use_shared loads $OBJ, writes and reads its map"
	diag "$(cat "$tmp/out")"
fi

# Beside libbpf: its static archive (which needs libelf and zlib) with
# ours, its shared library with ours.
if link libbpf_static tests/install/with_libbpf.c static -lbpf -lelf -lz; then
	"$tmp/libbpf_static" "$OBJ" > "$tmp/out" 2>&1
	is_ok $? "libbpf.a and libbarebpf.a in one program: both load and use a map"
	diag "$(grep -v '^libbpf: ' "$tmp/out")"
fi
if link libbpf_shared tests/install/with_libbpf.c shared -lbpf; then
	LD_LIBRARY_PATH=$lib "$tmp/libbpf_shared" "$OBJ" > "$tmp/out" 2>&1
	is_ok $? "libbpf.so and libbarebpf.so in one program: both load and use a map"
	diag "$(grep -v '^libbpf: ' "$tmp/out")"
fi

make --no-print-directory -s uninstall DESTDIR="$root" > "$tmp/make.log" 2>&1
is_ok $? "make uninstall DESTDIR=..."
left=$(cd "$root" && find . ! -type d)
[ -z "$left" ]
is_ok $? "make uninstall leaves no file behind"
[ -z "$left" ] || diag "$left"

done_testing
