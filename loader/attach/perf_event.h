/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf_event.h - attach a perf_event program (section "perf_event") to a
 * sampling event: the CPU clock, N times a second, on every online CPU,
 * or following one process.
 */
#ifndef BAREBPF_PERF_EVENT_H
#define BAREBPF_PERF_EVENT_H

#include "loader/core/types.h"

/* Samples a second when nothing else is asked for (the "99 Hz" of
 * profilers: off the beat of timers that tick at round rates). */
#define PERF_EVENT_DEFAULT_FREQ 99

/*
 * perf_event_open() of PERF_COUNT_SW_CPU_CLOCK at @prog->sample_freq Hz
 * (PERF_EVENT_DEFAULT_FREQ if 0) and the program hung on it, as
 * perf_attach() does (ioctls or a perf link).  With an attach target
 * (bb_prog_set_attach_target(prog, PID)) one event follows that process
 * on any CPU; without, one event per online CPU samples whatever runs
 * there: attach_fd is the first CPU's, more_fds the others'.
 */
int perf_event_attach(struct bb_prog *prog, struct bb_err *err);

/* The sampling frequency of every perf_event program of @obj, before
 * attaching (barebpf run --freq HZ). */
void obj_set_sample_freq(struct bb_object *obj, uint32_t hz);

#endif
