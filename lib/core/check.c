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
	core_check_fn fn;
	void *fn_ctx;
	int unresolved;
};

/* Compute and (on a copy) patch one record, then report it. */
static int check_one(struct check_ctx *c, const char *sec,
		     const struct core_obj_sec *s, const struct bpf_core_relo *r)
{
	struct core_check_rec rec = { 0 };
	struct core_failure why;
	struct core_result *res;
	struct bpf_insn *copy = NULL;
	char line[320], targ[256];
	size_t idx = r->insn_off / sizeof(struct bpf_insn);
	int err;

	rec.target = core_target_name(c->t);
	rec.sec = sec;
	rec.insn_off = r->insn_off;
	rec.insn_idx = idx;
	rec.kind = r->kind;
	rec.prog = core_obj_func_at(c->obj, sec, r->insn_off);
	if (!core_obj_line(c->obj, sec, r->insn_off, line, sizeof(line)))
		rec.line = line;

	res = calloc(1, sizeof(*res));
	if (!res)
		return -ENOMEM;
	err = core_calc_relo(c->t, c->obj->btf, r, res, &why);
	rec.access = why.access_spec;
	rec.reason = why.reason;
	if (err) {
		rec.err = err;
		goto report;
	}
	/* Patch a copy: catches records that do not fit their instruction. */
	if (!s || r->insn_off % sizeof(struct bpf_insn) || idx >= s->insn_cnt) {
		snprintf(why.reason, sizeof(why.reason),
			 "instruction offset %u outside section '%s'",
			 r->insn_off, sec);
		rec.err = -EINVAL;
		goto report;
	}
	copy = malloc(s->insn_cnt * sizeof(*copy));
	if (!copy) {
		free(res);
		return -ENOMEM;
	}
	memcpy(copy, s->insns, s->insn_cnt * sizeof(*copy));
	rec.err = core_patch_insn(copy, s->insn_cnt, idx, r, res, &why);
	rec.poisoned = !rec.err && why.poisoned;
	rec.found = res->found;
	rec.orig_val = res->orig_val;
	rec.new_val = res->new_val;
	if (res->found) {
		core_spec_format(&res->targ_spec, targ, sizeof(targ));
		rec.targ_access = targ;
		rec.targ_id = res->targ.id;
	}
report:
	if (rec.err || rec.poisoned)
		c->unresolved++;
	err = c->fn(&rec, c->fn_ctx);
	free(copy);
	free(res);
	return err;
}

int core_check_object_cb(const char *obj_path, const char *btf_path,
			 core_check_fn fn, void *ctx)
{
	const struct btf_ext_info_sec *secs;
	struct check_ctx c = { .fn = fn, .fn_ctx = ctx };
	__u32 cnt = 0, i, j;
	int err = 0;

	if (!obj_path || !fn)
		return util_err(-EINVAL);
	err = core_obj_open(obj_path, &c.obj);
	if (err)
		return util_err(err);
	if (!c.obj->ext ||
	    btf_ext_sections(c.obj->ext, BTF_EXT_CORE_RELO, &secs, &cnt) || !cnt) {
		core_obj_close(c.obj);
		return 0;
	}
	c.t = core_target_get(btf_path, NULL);
	if (!c.t) {
		err = -errno;
		core_obj_close(c.obj);
		return util_err(err);
	}
	for (i = 0; i < cnt && !err; i++) {
		const char *sec = btf__name_by_offset(c.obj->btf, secs[i].sec_name_off);

		if (!sec || secs[i].rec_size < sizeof(struct bpf_core_relo)) {
			pr_warn("elf: '%s': CO-RE record group %u is malformed\n",
				obj_path, i);
			err = -EINVAL;
			break;
		}
		for (j = 0; j < secs[i].num_info && !err; j++) {
			struct bpf_core_relo r;

			memcpy(&r, (const char *)secs[i].data +
			       (size_t)j * secs[i].rec_size, sizeof(r));
			err = check_one(&c, sec, core_obj_find_sec(c.obj, sec), &r);
		}
	}
	core_target_put(c.t);
	core_obj_close(c.obj);
	return err ? util_err(err) : c.unresolved;
}

struct text_ctx {
	FILE *out;
	int total;
	bool header;
	const char *obj_path;
};

static int print_rec(const struct core_check_rec *r, void *ctx)
{
	struct text_ctx *tc = ctx;

	if (!tc->header) {
		fprintf(tc->out, "%s: CO-RE relocations against %s\n",
			tc->obj_path, r->target);
		tc->header = true;
	}
	tc->total++;
	fprintf(tc->out, "%s+%u (insn #%zu, prog '%s') %s\n", r->sec, r->insn_off,
		r->insn_idx, r->prog ? r->prog : "?",
		r->line ? r->line : "(no line info)");
	fprintf(tc->out, "    %s %s\n", core_relo_kind_str(r->kind),
		r->access[0] ? r->access : "(unparsed)");
	if (r->err)
		fprintf(tc->out, "    ERROR %s: %s\n", util_errstr(r->err), r->reason);
	else if (r->poisoned)
		fprintf(tc->out, "    UNRESOLVED (instruction poisoned): %s\n",
			r->reason);
	else if (r->found)
		fprintf(tc->out, "    %llu -> %llu  target [%u]: %s\n",
			(unsigned long long)r->orig_val,
			(unsigned long long)r->new_val, r->targ_id, r->targ_access);
	else if (r->kind == BPF_CORE_TYPE_ID_LOCAL)
		fprintf(tc->out, "    %llu -> %llu  (local type id)\n",
			(unsigned long long)r->orig_val,
			(unsigned long long)r->new_val);
	else
		fprintf(tc->out, "    %llu -> %llu  absent in target: %s\n",
			(unsigned long long)r->orig_val,
			(unsigned long long)r->new_val, r->reason);
	return 0;
}

int core_check_object(const char *obj_path, const char *btf_path, FILE *out)
{
	struct text_ctx tc = { .out = out, .obj_path = obj_path };
	int ret;

	if (!obj_path || !out)
		return util_err(-EINVAL);
	ret = core_check_object_cb(obj_path, btf_path, print_rec, &tc);
	if (ret < 0)
		return ret;
	if (!tc.total)
		fprintf(out, "%s: no CO-RE relocations\n", obj_path);
	else
		fprintf(out, "%d relocation%s, %d unresolved\n", tc.total,
			tc.total == 1 ? "" : "s", ret);
	return ret;
}
