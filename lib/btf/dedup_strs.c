// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Phase 1 of btf__dedup(): one copy of every string the types (and
 * .BTF.ext) use, in order of first use; an own string the base already has
 * becomes the base's offset.  Unused strings disappear.
 *
 * Two compact tables (8-byte slots, open addressing) do the work: the new
 * strings by content, and the old offsets already mapped (member names
 * repeat a lot, and a number is cheaper to look up than a string).  A
 * general map with 32-byte slots made this phase the peak of memory use.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dedup_internal.h"
#include "util/alloc.h"

struct strs_slot {
	__u32 key;	/* hash of the string, or the old offset */
	__u32 val;	/* new offset + 1 (0: free) */
};

struct strs_table {
	struct strs_slot *slots;
	__u32 mask, used;
};

struct strs_ctx {
	struct dedup *d;
	char *buf;
	size_t len, cap;
	struct strs_table by_str;	/* hash -> new own offset */
	struct strs_table by_old;	/* old offset -> final offset */
};

static __u32 strs_hash(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	__u32 h = 2166136261U;

	for (; *p; p++)
		h = (h ^ *p) * 16777619U;
	*len = p - (const unsigned char *)s;
	return h;
}

static __u32 strs_mix(__u32 v)
{
	v ^= v >> 16;
	v *= 0x7feb352dU;
	v ^= v >> 15;
	return v;
}

/* Make room for one more entry (load at most 3/4). */
static int strs_reserve(struct strs_table *t, bool by_str)
{
	__u32 cap = t->mask ? (t->mask + 1) * 2 : 4096, i, j;
	struct strs_slot *slots, *e;

	if (t->mask && (t->used + 1) * 4 <= (t->mask + 1) * 3)
		return 0;
	slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (i = 0; t->mask && i <= t->mask; i++) {
		e = &t->slots[i];
		if (!e->val)
			continue;
		/* by_str slots are placed by hash, by_old ones by mixed key */
		j = by_str ? e->key : strs_mix(e->key);
		for (j &= cap - 1; slots[j].val; j = (j + 1) & (cap - 1))
			;
		slots[j] = *e;
	}
	free(t->slots);
	t->slots = slots;
	t->mask = cap - 1;
	return 0;
}

/* The new own offset of str, added to buf when new. */
static int strs_intern(struct strs_ctx *s, const char *str, __u32 *res)
{
	struct strs_table *t = &s->by_str;
	struct strs_slot *e;
	size_t len;
	__u32 h = strs_hash(str, &len), i;

	if (strs_reserve(t, true))
		return -ENOMEM;
	for (i = h & t->mask;; i = (i + 1) & t->mask) {
		e = &t->slots[i];
		if (!e->val)
			break;
		if (e->key == h && !strcmp(s->buf + e->val - 1, str)) {
			*res = e->val - 1;
			return 0;
		}
	}
	if (util_ensure_cap((void **)&s->buf, &s->cap, 1, s->len + len + 1))
		return -ENOMEM;
	memcpy(s->buf + s->len, str, len + 1);
	e->key = h;
	e->val = s->len + 1;
	t->used++;
	*res = s->len;
	s->len += len + 1;
	return 0;
}

static struct strs_slot *strs_old_slot(struct strs_table *t, __u32 old)
{
	__u32 i;

	for (i = strs_mix(old) & t->mask;; i = (i + 1) & t->mask)
		if (!t->slots[i].val || t->slots[i].key == old)
			return &t->slots[i];
}

static int strs_remap(__u32 *off, void *ctx)
{
	struct strs_ctx *s = ctx;
	struct btf *btf = s->d->btf;
	struct strs_slot *e;
	__u32 old = *off, own;
	const char *str;
	int boff, err;

	if (old == 0 || old < btf->start_str_off)
		return 0;
	if (strs_reserve(&s->by_old, false))
		return -ENOMEM;
	e = strs_old_slot(&s->by_old, old);
	if (e->val) {
		*off = e->val - 1;
		return 0;
	}
	str = btf_str(btf, old);
	if (!str)
		return -EINVAL;
	boff = btf->base_btf ? btf__find_str(btf->base_btf, str) : -ENOENT;
	if (boff >= 0) {
		*off = boff;
	} else {
		err = strs_intern(s, str, &own);
		if (err)
			return err;
		*off = btf->start_str_off + own;
	}
	/* strs_intern() does not touch by_old: e is still the slot */
	e->key = old;
	e->val = *off + 1;
	s->by_old.used++;
	return 0;
}

int dedup_strings(struct dedup *d)
{
	struct btf *btf = d->btf;
	struct strs_ctx s = { .d = d };
	__u32 id, zero;
	int err = -ENOMEM;

	s.cap = 1024;
	s.buf = malloc(s.cap);
	if (!s.buf)
		goto out;
	/* plain BTF starts with ""; split BTF uses the base's */
	if (!btf->base_btf && strs_intern(&s, "", &zero))
		goto out;
	for (id = d->first; id < d->cnt; id++) {
		err = btf_type_visit_str_offs(btf_type_by_id_raw(btf, id),
					      strs_remap, &s);
		if (err)
			goto out;
	}
	err = dedup_ext_visit(d->ext, true, strs_remap, &s);
	if (err)
		goto out;
	free(btf->strs_data);
	btf->strs_data = s.buf;
	btf->strs_len = s.len;
	btf->strs_cap = s.cap;
	s.buf = NULL;
	btf_invalidate(btf);
out:
	free(s.buf);
	free(s.by_str.slots);
	free(s.by_old.slots);
	return err;
}
