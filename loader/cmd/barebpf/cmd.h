/* SPDX-License-Identifier: GPL-2.0 */
/*
 * barebpf.h - what the files of the `barebpf` teaching tool share.
 *
 * loader/cmd/barebpf.c reads the command line and calls one of the
 * cmd_*() below; each lives in its own file here.
 */
#ifndef BAREBPF_CMD_BAREBPF_H
#define BAREBPF_CMD_BAREBPF_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "loader/object/object.h"

/* Each returns the process exit status. */
int cmd_inspect(int argc, char **argv);
int cmd_disasm(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_btf(int argc, char **argv);
int cmd_gen(int argc, char **argv);

/* A number option ("--interval 500"); -1 if @s is not a number >= 0. */
long parse_count(const char *s);

/* Whether a word of the command line after argv[0] is -h or --help. */
bool wants_help(int argc, char **argv);

/* Name of relocation type R_BPF_* (llvm-readelf's words). */
const char *reloc_type_name(uint32_t type);

/* A tiny JSON writer: commas and nesting are tracked for us. */
struct json {
	struct out *f;
	int depth;
	int need_comma[32];
};

void json_begin(struct json *j, const char *key, char open);
void json_end(struct json *j, char close);
void json_str(struct json *j, const char *key, const char *v);
void json_u64(struct json *j, const char *key, uint64_t v);
void json_i64(struct json *j, const char *key, int64_t v);

/* The __kconfig and __ksym externs of @spec, if any (inspect_externs.c). */
void inspect_externs(const struct obj_spec *spec, struct json *j);

/*
 * Disassembly of one program, before relocation and after (with the fds
 * a fresh process would get, shown as map[NAME]), side by side.
 * @obj has been opened (not loaded); @j NULL means text on stdout.
 */
int disasm_prog_side_by_side(struct bb_object *obj, struct bb_prog *prog,
			     struct json *j, struct bb_err *err);

/*
 * Print every entry of @map, decoded by BTF where we can.  A map whose
 * entries cannot be listed (per-CPU, ring buffer...) is said to be so.
 */
void dump_map(const struct bb_object *obj, const struct bb_map *map);

/*
 * events.c: every perf event array and ring buffer of @obj (loaded and
 * attached) as an event stream, each record printed as it arrives; @type
 * (NULL: raw bytes only) names a struct in the object's BTF to decode
 * records as.  *@out is set even on failure: free it with events_free().
 */
struct events;
int events_open(struct events **out, const struct bb_object *obj,
		const char *type, struct bb_err *err);
/* How many streams are open (0 for NULL). */
uint32_t events_count(const struct events *ev);
/* Wait up to @timeout_ms for records, print all that came; 0 or -errno. */
int events_poll(struct events *ev, int timeout_ms, struct bb_err *err);
/*
 * Wait @ms, printing records as they come (a ring read at least every
 * 50 ms: a busy machine fills one fast).  Returns 1 for SIGINT/SIGTERM
 * (in @stop, blocked), 0 when the time is over, or -errno.
 */
int events_wait(struct events *ev, const sigset_t *stop, long ms,
		struct bb_err *err);
void events_free(struct events *ev);

/*
 * run_targets.c: --iface NAME, --tc-dir, --cgroup PATH, --sockmap MAP and
 * --netns PATH of `barebpf run`: the targets of @obj's xdp/tc, cgroup,
 * sk_skb/sk_msg and sk_lookup/flow_dissector programs (and --freq, --pid
 * of its perf_event programs), set before
 * attaching (@fds: the directory's and the namespace's fds, to close
 * after, or left -1); then,
 * once attached, run_once() runs the syscall programs (printing what they
 * returned) and reads the iterators (printing their output).
 */
struct run_targets {
	const char *iface;
	const char *cgroup;
	bool tc_egress;		/* --tc-dir egress: tc and classifier programs */
	const char *sockmap;
	const char *netns;
	const char *replace;	/* --replace PROG:FUNC (run_replace.c) */
	long freq;	/* --freq HZ of perf_event programs, 0: default */
	long pid;	/* --pid PID they follow, 0: every CPU */
};
struct run_fds {
	int cgroup;
	int netns;
};
int run_set_targets(struct bb_object *obj, const struct run_targets *t,
		    struct run_fds *fds, struct bb_err *err);
int run_once(struct bb_object *obj, struct bb_err *err);
/*
 * run_replace.c: --replace PROG:FUNC, before loading: the target of
 * @obj's freplace/FUNC programs (*@prog_fd: PROG's fd, to close after,
 * or left -1); the other freplace programs are left off.
 */
int run_set_replace(struct bb_object *obj, const struct run_targets *t,
		    int *prog_fd, struct bb_err *err);

/*
 * run.c: "@prefixNAME: skipped: section 'S' is of an unknown program type"
 * for a program that bb_object_load() leaves off for that reason.
 */
void say_skipped(struct out *f, const char *prefix, const struct bb_prog *p);

/*
 * run.c: attach every program of @obj (loaded) by its section name, say
 * so under -v ("attached N programs"), then events_open(@ev, @type).
 */
int run_attach(struct bb_object *obj, const char *type, struct events **ev,
	       struct bb_err *err);

#endif
