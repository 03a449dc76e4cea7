// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What btf_dump__dump_type() prints, and in which order.
 *
 * C needs a type complete before it is embedded (a member, an array
 * element, a typedef's target used by value), but only declared before it
 * is used behind a pointer.  dump_order() walks the "strong" edges depth
 * first and queues every named definition after what it embeds; edges
 * through a pointer to a named struct/union stop there, so cycles are only
 * legal through pointers.  dump_emit() then prints each queued definition,
 * first printing "struct x;" for pointed-to types not yet defined.
 */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/alloc.h"
#include "util/log.h"

void dump_mark_referenced(struct btf_dump *d, __u32 from, __u32 to)
{
	const struct btf_type *t;
	__u32 i, j, n;

	for (i = from; i < to; i++) {
		t = dump_type(d, i);
		if (!t)
			continue;
		n = btf_vlen(t);
		switch (btf_kind(t)) {
		case BTF_KIND_PTR:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
		case BTF_KIND_FUNC:
		case BTF_KIND_VAR:
		case BTF_KIND_DECL_TAG:
			if (t->type < to)
				d->st[t->type].referenced = 1;
			break;
		case BTF_KIND_ARRAY:
			if (btf_array(t)->type < to)
				d->st[btf_array(t)->type].referenced = 1;
			if (btf_array(t)->index_type < to)
				d->st[btf_array(t)->index_type].referenced = 1;
			break;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			for (j = 0; j < n; j++)
				if (btf_members(t)[j].type < to)
					d->st[btf_members(t)[j].type].referenced = 1;
			break;
		case BTF_KIND_FUNC_PROTO:
			if (t->type < to)
				d->st[t->type].referenced = 1;
			for (j = 0; j < n; j++)
				if (btf_params(t)[j].type < to)
					d->st[btf_params(t)[j].type].referenced = 1;
			break;
		case BTF_KIND_DATASEC:
			for (j = 0; j < n; j++)
				if (btf_var_secinfos(t)[j].type < to)
					d->st[btf_var_secinfos(t)[j].type].referenced = 1;
			break;
		default:
			break;
		}
	}
}

static int dump_queue(struct btf_dump *d, __u32 id)
{
	if (util_ensure_cap((void **)&d->queue, &d->queue_cap,
			    sizeof(*d->queue), d->queue_cnt + 1))
		return -ENOMEM;
	d->queue[d->queue_cnt++] = id;
	return 0;
}

/*
 * Returns 1 when id is a strong dependency whose definition is now queued
 * (or needs none), 0 when a declaration suffices, -errno on a cycle that C
 * cannot express.
 */
int dump_order(struct btf_dump *d, __u32 id, bool through_ptr)
{
	struct dump_tstate *s;
	const struct btf_type *t;
	int err, strong;
	__u32 i, n;

	if (id >= d->nr_types)
		return -EINVAL;
	s = &d->st[id];
	if (s->order == DUMP_ORDERED)
		return 1;
	t = dump_type(d, id);
	if (s->order == DUMP_ORDERING) {
		/* a loop, broken by a forward declaration when legal */
		if (btf_is_composite(t) && through_ptr && t->name_off)
			return 0;
		pr_warn("btf_dump: type [%u]: unsatisfiable type cycle\n", id);
		return -ELOOP;
	}

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		s->order = DUMP_ORDERED;
		return 0;
	case BTF_KIND_PTR:
		/* marked while its target is ordered: BTF may loop through it */
		s->order = DUMP_ORDERING;
		err = dump_order(d, t->type, true);
		s->order = DUMP_ORDERED;
		return err;
	case BTF_KIND_ARRAY:
		return dump_order(d, btf_array(t)->type, false);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		/* behind a pointer a named type needs only a declaration */
		if (through_ptr && t->name_off)
			return 0;
		s->order = DUMP_ORDERING;
		n = btf_vlen(t);
		for (i = 0; i < n; i++) {
			err = dump_order(d, btf_members(t)[i].type, false);
			if (err < 0)
				return err;
		}
		if (t->name_off) {
			err = dump_queue(d, id);
			if (err)
				return err;
		}
		s->order = DUMP_ORDERED;
		return 1;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		/* anonymous enums nobody uses still define their constants */
		if (t->name_off || !s->referenced) {
			err = dump_queue(d, id);
			if (err)
				return err;
		}
		s->order = DUMP_ORDERED;
		return 1;
	case BTF_KIND_TYPEDEF:
		strong = dump_order(d, t->type, through_ptr);
		if (strong < 0)
			return strong;
		if (through_ptr && !strong)
			return 0;
		err = dump_queue(d, id);
		if (err)
			return err;
		s->order = DUMP_ORDERED;
		return 1;
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return dump_order(d, t->type, through_ptr);
	case BTF_KIND_FUNC_PROTO:
		/* not queued itself, but guarded against prototype loops */
		s->order = DUMP_ORDERING;
		strong = dump_order(d, t->type, through_ptr);
		n = btf_vlen(t);
		for (i = 0; strong >= 0 && i < n; i++)
			strong = dump_order(d, btf_params(t)[i].type,
					    through_ptr);
		s->order = DUMP_UNORDERED;
		return strong;
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		s->order = DUMP_ORDERED;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Types GCC's intrinsics headers use that clang does not know. */
static const char *const dump_builtin_aliases[][2] = {
	{ "__Poly8_t", "unsigned char" },
	{ "__Poly16_t", "unsigned short" },
	{ "__Poly64_t", "unsigned long long" },
	{ "__Poly128_t", "unsigned __int128" },
};

static void dump_int_alias(struct btf_dump *d, const struct btf_type *t)
{
	const char *name = dump_str(d, t->name_off);
	size_t i;

	if (name[0] != '_')
		return;
	for (i = 0; i < sizeof(dump_builtin_aliases) /
			sizeof(dump_builtin_aliases[0]); i++) {
		if (strcmp(name, dump_builtin_aliases[i][0]))
			continue;
		dump_printf(d, "typedef %s %s;\n\n",
			    dump_builtin_aliases[i][1], name);
		return;
	}
}

static void dump_emit_fwd_of(struct btf_dump *d, __u32 id,
			     const struct btf_type *t)
{
	dump_struct_fwd(d, id, t);
	dump_puts(d, ";\n\n");
	d->st[id].fwd_emitted = 1;
}

/*
 * Pointers, arrays, prototypes and anonymous structs are walked again at
 * every use (they are not marked emitted): types used many times over
 * nest into exponentially many walks (all of vmlinux takes under
 * 140,000).  Past the budget of a btf_dump, what they lead to is no longer
 * looked at (only corrupt BTF gets there; the definitions are still
 * printed, some declarations ahead of them may be missing).
 */
#define DUMP_MAX_WALKS (1LL << 23)

static bool dump_walk_budget(struct btf_dump *d, __u32 id)
{
	if (d->walks >= DUMP_MAX_WALKS) {
		if (d->walks++ == DUMP_MAX_WALKS)
			pr_warn("btf_dump: type [%u]: types used too many times over, not followed\n", id);
		return false;
	}
	d->walks++;
	return true;
}

/*
 * Print what id needs and, when cont_id is 0 (a queued top-level type), its
 * definition.  cont_id is otherwise the struct/typedef being defined: a
 * reference to it needs no forward declaration.
 */
void dump_emit(struct btf_dump *d, __u32 id, __u32 cont_id)
{
	struct dump_tstate *s = &d->st[id];
	bool top = cont_id == 0;
	const struct btf_type *t;
	__u32 i, n, inner;

	if (s->emit == DUMP_EMITTED)
		return;
	t = dump_type(d, id);

	if (s->emit == DUMP_EMITTING) {
		if (s->fwd_emitted)
			return;
		switch (btf_kind(t)) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			if (id == cont_id)
				return;
			if (!t->name_off) {
				pr_warn("btf_dump: type [%u]: anonymous struct/union loop\n",
					id);
				return;
			}
			dump_emit_fwd_of(d, id, t);
			break;
		case BTF_KIND_TYPEDEF:
			/* the typedef doubles as the declaration needed */
			if (!dump_is_builtin_typedef(d, id)) {
				dump_typedef_def(d, id, t, 0);
				dump_puts(d, ";\n\n");
			}
			s->fwd_emitted = 1;
			break;
		default:
			break;
		}
		return;
	}

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		dump_int_alias(d, t);
		s->emit = DUMP_EMITTED;
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (top) {
			dump_enum_def(d, id, t, 0);
			dump_puts(d, ";\n\n");
		}
		s->emit = DUMP_EMITTED;
		break;
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		/* marked while walked: corrupt BTF may loop through it */
		if (!dump_walk_budget(d, id))
			break;
		s->emit = DUMP_EMITTING;
		dump_emit(d, t->type, cont_id);
		s->emit = DUMP_UNEMITTED;
		break;
	case BTF_KIND_ARRAY:
		if (!dump_walk_budget(d, id))
			break;
		s->emit = DUMP_EMITTING;
		dump_emit(d, btf_array(t)->type, cont_id);
		s->emit = DUMP_UNEMITTED;
		break;
	case BTF_KIND_FWD:
		dump_fwd_def(d, id, t);
		dump_puts(d, ";\n\n");
		s->emit = DUMP_EMITTED;
		break;
	case BTF_KIND_TYPEDEF:
		s->emit = DUMP_EMITTING;
		dump_emit(d, t->type, id);
		if (!s->fwd_emitted && !dump_is_builtin_typedef(d, id)) {
			dump_typedef_def(d, id, t, 0);
			dump_puts(d, ";\n\n");
		}
		s->emit = DUMP_EMITTED;
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!top && !t->name_off && !dump_walk_budget(d, id))
			break;
		s->emit = DUMP_EMITTING;
		n = btf_vlen(t);
		if (top || !t->name_off) {
			/* members are printed in full: declare what they
			 * point to; an anonymous type belongs to its
			 * container */
			inner = t->name_off ? id : cont_id;
			for (i = 0; i < n; i++)
				dump_emit(d, btf_members(t)[i].type, inner);
		} else if (!s->fwd_emitted && id != cont_id) {
			dump_emit_fwd_of(d, id, t);
		}
		if (top) {
			dump_struct_def(d, id, t, 0);
			dump_puts(d, ";\n\n");
			s->emit = DUMP_EMITTED;
		} else {
			s->emit = DUMP_UNEMITTED;
		}
		break;
	case BTF_KIND_FUNC_PROTO:
		if (!dump_walk_budget(d, id))
			break;
		s->emit = DUMP_EMITTING;
		dump_emit(d, t->type, cont_id);
		n = btf_vlen(t);
		for (i = 0; i < n; i++)
			dump_emit(d, btf_params(t)[i].type, cont_id);
		s->emit = DUMP_UNEMITTED;
		break;
	default:
		break;
	}
}
