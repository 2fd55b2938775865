/* JMESPath errors for people: the specification's names, translated
 * labels, and one line naming the column. */
#include "config.h"
#include "jmespath/jmespath.h"
#include "jmespath/jp-int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;  /* the specification's (compliance suite's) */
	const char *label; /* N_() */
} kinds[] = {
	[JP_ERR_NONE] = { "none", N_("no error") },
	[JP_ERR_SYNTAX] = { "syntax", N_("syntax error") },
	[JP_ERR_INVALID_TYPE] = { "invalid-type", N_("invalid type") },
	[JP_ERR_INVALID_VALUE] = { "invalid-value", N_("invalid value") },
	[JP_ERR_INVALID_ARITY] = { "invalid-arity", N_("invalid arity") },
	[JP_ERR_UNKNOWN_FUNCTION] = { "unknown-function", N_("unknown function") },
	[JP_ERR_LIMIT] = { "limit", N_("limit exceeded") },
};

const char *jp_error_kind_name(enum jp_error_kind kind)
{
	return kinds[kind].name;
}

const char *jp_error_kind_label(enum jp_error_kind kind)
{
	return _(kinds[kind].label);
}

size_t jp_error_column(const char *expr, size_t len, size_t pos)
{
	size_t col = 1;

	for (size_t i = 0; i < pos && i < len; i++)
		if (((unsigned char)expr[i] & 0xC0) != 0x80)
			col++;
	return col;
}

char *jp_error_format(const char *expr, size_t len, const struct jp_error *err)
{
	/* TRANSLATORS: "column 5: syntax error: unexpected "]"" */
	return xasprintf(_("column %zu: %s: %s"), jp_error_column(expr, len, err->pos),
			 jp_error_kind_label(err->kind), err->msg ? err->msg : "");
}

void jp_error_clear(struct jp_error *err)
{
	free(err->msg);
	memset(err, 0, sizeof(*err));
}

/* ---- the evaluator's (jp-int.h) ---- */

int jp_fail(struct jp_ctx *c, enum jp_error_kind kind, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (c->err->kind != JP_ERR_NONE)
		return -1;
	c->err->kind = kind;
	c->err->pos = pos;
	va_start(ap, fmt);
	c->err->msg = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

int jp_spend(struct jp_ctx *c, size_t pos, size_t n)
{
	if ((long)n > c->elements)
		return jp_fail(c, JP_ERR_LIMIT, pos,
			       _("the result would exceed %ld array elements"), JP_MAX_ELEMENTS);
	c->elements -= (long)n;
	return 0;
}
