/* SPDX-License-Identifier: GPL-2.0 */
/*
 * types.h - the kernel objects of a loaded BPF object, and nothing that
 * acts on them.
 *
 * Every step of the load (maps/, load/, pin/, attach/, stream/) works on
 * these structs; object.c, which runs the steps in order, sits above them
 * all.  Keeping the structs here, below every step, lets object.c only
 * call down: no step includes object.h.
 *
 * A struct bb_map / bb_prog owns one kernel fd (-1 until created).  Its
 * spec (elf/spec.h) is the parsed blueprint and holds no fd.
 */
#ifndef BAREBPF_TYPES_H
#define BAREBPF_TYPES_H

#include "elf/spec.h"
#include "loader/barebpf.h"	/* the public names of these structs */

struct bb_map {
	const struct map_spec *spec;
	int fd;
	/* Global data maps (global_data.c), and ARENA maps' mem: */
	uint8_t *value;		/* the value to write at load, set by name */
	void *mem;		/* .data/.bss after load: mmap of the value */
	size_t mem_len;
	bool reused;		/* fd is an existing map (pin or caller's fd) */
	bool pinned_here;	/* this load pinned it by name (map_setup()) */
	uint32_t max_entries;	/* set before bb_object_load(): overrides the spec's */
	int btf_fd;		/* the object's BTF (not owned), or -1 */
	struct bb_object *obj;	/* the object it belongs to; NULL: made by
				 * bb_map_create() (map_api.c) */
	/*
	 * The walks' buffer: bb_map_for_each()'s value, keys and the set that
	 * drops repeats, or bb_map_for_each_batch()'s keys and values (see
	 * map_scratch() in loader/maps/map.h).  Made at the first walk and
	 * kept until the map closes (map_release()): a table printed every
	 * second would otherwise mmap and munmap it every time.  A walk
	 * writes it, so two walks of one map must not run at once (barebpf.h
	 * says so).
	 */
	uint8_t *walk_buf;
	size_t walk_cap;	/* bytes */
	struct st_ops_kern *st;	/* STRUCT_OPS maps: their kernel side */
	/* ARENA maps (load/arena.c): mem is the whole arena, and the
	 * __arena variables start arena_off bytes into it. */
	uint32_t arena_off;
};

/*
 * A STRUCT_OPS map's kernel side (loader/load/struct_ops.c): the value
 * the kernel registers, the object's variable laid out as the kernel's
 * struct, with a program fd to write in each function member.
 */
struct st_fd_slot {
	uint32_t off;		/* byte offset in the kernel's value */
	uint32_t prog;		/* index into bb_object.progs */
};

struct st_ops_kern {
	uint32_t value_type_id;	/* struct bpf_struct_ops_<type>, vmlinux */
	uint32_t value_size;	/* its size: the map's value size */
	uint8_t *value;		/* the value to register, fds aside */
	struct st_fd_slot *slots;
	uint32_t nr_slots;
	int link_fd;		/* .struct_ops.link: the link, or -1 */
	bool registered;	/* BPF_MAP_UPDATE_ELEM done */
};

/*
 * A bpf filter on an interface's clsact qdisc, added through rtnetlink
 * (attach/tc_netlink.c).  No fd holds it: closing nothing removes it, so
 * whoever holds it calls @detach (bb_object_close(), bb_link_destroy()).
 */
struct tc_filter {
	int (*detach)(struct tc_filter *f);	/* NULL: none attached */
	int ifindex;
	uint32_t parent;	/* clsact's ingress or egress hook */
	uint32_t handle;	/* as the kernel chose them */
	uint16_t prio;
	bool own_qdisc;		/* we added the qdisc: remove it after */
};

struct bb_prog {
	const struct prog_spec *spec;
	int fd;
	int attach_fd;		/* the perf event or link it is attached
				 * through, or -1 */
	/* A perf_event program on every CPU: the events (or links) of the
	 * CPUs after the first, whose own is attach_fd; closed with it. */
	int *more_fds;
	uint32_t nr_more_fds;
	uint32_t sample_freq;	/* perf_event programs: samples a second */
	struct bpf_insn *insns;	/* relocated copy handed to the kernel */
	uint32_t attach_btf_id;	/* tp_btf/fentry/fexit/lsm: kernel BTF id of
				 * the target, found by bb_object_load();
				 * freplace: the id in the target's BTF */
	uint32_t st_member;	/* struct_ops: index of the member it
				 * implements (expected_attach_type) */
	bool perf_link;		/* attach perf events with BPF_LINK_CREATE
				 * (see perf_attach.h); set before bb_object_attach() */
	bool off;		/* set before bb_object_load(): neither load nor attach */
	/* xdp, cgroup, socket, sockmap, netns programs: what they attach to, set with
	 * bb_prog_set_attach_target() (an ifindex or a fd, not owned);
	 * freplace: the fd of the program it replaces a function of. */
	int attach_target;
	bool has_attach_target;
	bool tc_egress;		/* "tc", "classifier": bb_prog_set_tc_dir() */
	/* "netfilter": its hook, bb_prog_set_netfilter() (netfilter.h) */
	struct nf_hook_opts {
		uint32_t pf, hooknum, flags;
		int32_t priority;
		bool set;
	} nf;
	struct tc_filter tc;	/* attached through rtnetlink (tc_netlink.c) */
	/* sk_skb/sk_msg: attached to attach_target (a sockmap) with
	 * BPF_PROG_ATTACH, which gives no fd: bb_object_close() detaches it. */
	bool map_attached;
	uint32_t nr_poisoned;	/* CO-RE relocations without a match (core.c) */
	char poisoned[256];	/* the first of them, described */
	struct bb_object *obj;	/* its object: the loader parts that attach it */
};

/* One program's attachment made by bb_prog_attach() (attach/link.c). */
struct bb_link {
	int fd;			/* the perf event or BPF link; owned */
	struct tc_filter tc;	/* or a tc filter (fd -1) */
	/* sk_skb/sk_msg (sockmap.h): no fd holds the attachment; our own
	 * copies of the program's and the map's fds detach it, or -1. */
	int detach_prog, detach_map;
	uint32_t detach_type;
	int *more_fds;		/* a perf_event program's other CPUs; owned */
	uint32_t nr_more_fds;
};

/* Attached: through an fd, or a tc filter. */
static inline bool prog_attached(const struct bb_prog *p)
{
	return p->attach_fd >= 0 || p->tc.detach || p->map_attached;
}

struct kernel_types;
struct loader_parts;
struct ksym_value;

struct bb_object {
	const char *path;	/* for messages */
	uint8_t *file;		/* the object's bytes, owned */
	size_t file_len;
	struct obj_spec spec;
	struct bb_map *maps;	/* one per spec.maps */
	struct bb_prog *progs;	/* one per spec.progs */
	const char *pin_dir;	/* for pinning by name; NULL: /sys/fs/bpf */
	int btf_fd;		/* the object's BTF in the kernel, or -1 */
	/*
	 * The kernel's BTF, when the caller loads several objects and wants
	 * it read once (obj_core.h); NULL: bb_object_load() reads it if needed.
	 */
	struct kernel_types *kernel;
	struct kernel_types *kernel_own;	/* the one we read, if we did */
	const struct loader_parts *parts;	/* what may be called */
	/* Where the .ksyms externs are in this kernel (ksym.h): one per
	 * spec.ksyms, made at the first program that uses one. */
	struct ksym_value *ksyms;
	int *ksym_fds;		/* BPF_PROG_LOAD's fd_array: [0] unused,
				 * then module BTF fds; owned */
	uint32_t nr_ksym_fds;
	/* USDT programs: the slots of __bpf_usdt_specs taken (attach/usdt.c). */
	uint32_t usdt_specs_used;
};

#endif
