/* SPDX-License-Identifier: GPL-2.0 */
/* tracepoint.h - attach a program to a tracepoint through perf events. */
#ifndef BAREBPF_TRACEPOINT_H
#define BAREBPF_TRACEPOINT_H

#include "loader/core/types.h"

/* Where tracefs is usually mounted, in the order we look. */
#define TRACEFS_PATH "/sys/kernel/tracing"
#define TRACEFS_DEBUGFS_PATH "/sys/kernel/debug/tracing"

/* The id of tracepoint @cat/@name, read from tracefs. */
int tracepoint_id(const char *cat, const char *name, uint32_t *id,
		  struct bb_err *err);

/* perf_event_open(PERF_TYPE_TRACEPOINT, id) for @prog's target: the fd. */
int tracepoint_open_event(const struct bb_prog *prog, struct bb_err *err);

/*
 * perf_event_open(PERF_TYPE_TRACEPOINT, id), enabled from the start, then
 * PERF_EVENT_IOC_SET_BPF (or a perf link, see perf_attach.h).  The
 * handle is @prog->attach_fd; closing it detaches the program.
 */
int tracepoint_attach(struct bb_prog *prog, struct bb_err *err);

#endif
