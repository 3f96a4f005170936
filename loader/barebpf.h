/* SPDX-License-Identifier: GPL-2.0 */
/*
 * barebpf.h - the public C API of barebpf, the one header a program that
 * uses barebpf as a library includes (installed as <barebpf.h>).
 *
 * barebpf talks to the kernel with raw system calls only: each function
 * below says which ones it makes (`strace -e bpf,perf_event_open` shows
 * exactly those, and bb_set_verbose() tells them in words).
 *
 * The life of an object, one call each:
 *
 *	bb_object_open()    read and parse a clang-built .bpf.o   (no bpf())
 *	bb_object_load()    create its maps, load its programs
 *	bb_object_attach()  attach every program its section names a target for
 *	bb_object_close()   detach, close every fd, free
 *
 * Errors: every call that can fail returns 0 (or an fd, a count) on
 * success and a negative errno on failure, and fills the caller's
 * struct bb_err (may be NULL) with one line saying what failed and where.
 * Zero the struct before its first use; bb_err_free() releases what a
 * failure may have attached (the verifier's log, see bb_err_log()).
 *
 * Structs are opaque: reach their fields through the accessors.  A map or
 * program found in an object belongs to the object and lives until
 * bb_object_close().  Nothing here keeps global state except the
 * narration fd (bb_set_verbose()).
 *
 * Every name is bb_ / BB_: none collides with libbpf's (bpf_*, btf__*,
 * libbpf_*, ring_buffer__*, perf_buffer__*), so both can be linked into
 * one program.
 */
#ifndef BAREBPF_H
#define BAREBPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>	/* __u32, __u64: the callbacks take libbpf's types */

#ifdef __cplusplus
extern "C" {
#endif

/* The release this header belongs to (the Makefile reads it from here). */
#define BB_VERSION "0.2.0"

/*
 * The library's version: its release, which may differ from BB_VERSION if
 * the program was built against another header, and the git revision it
 * was built from, e.g. "0.2.0 (git 03459d8)".  Every tool's --version
 * prints the same.  No system call.
 */
const char *bb_version(void);

/*
 * Errors.  The same definition is in elf/base/err.h (the parsers under
 * elf/ include nothing of loader/); BB_ERR_DEFINED keeps one.
 */
#ifndef BB_ERR_DEFINED
#define BB_ERR_DEFINED
struct bb_err {
	char msg[1024];		/* one line, standing alone */
	char *detail;		/* malloc'd long text (a log), or NULL */
};

/* The log of the failure in @err (the verifier's, for a program or BTF the
 * kernel refused), or "" if there is none.  No system call. */
const char *bb_err_log(const struct bb_err *err);

/* Free what @err holds (the log); @err may be reused afterwards. */
void bb_err_free(struct bb_err *err);
#endif

/*
 * Narrate every system call barebpf makes, one line each, to @fd (2 for
 * stderr); -1 turns narration off.  Also restarts the narration clock.
 * The lines are written with write(2); @fd stays the caller's.
 */
void bb_set_verbose(int fd);

/*
 * Write "@who: " and @err's line to stderr, then its log if it has one
 * (write(2): no stdio), and free the log as bb_err_free() does.  What a
 * generated skeleton (`barebpf gen skeleton`) says when a step fails.
 */
void bb_err_report(const char *who, struct bb_err *err);

struct bb_object;
struct bb_map;
struct bb_prog;
struct bb_link;
struct bb_perf_buffer;
struct bb_ringbuf;

/* ---- Objects ---------------------------------------------------------- */

/*
 * Read the ELF file @path (open, fstat, read, close) and parse it: maps,
 * programs, BTF, relocations.  No bpf() call.  *@out is the new object.
 */
int bb_object_open(struct bb_object **out, const char *path,
		   struct bb_err *err);

/* Like bb_object_open() on @len bytes in memory (copied); @name is used in
 * messages and must stay alive as long as the object.  No system call. */
int bb_object_open_mem(struct bb_object **out, const void *data, size_t len,
		       const char *name, struct bb_err *err);

/*
 * Like bb_object_open_mem() on an object packed with barebpf's LZ77 (the
 * bytes a generated skeleton carries, see `barebpf gen skeleton`): the
 * @packed_len bytes at @packed unpack into exactly @size bytes.  @packed
 * and @name must stay alive as long as the object.  -EINVAL if the bytes
 * do not unpack to @size.  No system call.
 */
int bb_object_open_packed(struct bb_object **out, const void *packed,
			  size_t packed_len, size_t size, const char *name,
			  struct bb_err *err);

/*
 * Load the object: its BTF (BPF_BTF_LOAD), its maps (BPF_MAP_CREATE, or
 * BPF_OBJ_GET for pinned ones, BPF_MAP_UPDATE_ELEM/FREEZE for global
 * data), then each program not switched off (BPF_PROG_LOAD; when the
 * section names a type barebpf does not know, the program starts off:
 * bb_prog_set_autoload(); when the
 * verifier refuses, a second BPF_PROG_LOAD fetches its log: bb_err_log()).
 * Reads the kernel's BTF (/sys/kernel/btf/vmlinux) only for CO-RE and
 * tp_btf/fentry programs.  Returns 0 or -errno; on failure the maps it
 * pinned by name are unpinned again (unlink), those it reused are not.
 */
int bb_object_load(struct bb_object *obj, struct bb_err *err);

/*
 * Attach every loaded program whose section names a target (tracepoints:
 * perf_event_open + ioctl(PERF_EVENT_IOC_SET_BPF); raw_tp:
 * BPF_RAW_TRACEPOINT_OPEN; kprobes, uprobes, fentry...; a usdt program:
 * BPF_MAP_UPDATE_ELEM of its argument specs, then one uprobe and one
 * BPF_LINK_CREATE with a BPF cookie per site of the probe), then register
 * every struct_ops map (BPF_MAP_UPDATE_ELEM with its programs' fds; and
 * BPF_LINK_CREATE for .struct_ops.link).  The attachments belong to the
 * object and end with bb_object_close().  0 or -errno.
 */
int bb_object_attach(struct bb_object *obj, struct bb_err *err);

/*
 * Detach (a struct_ops map registered without a link is unregistered with
 * BPF_MAP_DELETE_ELEM), close every fd (close), free everything.  NULL is
 * fine.
 */
void bb_object_close(struct bb_object *obj);

/* The map or program called @name (its C name), or NULL.  No system call. */
struct bb_map *bb_object_find_map(struct bb_object *obj, const char *name);
struct bb_prog *bb_object_find_prog(struct bb_object *obj, const char *name);

/* Iterate: the first map/program when @prev is NULL, else the one after
 * @prev (a map/program of @obj); NULL after the last.  No system call. */
struct bb_map *bb_object_next_map(struct bb_object *obj,
				  const struct bb_map *prev);
struct bb_prog *bb_object_next_prog(struct bb_object *obj,
				    const struct bb_prog *prev);

/*
 * Set or read global variable @name (in .data, .bss or .rodata), which
 * must be @size bytes.  Before bb_object_load() this changes the value the
 * load writes; after, it reads or writes the mmap'd map (no system call).
 * Setting a .rodata variable after the load is -EPERM; -ENOENT: no such
 * variable; -EINVAL: wrong size.
 */
int bb_object_set_var(struct bb_object *obj, const char *name,
		      const void *val, size_t size, struct bb_err *err);
int bb_object_get_var(struct bb_object *obj, const char *name, void *val,
		      size_t size, struct bb_err *err);

/*
 * The bytes of a global data map (.data, .bss, .rodata), *@size (may be
 * NULL) their count, laid out as the section: what a skeleton's
 * skel->bss, skel->data and skel->rodata point to.  Before
 * bb_object_load(): the value the load will write (writable, like
 * bb_object_set_var()).  After: for .data and .bss the mmap of the map's
 * value (reads and writes reach the programs at once, no system call);
 * for .rodata the bytes that were written, which the frozen map no longer
 * takes (writing them changes nothing).  NULL (errno set) if @map is not
 * a global data map, or out of memory.  No system call.
 */
void *bb_map_global_data(struct bb_map *map, size_t *size);

/* Where maps declared __uint(pinning, LIBBPF_PIN_BY_NAME) (or set with
 * bb_map_set_pin_by_name()) are pinned: @dir/NAME; default /sys/fs/bpf.
 * @dir must stay alive as long as @obj.  Before bb_object_load(). */
void bb_object_set_pin_dir(struct bb_object *obj, const char *dir);

/* ---- Maps ------------------------------------------------------------- */

/* Update flags: the values of the kernel's BPF_ANY, BPF_NOEXIST, BPF_EXIST
 * and BPF_F_LOCK (<linux/bpf.h>). */
#define BB_ANY		0	/* create or replace */
#define BB_NOEXIST	1	/* create only: -EEXIST if the key exists */
#define BB_EXIST	2	/* replace only: -ENOENT if it does not */
#define BB_F_LOCK	4	/* take the value's bpf_spin_lock (lookup too) */

/*
 * Create a map from user space, not from an object: one BPF_MAP_CREATE
 * (@type a BPF_MAP_TYPE_*, @flags its map_flags; no BTF, so no spin
 * locks).  *@out is freed with bb_map_close().  0 or -errno.
 */
int bb_map_create(struct bb_map **out, uint32_t type, const char *name,
		  uint32_t key_size, uint32_t value_size, uint32_t max_entries,
		  uint32_t flags, struct bb_err *err);

/*
 * Open a map that already exists in the kernel, made by anyone: by its id
 * (BPF_MAP_GET_FD_BY_ID) or by its pin (BPF_OBJ_GET, then a readlink of
 * /proc/self/fd/N: -EINVAL if the pin is not a map), then
 * BPF_OBJ_GET_INFO_BY_FD for its name, type, sizes and flags, which the
 * accessors below return.  -ENOENT: no such map (a map can vanish between
 * bb_map_next_id() and this call), -EPERM without CAP_SYS_ADMIN.  The
 * element calls work on it; free it with bb_map_close().
 */
int bb_map_open_id(struct bb_map **out, uint32_t id, struct bb_err *err);
int bb_map_open_pinned(struct bb_map **out, const char *path,
		       struct bb_err *err);

/* BPF_MAP_GET_NEXT_ID: the first map id after @id (0: the first of all)
 * in *@next; -ENOENT after the last.  Every map of the machine, anyone's. */
int bb_map_next_id(uint32_t id, uint32_t *next);

/* Close a map made by bb_map_create() or opened (close) and free it.  NULL is fine;
 * an object's map is left alone (bb_object_close() closes those). */
void bb_map_close(struct bb_map *map);

/* Accessors, no system call.  The fd is -1 before bb_object_load(). */
int bb_map_fd(const struct bb_map *map);
const char *bb_map_name(const struct bb_map *map);
uint32_t bb_map_type(const struct bb_map *map);		/* BPF_MAP_TYPE_* */
uint32_t bb_map_key_size(const struct bb_map *map);
uint32_t bb_map_value_size(const struct bb_map *map);
/* As declared, or as set by bb_map_set_max_entries(). */
uint32_t bb_map_max_entries(const struct bb_map *map);

/* Change an object map's size before bb_object_load(); -EBUSY after (the
 * map exists), -EINVAL for 0. */
int bb_map_set_max_entries(struct bb_map *map, uint32_t max_entries);

/*
 * Before bb_object_load(): use the existing map @fd instead of creating
 * one.  Checks (BPF_OBJ_GET_INFO_BY_FD) that its type, key and value
 * sizes, max_entries and flags are the object's: -EINVAL naming the field
 * otherwise.  The map keeps a dup(2) of @fd; @fd stays the caller's.
 */
int bb_map_reuse_fd(struct bb_map *map, int fd, struct bb_err *err);

/* Before bb_object_load(): pin this map by name (see
 * bb_object_set_pin_dir()) as if its C asked for it: the load opens the
 * pin if it exists (BPF_OBJ_GET), else creates and pins it (BPF_OBJ_PIN). */
int bb_map_set_pin_by_name(struct bb_map *map, struct bb_err *err);

/*
 * Element access, one bpf() each; @key and @value are the map's key_size
 * and value_size bytes, but a per-CPU map's value is one slot per possible
 * CPU (see bb_map_value_bytes()).  0 or -errno: -ENOENT no such key.
 *
 * bb_map_lookup: BPF_MAP_LOOKUP_ELEM; @flags 0 or BB_F_LOCK.
 * bb_map_update: BPF_MAP_UPDATE_ELEM; @flags BB_ANY, BB_NOEXIST (-EEXIST)
 *	or BB_EXIST (-ENOENT), optionally | BB_F_LOCK (-EINVAL if the value
 *	holds no bpf_spin_lock).
 * bb_map_delete: BPF_MAP_DELETE_ELEM.
 * bb_map_lookup_and_delete: BPF_MAP_LOOKUP_AND_DELETE_ELEM (hash maps
 *	since Linux 5.14, queues and stacks with @key NULL).
 * bb_map_get_next_key: BPF_MAP_GET_NEXT_KEY; the first key when @key is
 *	NULL, -ENOENT after the last.
 */
int bb_map_lookup(const struct bb_map *map, const void *key, void *value,
		  uint64_t flags);
int bb_map_update(const struct bb_map *map, const void *key,
		  const void *value, uint64_t flags);
int bb_map_delete(const struct bb_map *map, const void *key);
int bb_map_lookup_and_delete(const struct bb_map *map, const void *key,
			     void *value);
int bb_map_get_next_key(const struct bb_map *map, const void *key,
			void *next);

/*
 * Per-CPU maps (BPF_MAP_TYPE_PERCPU_HASH, PERCPU_ARRAY, LRU_PERCPU_HASH,
 * PERCPU_CGROUP_STORAGE): a program sees its own CPU's value, user space
 * all of them at once.  The value bb_map_lookup() writes, bb_map_update()
 * reads and bb_map_for_each() hands out is one slot per possible CPU
 * (0 .. bb_possible_cpus() - 1, online or not), each value_size rounded
 * up to 8 bytes: CPU c's value is at c * ((value_size + 7) & ~7).  As the
 * kernel (and libbpf) lay it out.
 *
 * bb_possible_cpus: the highest CPU in /sys/devices/system/cpu/possible,
 *	plus one (the file is read once per process); -errno if unreadable.
 * bb_map_value_bytes: the bytes of @map's value from user space:
 *	value_size, or for a per-CPU map its bb_possible_cpus() slots;
 *	-errno as bb_possible_cpus().
 * bb_map_cpu_value: CPU @cpu's slot in @value, a value of @map as above
 *	(any map: CPU 0 is the value itself); NULL if @cpu has no slot.
 */
int bb_possible_cpus(void);
long bb_map_value_bytes(const struct bb_map *map);
void *bb_map_cpu_value(const struct bb_map *map, const void *value,
		       uint32_t cpu);

/*
 * Call @fn for every entry with a copy of its key and value; a non-zero
 * return from @fn stops the walk and is returned.  bb_map_for_each():
 * per key, BPF_MAP_GET_NEXT_KEY for the next key, then BPF_MAP_LOOKUP_ELEM,
 * in the map's own order (a hash map's: its buckets', not sorted); keys
 * deleted meanwhile are skipped, keys a hash map gives twice (it starts
 * over when the key passed was deleted) are reported once; a per-CPU
 * map's value is every CPU's (bb_map_value_bytes()).  @fn may delete the
 * key it is given.  The keys seen go into a buffer the map keeps from its
 * first walk until it is closed (one mmap per map, not one per walk), so
 * two threads must not walk the same map at once.
 * bb_map_for_each_batch(): BPF_MAP_LOOKUP_BATCH, @batch entries per call
 * (0: 16384, or max_entries if fewer), in the same kept buffer, falling
 * back to bb_map_for_each() where the kernel or the map type has no batch
 * lookup.
 */
typedef int (*bb_map_entry_fn)(const void *key, const void *value, void *ctx);
int bb_map_for_each(const struct bb_map *map, bb_map_entry_fn fn, void *ctx);
int bb_map_for_each_batch(const struct bb_map *map, uint32_t batch,
			  bb_map_entry_fn fn, void *ctx);

/*
 * One BPF_MAP_LOOKUP_BATCH: up to *@count entries into @keys and @values
 * (arrays of key_size and bb_map_value_bytes() bytes), starting where @in
 * says (NULL: the start); @out, bb_map_batch_token_size() bytes, receives
 * where the next batch starts.  *@count becomes the number copied.  0, -ENOENT when
 * these were the last (*@count may be > 0), or -errno.
 */
int bb_map_lookup_batch(const struct bb_map *map, void *in, void *out,
			void *keys, void *values, uint32_t *count);
size_t bb_map_batch_token_size(const struct bb_map *map);

/* ---- Programs and links ----------------------------------------------- */

/* Accessors, no system call.  The fd is -1 until loaded. */
int bb_prog_fd(const struct bb_prog *prog);
const char *bb_prog_name(const struct bb_prog *prog);
const char *bb_prog_section(const struct bb_prog *prog);

/* Before bb_object_load(): false leaves this program unloaded (its fd stays
 * -1) and unattached.  -EBUSY once loaded.  A program whose section names
 * no program type barebpf knows starts with autoload false (the rest of
 * its object loads); set it true and bb_object_load() fails, naming it. */
int bb_prog_set_autoload(struct bb_prog *prog, bool autoload);

/*
 * Before attaching: what an xdp, cgroup, socket, sk_skb/sk_msg, sk_lookup
 * or flow_dissector program attaches to (sections "xdp", "cgroup_skb/...",
 * "cgroup/...", "sockops", "socket", "sk_skb/...", "sk_msg", "sk_lookup",
 * "flow_dissector"): an interface index for xdp, the fd of a cgroup v2
 * directory for the cgroup ones, a socket fd for a socket filter, a
 * sockmap or sockhash fd (bb_map_fd()) for sk_skb/sk_msg, a network
 * namespace fd (/proc/PID/ns/net) for sk_lookup/flow_dissector, which
 * without one attach to the caller's own namespace; for a "perf_event"
 * program, the pid whose CPU time it samples (without it: every CPU).
 * The fd stays the
 * caller's: the attachment does not need it open, except a sockmap's,
 * which bb_object_close() uses to detach (BPF_PROG_DETACH).  No system
 * call; -EBUSY once attached.
 * A freplace program ("freplace/FUNC") takes the fd of the loaded program
 * whose global function FUNC it replaces, before bb_object_load() (the
 * kernel verifies it against FUNC's prototype in that program's BTF):
 * -EBUSY once loaded.  It attaches once (a new link needs a new load).
 */
int bb_prog_set_attach_target(struct bb_prog *prog, int target);

/*
 * Before attaching a "tc" or "classifier" program (its section names no
 * direction; its target an interface index, as above): which side of the
 * interface it filters, ingress (the default) or egress.  It attaches as
 * a bpf filter in direct-action mode on the interface's clsact qdisc,
 * added if missing, through rtnetlink: socket(AF_NETLINK), sendto(2) and
 * recvfrom(2) of RTM_NEWQDISC and RTM_NEWTFILTER.  Detaching deletes
 * the filter, and the qdisc if it was added then and holds no other
 * filter.  (tcx/... and tc/ingress|egress sections attach with a tcx
 * link; a kernel before 6.6 refuses it, and they attach this way.)
 * No system call; -EINVAL for other sections, -EBUSY once attached.
 */
enum bb_tc_dir { BB_TC_INGRESS = 0, BB_TC_EGRESS = 1 };
int bb_prog_set_tc_dir(struct bb_prog *prog, enum bb_tc_dir dir);

/*
 * Before attaching a "netfilter" program (Linux 6.4+): the netfilter hook
 * of the caller's network namespace it runs at, which its section does
 * not name.  @pf: the protocol family, NFPROTO_IPV4 (2) or NFPROTO_IPV6
 * (10); @hooknum: enum nf_inet_hooks, NF_INET_PRE_ROUTING (0),
 * LOCAL_IN (1), FORWARD (2), LOCAL_OUT (3) or POST_ROUTING (4) (both
 * from <linux/netfilter.h>); @priority: its place among the hooks there
 * (lower first; iptables' filter table is at 0; INT_MIN and INT_MAX
 * are refused); @flags: 0, or 1 (BPF_F_NETFILTER_IP_DEFRAG, Linux 6.6+:
 * defragmented packets, with a @priority above -400).  The program
 * returns NF_DROP (0) or NF_ACCEPT (1).  It attaches with
 * bpf(BPF_LINK_CREATE); closing the link detaches.  The kernel checks
 * the values then (the message names what it refused).  No system call;
 * -EINVAL for other sections, -EBUSY once attached.
 */
int bb_prog_set_netfilter(struct bb_prog *prog, uint32_t pf,
			  uint32_t hooknum, int32_t priority, uint32_t flags);

/*
 * Run a loaded program once, now, with @ctx_len bytes of @ctx as its
 * context (BPF_PROG_RUN, which the kernel allows for some types only:
 * syscall programs, XDP, tc, raw_tp...); *@retval gets what it returned.
 * A "syscall" program (Linux 5.14+) is run only this way.
 */
int bb_prog_run(const struct bb_prog *prog, const void *ctx, uint32_t ctx_len,
		uint32_t *retval, struct bb_err *err);

/*
 * Attach one loaded program by its section name (the system calls of
 * bb_object_attach() for its kind).  *@out owns the attachment: a perf
 * event or a BPF link fd, see bb_link_fd(), or a tc filter (sections
 * "tc", "classifier": bb_prog_set_tc_dir()); it is the caller's, and keeps
 * the program attached even after bb_object_close().  Tracepoints,
 * kprobes and uprobes attach through perf events, which cannot be pinned;
 * raw_tp, tp_btf and fentry/fexit through BPF links, which can.  A socket
 * filter and an sk_skb/sk_msg program have no fd (bb_link_fd() is -1):
 * the socket holds the filter; for sk_skb/sk_msg the link keeps copies of
 * the program's and the map's fds, and bb_link_destroy() detaches it with
 * BPF_PROG_DETACH.  -EINVAL
 * if not loaded, -EOPNOTSUPP if its section names nothing to attach to,
 * -EBUSY if bb_object_attach() already attached it.
 */
int bb_prog_attach(struct bb_prog *prog, struct bb_link **out,
		   struct bb_err *err);

/* The fd that holds the attachment (a perf event or a BPF link); -1 for a
 * tc filter added through rtnetlink, which no fd holds. */
int bb_link_fd(const struct bb_link *link);

/* Detach (close its fd; a tc filter: delete it, as bb_object_close()
 * does) and free.  NULL is fine. */
void bb_link_destroy(struct bb_link *link);

/* ---- Pins ------------------------------------------------------------- */

/*
 * Pin @fd (map, program or link) at @path inside a bpffs (statfs checks
 * the directory first: a path elsewhere is -EINVAL with advice, not the
 * kernel's puzzling EPERM), then BPF_OBJ_PIN.  -EEXIST if taken.
 */
int bb_pin_fd(int fd, const char *path, struct bb_err *err);
int bb_map_pin(const struct bb_map *map, const char *path,
	       struct bb_err *err);
int bb_prog_pin(const struct bb_prog *prog, const char *path,
		struct bb_err *err);
int bb_link_pin(const struct bb_link *link, const char *path,
		struct bb_err *err);

/* BPF_OBJ_GET: a new fd (the caller closes it) for what is pinned at
 * @path; -ENOENT if nothing. */
int bb_pinned_open(const char *path, struct bb_err *err);

/* Remove the pin @path (statfs, then unlink); -ENOENT if none.  The object
 * lives on while anything else holds it. */
int bb_unpin(const char *path, struct bb_err *err);

/* ---- Event streams ---------------------------------------------------- */

/*
 * A perf buffer reads what programs send with bpf_perf_event_output() into
 * a BPF_MAP_TYPE_PERF_EVENT_ARRAY: per online CPU one perf_event_open
 * (PERF_COUNT_SW_BPF_OUTPUT), one mmap of 1 + @pages pages (@pages a power
 * of two), BPF_MAP_UPDATE_ELEM of its slot, ioctl(PERF_EVENT_IOC_ENABLE),
 * epoll_ctl; one epoll_create1.  @sample gets each record (@data valid
 * during the call only), @lost (may be NULL) the count of records the
 * kernel dropped.  @data is where the kernel wrote it, after a u32 size:
 * 4-byte aligned only, so copy a record with 8-byte members (memcpy)
 * before reading them, as libbpf's readers must too.
 */
/*
 * The same types as libbpf's perf buffer callbacks, so that a tutorial's
 * handle_event() / handle_lost() are passed here unchanged.
 */
typedef void (*bb_sample_fn)(void *ctx, int cpu, void *data, __u32 size);
typedef void (*bb_lost_fn)(void *ctx, int cpu, __u64 lost);

int bb_perf_buffer_open(struct bb_perf_buffer **out, const struct bb_map *map,
			uint32_t pages, bb_sample_fn sample, bb_lost_fn lost,
			void *ctx, struct bb_err *err);

/* epoll_wait up to @timeout_ms (-1 forever, 0 not at all), then read every
 * ready ring (no system call).  The number of records, 0 on timeout or
 * signal, or -errno. */
int bb_perf_buffer_poll(struct bb_perf_buffer *pb, int timeout_ms,
			struct bb_err *err);

/* Read every ring now, no system call.  Records read or -errno. */
int bb_perf_buffer_consume(struct bb_perf_buffer *pb, struct bb_err *err);

/* The epoll fd, readable when a ring has data: for the caller's own loop
 * (then call bb_perf_buffer_consume()).  Stays the perf buffer's. */
int bb_perf_buffer_epoll_fd(const struct bb_perf_buffer *pb);

/* Clear our map slots (BPF_MAP_DELETE_ELEM), munmap, close.  NULL is fine. */
void bb_perf_buffer_free(struct bb_perf_buffer *pb);

/*
 * A ring buffer reads a BPF_MAP_TYPE_RINGBUF (bpf_ringbuf_output/submit):
 * BPF_OBJ_GET_INFO_BY_FD, two mmaps of the map fd, epoll_create1,
 * epoll_ctl.  @fn gets each record (@data valid during the call only); a
 * negative return stops the reading and is returned by poll/consume (the
 * record counts as read).
 */
typedef int (*bb_ringbuf_fn)(void *ctx, void *data, size_t size);

int bb_ringbuf_open(struct bb_ringbuf **out, const struct bb_map *map,
		    bb_ringbuf_fn fn, void *ctx, struct bb_err *err);
/* epoll_wait, then read all there is.  Records read (0 on timeout or
 * signal), @fn's negative return, or -errno. */
int bb_ringbuf_poll(struct bb_ringbuf *rb, int timeout_ms,
		    struct bb_err *err);
/* Read all there is now, no system call. */
int bb_ringbuf_consume(struct bb_ringbuf *rb, struct bb_err *err);
int bb_ringbuf_epoll_fd(const struct bb_ringbuf *rb);
/* munmap, close.  NULL is fine.  The map stays where it was. */
void bb_ringbuf_free(struct bb_ringbuf *rb);

#ifdef __cplusplus
}
#endif

#endif
