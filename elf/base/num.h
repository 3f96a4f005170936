/* SPDX-License-Identifier: GPL-2.0 */
/*
 * num.h - decimal numbers in text: options, and numbers the kernel
 * writes in tracefs and sysfs files.
 *
 * libc's strtol() family also reads signs, leading spaces, hex, octal
 * and locale digits, and costs a static binary about 2 KiB; we only
 * ever need plain decimal digits.
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

#endif
