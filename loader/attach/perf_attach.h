/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf_attach.h - hang a program on a perf event, and read what a dynamic
 * PMU (kprobe, uprobe) says about itself in sysfs.
 *
 * Two ways to attach a program to a perf event fd:
 *
 *  - the classic one (default): ioctl(PERF_EVENT_IOC_SET_BPF, prog_fd).
 *    The event is opened enabled (attr.disabled = 0), so no
 *    PERF_EVENT_IOC_ENABLE follows.  The perf event fd is the handle:
 *    closing it detaches.  Works since Linux 4.1 (kprobes) / 4.7
 *    (tracepoints).
 *  - a perf link (Linux 5.15+): bpf(BPF_LINK_CREATE, attach_type
 *    BPF_PERF_EVENT, target_fd = the perf event).  The link fd is the
 *    handle; it holds its own reference to the perf event, so we close the
 *    event fd at once.  A link can be pinned in bpffs and shows up in
 *    BPF_LINK_GET_NEXT_ID, which the ioctl attachment does not.
 */
#ifndef BAREBPF_PERF_ATTACH_H
#define BAREBPF_PERF_ATTACH_H

#include "loader/core/types.h"

/* Where dynamic PMUs describe themselves. */
#define PMU_SYSFS "/sys/bus/event_source/devices"

/*
 * Attach @prog to perf event @pfd, the way @prog->perf_link asks.  Takes
 * @pfd over in every case: on success @prog->attach_fd is the handle (the
 * event or the link), on failure @pfd is closed.
 */
int perf_attach(struct bb_prog *prog, int pfd, const char *what,
		struct bb_err *err);

/*
 * The end of an attachment that made one fd per CPU or per site: with
 * @ret 0, the @nr fds of @fds (@nr > 0) become @prog's attach_fd and
 * more_fds, all closed with it; otherwise the first @made are closed and
 * @ret is returned.  Takes @fds (calloc'ed) in both cases.
 */
int perf_attach_fds(struct bb_prog *prog, int *fds, uint32_t made,
		    uint32_t nr, int ret);

/* Choose the perf link for every program of @obj; call before bb_object_attach(). */
void obj_use_perf_link(struct bb_object *obj, bool on);

/*
 * The perf_event_attr.type of dynamic PMU @pmu ("kprobe", "uprobe"), from
 * PMU_SYSFS/@pmu/type.  -ENOENT (with a message) if the kernel has none.
 */
int pmu_type(const char *pmu, uint32_t *type, struct bb_err *err);

/*
 * The bit of perf_event_attr.config that turns a probe into a return
 * probe, from PMU_SYSFS/@pmu/format/retprobe ("config:0").
 */
int pmu_retprobe_bit(const char *pmu, uint32_t *bit, struct bb_err *err);

/*
 * perf_event_open() a probe on dynamic PMU @pmu: config1 is the kernel
 * function name (kprobe) or the file path (uprobe), config2 the offset
 * (into the function, or into the file).  Returns the event fd.
 */
int probe_event_open(const char *pmu, bool retprobe, const char *name,
		     uint64_t offset, struct bb_err *err);
/* The same, with a reference counter (a USDT semaphore) at file offset
 * @ref_ctr_offset that the kernel increments while the uprobe is there
 * (uprobe PMU only, 4.20+; 0: none). */
int probe_event_open_ref(const char *pmu, bool retprobe, const char *name,
			 uint64_t offset, uint64_t ref_ctr_offset,
			 struct bb_err *err);

/*
 * Attach @prog to perf event @pfd through a perf link whose BPF cookie is
 * @cookie (5.15+; the ioctl way has none).  Takes @pfd over; returns the
 * link fd, or -errno with a message.
 */
int perf_link_cookie(const struct bb_prog *prog, int pfd, uint64_t cookie,
		     const char *what, struct bb_err *err);

#endif
