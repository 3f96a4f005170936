// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "loader/load/xlated.h"

int xlated_fetch(int fd, struct bpf_insn **out, uint32_t *nr)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info), n;
	struct bpf_insn *insns;
	int ret;

	/* First the length, then the instructions. */
	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	if (ret)
		return ret;
	n = info.xlated_prog_len / sizeof(*insns);
	insns = calloc(n + 1, sizeof(*insns));
	if (!insns)
		return -ENOMEM;
	memset(&info, 0, sizeof(info));
	info.xlated_prog_len = n * sizeof(*insns);
	info.xlated_prog_insns = (uint64_t)(unsigned long)insns;
	len = sizeof(info);
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	if (ret) {
		free(insns);
		return ret;
	}
	*out = insns;
	*nr = n;
	return 0;
}

void xlated_print(struct out *o, const char *name,
		  const struct bpf_insn *insns, uint32_t nr)
{
	uint32_t i;

	out_printf(o, "xlated %s:", name);
	for (i = 0; i < nr; i++) {
		struct bpf_insn in = insns[i];

		if (in.code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    in.src_reg >= BPF_PSEUDO_MAP_FD &&
		    in.src_reg <= BPF_PSEUDO_MAP_IDX_VALUE)
			in.imm = 0;
		out_printf(o, " %02x%x%x%04x%08x", in.code, in.src_reg,
			   in.dst_reg, (uint16_t)in.off, (uint32_t)in.imm);
	}
	out_putc(o, '\n');
}
