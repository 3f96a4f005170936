// SPDX-License-Identifier: GPL-2.0
/*
 * core.c - kernel/test/core.bpf.o in the real kernel: CO-RE relocations
 * against /sys/kernel/btf/vmlinux read the right task_struct fields (our
 * own tgid and our parent's, compared with getpid()/getppid()), a field
 * of a struct the kernel lacks "does not exist" instead of failing the
 * load, the .kconfig externs hold this kernel's version, and the
 * object's BTF was uploaded: the program carries line info and the .bss
 * map its value type.
 */
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "loader/load/global_data.h"
#include "loader/load/kconfig.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "tests/kernel/vars.h"
#include "tests/tap.h"

static void check_btf(struct bb_object *o)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	uint32_t len = sizeof(pi);

	memset(&pi, 0, sizeof(pi));
	ok(o->btf_fd >= 0, "the object's BTF was loaded (BPF_BTF_LOAD)");
	if (sys_obj_get_info_by_fd(o->progs[0].fd, &pi, &len) == 0) {
		ok(pi.btf_id != 0, "the program names the BTF (btf_id %u)", pi.btf_id);
		is_int(pi.nr_func_info, 1, "one func_info");
		ok(pi.nr_line_info > 5, "line_info: %u records", pi.nr_line_info);
	}
	len = sizeof(mi);
	memset(&mi, 0, sizeof(mi));
	if (sys_obj_get_info_by_fd(bb_object_find_map(o, ".bss")->fd, &mi, &len) == 0)
		ok(mi.btf_id != 0 && mi.btf_value_type_id != 0,
		   ".bss map has its BTF value type (DATASEC %u)", mi.btf_value_type_id);
}

int main(void)
{
	char exe[PATH_MAX], path[PATH_MAX];
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	uint32_t me = getpid();
	struct utsname u;
	ssize_t n;
	int ret;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	snprintf(path, sizeof(path), "%s/../../test/core.bpf.o", dirname(exe));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_set_var(o, "filter_tgid", &me, sizeof(me), &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(!ret, "core.bpf.o loads (CO-RE, .kconfig, BTF)")) {
		bb_err_print(out_stdout, "# core", &err);
		bb_object_close(o);
		return done_testing();
	}
	check_btf(o);
	ret = bb_object_attach(o, &err);
	if (!ok(!ret, "attached to syscalls/sys_enter_getppid"))
		diag("%s", err.msg);
	syscall(SYS_getppid);
	ok(get_u32(o, "hits") >= 1, "the program ran");
	is_int(get_u32(o, "seen_tgid"), getpid(), "task->tgid through CO-RE is our pid");
	is_int(get_u32(o, "seen_parent_tgid"), getppid(),
	       "task->real_parent->tgid through CO-RE is our parent's");
	is_int(get_u32(o, "gone_exists"), 0,
	       "a field of a struct the kernel lacks: exists = 0");
	uname(&u);
	is_int(get_u32(o, "kversion"), kconfig_kernel_version(u.release),
	       "LINUX_KERNEL_VERSION is KERNEL_VERSION(%s)", u.release);
	is_int(get_u32(o, "cookie"), kconfig_kernel_version(u.release) >= 0x050f00,
	       "LINUX_HAS_BPF_COOKIE: since 5.15");
	is_int(get_u32(o, "weak_val"), 0, "an unknown __weak .kconfig extern is 0");
	bb_object_close(o);
	return done_testing();
}
