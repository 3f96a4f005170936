/* SPDX-License-Identifier: GPL-2.0 */
/*
 * num.h - decimal numbers in text: options, and numbers the kernel
 * writes in tracefs and sysfs files.
 *
 * libc's strtol() family also reads leading spaces, octal and locale
 * digits, and costs a static binary about 2 KiB; we need plain decimal
 * digits, and for --set a sign and 0x hex.
 */
#ifndef BAREBPF_NUM_H
#define BAREBPF_NUM_H

#include <stdint.h>

/*
 * The digits at the start of @s, as a number at most @max, in *@out;
 * *@end (if not NULL) points after them.  -EINVAL if @s does not start
 * with a digit, -ERANGE if the number is over @max.
 */
int num_parse(const char *s, uint64_t max, uint64_t *out, const char **end);

/*
 * All of @s as an integer in [@min, @max]: decimal or 0x hex, after an
 * optional '-' (`--set VAR=VALUE`).  *@out gets its two's complement
 * bits (-1 is UINT64_MAX).  -EINVAL if @s is not such a number,
 * -ERANGE if it is outside the range.
 */
int num_parse_int(const char *s, int64_t min, uint64_t max, uint64_t *out);

/* The value of digit @c in base 10 or 16, or 16 if it is none. */
unsigned num_digit_value(char c);
#endif
