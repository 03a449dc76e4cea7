/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Temporary: entry points of core.h until the real files land. */
#include <errno.h>
#include <string.h>
#include "core/core.h"
#include "util/err.h"

struct core_target *core_target_get(const char *btf_path,
				    const struct btf *custom)
{
	return util_err_ptr(-EOPNOTSUPP);
}

void core_target_put(struct core_target *t)
{
}

int core_apply_relo(struct core_target *t, const struct btf *local_btf,
		    const struct bpf_core_relo *relo, struct bpf_insn *insns,
		    size_t insn_cnt, size_t insn_idx, struct core_failure *why)
{
	memset(why, 0, sizeof(*why));
	why->err = -EOPNOTSUPP;
	return -EOPNOTSUPP;
}

int core_explain(const struct core_failure *f, const char *prog_name,
		 const char *src_line, char *buf, size_t sz)
{
	if (sz)
		buf[0] = 0;
	return 0;
}
