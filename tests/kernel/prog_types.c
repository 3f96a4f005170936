// SPDX-License-Identifier: GPL-2.0
/*
 * prog_types.c - every section family of kernel/test/prog_types.bpf.o
 * loads (issue 16), each program on its own, and the kernel says it has
 * the program type the section names (BPF_OBJ_GET_INFO_BY_FD): it took
 * the expected attach type and flags we gave with it, or it would have
 * refused the load.  lsm/ and fentry.s/ need BPF trampolines, which this
 * host's kernel lacks (attach_fentry.c): docs/program-types.md.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "loader/object/object.h"
#include "loader/sys/sys.h"
#include "tests/kernel/attach.h"

static const struct {
	const char *prog;
	uint32_t type;
} cases[] = {
	{ "t_socket", BPF_PROG_TYPE_SOCKET_FILTER },
	{ "t_xdp", BPF_PROG_TYPE_XDP },
	{ "t_xdp_frags", BPF_PROG_TYPE_XDP },
	{ "t_xdp_devmap", BPF_PROG_TYPE_XDP },
	{ "t_tc", BPF_PROG_TYPE_SCHED_CLS },
	{ "t_classifier", BPF_PROG_TYPE_SCHED_CLS },
	{ "t_tcx_ingress", BPF_PROG_TYPE_SCHED_CLS },
	{ "t_tc_egress", BPF_PROG_TYPE_SCHED_CLS },
	{ "t_sk_skb", BPF_PROG_TYPE_SK_SKB },
	{ "t_sk_msg", BPF_PROG_TYPE_SK_MSG },
	{ "t_sockops", BPF_PROG_TYPE_SOCK_OPS },
	{ "t_sk_lookup", BPF_PROG_TYPE_SK_LOOKUP },
	{ "t_flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR },
	{ "t_cgroup_skb_ingress", BPF_PROG_TYPE_CGROUP_SKB },
	{ "t_cgroup_skb_egress", BPF_PROG_TYPE_CGROUP_SKB },
	{ "t_sock_create", BPF_PROG_TYPE_CGROUP_SOCK },
	{ "t_connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ "t_bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ "t_sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ "t_sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL },
	{ "t_getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT },
	{ "t_dev", BPF_PROG_TYPE_CGROUP_DEVICE },
	{ "t_iter_task", BPF_PROG_TYPE_TRACING },
	{ "t_syscall", BPF_PROG_TYPE_SYSCALL },
	{ "t_netfilter", BB_PROG_TYPE_NETFILTER },
	{ "t_perf_event", BPF_PROG_TYPE_PERF_EVENT },
	{ "t_ksyscall", BPF_PROG_TYPE_KPROBE },
	{ "t_kretsyscall", BPF_PROG_TYPE_KPROBE },
	{ "t_kprobe_multi", BPF_PROG_TYPE_KPROBE },
	{ "t_uprobe_multi", BPF_PROG_TYPE_KPROBE },
	{ "t_usdt", BPF_PROG_TYPE_KPROBE },
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

int main(void)
{
	char path[PATH_MAX];
	size_t i;

	attach_obj_path("prog_types", path, sizeof(path));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bb_err err = { 0 };
		int got = load_one(path, cases[i].prog, &err);

		if (!is_int(got, (int)cases[i].type, "%s loads as program type %u",
			    cases[i].prog, cases[i].type))
			diag("%s", err.msg);
		bb_err_free(&err);
	}
	return done_testing();
}
