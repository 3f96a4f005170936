// SPDX-License-Identifier: GPL-2.0
/*
 * elf/lz.c and elf/lz_pack.c: what is packed unpacks to itself, byte for
 * byte (made-up data, every BPF object under build/, every object a tool
 * embeds), and damaged streams are refused with -EINVAL and a message
 * saying what is wrong, never a crash (run under ASan and valgrind by
 * `make test SANITIZE=1`).
 */
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/err.h"
#include "elf/base/lz.h"
#include "loader/object/embedded.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

/* Pack and unpack @len bytes: the same again?  The packed size in *@packed_len. */
static int round_trip(const uint8_t *in, size_t len, size_t *packed_len)
{
	uint8_t *packed, *out = malloc(len + 1);
	struct bb_err err = { .msg = "" };
	int same = 0;

	if (!out || lz_pack(in, len, &packed, packed_len)) {
		free(out);
		return 0;
	}
	if (lz_unpack(out, len, packed, *packed_len, &err) == 0)
		same = !memcmp(out, in, len);
	else
		diag("  %s", err.msg);
	free(packed);
	free(out);
	return same;
}

/* Bytes that do not repeat: libc's rand(), the same every run. */
static uint8_t rnd(void)
{
	return rand() >> 7;
}

static void made_up(void)
{
	static uint8_t buf[140000];
	size_t i, n = 0;

	int same;

	same = round_trip(buf, 0, &n);
	ok(same && n == 0, "empty: packs to nothing (%zu bytes)", n);
	buf[0] = 'x';
	same = round_trip(buf, 1, &n);
	ok(same && n == 2, "1 byte: a token and the byte (%zu bytes)", n);
	for (i = 0; i < 10000; i++)
		buf[i] = rnd();
	same = round_trip(buf, 10000, &n);
	ok(same && n <= 10000 + 10000 / 255 + 2,
	   "10000 random bytes: at most a token and its counts more (%zu)", n);
	memset(buf, 0, 100000);
	same = round_trip(buf, 100000, &n);
	ok(same && n < 1000, "100000 zero bytes: long back-references (%zu bytes)", n);
	for (i = 0; i < 100000; i++)
		buf[i] = "abc"[i % 3];
	same = round_trip(buf, 100000, &n);
	ok(same && n < 1000, "abcabc...: overlapping back-references (%zu bytes)", n);
	/* 70000 random bytes, then the same again: too far back to refer to. */
	for (i = 0; i < 70000; i++)
		buf[i] = buf[i + 70000] = rnd();
	same = round_trip(buf, 140000, &n);
	ok(same && n > 140000,
	   "a repeat 70000 bytes back, farther than an offset reaches (%zu)", n);
	/* Offsets on both sides of 128: one byte, then two. */
	for (n = 100; n < 300; n++) {
		for (i = 0; i < n; i++)
			buf[i] = buf[i + n] = rnd();
		if (!round_trip(buf, 2 * n, &i) || i > n + 8)
			break;
	}
	is_int(n, 300, "n random bytes twice, for n from 100 to 299: packed once");
	/* Counts on both sides of 15 and 15 + 255: the continuation bytes. */
	for (n = 1; n < 600; n += 1) {
		for (i = 0; i < n; i++)
			buf[i] = rnd();
		memset(buf + n, 'z', n);
		if (!round_trip(buf, 2 * n, &i))
			break;
	}
	is_int(n, 600, "n random bytes then n equal bytes, for n up to 599");
}

/* The example in lz.h, byte for byte. */
static void example(void)
{
	static const char text[] = "hello hello hello!";
	static const uint8_t want[] = { 0x67, 'h', 'e', 'l', 'l', 'o', ' ',
					0x06, 0x10, '!' };
	uint8_t *packed;
	size_t len;

	if (lz_pack((const uint8_t *)text, 18, &packed, &len)) {
		ok(0, "lz.h's example packs");
		return;
	}
	ok(len == sizeof(want) && !memcmp(packed, want, len),
	   "lz.h's example packs as lz.h says (%zu bytes)", len);
	free(packed);
}

/* Unpack @in into @out_len bytes: -EINVAL, and the message has @why? */
static void refused(const uint8_t *in, size_t in_len, size_t out_len,
		    const char *why, const char *what)
{
	uint8_t out[64];
	struct bb_err err = { .msg = "" };

	is_int(lz_unpack(out, out_len, in, in_len, &err), -EINVAL, "%s: -EINVAL", what);
	like(err.msg, why, "%s: the message says so", what);
}

static void malformed(void)
{
	/* 4 literals "abcd", then 4 bytes from 4 back: "abcdabcd". */
	static const uint8_t good[] = { 0x40, 'a', 'b', 'c', 'd', 4 };
	static const uint8_t long_ref[] = { 0x1f, 'a', 1, 255, 255, 3 };
	uint8_t bad[16], out[64];
	struct bb_err err = { .msg = "" };
	size_t i;

	is_int(lz_unpack(out, 8, good, sizeof(good), &err), 0, "a good stream unpacks");
	ok(!memcmp(out, "abcdabcd", 8), "into the right bytes");
	for (i = 0; i < sizeof(good); i++) {
		err.msg[0] = '\0';
		if (lz_unpack(out, 8, good, i, &err) != -EINVAL ||
		    !strstr(err.msg, "input ends too soon"))
			break;
	}
	is_int(i, sizeof(good), "every truncation is refused: input ends too soon");
	like(err.msg, "lz: byte 5:", "and the message says where");
	refused(good, 0, 8, "lz: byte 0: input ends too soon", "no input at all");

	memcpy(bad, good, sizeof(good));
	bad[5] = 0;
	refused(bad, sizeof(good), 8, "byte 6: back-reference with offset 0", "offset 0");
	bad[5] = 5;
	refused(bad, sizeof(good), 8, "byte 6: back-reference reaches before the start",
		"offset beyond what is written");
	bad[5] = 0x84;	/* the first of two offset bytes */
	refused(bad, sizeof(good), 8, "byte 6: input ends too soon",
		"a two-byte offset cut short");
	bad[6] = 0xff;
	refused(bad, sizeof(good) + 1, 8, "byte 7: back-reference reaches before the start",
		"offset 4 + 255 * 128, in two bytes");
	bad[5] = 0x80;
	bad[6] = 0;
	refused(bad, sizeof(good) + 1, 8, "back-reference with offset 0",
		"offset 0, in two bytes");
	refused(good, sizeof(good), 7, "back-reference runs past the end of the output",
		"a back-reference past the declared size (declared too small)");
	refused(good, sizeof(good), 3, "literals run past the end of the output",
		"literals past the declared size");
	refused(good, sizeof(good), 9, "byte 6: input ends too soon",
		"declared one byte too big");
	memcpy(bad, good, sizeof(good));
	bad[sizeof(good)] = 0x10;
	refused(bad, sizeof(good) + 1, 8, "byte 6: bytes left over after the end",
		"one byte of trailing garbage");
	/* A literal count of 15 + 255 + 255 + ...: the input ends inside it. */
	memset(bad, 255, sizeof(bad));
	bad[0] = 0xf0;
	bad[4] = 0;	/* 15 + 3 * 255 */
	refused(bad, sizeof(bad), 60, "byte 5: literals run past the end",
		"a literal count of 780 for 60 bytes");
	refused(bad, 4, 1000000, "byte 4: input ends too soon",
		"a literal count cut short");
	/* A match count of 15 + 255 + 255 + 3 past the output. */
	refused(long_ref, sizeof(long_ref), 64, "back-reference runs past the end",
		"a long back-reference count");
	is_int(lz_unpack(out, 0, good, 0, &err), 0, "nothing unpacks into nothing");
	refused(good, 1, 0, "byte 0: bytes left over", "but not from something");
}

/* Is @file (@len bytes) the same as one of the @n in @seen? */
static int seen_before(uint8_t **seen, size_t *seen_len, int n,
		       const uint8_t *file, size_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (seen_len[i] == len && !memcmp(seen[i], file, len))
			return 1;
	return 0;
}

/*
 * Every object under build/: packs and unpacks to itself.  Copies (the
 * fuzzer's seeds) are packed once: valgrind runs this test too.
 */
static void every_object(void)
{
	struct obj_list objs;
	size_t len, n, total = 0, packed = 0, *seen_len;
	uint8_t *file, **seen;
	int i, nr_seen = 0, good = 0;

	objs_collect(&objs, 0, NULL);
	seen = calloc(objs.n + 1, sizeof(*seen));
	seen_len = calloc(objs.n + 1, sizeof(*seen_len));
	for (i = 0; seen && seen_len && i < objs.n; i++) {
		file = read_whole(objs.paths[i], &len);
		if (!file) {
			diag("  cannot read %s", objs.paths[i]);
			continue;
		}
		if (seen_before(seen, seen_len, nr_seen, file, len)) {
			good++;
			free(file);
			continue;
		}
		if (round_trip(file, len, &n)) {
			good++;
			total += len;
			packed += n;
		} else {
			diag("  %s does not round-trip", objs.paths[i]);
		}
		seen[nr_seen] = file;
		seen_len[nr_seen++] = len;
	}
	ok(objs.n > 0 && good == objs.n,
	   "all %d BPF objects under build/ (%d different) round-trip (%zu -> %zu bytes)",
	   objs.n, nr_seen, total, packed);
	while (nr_seen--)
		free(seen[nr_seen]);
	free(seen);
	free(seen_len);
	objs_free(&objs);
}

/* The packed objects the build embeds (NAME.lz beside NAME.embed). */
static int nr_embedded, embedded_good;

static int embedded_visit(const char *path, const struct stat *st, int type,
			  struct FTW *ftw)
{
	size_t l = strlen(path), len = 0, packed_len = 0;
	struct bb_err err = { .msg = "" };
	struct embedded_obj e = { .name = "x.bpf.o" };
	uint8_t *orig, *packed, *out = NULL;
	char other[4096];

	(void)st;
	(void)ftw;
	if (type != FTW_F || l < 3 || strcmp(path + l - 3, ".lz") ||
	    l + 4 > sizeof(other))
		return 0;
	nr_embedded++;
	memcpy(other, path, l - 3);
	strcpy(other + l - 3, ".embed");
	orig = read_whole(other, &len);
	packed = read_whole(path, &packed_len);
	e.start = packed;
	e.end = packed + packed_len;
	e.size = len;
	if (orig && packed && !embedded_unpack(&e, &out, &err) &&
	    !memcmp(out, orig, len))
		embedded_good++;
	else
		diag("  %s does not unpack to %s: %s", path, other, err.msg);
	free(out);
	/* One byte too many declared: the message names the object. */
	e.size = len + 1;
	if (packed && embedded_unpack(&e, &out, &err) == -EINVAL &&
	    !out && strstr(err.msg, "embedded x.bpf.o: lz: byte "))
		embedded_good++;
	else
		diag("  %s: a wrong size is not refused: %s", path, err.msg);
	free(orig);
	free(packed);
	return 0;
}

static void every_embedded(void)
{
	const char *b = getenv("BUILD");

	nftw(b && *b ? b : "build", embedded_visit, 16, FTW_PHYS);
	ok(nr_embedded > 0 && embedded_good == 2 * nr_embedded,
	   "all %d embedded objects unpack to their bytes, and refuse a wrong size",
	   nr_embedded);
}

int main(void)
{
	made_up();
	example();
	malformed();
	every_object();
	every_embedded();
	return done_testing();
}
