// SPDX-License-Identifier: GPL-2.0
/*
 * ksym.bpf.c - __ksym externs, for tests/kernel/ksym.c.
 *
 * On each getppid() of the test process (tp_btf/sys_enter, filtered on
 * its tgid), the programs record in "out" (ksym_kfunc the first, fourth
 * and fifth, ksym_var the second and third):
 *   [OUT_TGID]     bpf_task_from_pid(its tgid)->tgid, through a kfunc the
 *                  loader resolves to its BTF id in vmlinux (6.2+), then
 *                  bpf_task_release();
 *   [OUT_RQ_CPU]   bpf_this_cpu_ptr(&runqueues)->cpu: a typed __ksym, the
 *                  per-CPU VAR runqueues of vmlinux BTF (BPF_PSEUDO_BTF_ID);
 *   [OUT_CPU]      bpf_get_smp_processor_id(), which that must equal;
 *   [OUT_ADDR]     &bpf_prog_put: an untyped __ksym, its address from
 *                  /proc/kallsyms;
 *   [OUT_WEAK]     bpf_ksym_exists() of a weak kfunc no kernel has: 0,
 *                  and its call, then dead code, is dropped by the verifier.
 */
#include "bpf_defs.h"
#include "attach_slots.h"
#include "ksym.h"

char LICENSE[] SEC("license") = "GPL";

/* Our own view of two kernel structs: CO-RE finds the real offsets. */
struct task_struct {
	int tgid;
} __attribute__((preserve_access_index));

struct rq {
	int cpu;
} __attribute__((preserve_access_index));

extern struct task_struct *bpf_task_from_pid(__s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern int bb_no_such_kfunc(int x) __ksym __weak;
extern const struct rq runqueues __ksym;
extern const void bpf_prog_put __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, OUT_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} out SEC(".maps");

const volatile __u32 self_tgid = 0;

static __always_inline void put(__u32 slot, __u64 value)
{
	__u64 *v = bpf_map_lookup_elem(&out, &slot);

	if (v)
		*v = value;
}

static __always_inline int is_self(__u64 *ctx)
{
	return self_tgid && bpf_get_current_pid_tgid() >> 32 == self_tgid &&
	       ctx[1] == ATTACH_TEST_SYSCALL;
}

SEC("tp_btf/sys_enter")
int ksym_kfunc(__u64 *ctx)
{
	struct task_struct *t;

	if (!is_self(ctx))
		return 0;
	t = bpf_task_from_pid(self_tgid);
	if (t) {
		put(OUT_TGID, t->tgid);
		bpf_task_release(t);
	}
	put(OUT_ADDR, (__u64)&bpf_prog_put);
	if (bpf_ksym_exists(bb_no_such_kfunc))
		put(OUT_WEAK, 100 + bb_no_such_kfunc(1));
	else
		put(OUT_WEAK, 1);
	return 0;
}

/*
 * Apart: the kernel finds a VAR's address with kallsyms_lookup_name(),
 * which knows variables only when built with CONFIG_KALLSYMS_ALL (the
 * 6.1 VM's kernel, not this 6.18 host's): without, BPF_PROG_LOAD fails
 * with ENOENT.
 */
SEC("tp_btf/sys_enter")
int ksym_var(__u64 *ctx)
{
	struct rq *rq;

	if (!is_self(ctx))
		return 0;
	rq = bpf_this_cpu_ptr(&runqueues);
	put(OUT_RQ_CPU, rq->cpu);
	put(OUT_CPU, bpf_get_smp_processor_id());
	return 0;
}
