#!/usr/bin/env python3
# Expands bpf.h.in into include/uapi/linux/bpf.h.
#
# Layouts and enum values come from the running kernel's BTF, dumped as C
# by the reference bpftool (the BTF is ground truth for 6.18).  Helper
# prototypes 1..209 are read from the doc comments of the 6.1 system
# header (facts only: names and argument types), converted to the types
# BPF programs see; later ids are listed in EXTRA_HELPERS.
#
# usage: gen_bpf_h.py TEMPLATE VMLINUX_H SYSTEM_BPF_H OUT
import re
import sys
from btfblocks import blocks, enumerators, index

tmpl_path, vmlinux, sysbpf, out_path = sys.argv[1:5]
btf = index(vmlinux)
old = index(sysbpf)

# 64-bit members that carry user pointers in the syscall structures are
# declared 8-byte aligned so 32-bit user space matches the kernel.  Names
# present in 6.1 keep the type 6.1 gave them; these are the later ones.
NEW_ALIGNED = {'excl_prog_hash', 'signature', 'link_ids', 'link_attach_flags',
	       'path', 'offsets', 'ref_ctr_offsets', 'stream_buf', 'hash',
	       'addrs', 'cookies', 'file_name', 'func_name', 'tp_name',
	       'xlated_prog_insns'}
ALIGN_ATTR = {
	'union bpf_attr': 8, 'struct bpf_prog_info': 8, 'struct bpf_map_info': 8,
	'struct bpf_btf_info': 8, 'struct bpf_link_info': 8,
	'struct bpf_timer': 8, 'struct bpf_wq': 8, 'struct bpf_dynptr': 8,
	'struct bpf_list_head': 8, 'struct bpf_list_node': 8,
	'struct bpf_rb_root': 8, 'struct bpf_rb_node': 8,
	'struct bpf_iter_num': 8, 'struct bpf_task_work': 8,
	'struct bpf_refcount': 4,
}
NAME_LEN_FIELDS = {'map_name', 'prog_name', 'name'}


def aligned_names(key):
	if key not in old:
		return set()
	return set(re.findall(r'__aligned_u64\s+(\w+)', old[key][2]))


def fmt_value(v):
	if v is None:
		return None
	m = re.fullmatch(r'(-?)(\d+)(ULL|LL|U)?', v)
	if not m:
		return v
	n = int(m.group(2))
	suffix = m.group(3) or ''
	if n >= 0x100 and (n & (n - 1)) == 0:
		return '%s0x%x%s' % (m.group(1), n, suffix)
	if n >= 0x10000:
		return '%s0x%x%s' % (m.group(1), n, suffix)
	return m.group(1) + m.group(2) + suffix


def render_enum(key):
	kind, name, body, trailer = btf[key]
	head = 'enum %s {' % name if name else 'enum {'
	lines = [head]
	for en, val in enumerators(body):
		v = fmt_value(val)
		lines.append('\t%s = %s,' % (en, v) if v is not None else '\t%s,' % en)
	lines.append('};')
	return '\n'.join(lines)


MD_PTR = re.compile(r'^(\t+)union \{\n\1\t([\w ]+?\*)\s*(\w+);\n\1\};\n', re.M)


def render_struct(key):
	kind, name, body, trailer = btf[key]
	al = aligned_names(key) | NEW_ALIGNED
	body = MD_PTR.sub(lambda m: '%s__bpf_md_ptr(%s, %s);\n'
			  % (m.group(1), m.group(2).strip(), m.group(3)), body)

	def u64(m):
		field = m.group(2)
		t = '__aligned_u64' if field in al else '__u64'
		return m.group(1) + t + ' ' + field + ';'
	if key in ('union bpf_attr', 'struct bpf_prog_info', 'struct bpf_map_info',
		   'struct bpf_btf_info', 'struct bpf_link_info'):
		body = re.sub(r'(\t+)__u64 (\w+);', u64, body)
	body = re.sub(r'\bchar (\w+)\[16\];',
		      lambda m: 'char %s[BPF_OBJ_NAME_LEN];' % m.group(1)
		      if m.group(1) in NAME_LEN_FIELDS else m.group(0), body)
	body = body.replace('__u8 tag[8];', '__u8 tag[BPF_TAG_SIZE];')
	body = body.replace('build_id[20];', 'build_id[BPF_BUILD_ID_SIZE];')
	if key == 'struct bpf_fib_lookup':
		body = body.replace('\t\t__u16 mtu_result;\n\t};',
				    '\t\t__u16 mtu_result;\n\t} __attribute__((packed, aligned(2)));')
	if key in ('struct bpf_lpm_trie_key_u8', 'struct perf_event_query_bpf'):
		body = re.sub(r'(\w+)\[0\];\n$', r'\1[];\n', body)
	if key == 'struct perf_event_mmap_page':
		body = body.replace('__reserved[928];', '__reserved[116 * 8];\t/* pads to 1 KiB */')
	attr = ''
	if key in ALIGN_ATTR:
		attr = ' __attribute__((aligned(%d)))' % ALIGN_ATTR[key]
	elif trailer:
		attr = ' ' + trailer
	return '%s %s {\n%s}%s;' % (kind, name, body, attr)


# ---- helpers -------------------------------------------------------------
TYPE_MAP = [
	(r'\bstruct bpf_map \*', 'void *'),
	(r'\bconst struct sk_buff \*', 'const struct __sk_buff *'),
	(r'\bstruct sk_buff \*', 'struct __sk_buff *'),
	(r'\bstruct sk_msg_buff \*', 'struct sk_msg_md *'),
	(r'\bstruct xdp_buff \*', 'struct xdp_md *'),
	(r'\bu8\b', '__u8'), (r'\bu16\b', '__u16'), (r'\bu32\b', '__u32'),
	(r'\bu64\b', '__u64'), (r'\bs8\b', '__s8'), (r'\bs16\b', '__s16'),
	(r'\bs32\b', '__s32'), (r'\bs64\b', '__s64'),
	(r'\bsize_t\b', 'unsigned long'),
]
EXTRA_HELPERS = {
	210: 'void *bpf_cgrp_storage_get(void *map, struct cgroup *cgroup, void *value, __u64 flags)',
	211: 'long bpf_cgrp_storage_delete(void *map, struct cgroup *cgroup)',
}


def func_ids():
	ids = []
	for en, val in enumerators(btf['enum bpf_func_id'][2]):
		if en.startswith('BPF_FUNC_'):
			ids.append((en[len('BPF_FUNC_'):], int(val)))
	return ids


def helper_protos():
	text = open(sysbpf).read()
	start = text.index('Start of BPF helper function descriptions')
	doc = text[start:text.index('*/', start)]
	protos = {}
	for p in re.findall(r'^ \* (\w[\w *]*?\bbpf_\w+\(.*\))\s*$', doc, re.M):
		name = re.search(r'\bbpf_(\w+)\(', p).group(1)
		for pat, rep in TYPE_MAP:
			p = re.sub(pat, rep, p)
		protos.setdefault(name, p)
	return protos


def render_helpers():
	protos = helper_protos()
	out = []
	for name, fid in func_ids():
		if fid == 0:
			continue
		decl = EXTRA_HELPERS.get(fid) or protos[name]
		if re.search(r'\bbpf_(\w+)\(', decl).group(1) != name:
			raise SystemExit('helper %d: name mismatch' % fid)
		out.append(' * @helper %d %s' % (fid, decl))
	return '\n'.join(out)


def render_mapper():
	lines = ['#define ___BPF_FUNC_MAPPER(FN, ctx...)\t\t\t\\']
	for name, fid in func_ids():
		lines.append('\tFN(%s, %d, ##ctx)\t\t\t\\' % (name, fid))
	lines.append('\t/* end of the helper list */')
	return '\n'.join(lines)


def expand(line):
	m = re.fullmatch(r'@(enum|anon|struct|union) (\w+)@', line)
	if m:
		key = '%s %s' % (m.group(1), m.group(2))
		if key not in btf:
			raise SystemExit('not in BTF: ' + key)
		if m.group(1) in ('enum', 'anon'):
			return render_enum(key)
		return render_struct(key)
	if line == '@HELPERS@':
		return render_helpers()
	if line == '@MAPPER@':
		return render_mapper()
	return line


res = [expand(l) for l in open(tmpl_path).read().split('\n')]
open(out_path, 'w').write('\n'.join(res))
