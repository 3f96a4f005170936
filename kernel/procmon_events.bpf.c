// SPDX-License-Identifier: GPL-2.0
/*
 * procmon_events.bpf.c - send an event for every exec and every process
 * exit, for `procmon --events`.
 *
 * A separate object from procmon.bpf.c, so the table mode stays as simple
 * as it is.  Both transports live here; user space chooses one at run
 * time through events_config.transport (the other map stays empty).
 */
#include "bpf_defs.h"
#include "procmon_events.h"

char LICENSE[] SEC("license") = "GPL";

/* max_entries 0: the loader makes one slot per possible CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events_rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct events_config);
} events_config SEC(".maps");

/* A field of a task_struct at an offset user space gave us. */
static __attribute__((always_inline)) void read_task(void *dst, __u32 size,
						     void *task, __u32 off)
{
	bpf_probe_read_kernel(dst, size, (char *)task + off);
}

/* Fill what every event has: pid, ppid, comm.  NULL: not configured. */
static __attribute__((always_inline)) struct events_config *
event_start(struct procmon_event *ev, __u32 type, void **task)
{
	struct events_config *cfg;
	void *parent = 0;
	__u32 zero = 0;

	cfg = bpf_map_lookup_elem(&events_config, &zero);
	if (!cfg || !cfg->real_parent)
		return 0;
	*task = (void *)bpf_get_current_task();
	ev->type = type;
	ev->pid = bpf_get_current_pid_tgid() >> 32;
	read_task(&parent, sizeof(parent), *task, cfg->real_parent);
	read_task(&ev->ppid, sizeof(ev->ppid), parent, cfg->tgid);
	bpf_get_current_comm(ev->comm, sizeof(ev->comm));
	return cfg;
}

static __attribute__((always_inline)) void
send(void *ctx, struct events_config *cfg, struct procmon_event *ev)
{
	if (cfg->transport == PROCMON_VIA_RINGBUF) {
		if (bpf_ringbuf_output(&events_rb, ev, sizeof(*ev), 0))
			__sync_fetch_and_add(&cfg->ringbuf_lost, 1);
		return;
	}
	/* When the CPU's ring is full the kernel counts the loss itself. */
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, ev, sizeof(*ev));
}

/* The tracepoint's record: the file name is stored after the fields. */
struct exec_args {
	__u64 common;
	__u32 filename_loc;	/* __data_loc: offset in the low 16 bits */
	__s32 pid;
	__s32 old_pid;
};

SEC("tp/sched/sched_process_exec")
int events_exec(struct exec_args *ctx)
{
	struct procmon_event ev = {};
	struct events_config *cfg;
	void *task;

	cfg = event_start(&ev, PROCMON_EXEC, &task);
	if (!cfg)
		return 0;
	bpf_probe_read_kernel_str(ev.filename, sizeof(ev.filename),
				  (char *)ctx + (ctx->filename_loc & 0xffff));
	send(ctx, cfg, &ev);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int events_exit(void *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), start = 0;
	struct procmon_event ev = {};
	struct events_config *cfg;
	void *task;

	/* Threads exit too; the process is gone when its leader exits. */
	if ((pid_tgid >> 32) != (__u32)pid_tgid)
		return 0;
	cfg = event_start(&ev, PROCMON_EXIT, &task);
	if (!cfg)
		return 0;
	/* do_exit() sets exit_code before this tracepoint fires. */
	read_task(&ev.exit_code, sizeof(ev.exit_code), task, cfg->exit_code);
	read_task(&start, sizeof(start), task, cfg->start_time);
	ev.duration_ns = bpf_ktime_get_ns() - start;
	send(ctx, cfg, &ev);
	return 0;
}
