#!/bin/sh
# run.sh - the real-world tier: every BPF object inside Debian's
# libbpf-tools, each program loaded on its own by barebpf (barebpf load --each)
# and by libbpf (libbpf_load, the oracle), and the answers compared:
# the same programs loaded, the same errno for the ones refused, and,
# for the ones loaded, the kernel's translated instructions identical
# apart from map ids.  One TAP test per object.  See docs/core-and-btf.md.
#
#   BUILD=build tests/realworld/run.sh
BUILD=${BUILD:-build}
OUT=$BUILD/realworld
MAX=1024	# --default-max-entries, for maps the tools size at run time

skip_all() {
	if [ -n "$BAREBPF_NO_SKIP" ]; then
		echo "1..1"; echo "not ok 1 - $1 (BAREBPF_NO_SKIP is set)"; exit 1
	fi
	echo "1..0 # SKIP $1"; exit 0
}

[ "$(id -u)" = 0 ] || skip_all "needs root"
bins=$(dpkg -L libbpf-tools 2>/dev/null | grep '^/usr/sbin/.')
[ -n "$bins" ] || skip_all "libbpf-tools is not installed (make test-realworld installs it)"
# xdp-tools (and libxdp, its dependency) install their objects as plain
# files: XDP filters, xdpdump, libxdp's dispatcher and AF_XDP program.
xdp_objs=$(dpkg -L xdp-tools libxdp1 2>/dev/null | grep '^/usr/lib/.*/bpf/.*\.o$')
[ -n "$xdp_objs" ] || skip_all "xdp-tools is not installed (make test-realworld installs it)"
[ -x "$BUILD/tests/realworld/libbpf_load" ] || skip_all "$BUILD/tests/realworld/libbpf_load not built (make test-realworld)"
mkdir -p "$OUT" || exit 1
# shellcheck disable=SC2086
objs=$(perl tests/realworld/extract.pl "$OUT" $bins) || exit 1
xdp=
for f in $xdp_objs; do
	o=xdp-tools_$(basename "$f" .o)
	cp "$f" "$OUT/$o.bpf.o" || exit 1
	xdp="$xdp $o"
done
# shellcheck disable=SC2086
set -- $objs
# shellcheck disable=SC2086
echo "1..$(($# + $(echo $xdp | wc -w) + 7))"

# One line per program: "NAME loaded" or "NAME refused ERRNO-TEXT", and
# "xlated NAME: ..." for each loaded one.  Why each was refused: $2.err.
ours() {
	"$BUILD/barebpf" load --each --xlated --default-max-entries $MAX "$1" \
		2> "$2.err" > "$2.raw"
	sed -E -e 's/^([^ ]+): id [0-9]+$/\1 loaded/' \
	       -e 's/^([^ ]+): refused: (.*)$/\1 refused \2/' "$2.raw"
}
theirs() {
	"$BUILD/tests/realworld/libbpf_load" "$1" $MAX 2>/dev/null |
		sed -E 's/^([^ ]+) refused: (.*)$/\1 refused \2/'
}

# compare PACKAGE OBJECT...: one TAP test per object, one summary line.
compare() {
	pkg=$1
	shift
	progs=0 loaded=0 refused=0 same=0 disagree=0
	for o in "$@"; do
		n=$((n + 1))
		obj=$OUT/$o.bpf.o
		ours "$obj" "$OUT/$o" > "$OUT/$o.barebpf"
		theirs "$obj" > "$OUT/$o.libbpf"
		l=$(grep -c ' loaded$' "$OUT/$o.barebpf")
		r=$(grep -c ' refused ' "$OUT/$o.barebpf")
		x=$(grep -c '^xlated ' "$OUT/$o.barebpf")
		progs=$((progs + l + r))
		loaded=$((loaded + l))
		refused=$((refused + r))
		if [ $((l + r)) -gt 0 ] && cmp -s "$OUT/$o.barebpf" "$OUT/$o.libbpf"; then
			same=$((same + x))
			echo "ok $n - $o: $l loaded, $r refused, as libbpf; $x xlated identical"
		else
			fail=$((fail + 1)) disagree=$((disagree + 1))
			echo "not ok $n - $o: barebpf and libbpf disagree ($l loaded, $r refused by barebpf)"
			diff "$OUT/$o.libbpf" "$OUT/$o.barebpf" | cut -c1-150 | head -8 | sed 's/^/# /'
		fi
		# The reasons, for the record (prove -v shows them).
		grep '^barebpf load: ' "$OUT/$o.err" | grep -v ' did not load$' |
			cut -c1-200 | sed 's/^/#   /'
	done
	echo "$pkg: $# objects, $progs programs: barebpf loaded $loaded, refused $refused"
	echo "xlated instructions identical to libbpf's apart from map ids: $same of $loaded loaded; objects where barebpf and libbpf disagree: $disagree"
}

n=0 fail=0
# shellcheck disable=SC2086
{ compare libbpf-tools "$@"; compare xdp-tools $xdp; } > "$OUT/compare.tap"
grep -v '^[a-z-]*: [0-9]* objects\|^xlated instructions identical' "$OUT/compare.tap"
grep '^[a-z-]*: [0-9]* objects\|^xlated instructions identical' "$OUT/compare.tap" |
	tee "$OUT/summary.txt" | sed 's/^/# /'
n=$(grep -c '^ok \|^not ok ' "$OUT/compare.tap")
fail=$(grep -c '^not ok ' "$OUT/compare.tap")

# End to end: three process tools attached, their events read back.
# Each trigger is named after our pid, so other processes' events on this
# shared machine cannot make the test pass.  barebpf load --run prints
# records as hex bytes: the tag is looked for as such.  On a loaded
# machine, loading may take longer than any fixed delay: the trigger runs
# again and again until the tool is done.
tag=bbrw$$
taghex=$(printf %s "$tag" | od -An -v -tx1 | tr -s ' \n' '  ' | sed 's/^ //; s/ $//')
ln -sf /bin/true "/tmp/$tag"
stop=$OUT/stop.$$
trigger() {	# TRIGGER...: every 0.2 s until $stop exists
	while [ ! -e "$stop" ]; do
		"$@"
		sleep 0.2
	done
}
e2e() {	# NAME DESCRIPTION "LOAD OPTIONS" TRIGGER...
	name=$1 what=$2 opts=$3
	shift 3
	n=$((n + 1))
	rm -f "$stop"
	trigger "$@" &
	# shellcheck disable=SC2086
	timeout 20 "$BUILD/barebpf" load --run 2 --default-max-entries $MAX $opts \
		"$OUT/$name.bpf.o" > "$OUT/$name.run" 2>&1
	touch "$stop"
	wait
	if grep -q "^event .*$taghex" "$OUT/$name.run"; then
		echo "ok $n - $name runs: $what ($(grep -c '^event' "$OUT/$name.run") events in 2 s)"
	else
		fail=$((fail + 1))
		echo "not ok $n - $name runs: $what"
		grep -v '^event' "$OUT/$name.run" | head -5 | sed 's/^/# /'
	fi
}
e2e execsnoop "the exec of /tmp/$tag is an event" "" "/tmp/$tag"
e2e exitsnoop "the exit of $tag is an event" "" "/tmp/$tag"
# Only failed opens (opensnoop's own knob): ours fails, most others do not.
e2e opensnoop "the failed open of /tmp/$tag.open is an event" "--set targ_failed=1" \
	sh -c "cat /tmp/$tag.open 2>/dev/null; true"

# barebpf run reads execsnoop's perf event array and, told the record's
# struct, decodes it (a record shorter than struct event: zeros after).
n=$((n + 1))
rm -f "$stop"
trigger "/tmp/$tag" &
timeout 20 "$BUILD/barebpf" run "$OUT/execsnoop.bpf.o" --event-type event \
	--count 2 --interval 1000 > "$OUT/execsnoop.barebpf-run" 2>&1
touch "$stop"
wait
if grep -q "^event events cpu [0-9]* size [0-9]*: {pid=[0-9]*, .*comm=\"$tag\"" \
	"$OUT/execsnoop.barebpf-run"; then
	echo "ok $n - barebpf run --event-type event: execsnoop's event for /tmp/$tag, decoded"
else
	fail=$((fail + 1))
	echo "not ok $n - barebpf run --event-type event: execsnoop's event for /tmp/$tag"
	grep -v '^event' "$OUT/execsnoop.barebpf-run" | head -5 | sed 's/^/# /'
fi
rm -f "/tmp/$tag" "$stop"

# barebpf load takes the same knobs: biolatency's maps sized, a .rodata
# knob set, every program loaded.
n=$((n + 1))
if "$BUILD/barebpf" load --default-max-entries $MAX --set targ_ms=1 \
	"$OUT/biolatency.bpf.o" > "$OUT/biolatency.load" 2>&1 &&
	[ "$(grep -c ': id [0-9]' "$OUT/biolatency.load")" -eq \
	  "$(grep -c ' loaded$' "$OUT/biolatency.barebpf")" ]; then
	echo "ok $n - barebpf load --default-max-entries --set: biolatency's $(grep -c ': id' "$OUT/biolatency.load") programs load"
else
	fail=$((fail + 1))
	echo "not ok $n - barebpf load --default-max-entries --set biolatency"
	sed 's/^/# /' "$OUT/biolatency.load" | head -5
fi

# xdp-tools' filters on a veth, attached by `barebpf run --iface`: with
# no rule, xdpfilt_dny_all (xdp-filter's "deny" policy) drops every
# packet and xdpfilt_alw_all (its "allow" policy) passes them, as
# xdp-filter itself (libxdp) does with the same objects.  They pin their
# maps by name: each run gets a bpffs of its own in the mount namespace
# that `ip netns exec` makes (no pin is left behind on the host).
NA=bbrwa$$ NB=bbrwb$$
trap 'ip netns del $NA 2>/dev/null; ip netns del $NB 2>/dev/null' EXIT
ip netns add $NA && ip netns add $NB &&
	ip link add bbva$$ netns $NA type veth peer name bbvb$$ netns $NB &&
	ip -n $NA addr add 192.0.2.1/24 dev bbva$$ && ip -n $NB addr add 192.0.2.2/24 dev bbvb$$ &&
	ip -n $NA link set bbva$$ up && ip -n $NB link set bbvb$$ up || {
	echo "Bail out! cannot make two network namespaces joined by a veth pair"; exit 1; }
in_b() { ip netns exec $NB awk '/^Ip: [0-9]/ { print $4 }' /proc/net/snmp; }
send5() {
	ip netns exec $NA bash -c 'for i in 1 2 3 4 5; do echo bb > /dev/udp/192.0.2.2/9; sleep 0.05; done' 2>/dev/null
}
send5	# ARP resolved before anything is counted
xdpfilt() {	# OBJECT EXPECTED-ARRIVALS WHAT
	n=$((n + 1))
	: > "$OUT/$1.run.err"
	ip netns exec $NB sh -c "mount -t bpf bpf /sys/fs/bpf && exec '$BUILD/barebpf' -v run --iface bbvb$$ --count 3 --interval 700 '$OUT/$1.bpf.o'" \
		> "$OUT/$1.run" 2> "$OUT/$1.run.err" &
	i=0
	until grep -q '^attached' "$OUT/$1.run.err" || [ $i -ge 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	before=$(in_b)
	send5
	after=$(in_b)
	wait $!
	st=$?
	if [ $st -eq 0 ] && [ $((after - before)) -eq "$2" ]; then
		echo "ok $n - barebpf run --iface: $1 $3 ($((after - before)) of 5 UDP packets arrived)"
	else
		fail=$((fail + 1))
		echo "not ok $n - barebpf run --iface: $1 $3 ($((after - before)) of 5 arrived, expected $2; exit $st)"
		grep -v '^attached' "$OUT/$1.run.err" | head -5 | sed 's/^/# /'
	fi
}
xdpfilt xdp-tools_xdpfilt_dny_all 0 "drops every packet (no rule, deny policy)"
xdpfilt xdp-tools_xdpfilt_alw_all 5 "passes them (no rule, allow policy)"
[ $fail -eq 0 ]
