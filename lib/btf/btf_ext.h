/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Internal view of a parsed .BTF.ext section, for the object loader, CO-RE
 * and the linker.
 *
 * The records are struct bpf_func_info / bpf_line_info / bpf_core_relo of
 * <linux/bpf.h>, in native byte order, rec_size bytes apart (rec_size may
 * exceed the uapi struct: newer compilers may append fields).  insn_off is
 * in bytes from the start of the ELF section, as in the file.
 *
 * The data lives in the btf_ext's own copy of the section: library code
 * that rewrites type ids or string offsets (dedup, linker) may cast away
 * the const of data; such changes show in btf_ext__raw_data().
 */
#ifndef BPFKIT_BTF_EXT_H
#define BPFKIT_BTF_EXT_H

#include <linux/types.h>
#include <bpf/btf.h>

enum btf_ext_kind {
	BTF_EXT_FUNC_INFO,
	BTF_EXT_LINE_INFO,
	BTF_EXT_CORE_RELO,
};

struct btf_ext_info_sec {
	__u32 sec_name_off;	/* offset in the .BTF string section */
	__u32 num_info;
	__u32 rec_size;		/* record size as stored in the file */
	const void *data;	/* num_info records of rec_size bytes */
};

/* The per-ELF-section record groups of one kind (0 groups if absent). */
int btf_ext_sections(const struct btf_ext *ext, enum btf_ext_kind kind,
		     const struct btf_ext_info_sec **secs, __u32 *cnt);

#endif
