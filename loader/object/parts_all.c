// SPDX-License-Identifier: GPL-2.0
/*
 * parts_all.c - every optional part of the loader (parts.h): what
 * bb_object_open() uses.
 */
#include "loader/load/arena.h"
#include "loader/load/btf_target.h"
#include "loader/load/global_data.h"
#include "loader/load/kconfig.h"
#include "loader/load/ksym.h"
#include "loader/attach/cgroup.h"
#include "loader/attach/iter.h"
#include "loader/attach/kprobe.h"
#include "loader/attach/netfilter.h"
#include "loader/attach/netns.h"
#include "loader/attach/perf_event.h"
#include "loader/attach/ksyscall.h"
#include "loader/attach/kprobe_multi.h"
#include "loader/maps/map_in_map.h"
#include "loader/maps/prog_array.h"
#include "loader/load/obj_core.h"
#include "loader/load/struct_ops.h"
#include "loader/core/parts.h"
#include "loader/attach/raw_tp.h"
#include "loader/attach/socket.h"
#include "loader/attach/tc_netlink.h"
#include "loader/attach/sockmap.h"
#include "loader/attach/struct_ops.h"
#include "loader/attach/tcx.h"
#include "loader/attach/tracepoint.h"
#include "loader/attach/uprobe.h"
#include "loader/attach/uprobe_multi.h"
#include "loader/attach/usdt.h"
#include "loader/attach/xdp.h"

/* parts.h: prog_refused, for the kinds of program that have one. */
static int prog_refused(const struct bb_prog *p, int ret, struct bb_err *err)
{
	if (sec_def_needs_btf_id(p->spec->def))
		return btf_target_refused(p, ret, err);
	if (p->spec->def->attach == ATTACH_NETFILTER)
		return netfilter_refused(p, ret, err);
	return ret;
}

const struct loader_parts loader_parts_all = {
	.tool = "barebpf",
	.attach = {
		[ATTACH_TRACEPOINT] = tracepoint_attach,
		[ATTACH_RAW_TP] = raw_tp_attach,
		[ATTACH_BTF] = btf_prog_attach,
		[ATTACH_KPROBE] = kprobe_attach,
		[ATTACH_KRETPROBE] = kprobe_attach,
		[ATTACH_UPROBE] = uprobe_attach,
		[ATTACH_URETPROBE] = uprobe_attach,
		[ATTACH_XDP] = xdp_attach,
		[ATTACH_CGROUP] = cgroup_attach,
		[ATTACH_SOCKET] = socket_attach,
		[ATTACH_ITER] = iter_attach,
		[ATTACH_TCX] = tcx_attach,
		[ATTACH_TC] = tc_attach,
		[ATTACH_SOCKMAP] = sockmap_attach,
		[ATTACH_NETNS] = netns_attach,
		[ATTACH_KSYSCALL] = ksyscall_attach,
		[ATTACH_KRETSYSCALL] = ksyscall_attach,
		[ATTACH_PERF_EVENT] = perf_event_attach,
		[ATTACH_UPROBE_MULTI] = uprobe_multi_attach,
		[ATTACH_URETPROBE_MULTI] = uprobe_multi_attach,
		[ATTACH_KPROBE_MULTI] = kprobe_multi_attach,
		[ATTACH_KRETPROBE_MULTI] = kprobe_multi_attach,
		[ATTACH_USDT] = usdt_attach,
		[ATTACH_NETFILTER] = netfilter_attach,
	},
	.btf_target_find = btf_target_find,
	.prog_refused = prog_refused,
	.core_relocate = prog_core_relocate,
	.core_refused = prog_core_refused,
	.ksyms_parse = ksyms_arena_parse,
	.ksyms_relocate = ksyms_relocate,
	.ksyms_refused = ksyms_refused,
	.global_data_init = global_data_init,
	.kconfig_fill = kconfig_fill,
	.map_create_outer = map_create_outer,
	.map_fill_slots = map_fill_slots,
	.prog_array_fill = prog_array_fill,
	.struct_ops_parse = struct_ops_parse,
	.struct_ops_prepare = struct_ops_prepare,
	.struct_ops_register = struct_ops_register,
	.struct_ops_unregister = struct_ops_unregister,
	.arena_setup = arena_setup,
};
