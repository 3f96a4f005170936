// SPDX-License-Identifier: GPL-2.0
/*
 * blk_start.bpf.c - the tutorials' seed example: a kprobe on
 * blk_mq_start_request(struct request *rq) reads rq->__data_len and
 * rq->start_time_ns with BPF_CORE_READ.  Our struct request is a stub
 * with two fields at made-up offsets: CO-RE puts them where this kernel
 * has them.  seen[SLOT_ENTRY] keeps the size of the last request,
 * seen[SLOT_RETURN] its start time, hits[SLOT_RETURN] counts requests
 * whose start time was already set.
 */
#include "attach_common.h"
#include "bpf_defs.h"
#include "bpf/bpf_core_read.h"

struct request {
	__u64 start_time_ns;
	unsigned int __data_len;
};

SEC("kprobe/blk_mq_start_request")
int blk_start(void *ctx)
{
	struct request *rq = (struct request *)reg(ctx, PT_REGS_DI);
	__u64 start = BPF_CORE_READ(rq, start_time_ns);

	record(SLOT_ENTRY, BPF_CORE_READ(rq, __data_len));
	if (start && start <= bpf_ktime_get_ns())
		record(SLOT_RETURN, start);
	return 0;
}
