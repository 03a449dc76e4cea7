/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The inside of struct btf, shared by every file of lib/btf/ (parsing,
 * queries, writing, dedup, dump, distill, relocate, permute).
 *
 * Representation:
 *  - Own types are laid out back to back in types_data (native endianness);
 *    type_offs[i] is the byte offset of type id start_id + i.  Id 0 (void)
 *    is never stored; ids below start_id belong to base_btf.
 *  - Strings: strs_data holds this BTF's own string section; an offset
 *    below start_str_off names a string of base_btf, otherwise
 *    off - start_str_off in strs_data.
 *  - A parsed BTF is read-only: types_data/strs_data point into the image
 *    (a private copy, or the mmapped vmlinux file).  The first modification
 *    (btf_make_writable()) copies both into growable buffers; the image is
 *    kept (read-only) until btf__free() so that older type pointers stay
 *    readable.  Pointers into the writable buffers move when they grow.
 *  - The string set that deduplicates added strings is built on demand.
 *  - Once writable, types_data/types_len/types_cap, type_offs/nr_types/
 *    type_offs_cap and strs_data/strs_len/strs_cap are plain malloc()ed
 *    buffers that transformations (dedup, permute, relocate...) may rewrite
 *    or replace wholesale, keeping the invariants above.
 *  - Code that changes types or strings in place calls btf_invalidate() so
 *    that the cached raw image, the name index and the string set are
 *    rebuilt on demand.
 */
#ifndef BPFKIT_BTF_INTERNAL_H
#define BPFKIT_BTF_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/btf.h>
#include <bpf/btf.h>

struct util_hashmap;

/* A slot of the name index: first own id of a name (0: free), its hash. */
struct btf_name_slot {
	__u32 id;
	__u32 hash;
};

/*
 * The optional layout section (btf_new_opts.add_layout): a header of at
 * least BTF_HDR_LAYOUT_LEN bytes carries two more words, layout_off and
 * layout_len (relative to the end of the header like the others), and the
 * section holds one 4-byte entry per kind known to the writer: the bytes
 * after struct btf_type, the bytes per vlen entry, 16 bits of flags.  It
 * lets a reader size records of kinds it does not know; we write it after
 * the strings and check it when present.  The kernel does not take it.
 */
#define BTF_HDR_LAYOUT_LEN	32

struct btf_layout_entry {
	__u8 info_sz;
	__u8 elem_sz;
	__u16 flags;
};

/* Upper bounds that keep every id and string offset in a positive int. */
#define BTF_MAX_TYPES		0x7fffffffU
#define BTF_MAX_STR_OFF		0x7fffffffU

struct btf {
	/* ---- backing storage of a parsed image ---- */
	void *img;		/* owned copy of the image, or NULL */
	void *map_addr;		/* mmapped file, or NULL */
	size_t map_len;
	const void *img_raw;	/* the image as given (for btf__raw_data) */
	__u32 img_raw_size;

	/* header as parsed (or made for an empty BTF); the current section
	 * lengths are types_len and strs_len, not hdr.type_len/str_len */
	struct btf_header hdr;

	/* ---- own types ---- */
	void *types_data;
	__u32 types_len;
	size_t types_cap;	/* 0 while types_data is not ours to grow */
	__u32 *type_offs;
	__u32 nr_types;		/* own types */
	size_t type_offs_cap;

	/* ---- own strings ---- */
	char *strs_data;
	__u32 strs_len;
	size_t strs_cap;
	struct util_hashmap *strs_set;	/* offset -> offset, when writable */

	/* ---- split BTF ---- */
	struct btf *base_btf;
	__u32 start_id;		/* first own id: base's type count, or 1 */
	__u32 start_str_off;	/* base's total string size, or 0 */

	bool writable;
	bool swapped;		/* raw data is produced in the other byte order */
	bool has_layout;	/* raw data carries a layout section */

	/* ---- caches (mutable through const struct btf *) ---- */
	void *raw_cache;	/* compact image, native order */
	void *raw_swapped;	/* same, byte-swapped */
	__u32 raw_size;

	/*
	 * name index (index.c): open addressing over own ids.  Built lazily
	 * under name_lock, so that concurrent lookups on a shared BTF (the
	 * kernel's, typically) stay safe as they are with a linear scan.
	 */
	pthread_mutex_t name_lock;
	struct btf_name_slot *name_tab;	/* mask + 1 slots */
	__u32 name_mask;
	__u32 name_cnt;		/* used slots */
	__u32 *name_next;	/* next own id with the same name, or 0 */
	__u32 name_indexed;	/* own types indexed so far */
	__u32 name_scans;	/* lookups answered by scanning, before the index */
	const char *name_index_strs;	/* strs_data when it was built */

	int fd;
	int ptr_sz;		/* 0: guess from the types */
};

/* ---- parse.c, file.c ---- */

/* An empty struct btf on top of base (NULL: plain); NULL on ENOMEM. */
struct btf *btf_alloc(struct btf *base);
/* A whole file into a malloc()ed buffer; 0 or -errno (logged). */
int btf_read_file(const char *path, void **data, __u32 *size);

/* Who owns the bytes handed to btf_parse_image(). */
enum btf_img_mode {
	BTF_IMG_COPY,	/* the caller's: copied */
	BTF_IMG_OWN,	/* a malloc()ed block the BTF takes over (even on error) */
	BTF_IMG_MMAP,	/* a read-only mapping of map_len bytes the BTF takes
			 * over and unmaps; used in place when native */
};

/*
 * Build a BTF over a native or foreign-endian image and validate all of it
 * (btf_validate()).  what names the source in messages ("data", a path).
 * NULL with errno on failure.
 */
struct btf *btf_parse_image(void *data, __u32 size, struct btf *base,
			    enum btf_img_mode mode, size_t map_len,
			    const char *what);

/*
 * Validate the own types of btf: sizes, kinds, type ids, string offsets,
 * reference loops.  Returns 0 or -EINVAL with a pr_warn naming the type.
 */
int btf_validate(const struct btf *btf, const char *what);
/*
 * The same checks fused into the single sweep that also fills type_offs
 * and nr_types (the load path).  0 or -errno with a message.
 */
int btf_scan_types(struct btf *btf, const char *what);

/* Name of a kind for messages: "STRUCT", "UNKN" for bad ones. */
const char *btf_kind_name(unsigned int kind);

/* ---- types.c ---- */

/* Size in bytes of type record t (header and trailing data). */
int btf_type_rec_size(const struct btf_type *t);

/* The type with id, without bounds checks beyond the id (NULL if none). */
static inline struct btf_type *btf_type_by_id_raw(const struct btf *btf,
						  __u32 id)
{
	while (btf && id < btf->start_id)
		btf = btf->base_btf;
	if (!btf || id == 0 || id - btf->start_id >= btf->nr_types)
		return NULL;
	return (struct btf_type *)((char *)btf->types_data +
				   btf->type_offs[id - btf->start_id]);
}

/* The string at offset off (own or base), or NULL when out of range. */
const char *btf_str(const struct btf *btf, __u32 off);

/*
 * Call fn on every type-id field of t (pointer to the __u32 field) and on
 * every string-offset field.  Stops at the first non-zero return.
 */
typedef int (*btf_field_fn)(__u32 *field, void *ctx);
int btf_type_visit_type_ids(struct btf_type *t, btf_field_fn fn, void *ctx);
int btf_type_visit_str_offs(struct btf_type *t, btf_field_fn fn, void *ctx);

/* ---- write.c ---- */

/* Switch a parsed BTF to owned growable buffers (no-op when writable). */
int btf_make_writable(struct btf *btf);
/* Mutable type, making the BTF writable first.  NULL with errno. */
struct btf_type *btf_type_by_id_mut(struct btf *btf, __u32 id);
/*
 * Append a type record of sz bytes (copied); returns its new id or -errno.
 * The caller has already checked the record.
 */
int btf_append_type(struct btf *btf, const void *rec, __u32 sz);
/*
 * After changing types or strings in place: drop the cached raw images,
 * the name index and the string set (all rebuilt on demand).
 */
void btf_invalidate(struct btf *btf);
/*
 * Deduplicating add to the own strings (the base is not searched); the
 * offset as used in type records, or -errno.
 */
int btf_strs_add(struct btf *btf, const char *s);
/* Drop own strings from own offset keep on (undo of a failed add). */
void btf_strs_truncate(struct btf *btf, __u32 keep);

/* ---- copy.c ---- */

/*
 * The compact image in native byte order (cached; with the layout section
 * if the BTF has one); NULL with errno.
 */
const void *btf_raw_native(const struct btf *btf, __u32 *size);
/* A new compact native image, with or without layout; free() it. */
void *btf_build_raw(const struct btf *btf, bool layout, __u32 *size);

/* ---- index.c ---- */

void btf_index_free(struct btf *btf);
/* First own-or-base id named name with kind (or any kind if kind < 0). */
__s32 btf_index_find(const struct btf *btf, const char *name, int kind);

/* ---- swap.c ---- */

/* Byte-swap an image in place; checks bounds.  0 or -EINVAL. */
int btf_swap_image(void *data, __u32 size, bool to_native);

#endif
