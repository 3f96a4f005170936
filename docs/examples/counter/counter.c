// SPDX-License-Identifier: GPL-2.0
/*
 * counter.c - a complete program on barebpf's public API, the one
 * docs/library.md walks through: open an object, load it, preset a map,
 * attach one program, read its events from a perf buffer until Ctrl+C,
 * clean up.
 *
 *	counter [OBJ]     OBJ defaults to counter.bpf.o next to this program
 *
 * It prints one line when it is ready, then one per execve on the system:
 *
 *	ready: counter preset to 100
 *	execve #101 by pid 4242 (bash)
 */
#include <errno.h>
#include <limits.h>
#include <linux/types.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <barebpf.h>

#include "counter.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * One event: called by bb_perf_buffer_poll() for each record.  The kernel
 * writes a record 4-byte aligned (after its u32 size), and the event has
 * a __u64: copy it out before reading it.
 */
static void handle_event(void *ctx, int cpu, void *data, __u32 size)
{
	struct counter_event e;
	char comm[sizeof(e.comm) + 1] = "";
	size_t i;

	(void)ctx;
	(void)cpu;
	if (size < sizeof(e))
		return;
	memcpy(&e, data, sizeof(e));
	/* A process names itself: print only plain characters of it. */
	for (i = 0; i < sizeof(e.comm) && e.comm[i]; i++)
		comm[i] = (e.comm[i] >= 0x20 && e.comm[i] < 0x7f) ? e.comm[i] : '?';
	printf("execve #%llu by pid %u (%s)\n", (unsigned long long)e.count,
	       e.pid, comm);
}

/* The kernel dropped records: the ring of CPU @cpu was full. */
static void handle_lost(void *ctx, int cpu, __u64 lost)
{
	(void)ctx;
	fprintf(stderr, "lost %llu events on CPU %d\n",
		(unsigned long long)lost, cpu);
}

static int fail(const char *what, struct bb_err *err)
{
	fprintf(stderr, "counter: %s: %s\n", what, err->msg);
	if (*bb_err_log(err))
		fprintf(stderr, "%s\n", bb_err_log(err));
	bb_err_free(err);
	return 1;
}

/* counter.bpf.o in the directory of this program, if no path is given. */
static const char *default_obj(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0)
		return "counter.bpf.o";
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash || (size_t)(slash - buf) + sizeof("/counter.bpf.o") > len)
		return "counter.bpf.o";
	strcpy(slash, "/counter.bpf.o");
	return buf;
}

int main(int argc, char **argv)
{
	struct bb_object *obj = NULL;
	struct bb_perf_buffer *pb = NULL;
	struct bb_link *link = NULL;
	struct bb_map *counter, *events;
	struct bb_prog *prog;
	struct bb_err err = {};
	char path[PATH_MAX];
	__u32 zero = 0;
	__u64 start = 100;
	int ret = 1;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	/* 1. Read and parse the object: no system call into BPF yet. */
	if (bb_object_open(&obj, argc > 1 ? argv[1] : default_obj(path, sizeof(path)),
			   &err)) {
		ret = fail("open", &err);
		goto out;
	}
	/* 2. BPF_BTF_LOAD, BPF_MAP_CREATE for each map, BPF_PROG_LOAD. */
	if (bb_object_load(obj, &err)) {
		ret = fail("load", &err);
		goto out;
	}
	/* 3. Preset the counter: BPF_MAP_UPDATE_ELEM on key 0. */
	counter = bb_object_find_map(obj, "counter");
	if (!counter || bb_map_update(counter, &zero, &start, BB_ANY)) {
		fprintf(stderr, "counter: cannot preset map 'counter'\n");
		goto out;
	}
	/* 4. Attach the one program: perf_event_open + PERF_EVENT_IOC_SET_BPF. */
	prog = bb_object_find_prog(obj, "count_execve");
	if (!prog || bb_prog_attach(prog, &link, &err)) {
		ret = prog ? fail("attach", &err) : 1;
		goto out;
	}
	/* 5. One perf ring per CPU, each put in the "events" map. */
	events = bb_object_find_map(obj, "events");
	if (!events || bb_perf_buffer_open(&pb, events, 8, handle_event,
					   handle_lost, NULL, &err)) {
		ret = events ? fail("perf buffer", &err) : 1;
		goto out;
	}
	printf("ready: counter preset to %llu\n", (unsigned long long)start);
	fflush(stdout);
	/* 6. Wait for events, 100 ms at a time, until Ctrl+C. */
	while (!stop) {
		if (bb_perf_buffer_poll(pb, 100, &err) < 0) {
			ret = fail("poll", &err);
			goto out;
		}
		fflush(stdout);
	}
	ret = 0;
out:
	/* 7. Detach, then close everything: the kernel frees what we made. */
	bb_perf_buffer_free(pb);
	bb_link_destroy(link);
	bb_object_close(obj);
	return ret;
}
