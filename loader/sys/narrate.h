/* SPDX-License-Identifier: GPL-2.0 */
/*
 * narrate.h - say each kernel call in words, as it happens (--verbose).
 *
 * Every wrapper in sys.c ends in the same door, and that door hands each
 * call and its result to narrate_syscall(), which prints one line on
 * stderr when narration is on:
 *
 *	bpf(BPF_MAP_CREATE) hash "process_map" key=4 value=40 max=10240 -> fd 3
 *
 * So a new wrapper narrates without doing anything; to give its call
 * better words than "bpf(BPF_XYZ)", add one case to narrate.c.
 */
#ifndef BAREBPF_NARRATE_H
#define BAREBPF_NARRATE_H

#include <stddef.h>
#include <stdint.h>

struct out;			/* out.h */

/*
 * Turn narration on, to @out (NULL: off).  Also starts the clock.  The
 * public bb_set_verbose(fd) (loader/barebpf.h) calls this with an out of
 * its own on @fd.
 */
void narrate_start(struct out *out);
int narrate_on(void);

/* Describe syscall @nr with @args (6 of them) that returned @ret. */
void narrate_syscall(long nr, const long *args, long ret);

/*
 * Words for the @n bytes of a sendto(2) or recvfrom(2) buffer (", RTM_NEWQDISC"),
 * into @out: set by the code that sends them (loader/sys/netlink.c).
 */
typedef void (*narrate_buf_fn)(char *out, size_t len, const void *buf, long n);
extern narrate_buf_fn narrate_buf_words;

/* A line of our own, when narration is on (no newline needed). */
void narrate_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Microseconds of CLOCK_MONOTONIC since narrate_start().  (Integers: a
 * float in printf would cost the static binary several KiB.)
 */
uint64_t narrate_elapsed_us(void);

#endif
