// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Byte order conversion of whole BTF images.  Every field of the header
 * past the first 4 bytes and of the type records is a 32-bit word, so a
 * record is swapped word by word once its size is known -- which needs its
 * info word in native order: read it after swapping when converting to
 * native, before when converting away.
 */
#include <byteswap.h>
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/log.h"

static void swap_words(void *p, __u32 n)
{
	__u32 *w = p;
	__u32 i;

	for (i = 0; i < n; i++)
		w[i] = bswap_32(w[i]);
}

/* The layout section's entries: two bytes, then a 16-bit flags field. */
static int swap_layout(char *data, __u32 size, __u32 hdr_len, __u32 off,
		       __u32 len)
{
	__u32 i;

	if ((__u64)hdr_len + off + len > size || (off | len) & 3) {
		pr_warn("btf: foreign-endian image: layout section out of bounds\n");
		return -EINVAL;
	}
	for (i = 0; i < len; i += 4) {
		/* hdr_len need not be aligned: move the bytes, not a __u16 */
		char *p = data + hdr_len + off + i + 2, tmp = p[0];

		p[0] = p[1];
		p[1] = tmp;
	}
	return 0;
}

int btf_swap_image(void *data, __u32 size, bool to_native)
{
	struct btf_header *hdr = data;
	__u32 hdr_len, type_off, type_len, pos, end, extra[2] = {};
	char *types;
	int err;

	if (size < sizeof(*hdr))
		return -EINVAL;
	hdr_len = to_native ? bswap_32(hdr->hdr_len) : hdr->hdr_len;
	if (hdr_len < sizeof(*hdr) || hdr_len > size) {
		pr_warn("btf: foreign-endian image: header length %u out of bounds\n",
			hdr_len);
		return -EINVAL;
	}
	/* Every header word after the magic/version/flags, known or not. */
	if (!to_native && hdr_len >= BTF_HDR_LAYOUT_LEN)
		memcpy(extra, (char *)data + sizeof(*hdr), sizeof(extra));
	type_off = hdr->type_off;
	type_len = hdr->type_len;
	hdr->magic = bswap_16(hdr->magic);
	swap_words(&hdr->hdr_len, (hdr_len - 4) / 4);
	if (to_native) {
		type_off = hdr->type_off;
		type_len = hdr->type_len;
		if (hdr_len >= BTF_HDR_LAYOUT_LEN)
			memcpy(extra, (char *)data + sizeof(*hdr), sizeof(extra));
	}
	if (extra[1]) {
		err = swap_layout(data, size, hdr_len, extra[0], extra[1]);
		if (err)
			return err;
	}
	if ((__u64)hdr_len + type_off + type_len > size ||
	    ((hdr_len + type_off) & 3)) {
		pr_warn("btf: foreign-endian image: types section out of bounds\n");
		return -EINVAL;
	}
	types = (char *)data + hdr_len + type_off;
	end = type_len;
	for (pos = 0; pos < end;) {
		struct btf_type *t = (struct btf_type *)(types + pos);
		int sz;

		if (end - pos < sizeof(*t)) {
			pr_warn("btf: foreign-endian image: truncated type at offset %u\n",
				pos);
			return -EINVAL;
		}
		if (to_native)
			swap_words(t, 3);
		sz = btf_type_rec_size(t);
		if (!to_native)
			swap_words(t, 3);
		if (sz < 0 || (__u32)sz > end - pos) {
			pr_warn("btf: foreign-endian image: bad type record at offset %u\n",
				pos);
			return -EINVAL;
		}
		swap_words(t + 1, (sz - sizeof(*t)) / 4);
		pos += sz;
	}
	return 0;
}
