// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * sys/attr.h describes each command's slice of union bpf_attr on its own;
 * check it against the union of our uapi <linux/bpf.h>, field by field.
 */
#include <stddef.h>
#include <linux/bpf.h>

#include "test.h"
#include "sys/attr.h"

#define C(ufield, mytype, myfield)						\
	do {									\
		size_t __u = offsetof(union bpf_attr, ufield);			\
		size_t __m = offsetof(struct mytype, myfield);			\
		if (__u != __m) {						\
			test_fail_at(__FILE__, __LINE__, "%s at %zu, %s.%s at %zu", \
				     #ufield, __u, #mytype, #myfield, __m);	\
			bad++;							\
		}								\
		n++;								\
	} while (0)

TEST(attr_views_match_uapi)
{
	int n = 0, bad = 0;

	C(map_type, sys_attr_map_create, map_type);
	C(map_name, sys_attr_map_create, map_name);
	C(map_ifindex, sys_attr_map_create, map_ifindex);
	C(btf_vmlinux_value_type_id, sys_attr_map_create, btf_vmlinux_value_type_id);
	C(map_extra, sys_attr_map_create, map_extra);
	C(value_type_btf_obj_fd, sys_attr_map_create, value_type_btf_obj_fd);
	C(map_token_fd, sys_attr_map_create, map_token_fd);
	C(excl_prog_hash, sys_attr_map_create, excl_prog_hash);
	C(excl_prog_hash_size, sys_attr_map_create, excl_prog_hash_size);
	C(map_fd, sys_attr_map_elem, map_fd);
	C(key, sys_attr_map_elem, key);
	C(value, sys_attr_map_elem, value);
	C(flags, sys_attr_map_elem, flags);
	C(batch.in_batch, sys_attr_map_batch, in_batch);
	C(batch.count, sys_attr_map_batch, count);
	C(batch.map_fd, sys_attr_map_batch, map_fd);
	C(batch.elem_flags, sys_attr_map_batch, elem_flags);
	C(batch.flags, sys_attr_map_batch, flags);
	C(prog_type, sys_attr_prog_load, prog_type);
	C(insns, sys_attr_prog_load, insns);
	C(log_buf, sys_attr_prog_load, log_buf);
	C(prog_name, sys_attr_prog_load, prog_name);
	C(expected_attach_type, sys_attr_prog_load, expected_attach_type);
	C(func_info, sys_attr_prog_load, func_info);
	C(line_info_cnt, sys_attr_prog_load, line_info_cnt);
	C(attach_btf_id, sys_attr_prog_load, attach_btf_id);
	C(attach_prog_fd, sys_attr_prog_load, attach_prog_fd);
	C(core_relo_cnt, sys_attr_prog_load, core_relo_cnt);
	C(fd_array, sys_attr_prog_load, fd_array);
	C(core_relos, sys_attr_prog_load, core_relos);
	C(core_relo_rec_size, sys_attr_prog_load, core_relo_rec_size);
	C(log_true_size, sys_attr_prog_load, log_true_size);
	C(prog_token_fd, sys_attr_prog_load, prog_token_fd);
	C(fd_array_cnt, sys_attr_prog_load, fd_array_cnt);
	C(pathname, sys_attr_obj, pathname);
	C(bpf_fd, sys_attr_obj, bpf_fd);
	C(file_flags, sys_attr_obj, file_flags);
	C(path_fd, sys_attr_obj, path_fd);
	C(target_fd, sys_attr_prog_attach, target);
	C(attach_bpf_fd, sys_attr_prog_attach, attach_bpf_fd);
	C(attach_type, sys_attr_prog_attach, attach_type);
	C(attach_flags, sys_attr_prog_attach, attach_flags);
	C(replace_bpf_fd, sys_attr_prog_attach, replace_bpf_fd);
	C(relative_fd, sys_attr_prog_attach, relative);
	C(expected_revision, sys_attr_prog_attach, expected_revision);
	C(test.prog_fd, sys_attr_test_run, prog_fd);
	C(test.retval, sys_attr_test_run, retval);
	C(test.data_in, sys_attr_test_run, data_in);
	C(test.repeat, sys_attr_test_run, repeat);
	C(test.duration, sys_attr_test_run, duration);
	C(test.ctx_in, sys_attr_test_run, ctx_in);
	C(test.ctx_out, sys_attr_test_run, ctx_out);
	C(test.flags, sys_attr_test_run, flags);
	C(test.cpu, sys_attr_test_run, cpu);
	C(test.batch_size, sys_attr_test_run, batch_size);
	C(start_id, sys_attr_id, id);
	C(next_id, sys_attr_id, next_id);
	C(open_flags, sys_attr_id, open_flags);
	C(fd_by_id_token_fd, sys_attr_id, token_fd);
	C(info.bpf_fd, sys_attr_info, bpf_fd);
	C(info.info_len, sys_attr_info, info_len);
	C(info.info, sys_attr_info, info);
	C(query.target_fd, sys_attr_query, target);
	C(query.attach_type, sys_attr_query, attach_type);
	C(query.query_flags, sys_attr_query, query_flags);
	C(query.attach_flags, sys_attr_query, attach_flags);
	C(query.prog_ids, sys_attr_query, prog_ids);
	C(query.prog_cnt, sys_attr_query, count);
	C(query.prog_attach_flags, sys_attr_query, prog_attach_flags);
	C(query.link_ids, sys_attr_query, link_ids);
	C(query.link_attach_flags, sys_attr_query, link_attach_flags);
	C(query.revision, sys_attr_query, revision);
	C(raw_tracepoint.name, sys_attr_raw_tp, name);
	C(raw_tracepoint.prog_fd, sys_attr_raw_tp, prog_fd);
	C(raw_tracepoint.cookie, sys_attr_raw_tp, cookie);
	C(btf, sys_attr_btf_load, btf);
	C(btf_log_buf, sys_attr_btf_load, log_buf);
	C(btf_size, sys_attr_btf_load, btf_size);
	C(btf_log_size, sys_attr_btf_load, log_size);
	C(btf_log_level, sys_attr_btf_load, log_level);
	C(btf_log_true_size, sys_attr_btf_load, log_true_size);
	C(btf_flags, sys_attr_btf_load, btf_flags);
	C(btf_token_fd, sys_attr_btf_load, token_fd);
	C(task_fd_query.pid, sys_attr_task_fd_query, pid);
	C(task_fd_query.buf_len, sys_attr_task_fd_query, buf_len);
	C(task_fd_query.buf, sys_attr_task_fd_query, buf);
	C(task_fd_query.prog_id, sys_attr_task_fd_query, prog_id);
	C(task_fd_query.fd_type, sys_attr_task_fd_query, fd_type);
	C(task_fd_query.probe_offset, sys_attr_task_fd_query, probe_offset);
	C(task_fd_query.probe_addr, sys_attr_task_fd_query, probe_addr);
	C(link_create.prog_fd, sys_attr_link_create, prog_fd);
	C(link_create.target_fd, sys_attr_link_create, target);
	C(link_create.attach_type, sys_attr_link_create, attach_type);
	C(link_create.flags, sys_attr_link_create, flags);
	C(link_create.target_btf_id, sys_attr_link_create, target_btf_id);
	C(link_create.iter_info, sys_attr_link_create, iter.info);
	C(link_create.iter_info_len, sys_attr_link_create, iter.info_len);
	C(link_create.perf_event.bpf_cookie, sys_attr_link_create, perf_event.bpf_cookie);
	C(link_create.kprobe_multi.flags, sys_attr_link_create, kprobe_multi.flags);
	C(link_create.kprobe_multi.cnt, sys_attr_link_create, kprobe_multi.cnt);
	C(link_create.kprobe_multi.syms, sys_attr_link_create, kprobe_multi.syms);
	C(link_create.kprobe_multi.addrs, sys_attr_link_create, kprobe_multi.addrs);
	C(link_create.kprobe_multi.cookies, sys_attr_link_create, kprobe_multi.cookies);
	C(link_create.tracing.target_btf_id, sys_attr_link_create, tracing.target_btf_id);
	C(link_create.tracing.cookie, sys_attr_link_create, tracing.cookie);
	C(link_create.netfilter.pf, sys_attr_link_create, netfilter.pf);
	C(link_create.netfilter.hooknum, sys_attr_link_create, netfilter.hooknum);
	C(link_create.netfilter.priority, sys_attr_link_create, netfilter.priority);
	C(link_create.netfilter.flags, sys_attr_link_create, netfilter.flags);
	C(link_create.tcx.relative_fd, sys_attr_link_create, ordered.relative);
	C(link_create.tcx.expected_revision, sys_attr_link_create, ordered.expected_revision);
	C(link_create.netkit.relative_id, sys_attr_link_create, ordered.relative);
	C(link_create.netkit.expected_revision, sys_attr_link_create, ordered.expected_revision);
	C(link_create.cgroup.relative_fd, sys_attr_link_create, ordered.relative);
	C(link_create.cgroup.expected_revision, sys_attr_link_create, ordered.expected_revision);
	C(link_create.uprobe_multi.path, sys_attr_link_create, uprobe_multi.path);
	C(link_create.uprobe_multi.offsets, sys_attr_link_create, uprobe_multi.offsets);
	C(link_create.uprobe_multi.ref_ctr_offsets, sys_attr_link_create, uprobe_multi.ref_ctr_offsets);
	C(link_create.uprobe_multi.cookies, sys_attr_link_create, uprobe_multi.cookies);
	C(link_create.uprobe_multi.cnt, sys_attr_link_create, uprobe_multi.cnt);
	C(link_create.uprobe_multi.flags, sys_attr_link_create, uprobe_multi.flags);
	C(link_create.uprobe_multi.pid, sys_attr_link_create, uprobe_multi.pid);
	C(link_update.link_fd, sys_attr_link_update, link_fd);
	C(link_update.new_prog_fd, sys_attr_link_update, new_fd);
	C(link_update.flags, sys_attr_link_update, flags);
	C(link_update.old_prog_fd, sys_attr_link_update, old_fd);
	C(link_detach.link_fd, sys_attr_fd_flags, fd);
	C(enable_stats.type, sys_attr_fd_flags, fd);
	C(iter_create.link_fd, sys_attr_fd_flags, fd);
	C(iter_create.flags, sys_attr_fd_flags, flags);
	C(prog_bind_map.prog_fd, sys_attr_prog_bind_map, prog_fd);
	C(prog_bind_map.map_fd, sys_attr_prog_bind_map, map_fd);
	C(prog_bind_map.flags, sys_attr_prog_bind_map, flags);
	C(token_create.flags, sys_attr_token_create, flags);
	C(token_create.bpffs_fd, sys_attr_token_create, bpffs_fd);
	C(prog_stream_read.stream_buf, sys_attr_stream_read, buf);
	C(prog_stream_read.stream_buf_len, sys_attr_stream_read, buf_len);
	C(prog_stream_read.stream_id, sys_attr_stream_read, stream_id);
	C(prog_stream_read.prog_fd, sys_attr_stream_read, prog_fd);
	ASSERT_GT(n, 100);
	ASSERT_EQ(bad, 0);
}

TEST(attr_views_fit_the_union)
{
	ASSERT_LE(sizeof(struct sys_attr_prog_load), sizeof(union bpf_attr));
	ASSERT_LE(sizeof(struct sys_attr_map_create), sizeof(union bpf_attr));
	ASSERT_LE(sizeof(struct sys_attr_link_create), sizeof(union bpf_attr));
	ASSERT_EQ(SYS_CMD_TOKEN_CREATE, BPF_TOKEN_CREATE);
	ASSERT_EQ(SYS_CMD_PROG_STREAM_READ_BY_FD, BPF_PROG_STREAM_READ_BY_FD);
}
