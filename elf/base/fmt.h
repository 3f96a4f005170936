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
	void (*flush)(struct fmt_sink *s);
};

/* Format into @s; returns the number of bytes produced. */
size_t fmt_vsink(struct fmt_sink *s, const char *fmt, va_list ap);
void fmt_putc(struct fmt_sink *s, char c);
void fmt_puts(struct fmt_sink *s, const char *str);

/* Like snprintf(): always NUL-terminated (if @size), returns the length
 * the whole text has, which may be more than fitted. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
