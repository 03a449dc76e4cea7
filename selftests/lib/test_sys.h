/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Small programs and maps shared by the test_sys_*.c tests. */
#ifndef BPFKIT_TEST_SYS_H
#define BPFKIT_TEST_SYS_H

#include <stdio.h>
#include <unistd.h>
#include <bpf/bpf.h>

#define INSN_MOV64_IMM(dst, val) \
	((struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = (dst), .imm = (val) })
#define INSN_EXIT() ((struct bpf_insn){ .code = BPF_JMP | BPF_EXIT })
#define INSN_CALL(id) ((struct bpf_insn){ .code = BPF_JMP | BPF_CALL, .imm = (id) })

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* "r0 = ret; exit" as prog_type, optionally with load options. */
static inline int sys_test_load(enum bpf_prog_type type, int ret, const char *name,
				struct bpf_prog_load_opts *opts)
{
	const struct bpf_insn insns[] = { INSN_MOV64_IMM(BPF_REG_0, ret), INSN_EXIT() };

	return bpf_prog_load(type, name, "GPL", insns, ARRAY_LEN(insns), opts);
}

static inline int sys_test_hash(__u32 max_entries)
{
	return bpf_map_create(BPF_MAP_TYPE_HASH, "sys_test", 4, 8, max_entries, NULL);
}

/* A pin path unique to this process: /sys/fs/bpf/bpfkit_sys_<pid>_<what>. */
static inline const char *sys_test_pin_path(const char *what)
{
	static char path[256];

	snprintf(path, sizeof(path), "/sys/fs/bpf/bpfkit_sys_%d_%s", (int)getpid(), what);
	return path;
}

/* A minimal valid BTF blob: [1] int. */
static inline size_t sys_test_btf(void *buf, size_t size)
{
	static const char strs[] = "\0int";
	const __u32 types[] = { 1, 1u << 24, 4, (1u << 24) | 32 };
	struct {
		__u16 magic;
		__u8 version, flags;
		__u32 hdr_len, type_off, type_len, str_off, str_len;
	} hdr = { 0xeB9F, 1, 0, 24, 0, sizeof(types), sizeof(types), sizeof(strs) };
	size_t total = sizeof(hdr) + sizeof(types) + sizeof(strs);

	if (size < total)
		return 0;
	memcpy(buf, &hdr, sizeof(hdr));
	memcpy((char *)buf + sizeof(hdr), types, sizeof(types));
	memcpy((char *)buf + sizeof(hdr) + sizeof(types), strs, sizeof(strs));
	return total;
}

#endif
