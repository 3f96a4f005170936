// SPDX-License-Identifier: GPL-2.0
/*
 * narrate.c - the words of --verbose, against a fake kernel: each wrapper
 * of loader/sys.c is narrated as one line saying what was asked and what
 * came back; with narration off, nothing is printed.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "elf/bpf_names.h"
#include "loader/sys/narrate.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

/* The fake kernel: bpf() gives out fd 3, 4...; GET_NEXT_KEY says ENOENT. */
static int next_fd = 3;

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	(void)a3; (void)a4; (void)a5; (void)a6;
	if (nr == __NR_bpf && a1 == BPF_MAP_GET_NEXT_KEY)
		return -ENOENT;
	if (nr == __NR_bpf && (a1 == BPF_MAP_CREATE || a1 == BPF_PROG_LOAD))
		return next_fd++;
	if (nr == __NR_perf_event_open)
		return next_fd++;
	if (nr == __NR_bpf && a1 == BPF_OBJ_PIN)
		return -EEXIST;
	if (nr == __NR_bpf && a1 == BPF_BTF_GET_FD_BY_ID)
		return ((union bpf_attr *)a2)->btf_id == 42 ? next_fd++ : -EINVAL;
	return 0;
}

/* Run @fn with narration into a memory buffer; returns what was said. */
static char *said(void (*fn)(void), int on)
{
	static char buf[8192];
	FILE *f = tmpfile();
	static char obuf[512];
	struct out o = OUT_INIT(fileno(f), obuf);
	size_t n;

	narrate_start(on ? &o : NULL);
	fn();
	narrate_start(NULL);
	out_flush(&o);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void make_map(void)
{
	struct map_create_args a = {
		.type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 40,
		.max_entries = 10240, .name = "process_map",
	};

	sys_map_create(&a);
}

static void load_prog(void)
{
	struct bpf_insn insns[2] = { { .code = 0xb7 }, { .code = 0x95 } };
	struct prog_load_args a = {
		.type = BPF_PROG_TYPE_TRACEPOINT, .insns = insns, .nr_insns = 2,
		.license = "GPL", .name = "handle_exec",
	};

	sys_prog_load(&a);
}

static void first_key(void)
{
	uint32_t next;

	sys_map_get_next_key(3, NULL, &next);
}

static void attach(void)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT,
					.config = 365 };

	sys_perf_event_open(&attr, -1, 0, -1, 0);
	sys_ioctl(5, PERF_EVENT_IOC_SET_BPF, 4);
}

static void pin(void)
{
	sys_obj_pin(4, "/sys/fs/bpf/x");
}

/* What opening a map by its pin and by its BTF's id makes (barebpf map). */
static void btf_of_pinned(void)
{
	uint64_t type;

	sys_statfs_type("/sys/fs/bpf", &type);
	sys_btf_get_fd_by_id(42);
}

int main(void)
{
	sys_call = fake;
	is_str(said(make_map, 1),
	       "bpf(BPF_MAP_CREATE) hash \"process_map\" key=4 value=40 max=10240 -> fd 3\n",
	       "BPF_MAP_CREATE: type, name, sizes and the fd");
	is_str(said(load_prog, 1),
	       "bpf(BPF_PROG_LOAD) tracepoint \"handle_exec\" insns=2 license=\"GPL\" -> fd 4\n",
	       "BPF_PROG_LOAD: type, name, length, license and the fd");
	is_str(said(first_key, 1),
	       "bpf(BPF_MAP_GET_NEXT_KEY) map fd 3 (first key) -> -ENOENT (No such file or directory)\n",
	       "an error is said by name and in words");
	is_str(said(attach, 1),
	       "perf_event_open(tracepoint id 365, pid -1, cpu 0, FD_CLOEXEC) -> fd 5\n"
	       "ioctl(fd 5, PERF_EVENT_IOC_SET_BPF, 4) -> 0\n",
	       "perf_event_open and the ioctl that attaches");
	is_str(said(pin, 1),
	       "bpf(BPF_OBJ_PIN) \"/sys/fs/bpf/x\" fd 4 -> -EEXIST (File exists)\n",
	       "a wrapper added later is narrated too (BPF_OBJ_PIN)");
	is_str(said(btf_of_pinned, 1),
	       "statfs(\"/sys/fs/bpf\") -> 0\n"
	       "bpf(BPF_BTF_GET_FD_BY_ID) id 42 -> fd 6\n",
	       "statfs in words, and BPF_BTF_GET_FD_BY_ID with the id it asks for");
	is_str(said(make_map, 0), "", "narration off: not a word");
	is_str(bpf_cmd_name(BPF_LINK_CREATE), "BPF_LINK_CREATE", "command names follow the uapi enum (BPF_LINK_CREATE)");
	is_str(bpf_cmd_name(BPF_PROG_BIND_MAP), "BPF_PROG_BIND_MAP", "command names follow the uapi enum (BPF_PROG_BIND_MAP)");
	is_str(bpf_map_type_name(BPF_MAP_TYPE_RINGBUF), "ringbuf", "map type names follow the uapi enum");
	is_str(bpf_prog_type_name(BPF_PROG_TYPE_TRACEPOINT), "tracepoint", "program type names follow the uapi enum");
	return done_testing();
}
