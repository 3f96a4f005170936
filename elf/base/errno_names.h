/* SPDX-License-Identifier: GPL-2.0 */
/*
 * errno_names.h - an errno's name and its text, as strace shows them:
 * "EPERM (Operation not permitted)".
 *
 * Our own table instead of libc's strerror(): it has the errnos the
 * kernel's bpf(), perf_event_open() and file calls return, with glibc's
 * texts, and the names too, which strerror() does not give.  (musl's
 * table of every errno costs a static binary about 2 KiB.)
 */
#ifndef BAREBPF_ERRNO_NAMES_H
#define BAREBPF_ERRNO_NAMES_H

/* "EPERM" for EPERM or -EPERM; NULL if not in our table. */
const char *errno_name(int err);

/*
 * "Operation not permitted" for EPERM or -EPERM; for an errno not in
 * our table "Unknown error N", in a buffer the next call reuses.
 */
const char *errno_text(int err);

#endif
