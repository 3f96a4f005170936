# disasm_isa.s - one of (nearly) every eBPF instruction, for tests/parser/disasm.sh.
# The first part is what clang's assembler reads; the .quad lines are encodings
# it has no syntax for (atomics with -mcpu=v3 syntax, BPF_ST, MOD, JSET, JMP32
# compare-with-imm, pseudo calls, ld_imm64 pseudo sources, LD_ABS/IND):
# code | regs << 8 | off << 16 | imm << 32, little-endian.
	.text
	.section "tp/x/y","ax",@progbits
	.globl f
	.type f,@function
f:
	r1 = r2
	r1 += r2
	r1 -= r2
	r1 *= r2
	r1 /= r2
	r1 |= r2
	r1 &= r2
	r1 <<= r2
	r1 >>= r2
	r1 ^= r2
	r1 s>>= r2
	r1 = -r1
	r1 += -4
	r1 = 0x7fffffff
	r1 = -1
	r1 &= 255
	w1 = w2
	w1 += w2
	w1 -= 3
	w1 *= w2
	w1 /= 7
	w1 |= w2
	w1 &= w2
	w1 <<= 3
	w1 >>= w2
	w1 ^= w2
	w1 s>>= 2
	w1 = -w1
	w1 = -1
	r1 = be16 r1
	r1 = be32 r1
	r1 = be64 r1
	r1 = le16 r1
	r1 = le32 r1
	r1 = le64 r1
	goto +1
	if r1 == r2 goto +1
	if r1 != 5 goto -1
	if r1 > r2 goto +1
	if r1 >= r2 goto +1
	if r1 < r2 goto +1
	if r1 <= r2 goto +1
	if r1 s> r2 goto +1
	if r1 s>= -3 goto +1
	if r1 s< r2 goto +1
	if r1 s<= r2 goto +1
	if w1 == w2 goto +1
	if w1 != 5 goto +1
	if w1 s< -1 goto +1
	r0 = *(u8 *)(r1 + 0)
	r0 = *(u16 *)(r1 - 2)
	r0 = *(u32 *)(r1 + 4)
	r0 = *(u64 *)(r1 + 8)
	w0 = *(u8 *)(r1 + 0)
	w0 = *(u32 *)(r1 + 0)
	*(u8 *)(r10 - 1) = r1
	*(u16 *)(r10 - 2) = r1
	*(u32 *)(r10 - 4) = r1
	*(u64 *)(r10 - 8) = r1
	*(u32 *)(r10 - 4) = w1
	lock *(u32 *)(r1 + 0) += w2
	lock *(u64 *)(r1 + 8) += r2
	lock *(u64 *)(r1 + 8) &= r2
	lock *(u64 *)(r1 + 8) |= r2
	lock *(u64 *)(r1 + 8) ^= r2
	lock *(u32 *)(r1 + 8) &= w2
	r1 = 0 ll
	r1 = 0x123456789abcdef ll
	r1 = -1 ll
	r0 = *(u8 *)skb[4]
	r0 = *(u16 *)skb[r1]
	r0 = *(u32 *)skb[8]
	call 1
	call 16
	exit
	.quad 0x00000005fff80a72	# st *(u8 *)(r10 - 8) = 5
	.quad 0x00000005fff80a6a	# st *(u16 *)(r10 - 8) = 5
	.quad 0x00000005fff80a62	# st *(u32 *)(r10 - 8) = 5
	.quad 0x00000005fff80a7a	# st *(u64 *)(r10 - 8) = 5
	.quad 0xfffffffffffc0a62	# st *(u32 *)(r10 - 4) = -1
	.quad 0x00000000000821c3	# atomic add 32-bit
	.quad 0x00000050000821c3	# atomic and 32-bit
	.quad 0x00000040000821c3	# atomic or 32-bit
	.quad 0x000000a0000821c3	# atomic xor 32-bit
	.quad 0x00000001000821c3	# atomic fetch add 32-bit
	.quad 0x00000051000821c3	# atomic fetch and 32-bit
	.quad 0x00000041000821c3	# atomic fetch or 32-bit
	.quad 0x000000a1000821c3	# atomic fetch xor 32-bit
	.quad 0x000000e1000821c3	# atomic xchg 32-bit
	.quad 0x000000f1000821c3	# atomic cmpxchg 32-bit
	.quad 0x00000000000821db	# atomic add 64-bit
	.quad 0x00000050000821db	# atomic and 64-bit
	.quad 0x00000040000821db	# atomic or 64-bit
	.quad 0x000000a0000821db	# atomic xor 64-bit
	.quad 0x00000001000821db	# atomic fetch add 64-bit
	.quad 0x00000051000821db	# atomic fetch and 64-bit
	.quad 0x00000041000821db	# atomic fetch or 64-bit
	.quad 0x000000a1000821db	# atomic fetch xor 64-bit
	.quad 0x000000e1000821db	# atomic xchg 64-bit
	.quad 0x000000f1000821db	# atomic cmpxchg 64-bit
	.quad 0x0000000700000197	# r1 %= 7
	.quad 0x000000000000219f	# r1 %= r2
	.quad 0x0000000700000194	# w1 %= 7
	.quad 0x000000000000219c	# w1 %= w2
	.quad 0x0000000300010145	# if r1 & 3 goto +1
	.quad 0x000000000001214d	# if r1 & r2 goto +1
	.quad 0x0000000300010146	# if w1 & 3 goto +1
	.quad 0x000000000001214e	# if w1 & w2 goto +1
	.quad 0xfffffffd00020116	# if w1 == -3 goto +2
	.quad 0x00000000fffe211e	# if w1 == w2 goto -2
	.quad 0xfffffffd00020126	# if w1 > -3 goto +2
	.quad 0x00000000fffe212e	# if w1 > w2 goto -2
	.quad 0xfffffffd00020136	# if w1 >= -3 goto +2
	.quad 0x00000000fffe213e	# if w1 >= w2 goto -2
	.quad 0xfffffffd00020156	# if w1 != -3 goto +2
	.quad 0x00000000fffe215e	# if w1 != w2 goto -2
	.quad 0xfffffffd000201a6	# if w1 < -3 goto +2
	.quad 0x00000000fffe21ae	# if w1 < w2 goto -2
	.quad 0xfffffffd000201b6	# if w1 <= -3 goto +2
	.quad 0x00000000fffe21be	# if w1 <= w2 goto -2
	.quad 0xfffffffd00020166	# if w1 s> -3 goto +2
	.quad 0x00000000fffe216e	# if w1 s> w2 goto -2
	.quad 0xfffffffd00020176	# if w1 s>= -3 goto +2
	.quad 0x00000000fffe217e	# if w1 s>= w2 goto -2
	.quad 0xfffffffd000201c6	# if w1 s< -3 goto +2
	.quad 0x00000000fffe21ce	# if w1 s< w2 goto -2
	.quad 0xfffffffd000201d6	# if w1 s<= -3 goto +2
	.quad 0x00000000fffe21de	# if w1 s<= w2 goto -2
	.quad 0xffffffff00001085	# call -1 (bpf-to-bpf, src 1)
	.quad 0x0000000500001085	# call 5 (bpf-to-bpf)
	.quad 0x000004d200002085	# call 1234 (kfunc, src 2)
	.quad 0x0000000300001118	# ld_imm64 r1, pseudo src 1, imm 3
	.quad 0x0000000800000000	#   second half, imm 8
	.quad 0x0000000300002118	# ld_imm64 r1, pseudo src 2, imm 3
	.quad 0x0000000800000000	#   second half, imm 8
	.quad 0x0000000300003118	# ld_imm64 r1, pseudo src 3, imm 3
	.quad 0x0000000800000000	#   second half, imm 8
	.quad 0x0000000300004118	# ld_imm64 r1, pseudo src 4, imm 3
	.quad 0x0000000800000000	#   second half, imm 8
	.quad 0x0000000300005118	# ld_imm64 r1, pseudo src 5, imm 3
	.quad 0x0000000800000000	#   second half, imm 8
	.quad 0x0000000300006118	# ld_imm64 r1, pseudo src 6, imm 3
	.quad 0x0000000800000000	#   second half, imm 8
	.quad 0x0000000400000030	# r0 = *(u8 *)skb[4]
	.quad 0x0000000000001050	# r0 = *(u8 *)skb[r1]
	.quad 0x0000000400000028	# r0 = *(u16 *)skb[4]
	.quad 0x0000000000001048	# r0 = *(u16 *)skb[r1]
	.quad 0x0000000400000020	# r0 = *(u32 *)skb[4]
	.quad 0x0000000000001040	# r0 = *(u32 *)skb[r1]
	.quad 0x0000000000000095	# exit
	.size f, .-f
