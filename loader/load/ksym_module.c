// SPDX-License-Identifier: GPL-2.0
/*
 * ksym_module.c - kfuncs and variables that kernel modules define.
 *
 * A name vmlinux's BTF lacks may be a module's (nf_conntrack's bpf_ct_*
 * kfuncs, a test module's...).  Each loaded module with BTF has a BTF
 * object in the kernel (BPF_BTF_GET_NEXT_ID walks them; the info of one
 * says kernel_btf and its name) and a file /sys/kernel/btf/MODULE with
 * the same bytes, split on top of vmlinux's (elf/btf/btf_split.c).  We
 * only walk them when vmlinux lacks a name.  A found kfunc's call holds
 * its id and, in insn->off, the index of the module's BTF fd in the
 * fd_array of BPF_PROG_LOAD; a found variable's ld_imm64 holds the fd
 * itself in its second imm (Linux 5.13+ for both; index 0 of fd_array is
 * never used, 0 meaning vmlinux).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "loader/load/ksym.h"
#include "loader/load/obj_core.h"
#include "loader/sys/file.h"
#include "loader/sys/narrate.h"
#include "loader/sys/sys.h"

/* Keep @fd in obj->ksym_fds; its index, or -ENOMEM. */
static int keep_fd(struct bb_object *obj, int fd)
{
	uint32_t n = obj->nr_ksym_fds ? obj->nr_ksym_fds : 1;
	int *fds;

	if (n >= INT16_MAX)
		return -E2BIG;
	fds = realloc(obj->ksym_fds, (n + 1) * sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	fds[0] = -1;
	fds[n] = fd;
	obj->ksym_fds = fds;
	obj->nr_ksym_fds = n + 1;
	return n;
}

/* Look for every pending extern in module @name's BTF, open as @fd. */
static int search(struct bb_object *obj, struct kernel_types *k,
		  const char *name, int fd, struct bb_err *err)
{
	struct bytes data = { 0 };
	char path[96];
	uint32_t i, kind;
	int id, idx = 0, ret;

	fmt_snprintf(path, sizeof(path), "/sys/kernel/btf/%s", name);
	ret = file_read_all(path, (uint8_t **)&data.data, &data.len, err);
	for (i = 0; !ret && i < obj->spec.nr_ksyms; i++) {
		struct ksym_value *v = &obj->ksyms[i];

		if (!v->pending)
			continue;
		kind = obj->spec.ksyms[i].kind == KSYM_FUNC ? BTF_KIND_FUNC : BTF_KIND_VAR;
		id = btf_split_find(&data, &k->kb.btf, obj->spec.ksyms[i].name, kind, err);
		if (id == -ENOENT)
			continue;
		if (id < 0) {
			ret = bb_err_prefix(err, id, "%s", path);
			break;
		}
		idx = idx ? idx : keep_fd(obj, fd);
		if (idx < 0) {
			ret = bb_errf(err, idx, "ksym: keeping the BTF fd of module %s", name);
			break;
		}
		*v = (struct ksym_value){ .done = true, .found = true,
			.btf_id = id, .btf_fd = fd, .fd_idx = idx };
		narrate_say("ksym: '%s': module %s BTF id %u (its BTF fd %d, fd_array[%d])",
			    obj->spec.ksyms[i].name, name, id, fd, idx);
	}
	free((void *)data.data);
	if (!idx)
		sys_close(fd);
	return ret;
}

/* BTF object @id: a module's?  Then search it (it may vanish: fine). */
static int module(struct bb_object *obj, struct kernel_types *k, uint32_t id,
		  struct bb_err *err)
{
	struct bpf_btf_info info;
	uint32_t len = sizeof(info);
	char name[64] = "";
	int fd = sys_btf_get_fd_by_id(id);

	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return bb_errf(err, fd, "ksym: bpf(BPF_BTF_GET_FD_BY_ID) %u", id);
	memset(&info, 0, sizeof(info));
	info.name = (uint64_t)(uintptr_t)name;
	info.name_len = sizeof(name);
	if (sys_obj_get_info_by_fd(fd, &info, &len) || !info.kernel_btf ||
	    !strcmp(name, "vmlinux") || !name[0] || strchr(name, '/')) {
		sys_close(fd);
		return 0;
	}
	return search(obj, k, name, fd, err);
}

static bool any_pending(const struct bb_object *obj)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_ksyms; i++)
		if (obj->ksyms[i].pending)
			return true;
	return false;
}

int ksym_modules_find(struct bb_object *obj, struct kernel_types *k,
		      struct bb_err *err)
{
	uint32_t id = 0;
	int ret = 0;

	narrate_say("ksym: not in vmlinux BTF: looking in the modules' BTF");
	while (!ret && any_pending(obj) && !sys_btf_get_next_id(id, &id))
		ret = module(obj, k, id, err);
	return ret;
}
