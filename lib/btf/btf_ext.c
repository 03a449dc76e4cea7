// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * .BTF.ext: per-ELF-section groups of func_info, line_info and CO-RE
 * relocation records.
 *
 * Layout: a header (magic, version, flags, hdr_len, then offset/length
 * pairs relative to the end of the header), and for each kind present a
 * subsection: a u32 record size, then groups of { u32 sec_name_off;
 * u32 num_info; num_info records }.  Every field is a 32-bit word except
 * the 16-bit magic and two bytes of version/flags, which is what makes the
 * byte swapping below generic.
 */
#include <byteswap.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>

#include "btf/btf_ext.h"
#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"

#define EXT_KINDS 3

struct btf_ext {
	void *data;		/* own copy, native byte order */
	__u32 size;
	bool swapped;		/* raw data goes out in the other order */
	void *data_swapped;
	struct {
		struct btf_ext_info_sec *secs;
		__u32 cnt;
	} info[EXT_KINDS];
};

/* The part of the header this library knows. */
struct ext_hdr {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 off_len[EXT_KINDS][2];
};

#define EXT_HDR_MIN offsetof(struct ext_hdr, off_len[BTF_EXT_CORE_RELO])

static const char *const kind_names[EXT_KINDS] = {
	"func_info", "line_info", "core_relo",
};

static const __u32 min_rec_size[EXT_KINDS] = {
	sizeof(struct bpf_func_info),
	sizeof(struct bpf_line_info),
	16,	/* insn_off, type_id, access_str_off, kind */
};

/* The word at p in native order, converting it in place if swap. */
static __u32 word(void *p, bool swap, bool to_native)
{
	__u32 v;

	memcpy(&v, p, sizeof(v));
	if (!swap)
		return v;
	if (to_native) {
		v = bswap_32(v);
		memcpy(p, &v, sizeof(v));
		return v;
	}
	{
		__u32 s = bswap_32(v);

		memcpy(p, &s, sizeof(s));
	}
	return v;
}

/*
 * Walk (and, if swap, convert) the image; collect the groups into ext when
 * given.  Every length is checked before it is used.
 */
static int walk(void *data, __u32 size, bool swap, bool to_native,
		struct btf_ext *ext)
{
	char *base = data;
	struct ext_hdr *h = data;
	__u32 hdr_len, pos;
	int k;

	if (size < offsetof(struct ext_hdr, off_len)) {
		pr_warn("btf: .BTF.ext: %u bytes are too few for a header\n", size);
		return -EINVAL;
	}
	if (swap)
		h->magic = bswap_16(h->magic);
	hdr_len = word(&h->hdr_len, swap, to_native);
	if (hdr_len < EXT_HDR_MIN || hdr_len > size) {
		pr_warn("btf: .BTF.ext: header length %u out of bounds (%zu..%u)\n",
			hdr_len, EXT_HDR_MIN, size);
		return -EINVAL;
	}
	if (h->version != BTF_VERSION) {
		pr_warn("btf: .BTF.ext: unsupported version %u\n", h->version);
		return -EINVAL;
	}
	/* All header words after hdr_len, known or not. */
	for (pos = offsetof(struct ext_hdr, off_len); pos + 4 <= hdr_len; pos += 4)
		word(base + pos, swap, to_native);

	for (k = 0; k < EXT_KINDS; k++) {
		__u32 off, len, rec_size, p, end, nsec = 0;

		if (hdr_len < offsetof(struct ext_hdr, off_len[k]) + 8)
			continue;
		memcpy(&off, &h->off_len[k][0], 4);
		memcpy(&len, &h->off_len[k][1], 4);
		if (swap && !to_native) {
			off = bswap_32(off);
			len = bswap_32(len);
		}
		if (!len)
			continue;
		if (off & 3) {
			pr_warn("btf: .BTF.ext: %s subsection offset %u is not 4-byte aligned\n",
				kind_names[k], off);
			return -EINVAL;
		}
		if ((__u64)hdr_len + off + len > size || len < 4) {
			pr_warn("btf: .BTF.ext: %s subsection (offset %u, %u bytes) out of bounds (%u bytes of data)\n",
				kind_names[k], off, len, size);
			return -EINVAL;
		}
		p = hdr_len + off;
		end = p + len;
		rec_size = word(base + p, swap, to_native);
		p += 4;
		if (rec_size < min_rec_size[k] || rec_size & 3) {
			pr_warn("btf: .BTF.ext: %s record size %u is invalid (at least %u, a multiple of 4)\n",
				kind_names[k], rec_size, min_rec_size[k]);
			return -EINVAL;
		}
		while (p < end) {
			__u32 name_off, num, i, w;

			if (end - p < 8) {
				pr_warn("btf: .BTF.ext: %s group %u: truncated group header\n",
					kind_names[k], nsec);
				return -EINVAL;
			}
			name_off = word(base + p, swap, to_native);
			num = word(base + p + 4, swap, to_native);
			p += 8;
			if (!num) {
				pr_warn("btf: .BTF.ext: %s group %u: no records\n",
					kind_names[k], nsec);
				return -EINVAL;
			}
			if ((__u64)num * rec_size > end - p) {
				pr_warn("btf: .BTF.ext: %s group %u: %u records of %u bytes run past the subsection\n",
					kind_names[k], nsec, num, rec_size);
				return -EINVAL;
			}
			if (swap)
				for (i = 0; i < num; i++)
					for (w = 0; w < rec_size; w += 4)
						word(base + p + i * rec_size + w,
						     swap, to_native);
			if (ext) {
				struct btf_ext_info_sec *s, *secs = ext->info[k].secs;

				secs = realloc(secs, (ext->info[k].cnt + 1) * sizeof(*secs));
				if (!secs)
					return -ENOMEM;
				ext->info[k].secs = secs;
				s = &secs[ext->info[k].cnt++];
				s->sec_name_off = name_off;
				s->num_info = num;
				s->rec_size = rec_size;
				s->data = base + p;
			}
			p += num * rec_size;
			nsec++;
		}
	}
	return 0;
}

void btf_ext__free(struct btf_ext *ext)
{
	int k;

	if (!ext)
		return;
	for (k = 0; k < EXT_KINDS; k++)
		free(ext->info[k].secs);
	free(ext->data);
	free(ext->data_swapped);
	free(ext);
}

struct btf_ext *btf_ext__new(const __u8 *data, __u32 size)
{
	struct btf_ext *ext;
	__u16 magic;
	bool foreign;
	int err;

	if (!data)
		return util_err_ptr(-EINVAL);
	if (size < sizeof(magic)) {
		pr_warn("btf: .BTF.ext: %u bytes are too few for a header\n", size);
		return util_err_ptr(-EINVAL);
	}
	memcpy(&magic, data, sizeof(magic));
	foreign = magic == bswap_16(BTF_MAGIC);
	if (magic != BTF_MAGIC && !foreign) {
		pr_warn("btf: .BTF.ext: bad magic 0x%04x (expected 0x%04x)\n",
			magic, BTF_MAGIC);
		return util_err_ptr(-EINVAL);
	}
	ext = calloc(1, sizeof(*ext));
	if (!ext)
		return util_err_ptr(-ENOMEM);
	ext->data = malloc(size ? size : 1);
	if (!ext->data) {
		err = -ENOMEM;
		goto fail;
	}
	memcpy(ext->data, data, size);
	ext->size = size;
	ext->swapped = foreign;
	err = walk(ext->data, size, foreign, true, ext);
	if (err)
		goto fail;
	return ext;
fail:
	btf_ext__free(ext);
	return util_err_ptr(err);
}

const void *btf_ext__raw_data(const struct btf_ext *ext_ro, __u32 *size)
{
	struct btf_ext *ext = (struct btf_ext *)ext_ro;

	if (size)
		*size = ext->size;
	if (!ext->swapped)
		return ext->data;
	/* Rebuilt each time: the records may have been rewritten since. */
	free(ext->data_swapped);
	ext->data_swapped = malloc(ext->size ? ext->size : 1);
	if (!ext->data_swapped)
		return util_err_ptr(-ENOMEM);
	memcpy(ext->data_swapped, ext->data, ext->size);
	if (walk(ext->data_swapped, ext->size, true, false, NULL))
		return util_err_ptr(-EINVAL);
	return ext->data_swapped;
}

const void *btf_ext__get_raw_data(const struct btf_ext *ext, __u32 *size)
{
	return btf_ext__raw_data(ext, size);
}

enum btf_endianness btf_ext__endianness(const struct btf_ext *ext)
{
	bool le = (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) != ext->swapped;

	return le ? BTF_LITTLE_ENDIAN : BTF_BIG_ENDIAN;
}

int btf_ext__set_endianness(struct btf_ext *ext, enum btf_endianness endian)
{
	bool host_le = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

	if (endian != BTF_LITTLE_ENDIAN && endian != BTF_BIG_ENDIAN)
		return util_err(-EINVAL);
	ext->swapped = (endian == BTF_LITTLE_ENDIAN) != host_le;
	return 0;
}

int btf_ext_sections(const struct btf_ext *ext, enum btf_ext_kind kind,
		     const struct btf_ext_info_sec **secs, __u32 *cnt)
{
	if (!ext || (unsigned int)kind >= EXT_KINDS || !secs || !cnt)
		return -EINVAL;
	*secs = ext->info[kind].secs;
	*cnt = ext->info[kind].cnt;
	return 0;
}
