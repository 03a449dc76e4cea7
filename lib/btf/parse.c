// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * From raw bytes to struct btf: header and section checks, the index of
 * type record offsets, then full validation (validate.c).
 *
 * The common case, /sys/kernel/btf/vmlinux, arrives as a read-only mapping
 * in native byte order and is used where it lies: only the offsets array
 * is allocated.  Foreign-endian images are copied and swapped first.
 */
#include <byteswap.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/hashmap.h"
#include "util/log.h"

struct btf *btf_alloc(struct btf *base)
{
	struct btf *btf = calloc(1, sizeof(*btf));

	if (!btf)
		return NULL;
	btf->fd = -1;
	pthread_mutex_init(&btf->name_lock, NULL);
	btf->base_btf = base;
	btf->start_id = base ? btf__type_cnt(base) : 1;
	btf->start_str_off = base ? base->start_str_off + base->strs_len : 0;
	return btf;
}

void btf__free(struct btf *btf)
{
	if (!btf)
		return;
	if (btf->fd >= 0)
		close(btf->fd);
	if (btf->types_cap)
		free(btf->types_data);
	if (btf->strs_cap)
		free(btf->strs_data);
	util_hashmap_free(btf->strs_set);
	btf_index_free(btf);
	pthread_mutex_destroy(&btf->name_lock);
	free(btf->type_offs);
	free(btf->raw_cache);
	free(btf->raw_swapped);
	free(btf->img);
	if (btf->map_addr)
		munmap(btf->map_addr, btf->map_len);
	free(btf);
}

static void release_image(void *data, enum btf_img_mode mode, size_t map_len)
{
	if (mode == BTF_IMG_OWN)
		free(data);
	else if (mode == BTF_IMG_MMAP)
		munmap(data, map_len);
}

static int check_header(struct btf *btf, const void *img, __u32 size,
			const char *what)
{
	const struct btf_header *h = img;
	__u64 types_end, strs_end;

	if (h->version != BTF_VERSION) {
		pr_warn("btf: %s: unsupported BTF version %u\n", what, h->version);
		return -EINVAL;
	}
	if (h->hdr_len < sizeof(*h) || h->hdr_len > size) {
		pr_warn("btf: %s: header length %u out of bounds (%zu..%u)\n",
			what, h->hdr_len, sizeof(*h), size);
		return -EINVAL;
	}
	types_end = (__u64)h->hdr_len + h->type_off + h->type_len;
	strs_end = (__u64)h->hdr_len + h->str_off + h->str_len;
	if (types_end > size) {
		pr_warn("btf: %s: types section (offset %u, %u bytes) beyond the %u bytes of data\n",
			what, h->type_off, h->type_len, size);
		return -EINVAL;
	}
	if (strs_end > size) {
		pr_warn("btf: %s: string section (offset %u, %u bytes) beyond the %u bytes of data\n",
			what, h->str_off, h->str_len, size);
		return -EINVAL;
	}
	if ((__u64)h->type_off + h->type_len > h->str_off) {
		pr_warn("btf: %s: types section overlaps or follows the string section\n",
			what);
		return -EINVAL;
	}
	if ((h->hdr_len + h->type_off) & 3) {
		pr_warn("btf: %s: types section at offset %u is not 4-byte aligned\n",
			what, h->hdr_len + h->type_off);
		return -EINVAL;
	}
	memcpy(&btf->hdr, h, sizeof(btf->hdr));

	/* A longer header may announce a layout section: check its bounds. */
	if (h->hdr_len >= BTF_HDR_LAYOUT_LEN) {
		__u32 lay[2];

		memcpy(lay, (const char *)img + sizeof(*h), sizeof(lay));
		if (lay[1] && ((__u64)h->hdr_len + lay[0] + lay[1] > size ||
			       (lay[0] | lay[1]) & 3)) {
			pr_warn("btf: %s: layout section (offset %u, %u bytes) out of bounds or misaligned (%u bytes of data)\n",
				what, lay[0], lay[1], size);
			return -EINVAL;
		}
		btf->has_layout = lay[1] != 0;
	}
	return 0;
}

static int check_strings(struct btf *btf, const char *what)
{
	const char *s = btf->strs_data;
	__u32 len = btf->strs_len;

	if (!btf->base_btf && (!len || s[0])) {
		pr_warn("btf: %s: string section does not start with an empty string\n",
			what);
		return -EINVAL;
	}
	if (len && s[len - 1]) {
		pr_warn("btf: %s: string section is not NUL-terminated\n", what);
		return -EINVAL;
	}
	if (len > BTF_MAX_STR_OFF - btf->start_str_off) {
		pr_warn("btf: %s: string section of %u bytes is too large\n",
			what, len);
		return -EINVAL;
	}
	return 0;
}

struct btf *btf_parse_image(void *data, __u32 size, struct btf *base,
			    enum btf_img_mode mode, size_t map_len,
			    const char *what)
{
	struct btf *btf;
	__u16 magic;
	bool foreign;
	char *img;
	int err;

	btf = btf_alloc(base);
	if (!btf) {
		release_image(data, mode, map_len);
		return util_err_ptr(-ENOMEM);
	}
	if (size < sizeof(struct btf_header)) {
		pr_warn("btf: %s: %u bytes are too few for a BTF header\n",
			what, size);
		release_image(data, mode, map_len);
		err = -EINVAL;
		goto err_out;
	}
	memcpy(&magic, data, sizeof(magic));
	foreign = magic == bswap_16(BTF_MAGIC);
	if (magic != BTF_MAGIC && !foreign) {
		pr_warn("btf: %s: bad magic 0x%04x (expected 0x%04x)\n",
			what, magic, BTF_MAGIC);
		release_image(data, mode, map_len);
		err = -EINVAL;
		goto err_out;
	}

	/* Take a private copy unless the bytes can be used where they are. */
	if (mode == BTF_IMG_COPY || (mode == BTF_IMG_MMAP && foreign)) {
		img = malloc(size);
		if (!img) {
			release_image(data, mode, map_len);
			err = -ENOMEM;
			goto err_out;
		}
		memcpy(img, data, size);
		release_image(data, mode, map_len);
		btf->img = img;
	} else if (mode == BTF_IMG_OWN) {
		img = data;
		btf->img = img;
	} else {
		img = data;
		btf->map_addr = data;
		btf->map_len = map_len;
	}
	if (foreign) {
		err = btf_swap_image(img, size, true);
		if (err)
			goto err_out;
		btf->swapped = true;
	}

	err = check_header(btf, img, size, what);
	if (err)
		goto err_out;
	btf->types_data = img + btf->hdr.hdr_len + btf->hdr.type_off;
	btf->types_len = btf->hdr.type_len;
	btf->strs_data = img + btf->hdr.hdr_len + btf->hdr.str_off;
	btf->strs_len = btf->hdr.str_len;
	err = check_strings(btf, what);
	if (err)
		goto err_out;
	err = btf_scan_types(btf, what);
	if (err)
		goto err_out;

	/* A compact native image can be handed out by btf__raw_data() as is. */
	if (!foreign && btf->hdr.hdr_len == sizeof(struct btf_header) &&
	    btf->hdr.type_off == 0 && btf->hdr.str_off == btf->hdr.type_len &&
	    (__u64)sizeof(struct btf_header) + btf->types_len + btf->strs_len == size) {
		btf->img_raw = img;
		btf->img_raw_size = size;
	}
	return btf;

err_out:
	btf__free(btf);
	return util_err_ptr(err);
}

struct btf *btf__new_split(const void *data, __u32 size, struct btf *base_btf)
{
	if (!data)
		return util_err_ptr(-EINVAL);
	return btf_parse_image((void *)data, size, base_btf, BTF_IMG_COPY, 0,
			       "data");
}

struct btf *btf__new(const void *data, __u32 size)
{
	return btf__new_split(data, size, NULL);
}
