// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - procmon --events: kernel/procmon_events.bpf.c sends one
 * event per exec and per exit through a perf buffer or a BPF ring buffer
 * (loader/perf_buffer.h, loader/ringbuf.h), and we print each as it
 * comes, one line (or one JSON object) per event.
 *
 * The perf buffer has one ring per CPU, so two events from different
 * CPUs may print in the other order (an exit before the exec on another
 * CPU); the ring buffer is one ring for all CPUs and keeps their order.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/barebpf.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "loader/cmd/procmon/procmon.h"

static int set_events_config(struct bb_object *obj, uint32_t transport,
			     struct bb_err *err)
{
	struct events_config c = { .transport = transport };
	const struct task_field fields[] = {
		{ "real_parent", &c.real_parent },
		{ "tgid", &c.tgid },
		{ "exit_code", &c.exit_code },
		{ "start_time", &c.start_time },
	};

	return set_config_map(obj, "events_config", fields, 4, &c, err);
}

struct stream_state {
	int json;
	uint64_t t0;		/* when we started, CLOCK_MONOTONIC ns */
	uint64_t ringbuf_lost;	/* losses already reported */
	long limit, seen;	/* --count: events to print (0: no limit), printed */
};

/* task->exit_code is a wait(2) status: a signal, or an exit code << 8. */
static void format_exit(char *buf, size_t len, uint32_t code)
{
	if (code & 0x7f)
		fmt_snprintf(buf, len, "signal %u%s", code & 0x7f,
			     code & 0x80 ? " (core dumped)" : "");
	else
		fmt_snprintf(buf, len, "code %u", (code >> 8) & 0xff);
}

/*
 * @v / @unit with @decimals digits after the point, cut (not rounded):
 * seconds and milliseconds from nanoseconds, in integers, so that no
 * floating-point printf is needed (see elf/fmt.h).
 */
static void format_fixed(char *buf, size_t len, uint64_t v, uint64_t unit,
			 int decimals)
{
	uint64_t step = unit;
	int i;

	for (i = 0; i < decimals; i++)
		step /= 10;
	fmt_snprintf(buf, len, "%llu.%0*llu", (unsigned long long)(v / unit),
		     decimals, (unsigned long long)(v % unit / step));
}

static void print_event_json(const struct procmon_event *ev, uint64_t t_ns)
{
	char t[32], ms[32];

	format_fixed(t, sizeof(t), t_ns, 1000000000ull, 6);
	out_printf(out_stdout,
		   "{\"time_s\":%s,\"event\":\"%s\",\"pid\":%u,\"ppid\":%u,\"comm\":",
		   t, ev->type == PROCMON_EXEC ? "exec" : "exit", ev->pid,
		   ev->ppid);
	json_str(ev->comm, PROCMON_COMM_LEN);
	if (ev->type == PROCMON_EXEC) {
		out_puts(out_stdout, ",\"filename\":");
		json_str(ev->filename, PROCMON_FILENAME_LEN);
	} else {
		format_fixed(ms, sizeof(ms), ev->duration_ns, 1000000, 3);
		out_printf(out_stdout,
			   ",\"exit_code\":%u,\"signal\":%u,\"duration_ms\":%s",
			   (ev->exit_code >> 8) & 0xff, ev->exit_code & 0x7f, ms);
	}
	out_puts(out_stdout, "}\n");
}

static void print_event(struct stream_state *st, const void *data,
			uint32_t size)
{
	uint64_t t_ns = monotonic_ns() - st->t0;
	char comm[PROCMON_COMM_LEN + 1], file[PROCMON_FILENAME_LEN + 1];
	char code[48], age[32], t[32], ms[32];
	struct procmon_event copy, *ev = &copy;

	if (size < sizeof(*ev))
		return;		/* not one of ours: cannot happen */
	/* One poll may bring more than --count asks for: those are dropped. */
	if (st->limit && st->seen >= st->limit)
		return;
	st->seen++;
	/*
	 * A perf buffer record's data starts 4 bytes after an 8-byte aligned
	 * header (its u32 size comes first): copy it before reading its u64.
	 */
	memcpy(&copy, data, sizeof(copy));
	if (st->json) {
		print_event_json(ev, t_ns);
		return;
	}
	format_fixed(t, sizeof(t), t_ns, 1000000000ull, 3);
	fmt_snprintf(comm, sizeof(comm), "%.*s", PROCMON_COMM_LEN, ev->comm);
	if (ev->type == PROCMON_EXEC) {
		fmt_snprintf(file, sizeof(file), "%.*s", PROCMON_FILENAME_LEN,
			     ev->filename);
		out_printf(out_stdout, "%-10s %-5s %-8u %-8u %-16s %s\n", t,
			   "EXEC", ev->pid, ev->ppid, comm, file);
		return;
	}
	format_exit(code, sizeof(code), ev->exit_code);
	if (ev->duration_ns < 1000000000ull) {
		format_fixed(ms, sizeof(ms), ev->duration_ns, 1000000, 1);
		fmt_snprintf(age, sizeof(age), "%sms", ms);
	} else {
		format_age(age, sizeof(age), ev->duration_ns);
	}
	out_printf(out_stdout, "%-10s %-5s %-8u %-8u %-16s %s after %s\n", t,
		   "EXIT", ev->pid, ev->ppid, comm, code, age);
}

static void print_lost(struct stream_state *st, uint64_t n, const char *where)
{
	uint64_t t_ns = monotonic_ns() - st->t0;
	char t[32];

	format_fixed(t, sizeof(t), t_ns, 1000000000ull, st->json ? 6 : 3);
	if (st->json)
		out_printf(out_stdout,
			   "{\"time_s\":%s,\"event\":\"lost\",\"count\":%llu}\n",
			   t, (unsigned long long)n);
	else
		out_printf(out_stdout, "%-10s %-5s %llu events (%s)\n", t,
			   "LOST", (unsigned long long)n, where);
}

static void on_perf_event(void *ctx, int cpu, void *data, uint32_t size)
{
	(void)cpu;
	print_event(ctx, data, size);
}

static void on_perf_lost(void *ctx, int cpu, __u64 n)
{
	char where[48];

	fmt_snprintf(where, sizeof(where), "perf ring of cpu %d was full", cpu);
	print_lost(ctx, n, where);
}

static int on_ring_event(void *ctx, void *data, size_t size)
{
	print_event(ctx, data, size);
	return 0;
}

/* The ring buffer has no loss records: the BPF side counts them. */
static void report_ringbuf_lost(struct bb_object *obj, struct stream_state *st)
{
	struct events_config c;
	uint32_t zero = 0;

	if (bb_map_lookup(bb_object_find_map(obj, "events_config"), &zero, &c, 0) ||
	    c.ringbuf_lost <= st->ringbuf_lost)
		return;
	print_lost(st, c.ringbuf_lost - st->ringbuf_lost, "ring buffer was full");
	st->ringbuf_lost = c.ringbuf_lost;
}

static int open_stream(struct bb_object *obj, const struct options *o,
		       struct stream_state *st, struct bb_perf_buffer **pb,
		       struct bb_ringbuf **rb, struct bb_err *err)
{
	const char *name = o->events - 1 == PROCMON_VIA_PERF ? "events" :
							       "events_rb";
	struct bb_map *map = bb_object_find_map(obj, name);

	if (!map)
		return bb_errf(err, -ENOENT, "%s: no map '%s'", obj->path, name);
	if (o->events - 1 == PROCMON_VIA_PERF)
		return bb_perf_buffer_open(pb, map, o->pages, on_perf_event,
					   on_perf_lost, st, err);
	return bb_ringbuf_open(rb, map, on_ring_event, st, err);
}

int start_events(struct bb_object *obj, uint32_t transport,
		 struct bb_err *err)
{
	int ret = bb_object_load(obj, err);

	if (!ret)
		ret = set_events_config(obj, transport, err);
	if (!ret)
		ret = bb_object_attach(obj, err);
	return ret;
}

static int stream_poll(struct bb_perf_buffer *pb, struct bb_ringbuf *rb,
		       int timeout_ms, struct bb_err *err)
{
	return pb ? bb_perf_buffer_poll(pb, timeout_ms, err) :
		    bb_ringbuf_poll(rb, timeout_ms, err);
}

/* Print events until --count of them (if given), SIGINT or SIGTERM. */
int stream_events(struct bb_object *obj, const struct options *o,
		  const sigset_t *stop, struct bb_err *err)
{
	struct stream_state st = { .json = o->json, .t0 = monotonic_ns(),
				   .limit = o->t.count };
	struct bb_perf_buffer *pb = NULL;
	struct bb_ringbuf *rb = NULL;
	uint64_t next_check = 0;
	int ret;

	ret = open_stream(obj, o, &st, &pb, &rb, err);
	if (!ret && !o->json)
		out_printf(out_stdout, "%-10s %-5s %-8s %-8s %-16s %s\n", "TIME(s)", "EVENT",
			   "PID", "PPID", "COMM", "FILENAME / EXIT");
	while (!ret) {
		ret = stream_poll(pb, rb, 100, err);
		if (ret < 0)
			break;
		ret = out_check(out_stdout, err);
		if (ret || (st.limit && st.seen >= st.limit))
			break;
		/* Every 100 ms, however busy: a lost count, a pending signal. */
		if (monotonic_ns() < next_check)
			continue;
		next_check = monotonic_ns() + 100000000ull;
		if (rb)
			report_ringbuf_lost(obj, &st);
		if (sys_sigwait_ms(stop, 0) > 0) {
			/* Stopped: print what already arrived, then leave. */
			ret = stream_poll(pb, rb, 0, err);
			if (ret >= 0)
				ret = out_check(out_stdout, err);
			break;
		}
	}
	bb_perf_buffer_free(pb);
	bb_ringbuf_free(rb);
	return ret < 0 ? ret : 0;
}
