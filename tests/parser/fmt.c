// SPDX-License-Identifier: GPL-2.0
/*
 * Our small printf (elf/fmt.c) against libc's snprintf, the reference:
 * for every conversion, flag, width and size we use, the same text and
 * the same return value, also when the buffer is too small.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "tests/tap.h"

/* The cut-short cases below are on purpose. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* Both printfs, one format: must agree on the text and the length. */
#define SAME(size, ...)                                                       \
	do {                                                                  \
		char want[128], got[128];                                     \
		int wn = snprintf(want, size, __VA_ARGS__);                   \
		int gn = fmt_snprintf(got, size, __VA_ARGS__);                \
		ok(wn == gn && !strcmp(want, got),                            \
		   "%-28s size %3d: \"%s\" (%d)", #__VA_ARGS__, size, got, gn); \
		if (wn != gn || strcmp(want, got))                            \
			diag("libc: \"%s\" (%d)", want, wn);                  \
	} while (0)

/* A sink that escapes %s arguments (fmt.h), as out_stdout does. */
static const char *escaped(const char *fmt, ...)
{
	static char buf[1200];
	struct fmt_sink s = { .buf = buf, .size = sizeof(buf) - 1, .escape = 1 };
	va_list ap;

	va_start(ap, fmt);
	fmt_vsink(&s, fmt, ap);
	va_end(ap);
	buf[s.len] = '\0';
	return buf;
}

/* Bytes of @s that a terminal could act on: controls, DEL, >= 0x80. */
static int raw_bytes(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += (unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f;
	return n;
}

/* The convention, byte by byte, and that only %s arguments change. */
static void escapes(void)
{
	char all[256];
	int i;

	is_str(escaped("%s", "plain name_1.o"), "plain name_1.o", "printable text unchanged");
	is_str(escaped("%s", "a\nb\tc\rd\033e\\f"), "a\\nb\\tc\\rd\\ee\\\\f",
	       "\\n \\t \\r \\e \\\\ by name");
	is_str(escaped("%s", "\x01\x1f\x7f\x80\x9b\xff"),
	       "\\x01\\x1f\\x7f\\x80\\x9b\\xff", "other controls, DEL and bytes >= 0x80 as \\xNN");
	is_str(escaped("[%-8s]", "\033x"), "[\\ex     ]", "the width counts the escaped text");
	is_str(escaped("[%.2s]", "\n\n\n"), "[\\n\\n]", "the precision counts the bytes of the argument");
	is_str(escaped("line\n%s\n", "x"), "line\nx\n", "the format's own text is not escaped");
	is_int((int)fmt_escaped_len("\033[2J\n", 5), 7, "fmt_escaped_len");
	for (i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	is_int(raw_bytes(escaped("%s", all)), 0, "no raw byte out of bytes 1-255");
	is_int((int)strlen(escaped("%s", all)), 27 * 4 + 4 * 2 + 94 + 2 + 129 * 4,
	       "bytes 1-255: 4 per \\xNN, 2 per name, 1 per printable");
	{
		char buf[8];

		fmt_snprintf(buf, sizeof(buf), "%s", "a\nb");
		is_str(buf, "a\nb", "fmt_snprintf (no escape flag) keeps bytes as they are");
	}
}

int main(void)
{
	escapes();
	SAME(128, "plain text");
	SAME(128, "%d %d %d", 0, -1, 2147483647);
	SAME(128, "%d", (int)-2147483647 - 1);
	SAME(128, "%u %u", 0u, 4294967295u);
	SAME(128, "%x %X %#x %#x", 0xbeefu, 0xbeefu, 0x1fu, 0u);
	SAME(128, "%ld %lu %lx", -5L, 5UL, 0xffffffffffUL);
	SAME(128, "%lld %llu %llx", -9223372036854775807LL - 1,
	     18446744073709551615ULL, 0x123456789abcdefULL);
	SAME(128, "%#llx %#lx %016llx %#8llx", 0xdeadULL, 0x10UL, 0xabcULL,
	     0x12ULL);
	SAME(128, "%zu %zx %8zu", (size_t)42, (size_t)255, (size_t)7);
	SAME(128, "%+d %+d %+d", 3, -3, 0);
	SAME(128, "[%5u] [%-5u] [%05u] [%3u]", 42u, 42u, 42u, 12345u);
	SAME(128, "[%6s] [%-6s] [%-16s] [%2s]", "ab", "ab", "comm", "long");
	SAME(128, "[%.*s] [%.3s] [%.10s]", 2, "abcdef", "abcdef", "ab");
	SAME(128, "[%*d] [%-*d] [%0*u]", 5, 1, 5, 1, 3, 7u);
	SAME(128, "%02x%02x %04x", 0xau, 0xffu, 0x1u);
	SAME(128, "%c%c%c %-3c|", 'a', 'b', 'c', 'x');
	SAME(128, "100%% %s", "sure");
	SAME(128, "%p", (void *)0x1234);
	/* Too small: cut, NUL-terminated, the full length returned. */
	SAME(8, "%s and %d more", "twelve", 12345);
	SAME(1, "%d", 12345);
	SAME(5, "%-8s|", "ab");
	{
		char buf[4] = "xyz";

		is_int(fmt_snprintf(buf, 0, "%d", 12345), 5,
		       "size 0: nothing written, length returned");
		is_str(buf, "xyz", "size 0: the buffer is untouched");
	}
	return done_testing();
}
