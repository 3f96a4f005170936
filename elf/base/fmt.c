// SPDX-License-Identifier: GPL-2.0
/*
 * fmt.c - the small printf described in fmt.h.
 *
 * One conversion at a time: read the flags, the width, the precision and
 * the size, fetch the argument, turn it into digits (backwards, into a
 * small array), then emit: padding, sign or "0x", zeros, the text,
 * padding.  Pure: no system calls, so elf/ may use it.
 */
#include <stdint.h>
#include <string.h>

#include "elf/base/fmt.h"

void fmt_putc(struct fmt_sink *s, char c)
{
	if (s->len == s->size && s->flush)
		s->flush(s);
	if (s->len < s->size)
		s->buf[s->len++] = c;
	s->total++;
}

static void put_n(struct fmt_sink *s, const char *p, size_t n)
{
	while (n--)
		fmt_putc(s, *p++);
}

void fmt_puts(struct fmt_sink *s, const char *str)
{
	put_n(s, str, strlen(str));
}

/* The letter after '\\' for the bytes with a name, or 0. */
static char escape_letter(unsigned char c)
{
	switch (c) {
	case '\\':
		return '\\';
	case '\n':
		return 'n';
	case '\t':
		return 't';
	case '\r':
		return 'r';
	case 0x1b:
		return 'e';
	default:
		return 0;
	}
}

/* Byte @c as it is shown (fmt.h): 1, 2 or 4 bytes in @out. */
static size_t escape_byte(unsigned char c, char out[4])
{
	static const char hex[] = "0123456789abcdef";

	if (c >= 0x20 && c < 0x7f && c != '\\') {
		out[0] = c;
		return 1;
	}
	out[0] = '\\';
	out[1] = escape_letter(c);
	if (out[1])
		return 2;
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 15];
	return 4;
}

void fmt_put_escaped(struct fmt_sink *s, const char *p, size_t n)
{
	char e[4];

	while (n--)
		put_n(s, e, escape_byte(*p++, e));
}

size_t fmt_escaped_len(const char *p, size_t n)
{
	size_t len = 0;
	char e[4];

	while (n--)
		len += escape_byte(*p++, e);
	return len;
}

static void pad(struct fmt_sink *s, char c, size_t n)
{
	while (n--)
		fmt_putc(s, c);
}

struct spec {
	int left, zero, plus, alt;
	size_t width;
	long prec;		/* -1: none */
	int size;		/* 0 int, 1 long, 2 long long, 3 size_t */
	char conv;
};

/* Read "%[flags][width][.prec][size]conv" after the '%'; returns the end. */
static const char *parse_spec(const char *p, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; p++) {
		if (*p == '-')
			sp->left = 1;
		else if (*p == '0')
			sp->zero = 1;
		else if (*p == '+')
			sp->plus = 1;
		else if (*p == '#')
			sp->alt = 1;
		else
			break;
	}
	if (*p == '*') {
		int w = va_arg(*ap, int);

		if (w < 0)
			sp->left = 1;
		sp->width = w < 0 ? -(size_t)w : (size_t)w;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++)
		sp->width = sp->width * 10 + (*p - '0');
	if (*p == '.') {
		p++;
		sp->prec = 0;
		if (*p == '*') {
			sp->prec = va_arg(*ap, int);
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			sp->prec = sp->prec * 10 + (*p - '0');
	}
	if (*p == 'l')
		sp->size = *++p == 'l' ? (p++, 2) : 1;
	else if (*p == 'z')
		sp->size = 3, p++;
	sp->conv = *p;
	return p;
}

/* The integer argument, as its magnitude and a sign. */
static uint64_t int_arg(const struct spec *sp, va_list *ap, int *neg)
{
	int sign = sp->conv == 'd' || sp->conv == 'i';
	long long v;

	*neg = 0;
	switch (sp->size) {
	case 1:
		v = sign ? va_arg(*ap, long) : (long long)va_arg(*ap, unsigned long);
		break;
	case 2:
		v = sign ? va_arg(*ap, long long) :
			   (long long)va_arg(*ap, unsigned long long);
		break;
	case 3:
		v = (long long)va_arg(*ap, size_t);
		break;
	default:
		v = sign ? va_arg(*ap, int) : (long long)va_arg(*ap, unsigned int);
	}
	if (sign && v < 0) {
		*neg = 1;
		return -(uint64_t)v;
	}
	if (!sign && sp->size == 0)
		return (unsigned int)v;
	return (uint64_t)v;
}

/* Emit @body (@n bytes, escaped if @esc) after @prefix, padded to the width. */
static void emit(struct fmt_sink *s, const struct spec *sp, const char *prefix,
		 const char *body, size_t n, int esc)
{
	size_t plen = strlen(prefix), fill = 0;
	size_t shown = esc ? fmt_escaped_len(body, n) : n;

	if (sp->width > plen + shown)
		fill = sp->width - plen - shown;
	if (!sp->left && !sp->zero)
		pad(s, ' ', fill);
	fmt_puts(s, prefix);
	if (!sp->left && sp->zero)
		pad(s, '0', fill);
	if (esc)
		fmt_put_escaped(s, body, n);
	else
		put_n(s, body, n);
	if (sp->left)
		pad(s, ' ', fill);
}

static void conv_int(struct fmt_sink *s, struct spec *sp, va_list *ap)
{
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" :
					       "0123456789abcdef";
	unsigned base = sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p' ?
			16 : 10;
	char num[24], *p = num + sizeof(num);
	const char *prefix = "";
	uint64_t v;
	int neg;

	if (sp->conv == 'p') {
		v = (uintptr_t)va_arg(*ap, void *);
		neg = 0;
		prefix = "0x";
	} else {
		v = int_arg(sp, ap, &neg);
		if (neg)
			prefix = "-";
		else if (sp->plus && base == 10)
			prefix = "+";
		else if (sp->alt && v && base == 16)
			prefix = sp->conv == 'X' ? "0X" : "0x";
	}
	do {
		*--p = digits[v % base];
		v /= base;
	} while (v);
	emit(s, sp, prefix, p, num + sizeof(num) - p, 0);
}

size_t fmt_vsink(struct fmt_sink *s, const char *fmt, va_list ap)
{
	size_t start = s->total;
	struct spec sp;
	va_list args;
	const char *str;
	char c;

	/* A copy, so that helpers can take its address portably. */
	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			fmt_putc(s, *fmt);
			continue;
		}
		str = fmt;
		fmt = parse_spec(fmt + 1, &sp, &args);
		switch (sp.conv) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'p':
			conv_int(s, &sp, &args);
			break;
		case 'c':
			c = (char)va_arg(args, int);
			emit(s, &sp, "", &c, 1, 0);
			break;
		case 's':
			str = va_arg(args, const char *);
			if (!str)
				str = "(null)";
			emit(s, &sp, "", str, sp.prec < 0 ? strlen(str) :
					      strnlen(str, sp.prec), s->escape);
			break;
		case '%':
			fmt_putc(s, '%');
			break;
		default:	/* not ours: show it as it is */
			if (!sp.conv)
				fmt--;	/* a '%' at the very end */
			put_n(s, str, fmt + 1 - str);
		}
	}
	va_end(args);
	return s->total - start;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	/* One byte stays free for the NUL. */
	struct fmt_sink s = { .buf = buf, .size = size ? size - 1 : 0 };

	fmt_vsink(&s, fmt, ap);
	if (size)
		buf[s.len] = '\0';
	return (int)s.total;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
