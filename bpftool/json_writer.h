/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * A streaming JSON writer whose output matches the reference bpftool's byte
 * for byte (compact under -j, four-space indentation under -p), because
 * scripts diff and parse it.
 */
#ifndef BPFTOOL_JSON_WRITER_H
#define BPFTOOL_JSON_WRITER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct json_writer json_writer_t;

json_writer_t *jsonw_new(FILE *out);
void jsonw_destroy(json_writer_t **w);
void jsonw_pretty(json_writer_t *w, bool on);
void jsonw_reset(json_writer_t *w);	/* forget separators: a fresh document */

void jsonw_start_object(json_writer_t *w);
void jsonw_end_object(json_writer_t *w);
void jsonw_start_array(json_writer_t *w);
void jsonw_end_array(json_writer_t *w);
void jsonw_name(json_writer_t *w, const char *name);

void jsonw_string(json_writer_t *w, const char *value);
void jsonw_bool(json_writer_t *w, bool value);
void jsonw_null(json_writer_t *w);
void jsonw_int(json_writer_t *w, int64_t value);
void jsonw_uint(json_writer_t *w, uint64_t value);
void jsonw_float(json_writer_t *w, double value);
void jsonw_hu(json_writer_t *w, unsigned short value);
void jsonw_lluint(json_writer_t *w, unsigned long long value);
void jsonw_printf(json_writer_t *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jsonw_vprintf_enquote(json_writer_t *w, const char *fmt, va_list ap);

/* name + value in one call */
void jsonw_string_field(json_writer_t *w, const char *name, const char *value);
void jsonw_bool_field(json_writer_t *w, const char *name, bool value);
void jsonw_int_field(json_writer_t *w, const char *name, int64_t value);
void jsonw_uint_field(json_writer_t *w, const char *name, uint64_t value);
void jsonw_lluint_field(json_writer_t *w, const char *name, unsigned long long value);
void jsonw_float_field(json_writer_t *w, const char *name, double value);
void jsonw_null_field(json_writer_t *w, const char *name);

#endif
