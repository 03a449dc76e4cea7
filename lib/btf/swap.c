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

int btf_swap_image(void *data, __u32 size, bool to_native)
{
	struct btf_header *hdr = data;
	__u32 hdr_len, type_off, type_len, pos, end;
	char *types;

	if (size < sizeof(*hdr))
		return -EINVAL;
	if (to_native) {
		hdr->magic = bswap_16(hdr->magic);
		swap_words(&hdr->hdr_len, 5);
	}
	hdr_len = hdr->hdr_len;
	type_off = hdr->type_off;
	type_len = hdr->type_len;
	if (!to_native) {
		hdr->magic = bswap_16(hdr->magic);
		swap_words(&hdr->hdr_len, 5);
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
