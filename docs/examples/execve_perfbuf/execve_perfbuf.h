/* SPDX-License-Identifier: GPL-2.0 */
/* execve_perfbuf.h - one event of the example, shared by both sides. */
#ifndef EXECVE_PERFBUF_H
#define EXECVE_PERFBUF_H

struct event {
	__u64 count;		/* the counter after this execve */
	__u32 pid;		/* who called execve */
	char comm[16];		/* its name (the old program's: before the exec) */
};

#endif
