/* Every page of a NextToken listing, merged as the AWS CLI merges them,
 * under one cap on what is kept: items and bytes in total across pages, so
 * that a server sending large pages and endless tokens cannot grow memory
 * without bound.  Every listing (jobs, endpoints, policies, metrics, replay
 * inputs) goes through paging_fetch_all or, for pages from elsewhere, the
 * paging_acc accumulator. */
#ifndef SAGESCALE_PAGING_H
#define SAGESCALE_PAGING_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

#include "aws/client.h"

/* The documented caps (man page, README "Limits"): a listing keeps at most
 * this many items and this many bytes of item JSON, in total over all its
 * pages, and asks for at most PAGING_MAX_PAGES pages. */
#define PAGING_MAX_ITEMS 10000
#define PAGING_MAX_BYTES ((size_t)8 << 20)
#define PAGING_MAX_PAGES 1000

struct paging_spec {
	const char *service;   /* signing name, e.g. "sagemaker" */
	const char *target;    /* X-Amz-Target */
	const char *list_key;  /* the member holding the items */
	const char *token_key; /* NULL: "NextToken" */
	/* The request body for one page (token NULL for the first), allocated. */
	char *(*request)(const void *arg, const char *token);
	const void *arg;
	/* How to narrow this listing, translated, for the cap message
	 * (e.g. "use --status or --name-contains"); NULL: none. */
	const char *narrow_hint;
	size_t max_items;         /* 0: PAGING_MAX_ITEMS */
	size_t max_bytes;         /* 0: PAGING_MAX_BYTES */
	size_t max_pages;         /* 0: PAGING_MAX_PAGES */
	const char *content_type; /* AWS_JSON_1_0 (CloudWatch); NULL: AWS_JSON_1_1 */
};

/* Accumulates pages.  Memory is what is kept (the items, as json-c
 * objects, and the first page's other members); each page's tree is freed
 * once its items are taken. */
struct paging_acc {
	const struct paging_spec *spec;
	json_object *merged; /* the first page, list_key holding every item so far */
	size_t items, bytes, pages;
	bool capped; /* a cap was reached: err says which */
};

void paging_acc_init(struct paging_acc *a, const struct paging_spec *spec);
/* Adds one page's body: its items appended (checked against the caps
 * before they are kept), *next its token (NULL or a copy; an empty token
 * counts as none).  -1 with *err when the body is not a JSON object with
 * list_key an array, or when a cap is reached (then a->capped). */
int paging_acc_add(struct paging_acc *a, const char *body, char **next, char **err);
/* The merged document (token removed), handed to the caller (release with
 * json_object_put); the accumulator is left empty. */
json_object *paging_acc_take(struct paging_acc *a);
void paging_acc_free(struct paging_acc *a);

/* Fetches every page.  0 with *merged (release with json_object_put) and
 * *pages; -1 with res describing the error (the failing call's, or
 * AWS_ERR_RESPONSE with the cap message, naming the cap and how to narrow
 * the listing). */
int paging_fetch_all(struct aws_client *c, const struct paging_spec *spec, atomic_bool *cancel,
		     json_object **merged, size_t *pages, struct aws_result *res);

#endif
