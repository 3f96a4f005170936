/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a tiny TAP producer for the C tests (run by prove).
 *
 *	plan(N);  ok(cond, "what");  is_int(got, want, "what");
 *	skip_all("why") / skip(n, "why");  return done_testing();
 *
 * Set BAREBPF_NO_SKIP=1 (CI does) to turn every skip into a failure: on
 * CI's kernel nothing we test is missing, so a skip there is a bug.
 */
#ifndef BAREBPF_TAP_H
#define BAREBPF_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void plan(int n)
{
	printf("1..%d\n", n);
	fflush(stdout);
}

static inline int ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		tap_failed++;
	return cond;
}

static inline void diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define is_int(got, want, ...)                                              \
	({                                                                  \
		long long _g = (got), _w = (want);                          \
		int _r = ok(_g == _w, __VA_ARGS__);                         \
		if (!_r)                                                    \
			diag("  got %lld, want %lld", _g, _w);              \
		_r;                                                         \
	})

#define is_str(got, want, ...)                                              \
	({                                                                  \
		const char *_g = (got), *_w = (want);                       \
		int _r = ok(_g && _w && !strcmp(_g, _w), __VA_ARGS__);      \
		if (!_r)                                                    \
			diag("  got '%s', want '%s'", _g ? _g : "(null)",   \
			     _w ? _w : "(null)");                           \
		_r;                                                         \
	})

/* Does @hay contain @needle?  For checking error messages. */
#define like(hay, needle, ...)                                              \
	({                                                                  \
		const char *_h = (hay), *_n = (needle);                     \
		int _r = ok(_h && strstr(_h, _n) != NULL, __VA_ARGS__);     \
		if (!_r)                                                    \
			diag("  '%s' does not contain '%s'",                \
			     _h ? _h : "(null)", _n);                       \
		_r;                                                         \
	})

static inline int tap_no_skip(void)
{
	const char *v = getenv("BAREBPF_NO_SKIP");

	return v && *v && strcmp(v, "0");
}

/* Skip the whole file (or fail it when skips are not allowed). */
static inline int skip_all(const char *why)
{
	if (tap_no_skip()) {
		printf("1..1\nnot ok 1 - would skip, but BAREBPF_NO_SKIP is set: %s\n",
		       why);
		return 1;
	}
	printf("1..0 # SKIP %s\n", why);
	return 0;
}

static inline void skip(int n, const char *why)
{
	while (n-- > 0) {
		if (tap_no_skip()) {
			ok(0, "would skip, but BAREBPF_NO_SKIP is set: %s", why);
			continue;
		}
		printf("ok %d # skip %s\n", ++tap_n, why);
	}
	fflush(stdout);
}

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif
