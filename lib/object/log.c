// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What the user sees when the kernel refuses a program: the verifier log
 * (its tail when long), then one line saying what went wrong, and for an
 * instruction poisoned by a failed CO-RE relocation, which access failed
 * and on which source line.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "object/object.h"
#include "util/log.h"

#ifndef ENOTSUPP
#define ENOTSUPP 524
#endif

#define OBJ_LOG_TAIL_LINES 60

/* Start of the last n lines of log. */
static const char *obj_log_tail(const char *log, size_t len, int n)
{
	const char *p = log + len;

	while (p > log && (p[-1] == '\n' || p[-1] == '\0'))
		p--;
	while (p > log) {
		if (p[-1] == '\n' && --n == 0)
			break;
		p--;
	}
	return p;
}

/* The last non-empty line of the log (usually the verifier's verdict). */
static void obj_log_last_line(const char *log, size_t len, char *buf, size_t sz)
{
	const char *end = log + len, *start;

	while (end > log && (end[-1] == '\n' || end[-1] == '\0' || end[-1] == ' '))
		end--;
	start = end;
	while (start > log && start[-1] != '\n')
		start--;
	/* "processed N insns" is bookkeeping; the reason is before it. */
	if (!strncmp(start, "processed ", 10) && start > log) {
		end = start - 1;
		start = end;
		while (start > log && start[-1] != '\n')
			start--;
	}
	snprintf(buf, sz, "%.*s", (int)(end - start), start);
}

/* The last "; <source> @ file:line" annotation the verifier printed. */
static bool obj_log_last_source(const char *log, size_t len, char *buf,
				size_t sz)
{
	const char *p = log, *best = NULL, *end;

	while (p < log + len) {
		end = memchr(p, '\n', log + len - p);
		if (!end)
			end = log + len;
		if (end - p > 2 && p[0] == ';' && p[1] == ' ')
			best = p;
		p = end + 1;
	}
	if (!best)
		return false;
	end = memchr(best, '\n', log + len - best);
	if (!end)
		end = log + len;
	snprintf(buf, sz, "%.*s", (int)(end - best - 2), best + 2);
	return true;
}

/* Index of the poisoned instruction the verifier stopped at, or -1. */
static long obj_log_poison_insn(const char *log, size_t len)
{
	const char *hit = NULL, *p = log, *line;

	while ((p = strstr(p, "call unknown#195896080")) && p < log + len) {
		hit = p;
		p++;
	}
	if (!hit)
		return -1;
	line = hit;
	while (line > log && line[-1] != '\n')
		line--;
	if (*line < '0' || *line > '9')
		return -1;
	return strtol(line, NULL, 10);
}

static void obj_explain_one(const struct bpf_program *main,
			    const struct bpf_program *p, size_t idx, bool all)
{
	char buf[1024];
	int j;

	for (j = 0; j < p->nr_core_fails; j++) {
		const struct core_failure *f = &p->core_fails[j];

		if (!all && f->insn_idx != idx)
			continue;
		core_explain(f, main->name, obj_prog_src_line(p, f->insn_idx),
			     buf, sizeof(buf));
		pr_warn("%s\n", buf);
	}
}

/*
 * The CO-RE failure behind the poisoned instruction the verifier reached:
 * found through the main program or the subprogram copy holding it.
 */
static void obj_explain_core(const struct bpf_program *main, long insn)
{
	size_t idx = insn < 0 ? 0 : (size_t)insn;
	int i;

	if (insn >= 0 && idx < main->sec_insn_cnt) {
		obj_explain_one(main, main, idx, false);
		return;
	}
	for (i = 0; insn >= 0 && i < main->nr_subs; i++) {
		const struct obj_sub_copy *c = &main->subs[i];

		if (idx >= c->off && idx < c->off + c->sub->insns_cnt) {
			obj_explain_one(main, c->sub, idx - c->off, false);
			return;
		}
	}
	/* Not located: say everything that was poisoned. */
	obj_explain_one(main, main, 0, true);
	for (i = 0; i < main->nr_subs; i++)
		obj_explain_one(main, main->subs[i].sub, 0, true);
}

void obj_report_load_failure(struct bpf_program *prog, int err,
			     const char *log, size_t log_sz)
{
	size_t len = log && log_sz ? strnlen(log, log_sz) : 0;
	char last[512];

	pr_warn("prog '%s': BPF program load failed: %s\n", prog->name,
		util_errstr(err));
	if (!len) {
		if (err == -EPERM || err == -EOPNOTSUPP || err == -ENOTSUPP)
			pr_warn("prog '%s': refused before verification: missing privilege, or programs of type %s are not available on this kernel\n",
				prog->name,
				libbpf_bpf_prog_type_str(prog->type) ?
				libbpf_bpf_prog_type_str(prog->type) : "?");
		else
			pr_warn("prog '%s': the kernel gave no verifier log\n",
				prog->name);
		return;
	}
	pr_warn("prog '%s': -- BEGIN PROG LOAD LOG --\n%s%s\n-- END PROG LOAD LOG --\n",
		prog->name,
		obj_log_tail(log, len, OBJ_LOG_TAIL_LINES) != log ? "...\n" : "",
		obj_log_tail(log, len, OBJ_LOG_TAIL_LINES));
	obj_log_last_line(log, len, last, sizeof(last));
	pr_warn("prog '%s': verifier says: %s\n", prog->name, last);
	if (obj_log_last_source(log, len, last, sizeof(last)))
		pr_warn("prog '%s': last source line verified: %s\n", prog->name,
			last);
	if (strstr(log, "195896080"))
		obj_explain_core(prog, obj_log_poison_insn(log, len));
}
