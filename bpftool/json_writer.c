// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Output rules (they decide byte compatibility with the reference):
 * - a value or a member name is preceded by the pending separator (',' after
 *   a previous sibling, nothing after an opening bracket);
 * - under pretty printing a member name starts on a new line indented four
 *   spaces per depth; array elements stay on the line;
 * - a closing bracket goes on its own indented line unless the container is
 *   empty;
 * - the document ends with a newline when the writer is destroyed.
 */
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

struct json_writer {
	FILE *out;
	unsigned int depth;
	bool pretty;
	char sep;	/* what goes before the next element: ',' or '\0' */
};

static void indent(json_writer_t *w)
{
	unsigned int i;

	for (i = 0; i < w->depth; i++)
		fputs("    ", w->out);
}

static void end_of_line(json_writer_t *w)
{
	if (!w->pretty)
		return;
	putc('\n', w->out);
	indent(w);
}

static void separate(json_writer_t *w)
{
	if (w->sep)
		putc(w->sep, w->out);
	w->sep = ',';
}

static void put_quoted(json_writer_t *w, const char *s)
{
	putc('"', w->out);
	for (; *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '\t': fputs("\\t", w->out); break;
		case '\n': fputs("\\n", w->out); break;
		case '\r': fputs("\\r", w->out); break;
		case '\f': fputs("\\f", w->out); break;
		case '\b': fputs("\\b", w->out); break;
		case '\\': fputs("\\\\", w->out); break;
		case '"': fputs("\\\"", w->out); break;
		default:
			if (c < 0x20)
				fprintf(w->out, "\\u%04x", c);
			else
				putc(c, w->out);
		}
	}
	putc('"', w->out);
}

json_writer_t *jsonw_new(FILE *out)
{
	json_writer_t *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->out = out;
	return w;
}

void jsonw_destroy(json_writer_t **wp)
{
	json_writer_t *w = *wp;

	if (!w)
		return;
	putc('\n', w->out);
	fflush(w->out);
	free(w);
	*wp = NULL;
}

void jsonw_pretty(json_writer_t *w, bool on)
{
	w->pretty = on;
}

void jsonw_reset(json_writer_t *w)
{
	w->sep = '\0';
	w->depth = 0;
}

static void open_container(json_writer_t *w, char c)
{
	separate(w);
	putc(c, w->out);
	w->depth++;
	w->sep = '\0';
}

static void close_container(json_writer_t *w, char c)
{
	if (w->depth)
		w->depth--;
	if (w->sep)
		end_of_line(w);
	putc(c, w->out);
	w->sep = ',';
}

void jsonw_start_object(json_writer_t *w) { open_container(w, '{'); }
void jsonw_end_object(json_writer_t *w) { close_container(w, '}'); }
void jsonw_start_array(json_writer_t *w) { open_container(w, '['); }
void jsonw_end_array(json_writer_t *w) { close_container(w, ']'); }

void jsonw_name(json_writer_t *w, const char *name)
{
	separate(w);
	end_of_line(w);
	w->sep = '\0';
	put_quoted(w, name);
	putc(':', w->out);
	if (w->pretty)
		putc(' ', w->out);
}

void jsonw_printf(json_writer_t *w, const char *fmt, ...)
{
	va_list ap;

	separate(w);
	va_start(ap, fmt);
	vfprintf(w->out, fmt, ap);
	va_end(ap);
}

void jsonw_vprintf_enquote(json_writer_t *w, const char *fmt, va_list ap)
{
	separate(w);
	putc('"', w->out);
	vfprintf(w->out, fmt, ap);
	putc('"', w->out);
}

void jsonw_string(json_writer_t *w, const char *value)
{
	separate(w);
	put_quoted(w, value);
}

void jsonw_bool(json_writer_t *w, bool value)
{
	jsonw_printf(w, "%s", value ? "true" : "false");
}

void jsonw_null(json_writer_t *w)
{
	jsonw_printf(w, "null");
}

void jsonw_int(json_writer_t *w, int64_t value)
{
	jsonw_printf(w, "%lld", (long long)value);
}

void jsonw_uint(json_writer_t *w, uint64_t value)
{
	jsonw_printf(w, "%llu", (unsigned long long)value);
}

void jsonw_float(json_writer_t *w, double value)
{
	jsonw_printf(w, "%g", value);
}

void jsonw_hu(json_writer_t *w, unsigned short value)
{
	jsonw_printf(w, "%hu", value);
}

void jsonw_lluint(json_writer_t *w, unsigned long long value)
{
	jsonw_printf(w, "%llu", value);
}

void jsonw_string_field(json_writer_t *w, const char *name, const char *value)
{
	jsonw_name(w, name);
	jsonw_string(w, value);
}

void jsonw_bool_field(json_writer_t *w, const char *name, bool value)
{
	jsonw_name(w, name);
	jsonw_bool(w, value);
}

void jsonw_int_field(json_writer_t *w, const char *name, int64_t value)
{
	jsonw_name(w, name);
	jsonw_int(w, value);
}

void jsonw_uint_field(json_writer_t *w, const char *name, uint64_t value)
{
	jsonw_name(w, name);
	jsonw_uint(w, value);
}

void jsonw_lluint_field(json_writer_t *w, const char *name, unsigned long long value)
{
	jsonw_name(w, name);
	jsonw_lluint(w, value);
}

void jsonw_float_field(json_writer_t *w, const char *name, double value)
{
	jsonw_name(w, name);
	jsonw_float(w, value);
}

void jsonw_null_field(json_writer_t *w, const char *name)
{
	jsonw_name(w, name);
	jsonw_null(w);
}
