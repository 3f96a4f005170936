/* SPDX-License-Identifier: GPL-2.0 */
/* tracepoint.h - attach a program to a tracepoint through perf events. */
#ifndef BAREBPF_TRACEPOINT_H
#define BAREBPF_TRACEPOINT_H

#include "object.h"

/* Where tracefs is usually mounted, in the order we look. */
#define TRACEFS_PATH "/sys/kernel/tracing"
#define TRACEFS_DEBUGFS_PATH "/sys/kernel/debug/tracing"

/* The id of tracepoint @cat/@name, read from tracefs. */
int tracepoint_id(const char *cat, const char *name, uint32_t *id,
		  struct bb_err *err);

/* perf_event_open(PERF_TYPE_TRACEPOINT, id) for @prog's target: the fd. */
int tracepoint_open_event(const struct bpf_prog *prog, struct bb_err *err);

/*
 * perf_event_open(PERF_TYPE_TRACEPOINT, id), PERF_EVENT_IOC_SET_BPF,
 * PERF_EVENT_IOC_ENABLE.  The perf event fd is @prog->attach_fd; closing
 * it detaches the program.
 */
int tracepoint_attach(struct bpf_prog *prog, struct bb_err *err);

#endif
