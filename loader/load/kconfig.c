// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "elf/base/num.h"
#include "elf/elf.h"
#include "loader/load/global_data.h"
#include "loader/load/kconfig.h"
#include "loader/sys/sys.h"

uint32_t kconfig_kernel_version(const char *release)
{
	uint64_t a, b, c = 0;
	const char *p;

	if (num_parse(release, 255, &a, &p) || *p != '.' ||
	    num_parse(p + 1, 255, &b, &p))
		return 0;
	if (*p == '.' && num_parse(p + 1, UINT32_MAX, &c, NULL))
		c = 0;
	return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
}

static int set(struct bb_object *obj, const struct var_spec *v, uint64_t val,
	       struct bb_err *err)
{
	/* Little-endian: the low v->size bytes of val. */
	if (v->size > sizeof(val))
		return bb_errf(err, -EINVAL, "%s: .kconfig extern '%s' is %u bytes, not a number",
			       obj->path, v->name, v->size);
	return bb_object_set_var(obj, v->name, &val, v->size, err);
}

int kconfig_fill(struct bb_object *obj, struct bb_map *map, struct bb_err *err)
{
	const struct obj_spec *spec = &obj->spec;
	char release[65] = "";
	uint32_t i, version = 0;
	int ret = 0;

	if (sys_uname_release(release, sizeof(release)) == 0)
		version = kconfig_kernel_version(release);
	for (i = 0; !ret && i < spec->nr_vars; i++) {
		const struct var_spec *v = &spec->vars[i];

		if (&spec->maps[v->map] != map->spec)
			continue;
		if (!strcmp(v->name, "LINUX_KERNEL_VERSION"))
			ret = set(obj, v, version, err);
		else if (!strcmp(v->name, "LINUX_HAS_BPF_COOKIE"))
			ret = set(obj, v, version >= (5u << 16) + (15u << 8), err);
		else if (!elf_extern_is_weak(&spec->elf, v->name))
			ret = bb_errf(err, -ENOTSUP,
				      "%s: unknown .kconfig extern '%s' (barebpf knows LINUX_KERNEL_VERSION and LINUX_HAS_BPF_COOKIE; declare it __weak to get 0)",
				      obj->path, v->name);
	}
	return ret;
}
