// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Function headers of dumps ("int f(struct xdp_md * ctx)").  The spacing
 * ("type * name") is bpftool's, kept because scripts match on it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "disasm.h"

struct sig {
	char *buf;
	size_t len;
	size_t pos;
	bool bad;
};

static void add(struct sig *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct sig *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->bad)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->pos, s->len - s->pos, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= s->len - s->pos) {
		s->bad = true;
		return;
	}
	s->pos += n;
}

static void type_text(const struct btf *btf, __u32 id, struct sig *s, int depth);

static void func_text(const struct btf *btf, const struct btf_type *proto,
		      const struct btf_type *func, struct sig *s, int depth)
{
	const struct btf_param *p = btf_params(proto);
	int i, n = btf_vlen(proto);

	type_text(btf, proto->type, s, depth + 1);
	if (func)
		add(s, "%s(", btf__name_by_offset(btf, func->name_off));
	else
		add(s, "(");
	for (i = 0; i < n && !s->bad; i++) {
		if (i)
			add(s, ", ");
		if (!p[i].type) {
			add(s, "...");
			continue;
		}
		type_text(btf, p[i].type, s, depth + 1);
		if (p[i].name_off)
			add(s, "%s", btf__name_by_offset(btf, p[i].name_off));
		else if (s->pos && s->buf[s->pos - 1] == ' ')
			s->buf[--s->pos] = '\0';	/* unnamed: no trailing blank */
	}
	add(s, ")");
}

static void type_text(const struct btf *btf, __u32 id, struct sig *s, int depth)
{
	const struct btf_type *t;
	const char *name;

	if (s->bad)
		return;
	if (depth > 32) {
		s->bad = true;
		return;
	}
	if (!id) {
		add(s, "void ");
		return;
	}
	t = btf__type_by_id(btf, id);
	if (!t) {
		s->bad = true;
		return;
	}
	name = btf__name_by_offset(btf, t->name_off);
	if (!name)
		name = "";
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FLOAT:
		add(s, "%s ", name);
		break;
	case BTF_KIND_STRUCT:
		add(s, "struct %s ", name);
		break;
	case BTF_KIND_UNION:
		add(s, "union %s ", name);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		add(s, "enum %s ", name);
		break;
	case BTF_KIND_ARRAY:
		type_text(btf, btf_array(t)->type, s, depth + 1);
		add(s, "[%u]", btf_array(t)->nelems);
		break;
	case BTF_KIND_PTR:
		type_text(btf, t->type, s, depth + 1);
		add(s, "* ");
		break;
	case BTF_KIND_FWD:
		add(s, "%s %s ", btf_kflag(t) ? "union" : "struct", name);
		break;
	case BTF_KIND_VOLATILE:
		add(s, "volatile ");
		type_text(btf, t->type, s, depth + 1);
		break;
	case BTF_KIND_CONST:
		add(s, "const ");
		type_text(btf, t->type, s, depth + 1);
		break;
	case BTF_KIND_RESTRICT:
		add(s, "restrict ");
		type_text(btf, t->type, s, depth + 1);
		break;
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_DECL_TAG:
		type_text(btf, t->type, s, depth + 1);
		break;
	case BTF_KIND_FUNC_PROTO:
		func_text(btf, t, NULL, s, depth);
		break;
	case BTF_KIND_FUNC: {
		const struct btf_type *proto = btf__type_by_id(btf, t->type);

		if (!proto || !btf_is_func_proto(proto)) {
			s->bad = true;
			break;
		}
		func_text(btf, proto, t, s, depth);
		break;
	}
	default:
		s->bad = true;
		break;
	}
}

void btf_func_sig(const struct btf *btf, __u32 id, char *buf, size_t len)
{
	struct sig s = { buf, len, 0, false };

	if (!len)
		return;
	buf[0] = '\0';
	if (!btf)
		return;
	type_text(btf, id, &s, 0);
	if (s.bad)
		buf[0] = '\0';
}
