/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fmt.h - a small printf of our own: formatting into memory, no stdio.
 *
 * libc's printf family brings its floating-point formatting, wide
 * characters, locale hooks and the FILE machinery along, whatever the
 * format strings ask for: about 12 KiB of a static binary.  We print
 * only integers, characters and strings, so this is all we need:
 *
 *	%d %i %u %x %X %c %s %p %%
 *	flags '-' (left-justify), '0' (pad with zeros), '+' (sign), '#' (0x)
 *	a width and, for %s only, a precision: digits or '*'
 *	sizes l, ll, z
 *
 * A sink with @escape set shows the bytes of every %s argument (never
 * the format's own text, never %c) as `ls -b` does, so that names from
 * processes and objects cannot drive the terminal or forge lines:
 *
 *	\\ \n \t \r \e (ESC)   and \xNN for every other byte below 0x20,
 *				   0x7f and every byte from 0x80 up
 *
 * Bytes from 0x80 up are escaped, valid UTF-8 or not: 0x80-0x9f are C1
 * controls (0x9b is CSI on some terminals), and telling them apart from
 * UTF-8 needs a decoder we do not want.  Widths count the escaped text.
 *
 * No floats: ages and rates are printed with integer arithmetic.  An
 * unknown conversion is copied as it is, so a mistake shows in the output.
 * gcc checks our format strings as it does printf's (format attribute).
 */
#ifndef BAREBPF_FMT_H
#define BAREBPF_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Where formatted bytes go: @buf of @size bytes.  When it is full,
 * @flush (if set) empties it (loader/out.c writes it to a file);
 * without @flush the rest is counted but dropped (snprintf).
 */
struct fmt_sink {
	char *buf;
	size_t size;
	size_t len;		/* bytes in buf now */
	size_t total;		/* bytes produced, kept or not */
	int escape;		/* escape %s arguments (above) */
	void (*flush)(struct fmt_sink *s);
};

/* Format into @s; returns the number of bytes produced. */
size_t fmt_vsink(struct fmt_sink *s, const char *fmt, va_list ap);
void fmt_putc(struct fmt_sink *s, char c);
void fmt_puts(struct fmt_sink *s, const char *str);

/* @n bytes of @p, escaped as above; and how many bytes that makes. */
void fmt_put_escaped(struct fmt_sink *s, const char *p, size_t n);
size_t fmt_escaped_len(const char *p, size_t n);

/* Like snprintf(): always NUL-terminated (if @size), returns the length
 * the whole text has, which may be more than fitted. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
