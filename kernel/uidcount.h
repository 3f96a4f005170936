/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uidcount.h - what kernel/uidcount.bpf.c and loader/cmd/uidcount.c share.
 */
#ifndef BAREBPF_UIDCOUNT_H
#define BAREBPF_UIDCOUNT_H

#define UIDCOUNT_COMM_LEN 16
#define UIDCOUNT_MAX_USERS 64		/* slots of the outer map */
#define UIDCOUNT_MAX_COMMS 256		/* commands counted per user */

/* Key of a user's inner map: the command name, NUL-padded. */
struct uid_comm {
	char comm[UIDCOUNT_COMM_LEN];
};

#endif
