// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * CO-RE for a light skeleton is left to the kernel: the loader passes the
 * object's relocation records with each BPF_PROG_LOAD (core_relos), to be
 * resolved against the running kernel's BTF, never the build machine's.
 * This file turns the .BTF.ext records into struct bpf_core_relo records
 * whose insn_off points into the final code of one main program (its own
 * instructions, then each appended subprogram copy).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_ext.h"
#include "gen/gen_internal.h"
#include "object/object.h"
#include "util/alloc.h"
#include "util/log.h"

/* Where instruction idx of prog sits in main's code, or -1. */
static long gen_core_insn(const struct bpf_program *main,
			  const struct bpf_program *prog, size_t idx)
{
	int i;

	if (prog == main)
		return (long)(idx - main->sec_insn_off);
	for (i = 0; i < main->nr_subs; i++)
		if (main->subs[i].sub == prog)
			return (long)(idx - prog->sec_insn_off + main->subs[i].off);
	return -1;
}

static int gen_core_push(struct bpf_core_relo **out, size_t *cnt, size_t *cap,
			 const struct bpf_core_relo *rec, long insn)
{
	struct bpf_core_relo r = *rec;

	if (util_ensure_cap((void **)out, cap, sizeof(r), *cnt + 1))
		return -ENOMEM;
	r.insn_off = (__u32)(insn * OBJ_INSN_SZ);
	(*out)[(*cnt)++] = r;
	return 0;
}

int gen_core_relos(struct bpf_object *obj, struct bpf_program *main,
		   struct bpf_core_relo **out, __u32 *out_cnt)
{
	const struct btf_ext_info_sec *secs;
	size_t cnt = 0, cap = 0;
	__u32 i, j, nr_secs = 0;
	int err = 0;

	*out = NULL;
	*out_cnt = 0;
	if (!obj->btf || !obj->btf_ext)
		return 0;
	if (btf_ext_sections(obj->btf_ext, BTF_EXT_CORE_RELO, &secs, &nr_secs) ||
	    !nr_secs)
		return 0;
	if (!obj->ef) {
		pr_warn("prog '%s': light skeleton: CO-RE records need the ELF file\n",
			main->name);
		return -EINVAL;
	}
	for (i = 0; i < nr_secs && !err; i++) {
		const char *name = btf__name_by_offset(obj->btf, secs[i].sec_name_off);
		const struct elf_sec *esec = name ? elf_sec_by_name(obj->ef, name) : NULL;

		if (!esec) {
			pr_warn("prog '%s': CO-RE records for unknown section '%s'\n",
				main->name, name ? name : "?");
			err = -EINVAL;
			break;
		}
		if (secs[i].rec_size < sizeof(struct bpf_core_relo)) {
			pr_warn("prog '%s': CO-RE records of %u bytes are too short\n",
				main->name, secs[i].rec_size);
			err = -EINVAL;
			break;
		}
		for (j = 0; j < secs[i].num_info && !err; j++) {
			const struct bpf_core_relo *rec = (const void *)
				((const char *)secs[i].data +
				 (size_t)j * secs[i].rec_size);
			size_t idx = rec->insn_off / OBJ_INSN_SZ;
			struct bpf_program *prog;
			long at;

			prog = obj_prog_by_sec_insn(obj, esec->idx, idx);
			if (!prog)
				continue;
			at = gen_core_insn(main, prog, idx);
			if (at < 0)
				continue;
			err = gen_core_push(out, &cnt, &cap, rec, at);
		}
	}
	if (err) {
		free(*out);
		*out = NULL;
		return err;
	}
	*out_cnt = (__u32)cnt;
	return 0;
}
