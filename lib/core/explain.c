// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Turning a core_failure into the sentence a user needs when a load fails:
 * which program, which source line, which access, and what the target BTF
 * does not have.  The verifier's own words for a poisoned instruction
 * ("invalid func unknown#195896080") say none of that.
 */
#include <stdio.h>
#include <string.h>

#include "core/core_internal.h"

int core_explain(const struct core_failure *f, const char *prog_name,
		 const char *src_line, char *buf, size_t sz)
{
	char where[320] = "";
	const char *what;
	int n;

	if (!f) {
		if (sz)
			buf[0] = 0;
		return 0;
	}
	if (src_line && *src_line) {
		/* line_info text may carry a trailing newline and indentation */
		size_t len = strlen(src_line);

		while (*src_line == ' ' || *src_line == '\t') {
			src_line++;
			len--;
		}
		while (len && (src_line[len - 1] == '\n' || src_line[len - 1] == ' '))
			len--;
		snprintf(where, sizeof(where), " at %.*s", (int)(len > 280 ? 280 : len),
			 src_line);
	}
	if (f->err)
		what = "CO-RE relocation failed";
	else if (f->poisoned)
		what = "CO-RE relocation cannot be satisfied and the verifier reached it";
	else
		what = "CO-RE relocation";

	n = snprintf(buf, sz, "prog '%s': %s%s (insn #%zu): %s of %s: %s",
		     prog_name && *prog_name ? prog_name : "?", what, where,
		     f->insn_idx, core_relo_kind_desc(f->kind),
		     f->access_spec[0] ? f->access_spec : "(unparsed access)",
		     f->reason[0] ? f->reason : "no further detail");
	return n < 0 ? 0 : n;
}
