// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Offline check: what every CO-RE relocation of an object would become
 * against a given BTF, with the program and source line of each, without
 * loading anything.  Answers "will this object load on that kernel?" from
 * the object file and the kernel's BTF file alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include "btf/btf_ext.h"
#include "core/core_internal.h"
#include "core/objfile.h"
#include "util/err.h"
#include "util/log.h"

struct check_ctx {
	struct core_obj *obj;
	struct core_target *t;
	FILE *out;
	int unresolved;
	int total;
};

static void print_result(struct check_ctx *c, const struct core_result *res,
			 const struct core_failure *why)
{
	char spec[256];

	if (res->poison) {
		fprintf(c->out, "    UNRESOLVED (instruction poisoned): %s\n",
			why->reason);
		return;
	}
	fprintf(c->out, "    %llu -> %llu", (unsigned long long)res->orig_val,
		(unsigned long long)res->new_val);
	if (res->found) {
		core_spec_format(&res->targ_spec, spec, sizeof(spec));
		fprintf(c->out, "  target [%u]%s%s: %s\n", res->targ.id,
			res->targ.mod_name ? " in " : "",
			res->targ.mod_name ? res->targ.mod_name : "", spec);
	} else if (why->kind == BPF_CORE_TYPE_ID_LOCAL) {
		fprintf(c->out, "  (local type id)\n");
	} else {
		fprintf(c->out, "  absent in target: %s\n", why->reason);
	}
}

static void check_one(struct check_ctx *c, const char *sec,
		      const struct core_obj_sec *s, const struct bpf_core_relo *r)
{
	struct core_failure why;
	struct core_result *res;
	struct bpf_insn *copy = NULL;
	const char *prog = core_obj_func_at(c->obj, sec, r->insn_off);
	char line[320];
	size_t idx = r->insn_off / sizeof(struct bpf_insn);
	int err;

	c->total++;
	if (core_obj_line(c->obj, sec, r->insn_off, line, sizeof(line)))
		snprintf(line, sizeof(line), "(no line info)");
	fprintf(c->out, "%s+%u (insn #%zu, prog '%s') %s\n", sec, r->insn_off,
		idx, prog ? prog : "?", line);

	res = calloc(1, sizeof(*res));
	if (!res) {
		fprintf(c->out, "    ERROR: out of memory\n");
		c->unresolved++;
		return;
	}
	err = core_calc_relo(c->t, c->obj->btf, r, res, &why);
	fprintf(c->out, "    %s %s\n", core_relo_kind_str(r->kind),
		why.access_spec[0] ? why.access_spec : "(unparsed)");
	if (err) {
		fprintf(c->out, "    ERROR %s: %s\n", util_errstr(err), why.reason);
		c->unresolved++;
		goto out;
	}
	/* Patch a copy: catches records that do not fit their instruction. */
	if (!s || r->insn_off % sizeof(struct bpf_insn) || idx >= s->insn_cnt) {
		fprintf(c->out, "    ERROR: instruction offset %u outside section '%s'\n",
			r->insn_off, sec);
		c->unresolved++;
		goto out;
	}
	copy = malloc(s->insn_cnt * sizeof(*copy));
	if (!copy) {
		c->unresolved++;
		goto out;
	}
	memcpy(copy, s->insns, s->insn_cnt * sizeof(*copy));
	err = core_patch_insn(copy, s->insn_cnt, idx, r, res, &why);
	if (err) {
		fprintf(c->out, "    ERROR %s: %s\n", util_errstr(err), why.reason);
		c->unresolved++;
		goto out;
	}
	if (why.poisoned && !res->poison) {
		/* poisoned while patching (load size cannot follow) */
		fprintf(c->out, "    UNRESOLVED (instruction poisoned): %s\n",
			why.reason);
		c->unresolved++;
		goto out;
	}
	print_result(c, res, &why);
	if (res->poison)
		c->unresolved++;
out:
	free(copy);
	free(res);
}

int core_check_object(const char *obj_path, const char *btf_path, FILE *out)
{
	const struct btf_ext_info_sec *secs;
	struct check_ctx c = { .out = out };
	__u32 cnt, i, j;
	int err;

	if (!obj_path || !out)
		return util_err(-EINVAL);
	err = core_obj_open(obj_path, &c.obj);
	if (err)
		return util_err(err);
	if (!c.obj->ext ||
	    btf_ext_sections(c.obj->ext, BTF_EXT_CORE_RELO, &secs, &cnt) || !cnt) {
		fprintf(out, "%s: no CO-RE relocations\n", obj_path);
		core_obj_close(c.obj);
		return 0;
	}
	c.t = core_target_get(btf_path, NULL);
	if (!c.t) {
		err = -errno;
		core_obj_close(c.obj);
		return util_err(err);
	}
	fprintf(out, "%s: CO-RE relocations against %s\n", obj_path,
		core_target_name(c.t));
	for (i = 0; i < cnt; i++) {
		const char *sec = btf__name_by_offset(c.obj->btf, secs[i].sec_name_off);

		if (!sec) {
			fprintf(out, "(section name offset %u out of range)\n",
				secs[i].sec_name_off);
			c.unresolved += (int)secs[i].num_info;
			continue;
		}
		if (secs[i].rec_size < sizeof(struct bpf_core_relo)) {
			fprintf(out, "%s: CO-RE record size %u too small\n", sec,
				secs[i].rec_size);
			c.unresolved += (int)secs[i].num_info;
			continue;
		}
		for (j = 0; j < secs[i].num_info; j++) {
			struct bpf_core_relo r;

			memcpy(&r, (const char *)secs[i].data +
			       (size_t)j * secs[i].rec_size, sizeof(r));
			check_one(&c, sec, core_obj_find_sec(c.obj, sec), &r);
		}
	}
	fprintf(out, "%d relocation%s, %d unresolved\n", c.total,
		c.total == 1 ? "" : "s", c.unresolved);
	core_target_put(c.t);
	core_obj_close(c.obj);
	return c.unresolved;
}
