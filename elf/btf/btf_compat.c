// SPDX-License-Identifier: GPL-2.0
/*
 * btf_compat.c - is a kfunc's declaration in a BPF object compatible with
 * the function the kernel has of that name?
 *
 * The verifier checks each call against the kernel's prototype, but its
 * words ("arg#0 pointer type STRUCT task_struct must point to scalar...")
 * come long after the cause: a declaration copied from another kernel
 * version.  We compare first, as loosely as libbpf does: the same number
 * of parameters and, for each one and the return type, the same class of
 * type once typedefs and qualifiers are skipped (integer or enum, pointer,
 * struct or union of the same name, void).  Sizes may differ.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "elf/btf/btf.h"

/* What a type is, in words, for the message; 0: void. */
static const char *class_of(const struct btf *btf, uint32_t id,
			    const struct btf_type **out)
{
	const struct btf_type *t;

	*out = NULL;
	if (btf_skip_mods(btf, id, &id, NULL))
		return "?";
	if (!id)
		return "void";
	t = btf_type(btf, id);
	*out = t;
	switch (t ? btf_kind(t) : 0) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return "an integer";
	case BTF_KIND_PTR:
		return "a pointer";
	case BTF_KIND_STRUCT:
		return "a struct";
	case BTF_KIND_UNION:
		return "a union";
	case BTF_KIND_FLOAT:
		return "a float";
	}
	return "?";
}

/* A name without its ___flavour suffix: the length that counts. */
static size_t base_len(const char *name)
{
	const char *f = strstr(name, "___");

	return f ? (size_t)(f - name) : strlen(name);
}

static int same(const struct btf *l, uint32_t lid, const struct btf *k,
		uint32_t kid)
{
	const struct btf_type *lt, *kt;
	const char *lc = class_of(l, lid, &lt), *kc = class_of(k, kid, &kt);
	const char *ln, *kn;

	if (strcmp(lc, kc) || !strcmp(lc, "?"))
		return 0;
	if (!lt || !btf_is_composite(lt))
		return 1;
	ln = btf_str(l, lt->name_off);
	kn = btf_str(k, kt->name_off);
	return ln && kn && base_len(ln) == strlen(kn) &&
	       !strncmp(ln, kn, base_len(ln));
}

/* The FUNC_PROTO of FUNC @id, or NULL. */
static const struct btf_type *proto_of(const struct btf *btf, uint32_t id)
{
	const struct btf_type *f = btf_type(btf, id);
	const struct btf_type *p = f ? btf_type(btf, f->type) : NULL;

	return p && btf_kind(p) == BTF_KIND_FUNC_PROTO ? p : NULL;
}

static int differs(const struct btf *l, uint32_t lid, const struct btf *k,
		   uint32_t kid, const char *what, char *why, size_t len)
{
	const struct btf_type *t;
	const char *lc = class_of(l, lid, &t), *kc = class_of(k, kid, &t);

	fmt_snprintf(why, len, "%s is %s here, %s in the kernel", what, lc, kc);
	return -EINVAL;
}

int btf_func_compat(const struct btf *local, uint32_t lid,
		    const struct btf *kernel, uint32_t kid, char *why,
		    size_t len)
{
	const struct btf_type *lp = proto_of(local, lid);
	const struct btf_type *kp = proto_of(kernel, kid);
	const struct btf_param *la, *ka;
	char what[32];
	uint32_t i;

	if (!lp || !kp) {
		fmt_snprintf(why, len, "no prototype");
		return -EINVAL;
	}
	if (btf_vlen(lp) != btf_vlen(kp)) {
		fmt_snprintf(why, len, "%u parameter(s) here, %u in the kernel",
			     btf_vlen(lp), btf_vlen(kp));
		return -EINVAL;
	}
	if (!same(local, lp->type, kernel, kp->type))
		return differs(local, lp->type, kernel, kp->type,
			       "the return type", why, len);
	la = btf_extra(lp);
	ka = btf_extra(kp);
	for (i = 0; i < btf_vlen(lp); i++) {
		if (same(local, la[i].type, kernel, ka[i].type))
			continue;
		fmt_snprintf(what, sizeof(what), "parameter %u", i + 1);
		return differs(local, la[i].type, kernel, ka[i].type, what,
			       why, len);
	}
	return 0;
}
