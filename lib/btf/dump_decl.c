// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * C declarators of btf_dump ("const char *(*name[4])(int)").
 *
 * A declarator is printed inside out: dump_decl() follows the reference
 * chain (pointers, qualifiers, arrays, function prototypes) down to a named
 * or base type, pushing every link on a stack, then pops: the base type
 * first, pointers and qualifiers as they come, and arrays and prototypes
 * wrap what is still on the stack in parentheses.  Definitions (inline
 * anonymous structs and enums) come from dump_defs.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/log.h"

/* nesting of dump_decl() in this thread (parameters of parameters ...) */
static __thread int decl_depth;
#define DUMP_MAX_DECL_DEPTH 64

/* The links of one declarator, outermost first; printing pops them. */
struct dump_frame {
	__u32 *ids;
	size_t cnt;
};

/* ---- declarators ---- */

static void dump_mods(struct btf_dump *d, struct dump_frame *f)
{
	const struct btf_type *t;

	while (f->cnt) {
		t = dump_type(d, f->ids[f->cnt - 1]);
		switch (btf_kind(t)) {
		case BTF_KIND_VOLATILE:
			dump_puts(d, "volatile ");
			break;
		case BTF_KIND_CONST:
			dump_puts(d, "const ");
			break;
		case BTF_KIND_RESTRICT:
			dump_puts(d, "restrict ");
			break;
		default:
			return;
		}
		f->cnt--;
	}
}

/* Qualifiers on arrays and prototypes mean nothing in C (GCC quirks). */
static void dump_drop_mods(struct btf_dump *d, struct dump_frame *f)
{
	const struct btf_type *t;

	while (f->cnt) {
		t = dump_type(d, f->ids[f->cnt - 1]);
		if (!btf_is_mod(t))
			return;
		f->cnt--;
	}
}

static void dump_name(struct btf_dump *d, const char *name, bool after_ptr)
{
	if (name[0] && !after_ptr)
		dump_out(d, " ", 1);
	dump_puts(d, name);
}

static void dump_array_dim(struct btf_dump *d, __u32 n)
{
	dump_out(d, "[", 1);
	dump_u64(d, n);
	dump_out(d, "]", 1);
}

static void dump_chain(struct btf_dump *d, struct dump_frame *f,
		       const char *fname, int lvl)
{
	/* "int **p", not "int * * p": no space between stars */
	bool after_ptr = true;
	const struct btf_type *t;
	__u32 id, i, n;
	int kind;

	while (f->cnt) {
		id = f->ids[--f->cnt];
		if (id == 0) {
			dump_mods(d, f);
			dump_puts(d, "void");
			after_ptr = false;
			continue;
		}
		t = dump_type(d, id);
		kind = btf_kind(t);
		switch (kind) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
			dump_mods(d, f);
			dump_puts(d, dump_str(d, t->name_off));
			break;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			dump_mods(d, f);
			if (!t->name_off && !d->skip_anon_defs)
				dump_struct_def(d, id, t, lvl);
			else
				dump_struct_fwd(d, id, t);
			break;
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			dump_mods(d, f);
			if (!t->name_off && !d->skip_anon_defs)
				dump_enum_def(d, id, t, lvl);
			else
				dump_enum_fwd(d, id, t);
			break;
		case BTF_KIND_FWD:
			dump_mods(d, f);
			dump_fwd_def(d, id, t);
			break;
		case BTF_KIND_TYPEDEF:
			dump_mods(d, f);
			dump_puts(d, dump_ident_name(d, id));
			break;
		case BTF_KIND_PTR:
			dump_puts(d, after_ptr ? "*" : " *");
			break;
		case BTF_KIND_VOLATILE:
			dump_puts(d, " volatile");
			break;
		case BTF_KIND_CONST:
			dump_puts(d, " const");
			break;
		case BTF_KIND_RESTRICT:
			dump_puts(d, " restrict");
			break;
		case BTF_KIND_TYPE_TAG:
			dump_mods(d, f);
			dump_printf(d, " __attribute__((btf_type_tag(\"%s\")))",
				    dump_str(d, t->name_off));
			break;
		case BTF_KIND_ARRAY: {
			const struct btf_array *a = btf_array(t);
			bool multi;

			dump_drop_mods(d, f);
			if (!f->cnt) {
				dump_name(d, fname, after_ptr);
				dump_array_dim(d, a->nelems);
				return;
			}
			/* "int a[2][3]", but "int (*a)[3]" */
			multi = btf_is_array(dump_type(d, f->ids[f->cnt - 1]));
			if (fname[0] && !after_ptr)
				dump_out(d, " ", 1);
			if (!multi)
				dump_out(d, "(", 1);
			dump_chain(d, f, fname, lvl);
			if (!multi)
				dump_out(d, ")", 1);
			dump_array_dim(d, a->nelems);
			return;
		}
		case BTF_KIND_FUNC_PROTO: {
			const struct btf_param *p = btf_params(t);

			dump_drop_mods(d, f);
			if (f->cnt) {
				dump_puts(d, " (");
				dump_chain(d, f, fname, lvl);
				dump_out(d, ")", 1);
			} else {
				dump_name(d, fname, after_ptr);
			}
			dump_out(d, "(", 1);
			n = btf_vlen(t);
			/* a prototype inside another definition or declaration
			 * counts against the budget of dump_defs.c: corrupt
			 * BTF can nest them exponentially */
			if (n && (d->struct_depth || decl_depth > 1) &&
			    !dump_inline_budget(d, id, n))
				n = 0;
			/* no parameters, or clang's single void one */
			if (n == 0 || (n == 1 && p->type == 0)) {
				dump_puts(d, "void)");
				return;
			}
			for (i = 0; i < n; i++, p++) {
				if (i)
					dump_puts(d, ", ");
				if (i == n - 1 && p->type == 0) {
					dump_puts(d, "...");
					break;
				}
				dump_decl(d, p->type, dump_str(d, p->name_off),
					  lvl);
			}
			dump_out(d, ")", 1);
			return;
		}
		default:
			pr_warn("btf_dump: type [%u]: unexpected kind %d in a declaration\n",
				id, kind);
			return;
		}
		after_ptr = kind == BTF_KIND_PTR;
	}
	dump_name(d, fname, after_ptr);
}

/* Push id on the frame, moving it to the heap past its inline room. */
static bool dump_push(struct btf_dump *d, struct dump_frame *f, __u32 *small,
		      size_t small_cap, size_t *cap, __u32 id)
{
	if (f->cnt == *cap) {
		size_t ncap = *cap * 2;
		__u32 *ids = f->ids == small ? malloc(ncap * sizeof(*ids))
					     : realloc(f->ids, ncap * sizeof(*ids));

		if (!ids) {
			d->err = -ENOMEM;
			return false;
		}
		if (f->ids == small)
			memcpy(ids, small, small_cap * sizeof(*ids));
		f->ids = ids;
		*cap = ncap;
	}
	f->ids[f->cnt++] = id;
	return true;
}

void dump_decl(struct btf_dump *d, __u32 id, const char *fname, int lvl)
{
	/* each declaration has its own frame: nested ones (parameters,
	 * inline structs) start their own while this one is being printed */
	__u32 small[32];
	size_t cap = 32;
	struct dump_frame f = { .ids = small };
	const struct btf_type *t;
	bool ok = true;

	while (id) {
		t = dump_type(d, id);
		if (!t) {
			pr_warn("btf_dump: type [%u]: no such type\n", id);
			d->err = -EINVAL;
			break;
		}
		if (!(d->strip_mods && btf_is_mod(t))) {
			ok = dump_push(d, &f, small, 32, &cap, id);
			if (!ok)
				goto out;
		}
		switch (btf_kind(t)) {
		case BTF_KIND_PTR:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_FUNC_PROTO:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			continue;
		case BTF_KIND_ARRAY:
			id = btf_array(t)->type;
			continue;
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_FLOAT:
			break;
		default:
			pr_warn("btf_dump: type [%u]: unexpected kind %d in a declaration\n",
				id, btf_kind(t));
			break;
		}
		break;
	}
	/* void ends the chain: it is pushed as id 0 */
	if (id == 0 && !dump_push(d, &f, small, 32, &cap, 0))
		goto out;
	/*
	 * Parameters are declarations within declarations; corrupt BTF can
	 * make a prototype take a pointer to itself, which never ends.
	 */
	if (decl_depth >= DUMP_MAX_DECL_DEPTH) {
		if (decl_depth == DUMP_MAX_DECL_DEPTH)
			pr_warn("btf_dump: type [%u]: declarations nested too deep, cut\n", id);
		dump_puts(d, "void");
		goto out;
	}
	decl_depth++;
	dump_chain(d, &f, fname, lvl);
	decl_depth--;
out:
	if (f.ids != small)
		free(f.ids);
}
