// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Reading map elements: dump, lookup, getnext, peek, pop/dequeue
 * (push/enqueue are updates without a key).
 *
 * dump reads hash and array maps in batches (BPF_MAP_LOOKUP_BATCH, a few
 * syscalls for the whole map instead of two per element) and formats the
 * plain hex layout into its own buffer; both only change the speed, the
 * order and bytes printed are those of the get_next_key walk.
 */
#include <errno.h>
#include <stdio_ext.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_dumper.h"
#include "common.h"
#include "map.h"

/* ---- a growing output buffer for the plain hex layout ------------------ */

struct obuf {
	char *p;
	size_t len, cap;
};

/*
 * stdout is line-buffered (main.c): stdio would issue one write() per line.
 * The buffer goes straight to fd 1 instead, after whatever stdio holds.
 */
static void ob_flush(struct obuf *b)
{
	size_t off = 0;
	ssize_t n;

	if (!b->len)
		return;
	fflush(stdout);
	while (off < b->len) {
		n = write(STDOUT_FILENO, b->p + off, b->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += n;
	}
	b->len = 0;
}

static int ob_reserve(struct obuf *b, size_t n)
{
	char *p;

	if (b->len + n <= b->cap)
		return 0;
	ob_flush(b);
	if (n < 256 << 10)
		n = 256 << 10;
	if (n <= b->cap)
		return 0;
	p = realloc(b->p, n);
	if (!p)
		return -1;
	b->p = p;
	b->cap = n;
	return 0;
}

static void ob_str(struct obuf *b, const char *s)
{
	size_t n = strlen(s);

	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void ob_chr(struct obuf *b, char c)
{
	b->p[b->len++] = c;
}

static const char hexdig[] = "0123456789abcdef";

/* The reference's hex layout: 16 bytes a line, a double blank after 8. */
static void ob_hex(struct obuf *b, const unsigned char *d, unsigned int n)
{
	char *o = b->p + b->len;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (i) {
			if (!(i % 16)) {
				*o++ = '\n';
			} else if (!(i % 8)) {
				*o++ = ' ';
				*o++ = ' ';
			} else {
				*o++ = ' ';
			}
		}
		*o++ = hexdig[d[i] >> 4];
		*o++ = hexdig[d[i] & 15];
	}
	b->len = o - b->p;
}

static size_t hex_bound(unsigned int n)
{
	return n * 4 + 4;
}

static unsigned int cpu_step(const struct bpf_map_info *info)
{
	return (info->value_size + 7) & ~7u;
}

static int ncpus(void)
{
	static int n;

	if (!n)
		n = libbpf_num_possible_cpus();
	return n;
}

/* Upper bound of one entry's plain text. */
static size_t entry_bound(const struct bpf_map_info *info)
{
	size_t n = hex_bound(info->key_size) + 32;

	if (map_is_per_cpu(info->type))
		n += (size_t)ncpus() * (hex_bound(info->value_size) + 32);
	else
		n += hex_bound(info->value_size) + 32;
	return n;
}

static void ob_entry_plain(struct obuf *b, const struct bpf_map_info *info,
			   const unsigned char *key, const unsigned char *value)
{
	if (!map_is_per_cpu(info->type)) {
		bool brk = info->key_size > 16 || info->value_size > 16;
		bool one_line = !brk && info->key_size + info->value_size <= 24;

		if (info->key_size) {
			ob_str(b, brk ? "key:\n" : "key: ");
			ob_hex(b, key, info->key_size);
			ob_str(b, one_line ? "  " : "\n");
		}
		if (info->value_size) {
			ob_str(b, brk ? "value:\n" : "value: ");
			ob_hex(b, value, info->value_size);
		}
		ob_chr(b, '\n');
		return;
	}
	if (info->key_size) {
		ob_str(b, "key:\n");
		ob_hex(b, key, info->key_size);
		ob_chr(b, '\n');
	}
	if (info->value_size) {
		unsigned int step = cpu_step(info);
		char hdr[32];
		int cpu;

		for (cpu = 0; cpu < ncpus(); cpu++) {
			snprintf(hdr, sizeof(hdr), "value (CPU %02d):%c", cpu,
				 info->value_size > 16 ? '\n' : ' ');
			ob_str(b, hdr);
			ob_hex(b, value + (size_t)cpu * step, info->value_size);
			ob_chr(b, '\n');
		}
	}
}

/* ---- JSON and typed output --------------------------------------------- */

/* ["0x01","0x02",...] emitted as one writer value: same bytes, one call. */
static void json_hex(json_writer_t *w, const unsigned char *d, unsigned int n)
{
	char small[256], *s = small, *o;
	unsigned int i;

	jsonw_start_array(w);
	if (n) {
		if (n * 7 > sizeof(small)) {
			s = malloc(n * 7);
			if (!s) {
				for (i = 0; i < n; i++)
					jsonw_printf(w, "\"0x%02hhx\"", d[i]);
				jsonw_end_array(w);
				return;
			}
		}
		o = s;
		for (i = 0; i < n; i++) {
			if (i)
				*o++ = ',';
			*o++ = '"';
			*o++ = '0';
			*o++ = 'x';
			*o++ = hexdig[d[i] >> 4];
			*o++ = hexdig[d[i] & 15];
			*o++ = '"';
		}
		*o = '\0';
		jsonw_printf(w, "%s", s);
		if (s != small)
			free(s);
	}
	jsonw_end_array(w);
}

static __u32 value_type_id(const struct bpf_map_info *info)
{
	return info->btf_vmlinux_value_type_id ? info->btf_vmlinux_value_type_id
					       : info->btf_value_type_id;
}

/* {"key": K, "value": V} or {"key": K, "values": [{"cpu": N, "value": V}]} */
static int dump_typed(json_writer_t *w, const struct btf *btf, bool plain,
		      const struct bpf_map_info *info, const void *key,
		      const unsigned char *value)
{
	struct btf_dumper d = { .btf = btf, .jw = w, .is_plain_text = plain };
	__u32 vid = value_type_id(info);
	int err = 0, cpu;

	jsonw_start_object(w);
	if (info->btf_key_type_id) {
		jsonw_name(w, "key");
		err = btf_dumper_type(&d, info->btf_key_type_id, key);
		if (err)
			goto out;
	}
	if (!map_is_per_cpu(info->type)) {
		jsonw_name(w, "value");
		err = btf_dumper_type(&d, vid, value);
		goto out;
	}
	jsonw_name(w, "values");
	jsonw_start_array(w);
	for (cpu = 0; cpu < ncpus(); cpu++) {
		jsonw_start_object(w);
		jsonw_int_field(w, "cpu", cpu);
		jsonw_name(w, "value");
		err = btf_dumper_type(&d, vid, value + (size_t)cpu * cpu_step(info));
		jsonw_end_object(w);
		if (err)
			break;
	}
	jsonw_end_array(w);
out:
	jsonw_end_object(w);
	return err;
}

static void entry_json(const struct bpf_map_info *info, const void *key,
		       const unsigned char *value, const struct btf *btf)
{
	int cpu;

	jsonw_start_object(json_wtr);
	jsonw_name(json_wtr, "key");
	json_hex(json_wtr, key, info->key_size);
	if (!map_is_per_cpu(info->type)) {
		jsonw_name(json_wtr, "value");
		json_hex(json_wtr, value, info->value_size);
	} else {
		jsonw_name(json_wtr, "values");
		jsonw_start_array(json_wtr);
		for (cpu = 0; cpu < ncpus(); cpu++) {
			jsonw_start_object(json_wtr);
			jsonw_int_field(json_wtr, "cpu", cpu);
			jsonw_name(json_wtr, "value");
			json_hex(json_wtr, value + (size_t)cpu * cpu_step(info),
				 info->value_size);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_array(json_wtr);
	}
	if (btf) {
		jsonw_name(json_wtr, "formatted");
		dump_typed(json_wtr, btf, false, info, key, value);
	}
	jsonw_end_object(json_wtr);
}

static void entry_error(struct obuf *b, const struct bpf_map_info *info,
			const unsigned char *key, int err)
{
	const char *msg;
	bool brk, one_line;
	size_t len;

	/* an empty slot of a prog or map array is no error, just absent */
	if ((map_is_map_of_maps(info->type) || map_is_map_of_progs(info->type)) &&
	    err == ENOENT)
		return;
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_name(json_wtr, "key");
		json_hex(json_wtr, key, info->key_size);
		jsonw_name(json_wtr, "value");
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "error", strerror(err));
		jsonw_end_object(json_wtr);
		jsonw_end_object(json_wtr);
		return;
	}
	if (err == ENOENT)
		msg = "<no entry>";
	else if (err == ENOSPC && info->type == BPF_MAP_TYPE_REUSEPORT_SOCKARRAY)
		msg = "<cannot read>";
	else
		msg = strerror(err);
	len = strlen(msg);
	brk = info->key_size > 16 || len > 16;
	one_line = !brk && info->key_size + len <= 24;
	if (ob_reserve(b, hex_bound(info->key_size) + len + 32))
		return;
	if (info->key_size) {
		ob_str(b, brk ? "key:\n" : "key: ");
		ob_hex(b, key, info->key_size);
		ob_str(b, one_line ? "  " : "\n");
	}
	ob_str(b, brk ? "value:\n" : "value: ");
	ob_str(b, msg);
	ob_chr(b, '\n');
}

static struct btf *map_btf(const struct bpf_map_info *info)
{
	struct btf *btf = NULL;

	if (info->btf_vmlinux_value_type_id)
		btf = btf__load_vmlinux_btf();
	else if (info->btf_value_type_id)
		btf = btf__load_from_kernel_by_id(info->btf_id);
	if (!btf && (info->btf_vmlinux_value_type_id || info->btf_value_type_id))
		p_err("failed to get btf");
	return btf;
}

/* ---- dump ---------------------------------------------------------------- */

struct dumper {
	const struct bpf_map_info *info;
	struct btf *btf;
	json_writer_t *typed;	/* plain output of a map with BTF */
	struct obuf out;
	unsigned int count;
};

static void dump_one(struct dumper *dp, const unsigned char *key,
		     const unsigned char *value)
{
	dp->count++;
	if (json_output) {
		entry_json(dp->info, key, value, dp->btf);
	} else if (dp->typed) {
		dump_typed(dp->typed, dp->btf, true, dp->info, key, value);
	} else if (!ob_reserve(&dp->out, entry_bound(dp->info))) {
		ob_entry_plain(&dp->out, dp->info, key, value);
	}
}

static bool batch_capable(__u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		return true;
	default:
		return false;
	}
}

/*
 * Returns 0 when the whole map was read, 1 when the kernel cannot batch
 * this map (nothing printed yet: the caller walks it key by key), or -1.
 */
static int dump_batched(int fd, struct dumper *dp)
{
	const struct bpf_map_info *info = dp->info;
	size_t vsz = map_value_buf_size(info), ksz = info->key_size;
	__u32 n = 4096, count, i;
	unsigned char *keys = NULL, *vals = NULL;
	/* the batch position: a bucket index (hash) or a key (array, 4 bytes) */
	unsigned char tok_in[8], tok_out[8];
	bool first = true, done = false;
	int err = 0;

	if (!batch_capable(info->type) || !ksz || !info->max_entries ||
	    ((info->type == BPF_MAP_TYPE_ARRAY ||
	      info->type == BPF_MAP_TYPE_PERCPU_ARRAY) && ksz > sizeof(tok_in)))
		return 1;
	/* keep one batch to some megabytes */
	while (n > 64 && (size_t)n * (ksz + vsz) > (8u << 20))
		n /= 2;
	if (n > info->max_entries)
		n = info->max_entries;
	while (!done) {
		LIBBPF_OPTS(bpf_map_batch_opts, opts);

		if (!keys) {
			keys = malloc((size_t)n * ksz);
			vals = malloc((size_t)n * vsz);
			if (!keys || !vals) {
				p_err("mem alloc failed");
				err = -1;
				break;
			}
		}
		count = n;
		if (bpf_map_lookup_batch(fd, first ? NULL : tok_in, tok_out, keys,
					 vals, &count, &opts)) {
			if (errno == ENOSPC && count == 0 && n < (1u << 24)) {
				/* a hash bucket holds more than n elements */
				n *= 2;
				free(keys);
				free(vals);
				keys = vals = NULL;
				continue;
			}
			if (errno != ENOENT) {
				if (first) {
					err = 1;
					break;
				}
				p_err("can't read map in batches: %s", strerror(errno));
				err = -1;
				break;
			}
			done = true;
		}
		first = false;
		for (i = 0; i < count; i++)
			dump_one(dp, keys + (size_t)i * ksz, vals + (size_t)i * vsz);
		memcpy(tok_in, tok_out, sizeof(tok_in));
	}
	free(keys);
	free(vals);
	return err;
}

static int dump_walk(int fd, struct dumper *dp)
{
	const struct bpf_map_info *info = dp->info;
	unsigned char *key, *next, *value;
	bool have_prev = false;
	int err = 0;

	key = calloc(1, info->key_size + 1);
	next = calloc(1, info->key_size + 1);
	value = calloc(1, map_value_buf_size(info) + 1);
	if (!key || !next || !value) {
		p_err("mem alloc failed");
		err = -1;
		goto out;
	}
	while (true) {
		if (bpf_map_get_next_key(fd, have_prev ? key : NULL, next)) {
			if (errno != ENOENT)
				err = -errno;
			break;
		}
		if (bpf_map_lookup_elem(fd, next, value)) {
			/* plain text even between typed entries, as the reference */
			entry_error(&dp->out, info, next, errno);
			if (dp->typed)
				ob_flush(&dp->out);
		} else {
			dump_one(dp, next, value);
		}
		memcpy(key, next, info->key_size);
		have_prev = true;
	}
out:
	free(key);
	free(next);
	free(value);
	return err;
}

static void header_plain(const struct bpf_map_info *info)
{
	const char *type = libbpf_bpf_map_type_str(info->type);

	printf("%u: ", info->id);
	if (type)
		printf("%s  ", type);
	else
		printf("type %u  ", info->type);
	if (*info->name)
		printf("name %s  ", info->name);
	printf("flags 0x%x", info->map_flags);
	print_dev_plain(info->ifindex, info->netns_dev, info->netns_ino);
	printf("\n");
}

static void header_json(const struct bpf_map_info *info)
{
	const char *type = libbpf_bpf_map_type_str(info->type);

	jsonw_uint_field(json_wtr, "id", info->id);
	if (type)
		jsonw_string_field(json_wtr, "type", type);
	else
		jsonw_uint_field(json_wtr, "type", info->type);
	if (*info->name)
		jsonw_string_field(json_wtr, "name", info->name);
	jsonw_name(json_wtr, "flags");
	jsonw_printf(json_wtr, "%d", info->map_flags);
	print_dev_json(info->ifindex, info->netns_dev, info->netns_ino);
}

static int dump_map(int fd, const struct bpf_map_info *info, bool header)
{
	struct dumper dp = { .info = info };
	int err;

	if (info->btf_id) {
		dp.btf = map_btf(info);
		if (!dp.btf && (info->btf_vmlinux_value_type_id ||
				info->btf_value_type_id))
			return -1;
	}
	if (json_output) {
		if (header) {
			jsonw_start_object(json_wtr);
			header_json(info);
			jsonw_name(json_wtr, "elements");
		}
		jsonw_start_array(json_wtr);
	} else {
		if (header)
			header_plain(info);
		if (dp.btf) {
			dp.typed = jsonw_new(stdout);
			if (!dp.typed) {
				p_err("failed to create JSON writer");
				btf__free(dp.btf);
				return -1;
			}
			jsonw_pretty(dp.typed, true);
			jsonw_start_array(dp.typed);
		}
	}
	err = dump_batched(fd, &dp);
	if (err == 1)
		err = dump_walk(fd, &dp);
	ob_flush(&dp.out);
	free(dp.out.p);
	if (json_output) {
		jsonw_end_array(json_wtr);
		if (header)
			jsonw_end_object(json_wtr);
	} else if (dp.typed) {
		jsonw_end_array(dp.typed);
		jsonw_destroy(&dp.typed);
	} else {
		printf("Found %u element%s\n", dp.count, dp.count != 1 ? "s" : "");
	}
	btf__free(dp.btf);
	return err;
}

int map_do_dump(int argc, char **argv)
{
	int *fds = NULL, n, i, err = 0;

	if (argc != 2)
		usage();
	n = map_parse_fds(&argc, &argv, &fds);
	if (n < 1) {
		if (!n)
			p_err("no map matches this handle");
		free(fds);
		return -1;
	}
	/*
	 * The JSON writers putc() into stdout, which main.c made line-buffered:
	 * glibc then takes its slow path on every character.  Full buffering
	 * for the length of the dump (flags only: glibc keeps the buffer), and
	 * no stream lock per character (bpftool has a single thread).
	 */
	fflush(stdout);
	setvbuf(stdout, NULL, _IOFBF, 0);
	__fsetlocking(stdout, FSETLOCKING_BYCALLER);
	if (json_output && n > 1)
		jsonw_start_array(json_wtr);
	for (i = 0; i < n; i++) {
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);

		if (!err && bpf_map_get_info_by_fd(fds[i], &info, &len)) {
			p_err("can't get map info: %s", strerror(errno));
			err = -1;
		}
		if (!err) {
			err = dump_map(fds[i], &info, n > 1);
			if (!json_output && i != n - 1)
				printf("\n");
		}
		close(fds[i]);
	}
	if (json_output && n > 1)
		jsonw_end_array(json_wtr);
	fflush(stdout);
	__fsetlocking(stdout, FSETLOCKING_INTERNAL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	free(fds);
	return err;
}

/* ---- single elements ------------------------------------------------------ */

/* One entry as lookup, peek and pop print it. */
static void print_kv(const struct bpf_map_info *info, const void *key,
		     const unsigned char *value)
{
	struct btf *btf = info->btf_id ? map_btf(info) : NULL;
	struct obuf b = {};
	json_writer_t *w;

	if (json_output) {
		entry_json(info, key, value, btf);
	} else if (btf) {
		w = jsonw_new(stdout);
		if (w) {
			jsonw_pretty(w, true);
			dump_typed(w, btf, true, info, key, value);
			jsonw_destroy(&w);
		}
	} else if (!ob_reserve(&b, entry_bound(info))) {
		ob_entry_plain(&b, info, key, value);
		ob_flush(&b);
	}
	free(b.p);
	btf__free(btf);
}

static int open_with_kv(int *argc, char ***argv, struct bpf_map_info *info,
			unsigned char **key, unsigned char **value)
{
	__u32 len = sizeof(*info);
	int fd;

	fd = map_parse_fd_and_info(argc, argv, info, &len);
	if (fd < 0)
		return -1;
	*key = calloc(1, info->key_size + 1);
	*value = calloc(1, map_value_buf_size(info) + 1);
	if (!*key || !*value) {
		p_err("mem alloc failed");
		free(*key);
		free(*value);
		close(fd);
		return -1;
	}
	return fd;
}

int map_do_lookup(int argc, char **argv)
{
	struct bpf_map_info info = {};
	unsigned char *key, *value;
	int fd, err;

	if (argc < 2)
		usage();
	fd = open_with_kv(&argc, &argv, &info, &key, &value);
	if (fd < 0)
		return -1;
	err = map_parse_kv(&info, argc, argv, "", info.key_size ? key : NULL,
			   NULL, NULL);
	if (err)
		goto out;
	err = bpf_map_lookup_elem(fd, info.key_size ? key : NULL, value);
	if (err) {
		err = -errno;
		if (errno != ENOENT) {
			p_err("lookup failed: %s", strerror(errno));
		} else if (json_output) {
			jsonw_null(json_wtr);
		} else {
			struct obuf b = {};

			printf("key:\n");
			if (!ob_reserve(&b, hex_bound(info.key_size))) {
				ob_hex(&b, key, info.key_size);
				ob_flush(&b);
			}
			free(b.p);
			printf("\n\nNot found\n");
		}
		goto out;
	}
	print_kv(&info, key, value);
out:
	free(key);
	free(value);
	close(fd);
	return err;
}

static void print_key_plain(const char *title, const struct bpf_map_info *info,
			    const unsigned char *key)
{
	struct obuf b = {};

	if (ob_reserve(&b, hex_bound(info->key_size) + 32))
		return;
	ob_str(&b, title);
	ob_str(&b, ":\n");
	ob_hex(&b, key, info->key_size);
	ob_chr(&b, '\n');
	ob_flush(&b);
	free(b.p);
}

int map_do_getnext(int argc, char **argv)
{
	struct bpf_map_info info = {};
	unsigned char *key, *next;
	bool have_key;
	int fd, err;

	if (argc < 2)
		usage();
	fd = open_with_kv(&argc, &argv, &info, &key, &next);
	if (fd < 0)
		return -1;
	have_key = argc > 0;
	if (have_key) {
		err = map_parse_kv(&info, argc, argv, "", key, NULL, NULL);
		if (err)
			goto out;
	}
	err = bpf_map_get_next_key(fd, have_key ? key : NULL, next);
	if (err) {
		p_err("can't get next key: %s", strerror(errno));
		goto out;
	}
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_name(json_wtr, "key");
		if (have_key)
			json_hex(json_wtr, key, info.key_size);
		else
			jsonw_null(json_wtr);
		jsonw_name(json_wtr, "next_key");
		json_hex(json_wtr, next, info.key_size);
		jsonw_end_object(json_wtr);
	} else {
		if (have_key)
			print_key_plain("key", &info, key);
		else
			printf("key: None\n");
		print_key_plain("next key", &info, next);
	}
out:
	free(key);
	free(next);
	close(fd);
	return err;
}

int map_do_peek(int argc, char **argv)
{
	return map_do_lookup(argc, argv);
}

int map_do_pop(int argc, char **argv)
{
	struct bpf_map_info info = {};
	unsigned char *key, *value;
	int fd, err;

	if (argc < 2)
		usage();
	fd = open_with_kv(&argc, &argv, &info, &key, &value);
	if (fd < 0)
		return -1;
	err = bpf_map_lookup_and_delete_elem(fd, info.key_size ? key : NULL, value);
	if (err) {
		err = -errno;
		if (errno != ENOENT)
			p_err("pop failed: %s", strerror(errno));
		else if (json_output)
			jsonw_null(json_wtr);
		else
			printf("Error: empty map\n");
	} else {
		print_kv(&info, key, value);
	}
	free(key);
	free(value);
	close(fd);
	return err;
}

int map_do_dequeue(int argc, char **argv)
{
	return map_do_pop(argc, argv);
}

int map_do_push(int argc, char **argv)
{
	return map_do_update(argc, argv);
}

int map_do_enqueue(int argc, char **argv)
{
	return map_do_update(argc, argv);
}
