/* The AWS CLI's pagination (see paginate.h), written from botocore's
 * documented paginator behaviour: --max-items cuts the page where the
 * count is reached and the resume token remembers the token of that page
 * and how many of its items were already given (boto_truncate_amount);
 * a --starting-token holding such an amount asks for that page again and
 * drops what was given. */
#include "config.h"
#include "cli/paginate.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <json-c/json.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_MAX 65536 /* a token longer than this is nobody's */

/* ---- tokens ---- */

/* Python's json.dumps() of a string (ensure_ascii: \uXXXX for anything
 * beyond ASCII, surrogate pairs above U+FFFF), which the token's bytes
 * must match for the AWS CLI to read the same token back. */
static void py_json_string(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	buf_putc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			i++;
			continue;
		case '\\':
			buf_puts(b, "\\\\");
			i++;
			continue;
		case '\n':
			buf_puts(b, "\\n");
			i++;
			continue;
		case '\r':
			buf_puts(b, "\\r");
			i++;
			continue;
		case '\t':
			buf_puts(b, "\\t");
			i++;
			continue;
		case '\b':
			buf_puts(b, "\\b");
			i++;
			continue;
		case '\f':
			buf_puts(b, "\\f");
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		if (cp < 0x20 || (cp > 0x7e && cp < 0x10000 && cp != 0x7f))
			buf_printf(b, "\\u%04x", (unsigned)cp);
		else if (cp >= 0x10000)
			buf_printf(b, "\\u%04x\\u%04x", 0xd800 + ((cp - 0x10000) >> 10),
				   0xdc00 + ((cp - 0x10000) & 0x3ff));
		else
			buf_putc(b, (char)cp);
		i += k;
	}
	buf_putc(b, '"');
}

char *cli_token_encode(const char *next, long long truncate)
{
	struct buf b = BUF_INIT;
	unsigned char *out;
	size_t n;

	/* json.dumps({"NextToken": ..., "boto_truncate_amount": N}) */
	buf_puts(&b, "{\"NextToken\": ");
	if (next)
		py_json_string(&b, next);
	else
		buf_puts(&b, "null");
	if (truncate >= 0)
		buf_printf(&b, ", \"boto_truncate_amount\": %lld", truncate);
	buf_putc(&b, '}');
	n = b.len;
	out = xmalloc(4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock(out, (const unsigned char *)buf_str(&b), (int)n);
	buf_free(&b);
	return (char *)out;
}

void cli_token_free(struct cli_token *t)
{
	free(t->next);
	memset(t, 0, sizeof(*t));
}

/* Strict base64 (padding required, as Python's b64decode): the bytes, or
 * NULL. */
static char *base64_decode(const char *s, size_t *len)
{
	size_t n = strlen(s), pad = 0;
	unsigned char *out;
	int k;

	if (n == 0 || n % 4 != 0 || n > TOKEN_MAX)
		return NULL;
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != n)
		return NULL;
	while (pad < 2 && s[n - 1 - pad] == '=')
		pad++;
	if (strchr(s, '=') && strchr(s, '=') < s + n - pad)
		return NULL;
	out = xmalloc(n / 4 * 3 + 1);
	k = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n);
	if (k < 0 || (size_t)k < pad) {
		free(out);
		return NULL;
	}
	*len = (size_t)k - pad;
	out[*len] = '\0';
	return (char *)out;
}

static int token_error(char **err, const char *why)
{
	*err = xasprintf(_("--starting-token: %s"), why);
	return -1;
}

/* The token botocore writes: a JSON object.  1 when it is one (and *out
 * filled or *err set), 0 when the text is not such a token. */
static int decode_new(const char *token, struct cli_token *out, char **err, int *rc)
{
	size_t len;
	char *text = base64_decode(token, &len);
	json_object *o;

	if (!text)
		return 0;
	o = strlen(text) == len ? json_tokener_parse(text) : NULL;
	free(text);
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return 0; /* botocore, too, then reads it as an older token */
	}
	*rc = 0;
	json_object_object_foreach(o, k, v)
	{
		if (strcmp(k, "NextToken") == 0) {
			if (json_object_is_type(v, json_type_string)) {
				const char *s = json_object_get_string(v);
				out->next = *s && strcmp(s, "None") != 0 ? xstrdup(s) : NULL;
			} else if (!json_object_is_type(v, json_type_null)) {
				*rc = token_error(err,
						  _("its NextToken is not a string: the token is "
						    "damaged"));
				break;
			}
		} else if (strcmp(k, "boto_truncate_amount") == 0) {
			if (!json_object_is_type(v, json_type_int) ||
			    json_object_get_int64(v) < 0 || json_object_get_int64(v) > INT_MAX) {
				*rc = token_error(err,
						  _("its boto_truncate_amount is not a count: the "
						    "token is damaged"));
				break;
			}
			out->skip = json_object_get_int64(v);
		} else {
			char *s = sanitize_str(k);
			*err = xasprintf(_("--starting-token: the token holds \"%s\", which this "
					   "listing does not take: it belongs to another command"),
					 s);
			free(s);
			*rc = -1;
			break;
		}
	}
	json_object_put(o);
	if (*rc != 0)
		cli_token_free(out);
	return 1;
}

int cli_token_decode(const char *token, struct cli_token *out, char **err)
{
	int rc = 0;
	const char *sep;

	memset(out, 0, sizeof(*out));
	if (strlen(token) > TOKEN_MAX)
		return token_error(err, _("the token is too long to be one"));
	if (decode_new(token, out, err, &rc))
		return rc;
	/* botocore's older form, "TOKEN___N", or the service's bare token. */
	sep = strstr(token, "___");
	if (sep && !strstr(sep + 3, "___") && sep[3] &&
	    strspn(sep + 3, "0123456789") == strlen(sep + 3) && strlen(sep + 3) < 10) {
		out->skip = atoll(sep + 3);
		out->next = xstrndup(token, (size_t)(sep - token));
	} else {
		out->next = xstrdup(token);
	}
	if (strcmp(out->next, "None") == 0 || !*out->next) {
		free(out->next);
		out->next = NULL;
	}
	return 0;
}

int cli_paging_check(const struct cli_args *a)
{
	const struct cli_paging *p = &a->page;
	struct cli_token t;
	char *err = NULL;

	if (p->no_paginate && (p->page_size || p->max_items_set || p->starting_token)) {
		struct buf b = BUF_INIT;
		if (p->starting_token)
			buf_puts(&b, "--starting-token");
		if (p->page_size)
			buf_printf(&b, "%s--page-size", b.len ? ", " : "");
		if (p->max_items_set)
			buf_printf(&b, "%s--max-items", b.len ? ", " : "");
		cli_error(_("Cannot specify --no-paginate along with pagination arguments: %s"),
			  buf_str(&b));
		buf_free(&b);
		return CLI_EXIT_USAGE;
	}
	if (p->starting_token) {
		if (cli_token_decode(p->starting_token, &t, &err) != 0) {
			cli_error("%s", err);
			free(err);
			return CLI_EXIT_USAGE;
		}
		cli_token_free(&t);
	}
	return CLI_EXIT_OK;
}

/* ---- fetching and printing ---- */

struct lister {
	struct session *s;
	const struct cli_args *a;
	const struct paging_spec *spec;
	const char *title;
	bool merge;            /* json, table, yaml: one document at the end */
	struct paging_acc acc; /* the merged document, under the listing caps */
	size_t pages;
	int rc;
};

static const char *token_key(const struct paging_spec *s)
{
	return s->token_key ? s->token_key : "NextToken";
}

static int print_text(struct lister *l, enum cli_output fmt, json_object *o)
{
	const char *text = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	char *err = NULL;

	if (output_print(stdout, fmt, l->title, text, strlen(text), &err) != 0) {
		cli_error("%s", err);
		free(err);
		return -1;
	}
	return 0;
}

/* One page, already cut to what is given: printed (text, yaml-stream) or
 * added to the merged document. */
static int take_page(struct lister *l, json_object *page)
{
	char *err = NULL, *next = NULL;

	if (!l->merge) {
		json_object *show = page;
		int rc;

		if (l->a->output == CLI_OUTPUT_TEXT) {
			/* awscli's TextFormatter: each page as {result key: items}. */
			json_object *list = NULL;
			show = json_object_new_object();
			json_object_object_get_ex(page, l->spec->list_key, &list);
			json_object_object_add(show, l->spec->list_key, json_object_get(list));
		}
		rc = print_text(l, l->a->output, show);
		if (show != page)
			json_object_put(show);
		fflush(stdout);
		return rc;
	}
	if (paging_acc_add(&l->acc, json_object_to_json_string_ext(page, JSON_C_TO_STRING_PLAIN),
			   &next, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return -1;
	}
	free(next);
	return 0;
}

/* The page's items after dropping `skip` and keeping at most `keep`
 * (-1: all).  Returns how many the page held before. */
static size_t cut_page(json_object *page, const char *key, size_t skip, long long keep)
{
	json_object *list;
	size_t n;

	if (!json_object_object_get_ex(page, key, &list) ||
	    !json_object_is_type(list, json_type_array))
		return 0;
	n = json_object_array_length(list);
	if (skip > 0)
		json_object_array_del_idx(list, 0, skip < n ? skip : n);
	size_t left = json_object_array_length(list);
	if (keep >= 0 && (size_t)keep < left)
		json_object_array_del_idx(list, (size_t)keep, left - (size_t)keep);
	return n - (skip < n ? skip : n);
}

/* The service's answer for one page, parsed and with the command's
 * timestamp setting applied; NULL after reporting. */
static json_object *fetch(struct lister *l, const char *token, bool first, bool started)
{
	const char *ctype = l->spec->content_type ? l->spec->content_type : AWS_JSON_1_1;
	struct aws_result res = { 0 };
	char *body = l->spec->request(l->spec->arg, token), *text;
	json_object *page = NULL;

	aws_call_proto(l->s->client, l->spec->service, l->spec->target, ctype, body, NULL, &res);
	free(body);
	if (res.kind != AWS_OK) {
		/* A token the service refuses is the user's input at fault. */
		if (first && started && res.error_code &&
		    strcmp(res.error_code, "ValidationException") == 0) {
			char *m = sanitize_str(res.error_message ? res.error_message : "");
			cli_error(_("--starting-token: the service refuses the token (%s): it "
				    "belongs to another command or listing, or is damaged"),
				  m);
			free(m);
			l->rc = CLI_EXIT_USAGE;
		} else {
			l->rc = cli_report_call(l->title, &res, true);
		}
		aws_result_free(&res);
		return NULL;
	}
	text = cli_timestamps_apply(res.body ? res.body : "", l->a->timestamps);
	page = json_tokener_parse(text);
	free(text);
	aws_result_free(&res);
	if (!page || !json_object_is_type(page, json_type_object)) {
		json_object_put(page);
		cli_error(_("The response has no %s list."), l->spec->list_key);
		l->rc = CLI_EXIT_SERVICE;
		return NULL;
	}
	return page;
}

static char *page_token(json_object *page, const char *key)
{
	json_object *t;

	if (!json_object_object_get_ex(page, key, &t) ||
	    !json_object_is_type(t, json_type_string) || !*json_object_get_string(t))
		return NULL;
	return xstrdup(json_object_get_string(t));
}

/* --no-paginate: one request, the answer as the service gave it. */
static int one_page(struct lister *l)
{
	json_object *page = fetch(l, NULL, true, false);
	int rc;

	if (!page)
		return l->rc;
	rc = print_text(l, l->a->output, page) == 0 ? CLI_EXIT_OK : CLI_EXIT_SERVICE;
	json_object_put(page);
	return rc;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* botocore's PageIterator: pages until the listing ends or --max-items is
 * reached; *resume the AWS CLI's token to go on from, or NULL. */
static int walk(struct lister *l, char **resume)
{
	const struct cli_paging *p = &l->a->page;
	struct cli_token start = { 0 };
	char *token = NULL, *prev = NULL, *err = NULL;
	long long total = 0;
	bool first = true;

	*resume = NULL;
	if (p->starting_token && cli_token_decode(p->starting_token, &start, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_USAGE;
	}
	token = start.next ? xstrdup(start.next) : NULL;
	for (;;) {
		json_object *page = fetch(l, token, first, p->starting_token != NULL);
		size_t skip = first ? (size_t)start.skip : 0;

		if (!page)
			break;
		json_object *list;
		size_t have = json_object_object_get_ex(page, l->spec->list_key, &list) &&
					      json_object_is_type(list, json_type_array)
				      ? json_object_array_length(list)
				      : 0;
		size_t n = have > skip ? have - skip : 0;
		char *next = page_token(page, token_key(l->spec));

		l->pages++;
		if (p->max_items_set && total + (long long)n > p->max_items) {
			long long keep = p->max_items - total;
			cut_page(page, l->spec->list_key, skip, keep);
			/* The same page again next time, less what was given. */
			*resume = cli_token_encode(token, keep + (long long)skip);
			l->rc = take_page(l, page) == 0 ? CLI_EXIT_OK : CLI_EXIT_SERVICE;
			json_object_put(page);
			free(next);
			break;
		}
		cut_page(page, l->spec->list_key, skip, -1);
		if (take_page(l, page) != 0) {
			l->rc = CLI_EXIT_SERVICE;
			json_object_put(page);
			free(next);
			break;
		}
		json_object_put(page);
		total += (long long)n;
		first = false;
		if (!next) {
			l->rc = CLI_EXIT_OK;
			break;
		}
		if (p->max_items_set && total == p->max_items) {
			*resume = cli_token_encode(next, -1);
			free(next);
			l->rc = CLI_EXIT_OK;
			break;
		}
		if (prev && same(prev, next)) {
			cli_error(_("The same next token was received twice: %s"), next);
			free(next);
			l->rc = CLI_EXIT_SERVICE;
			break;
		}
		if (l->pages >= PAGING_MAX_PAGES) {
			cli_error(_("Stopped after %d pages: the service keeps sending NextToken."),
				  PAGING_MAX_PAGES);
			free(next);
			l->rc = CLI_EXIT_SERVICE;
			break;
		}
		free(prev);
		prev = xstrdup(next);
		free(token);
		token = next;
	}
	free(prev);
	free(token);
	cli_token_free(&start);
	return l->rc;
}

int cli_paginate_print(struct session *s, const struct cli_args *a, const struct paging_spec *spec,
		       const char *title)
{
	struct lister l = { .s = s, .a = a, .spec = spec, .title = title, .rc = CLI_EXIT_OK };
	char *resume = NULL;
	int rc;

	if (a->page.no_paginate)
		return one_page(&l);
	l.merge = a->output != CLI_OUTPUT_TEXT && a->output != CLI_OUTPUT_YAML_STREAM;
	paging_acc_init(&l.acc, spec);
	rc = walk(&l, &resume);
	if (rc == CLI_EXIT_OK && l.merge) {
		json_object *merged = paging_acc_take(&l.acc);

		if (!merged) { /* not one page came: nothing to print */
			merged = json_object_new_object();
			json_object_object_add(merged, spec->list_key, json_object_new_array());
		}
		if (resume)
			json_object_object_add(merged, "NextToken", json_object_new_string(resume));
		if (print_text(&l, a->output, merged) != 0)
			rc = CLI_EXIT_SERVICE;
		json_object_put(merged);
	} else if (rc == CLI_EXIT_OK && resume && a->output == CLI_OUTPUT_TEXT) {
		/* awscli: {'NextToken': {'NextToken': token}} in text. */
		json_object *o = json_object_new_object(), *in = json_object_new_object();
		json_object_object_add(in, "NextToken", json_object_new_string(resume));
		json_object_object_add(o, "NextToken", in);
		if (print_text(&l, CLI_OUTPUT_TEXT, o) != 0)
			rc = CLI_EXIT_SERVICE;
		json_object_put(o);
	}
	paging_acc_free(&l.acc);
	free(resume);
	return rc;
}
