// SPDX-License-Identifier: GPL-2.0
/*
 * prog_types.c - every section family of kernel/test/prog_types.bpf.o
 * loads (issue 16), each program on its own, and the kernel says it has
 * the program type the section names (BPF_OBJ_GET_INFO_BY_FD): it took
 * the expected attach type and flags we gave with it, or it would have
 * refused the load.  lsm/ and fentry.s/ need BPF trampolines, which this
 * host's kernel lacks (attach_fentry.c): docs/program-types.md.  The lsm
 * ones are refused with EPERM here, and load in the VM tier, whose kernel
 * has them (BAREBPF_EXPECT_FENTRY=1).
 * netfilter programs came in Linux 6.4: an older kernel (the VM tier's
 * 6.1) must refuse them with EINVAL, as it refuses any type it lacks.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "elf/bpf_uapi_new.h"
#include "loader/object/object.h"
#include "loader/sys/sys.h"
#include "tests/kernel/attach.h"

static const struct {
	const char *prog;
	uint32_t type;
	unsigned int since;	/* major * 100 + minor; 0: every kernel we test */
} cases[] = {
	{ "t_socket", BPF_PROG_TYPE_SOCKET_FILTER, 0 },
	{ "t_xdp", BPF_PROG_TYPE_XDP, 0 },
	{ "t_xdp_frags", BPF_PROG_TYPE_XDP, 0 },
	{ "t_xdp_devmap", BPF_PROG_TYPE_XDP, 0 },
	{ "t_tc", BPF_PROG_TYPE_SCHED_CLS, 0 },
	{ "t_classifier", BPF_PROG_TYPE_SCHED_CLS, 0 },
	{ "t_tcx_ingress", BPF_PROG_TYPE_SCHED_CLS, 0 },
	{ "t_tc_egress", BPF_PROG_TYPE_SCHED_CLS, 0 },
	{ "t_sk_skb", BPF_PROG_TYPE_SK_SKB, 0 },
	{ "t_sk_msg", BPF_PROG_TYPE_SK_MSG, 0 },
	{ "t_sockops", BPF_PROG_TYPE_SOCK_OPS, 0 },
	{ "t_sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, 0 },
	{ "t_flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, 0 },
	{ "t_cgroup_skb_ingress", BPF_PROG_TYPE_CGROUP_SKB, 0 },
	{ "t_cgroup_skb_egress", BPF_PROG_TYPE_CGROUP_SKB, 0 },
	{ "t_sock_create", BPF_PROG_TYPE_CGROUP_SOCK, 0 },
	{ "t_connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 0 },
	{ "t_bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 0 },
	{ "t_sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 0 },
	{ "t_sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, 0 },
	{ "t_getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, 0 },
	{ "t_dev", BPF_PROG_TYPE_CGROUP_DEVICE, 0 },
	{ "t_iter_task", BPF_PROG_TYPE_TRACING, 0 },
	{ "t_syscall", BPF_PROG_TYPE_SYSCALL, 0 },
	{ "t_netfilter", BB_PROG_TYPE_NETFILTER, 604 },
	{ "t_perf_event", BPF_PROG_TYPE_PERF_EVENT, 0 },
	{ "t_ksyscall", BPF_PROG_TYPE_KPROBE, 0 },
	{ "t_kretsyscall", BPF_PROG_TYPE_KPROBE, 0 },
	{ "t_kprobe_multi", BPF_PROG_TYPE_KPROBE, 0 },
	{ "t_uprobe_multi", BPF_PROG_TYPE_KPROBE, 0 },
	{ "t_usdt", BPF_PROG_TYPE_KPROBE, 0 },
};

/* Load @name alone; the kernel's type for it, or -errno. */
static int load_one(const char *path, const char *name, struct bb_err *err)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info), i;
	struct bb_object *o = NULL;
	int ret;

	ret = bb_object_open(&o, path, err);
	for (i = 0; !ret && i < o->spec.nr_progs; i++)
		o->progs[i].off = strcmp(o->progs[i].spec->name, name) != 0;
	if (!ret)
		ret = bb_object_load(o, err);
	memset(&info, 0, sizeof(info));
	if (!ret && bb_object_find_prog(o, name)->fd < 0)
		ret = -ENOENT;
	if (!ret)
		ret = sys_obj_get_info_by_fd(bb_object_find_prog(o, name)->fd,
					     &info, &len);
	bb_object_close(o);
	return ret ? ret : (int)info.type;
}

/* Need BPF trampolines: EPERM without them (see the top of this file). */
static const char *const trampoline_cases[] = { "t_lsm", "t_lsm_sleepable" };

static void trampoline_progs(const char *path)
{
	const char *v = getenv("BAREBPF_EXPECT_FENTRY");
	int have = v && !strcmp(v, "1");
	size_t i;

	for (i = 0; i < sizeof(trampoline_cases) / sizeof(trampoline_cases[0]); i++) {
		struct bb_err err = { 0 };
		int got = load_one(path, trampoline_cases[i], &err);

		if (!(have ? is_int(got, BPF_PROG_TYPE_LSM, "%s loads as program type %u",
				   trampoline_cases[i], BPF_PROG_TYPE_LSM) :
		      is_int(got, -EPERM, "%s is refused (EPERM) by a kernel without BPF trampolines",
			     trampoline_cases[i])))
			diag("%s", err.msg);
		bb_err_free(&err);
	}
}

int main(void)
{
	unsigned int kver = attach_kernel_version();
	char path[PATH_MAX];
	size_t i;

	attach_obj_path("prog_types", path, sizeof(path));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bb_err err = { 0 };
		int got = load_one(path, cases[i].prog, &err);
		int ok_so_far;

		if (kver < cases[i].since)
			ok_so_far = is_int(got, -EINVAL, "%s is refused (EINVAL) by Linux %u.%u, older than %u.%u",
					   cases[i].prog, kver / 100, kver % 100,
					   cases[i].since / 100, cases[i].since % 100);
		else
			ok_so_far = is_int(got, (int)cases[i].type, "%s loads as program type %u",
					   cases[i].prog, cases[i].type);
		if (!ok_so_far)
			diag("%s", err.msg);
		bb_err_free(&err);
	}
	trampoline_progs(path);
	return done_testing();
}
