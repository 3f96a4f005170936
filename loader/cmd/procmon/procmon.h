/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procmon.h - what procmon.c (the table) and procmon/events.c (--events)
 * share.
 */
#ifndef BAREBPF_CMD_PROCMON_H
#define BAREBPF_CMD_PROCMON_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/types.h>		/* __u32 and __u64 for the shared headers */
#include "kernel/procmon.h"
#include "kernel/procmon_events.h"
#include "loader/object/object.h"
#include "loader/cmd/common/tool_opts.h"

struct options {
	struct tool_opts t;	/* --obj, --interval, --count, -v */
	int json;
	int pin, unpin;
	const char *pin_dir;
	int perf_link;		/* attach with BPF_LINK_CREATE, not ioctls */
	int events;		/* 0: table; 1 + PROCMON_VIA_*: event stream */
	long pages;		/* perf ring size per CPU, in pages */
};

struct task_field {
	const char *member;	/* of struct task_struct */
	uint32_t *off;		/* where its offset goes */
};

/*
 * Find the offsets of task_struct members @f in the kernel's own BTF and
 * write @value, which holds them, as key 0 of the array map @name: the BPF
 * side reads task_struct through them.
 */
int set_config_map(struct bb_object *obj, const char *name,
		   const struct task_field *f, size_t n, const void *value,
		   struct bb_err *err);

/* "4.2s", "3m07s", "2h05m": how long ago, for people. */
void format_age(char *buf, size_t len, uint64_t ns);

/* @s (at most @max bytes, maybe not NUL-terminated) as a JSON string. */
void json_str(const char *s, size_t max);

/* CLOCK_MONOTONIC in ns: the clock of bpf_ktime_get_ns(). */
uint64_t monotonic_ns(void);

/* --events: load procmon_events.bpf.o, tell it where task_struct keeps
 * what it reads and which transport to use (PROCMON_VIA_*), attach. */
int start_events(struct bb_object *obj, uint32_t transport,
		 struct bb_err *err);

/* Print events until SIGINT or SIGTERM. */
int stream_events(struct bb_object *obj, const struct options *o,
		  const sigset_t *stop, struct bb_err *err);

#endif
