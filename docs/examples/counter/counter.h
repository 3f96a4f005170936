/* SPDX-License-Identifier: GPL-2.0 */
/* counter.h - one event of docs/examples/counter, shared by both sides. */
#ifndef COUNTER_H
#define COUNTER_H

struct counter_event {
	__u64 count;		/* the counter after this execve */
	__u32 pid;		/* who called execve */
	char comm[16];		/* its name, before the new program runs */
};

#endif
