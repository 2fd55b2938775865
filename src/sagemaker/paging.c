/* NextToken listings under one cap on what is kept (see paging.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "sagemaker/paging.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static size_t cap_items(const struct paging_spec *s)
{
	return s->max_items ? s->max_items : PAGING_MAX_ITEMS;
}

static size_t cap_bytes(const struct paging_spec *s)
{
	return s->max_bytes ? s->max_bytes : PAGING_MAX_BYTES;
}

static size_t cap_pages(const struct paging_spec *s)
{
	return s->max_pages ? s->max_pages : PAGING_MAX_PAGES;
}

static const char *token_key(const struct paging_spec *s)
{
	return s->token_key ? s->token_key : "NextToken";
}

void paging_acc_init(struct paging_acc *a, const struct paging_spec *spec)
{
	memset(a, 0, sizeof(*a));
	a->spec = spec;
}

void paging_acc_free(struct paging_acc *a)
{
	json_object_put(a->merged);
	a->merged = NULL;
}

json_object *paging_acc_take(struct paging_acc *a)
{
	json_object *m = a->merged;

	a->merged = NULL;
	if (m)
		json_object_object_del(m, token_key(a->spec));
	return m;
}

static char *cap_message(const struct paging_acc *a, bool bytes)
{
	const struct paging_spec *s = a->spec;
	const char *hint = s->narrow_hint ? s->narrow_hint : "";
	char *head;

	if (bytes)
		head = xasprintf(
			_("The listing is larger than %zu KiB (the cap on one listing, all "
			  "pages together); stopped after %zu items."),
			cap_bytes(s) >> 10, a->items);
	else
		head = xasprintf(
			_("The listing has more than %zu items (the cap on one listing, all "
			  "pages together)."),
			cap_items(s));
	char *msg = *hint ? xasprintf("%s %s", head, hint) : xstrdup(head);

	free(head);
	return msg;
}

/* Moves the page's items into dst, checking each against the caps before
 * it is kept; the page's tree goes with the page. */
static int take_items(struct paging_acc *a, json_object *dst, json_object *arr, char **err)
{
	size_t n = json_object_array_length(arr);

	for (size_t i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(arr, i);
		size_t len = 0;

		json_object_to_json_string_length(it, JSON_C_TO_STRING_PLAIN, &len);
		if (a->items + 1 > cap_items(a->spec) || a->bytes + len > cap_bytes(a->spec)) {
			a->capped = true;
			*err = cap_message(a, a->items + 1 <= cap_items(a->spec));
			return -1;
		}
		a->items++;
		a->bytes += len + 1;
		if (dst != arr)
			json_object_array_add(dst, json_object_get(it));
	}
	return 0;
}

int paging_acc_add(struct paging_acc *a, const char *body, char **next, char **err)
{
	const struct paging_spec *s = a->spec;
	json_object *page = body ? json_tokener_parse(body) : NULL;
	json_object *arr = jsonutil_member(page, s->list_key, json_type_array);

	*next = NULL;
	if (!arr) {
		json_object_put(page);
		*err = xasprintf(_("The response has no %s list."), s->list_key);
		return -1;
	}
	json_object *dst = arr;

	if (a->merged)
		dst = jsonutil_member(a->merged, s->list_key, json_type_array);

	if (take_items(a, dst, arr, err) != 0) {
		json_object_put(page);
		return -1;
	}
	char *tok = jsonutil_strdup(page, token_key(s));

	if (tok && !*tok) {
		free(tok);
		tok = NULL;
	}
	if (!a->merged)
		a->merged = page; /* the first page is the document */
	else
		json_object_put(page);
	a->pages++;
	if (tok && a->pages >= cap_pages(s)) {
		free(tok);
		a->capped = true;
		*err = xasprintf(_("Stopped after %d pages: the service keeps sending NextToken."),
				 (int)a->pages);
		return -1;
	}
	*next = tok;
	return 0;
}

int paging_fetch_all(struct aws_client *c, const struct paging_spec *spec, atomic_bool *cancel,
		     json_object **merged, size_t *pages, struct aws_result *res)
{
	const char *ctype = spec->content_type ? spec->content_type : AWS_JSON_1_1;
	struct paging_acc acc;
	char *token = NULL, *err = NULL;

	*merged = NULL;
	*pages = 0;
	memset(res, 0, sizeof(*res));
	paging_acc_init(&acc, spec);
	do {
		char *body = spec->request(spec->arg, token);

		free(token);
		token = NULL;
		aws_result_free(res);
		memset(res, 0, sizeof(*res));
		int rc = aws_call_proto(c, spec->service, spec->target, ctype, body, cancel, res);

		free(body);
		if (rc != 0 || res->kind != AWS_OK) {
			paging_acc_free(&acc);
			return -1;
		}
		rc = paging_acc_add(&acc, res->body, &token, &err);
		/* The raw page is no longer needed: what is kept is in acc. */
		free(res->body);
		res->body = NULL;
		res->body_len = 0;
		if (rc != 0) {
			paging_acc_free(&acc);
			aws_result_free(res);
			aws_result_set_error(res, AWS_ERR_RESPONSE, err);
			return -1;
		}
	} while (token);
	*pages = acc.pages;
	*merged = paging_acc_take(&acc);
	return 0;
}
