/* Fuzzes the listing cap (src/sagemaker/paging.c): the input is a series
 * of pages separated by NUL bytes, fed to one accumulator with small caps.
 * Whatever the pages say, what is kept never passes a cap, the merged
 * document holds exactly the items counted, and no token survives. */
#include "config.h"

#include <string.h>

#include "util/json.h"
#include "sagemaker/paging.h"
#include "fuzz.h"

static char *no_request(const void *arg, const char *token)
{
	(void)arg;
	(void)token;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct paging_spec spec = { .list_key = "Items",
					  .request = no_request,
					  .max_items = 8,
					  .max_bytes = 256,
					  .max_pages = 6 };
	struct paging_acc a;
	char *s = fuzz_cstr(data, size);
	size_t off = 0;
	bool more = true;

	paging_acc_init(&a, &spec);
	while (more && off <= size) {
		char *next = NULL, *err = NULL;
		size_t len = strlen(s + off);
		int rc = paging_acc_add(&a, s + off, &next, &err);

		FUZZ_CHECK(a.items <= spec.max_items);
		FUZZ_CHECK(a.bytes <= spec.max_bytes + spec.max_items);
		FUZZ_CHECK(a.pages <= spec.max_pages);
		FUZZ_CHECK(rc == 0 ? err == NULL : err != NULL && next == NULL);
		FUZZ_CHECK(next == NULL || *next != '\0');
		more = rc == 0 && next != NULL;
		free(next);
		free(err);
		off += len + 1;
	}
	json_object *m = paging_acc_take(&a);

	if (m) {
		json_object *arr = jsonutil_member(m, "Items", json_type_array);

		FUZZ_CHECK(arr != NULL);
		FUZZ_CHECK(json_object_array_length(arr) >= a.items);
		FUZZ_CHECK(!json_object_object_get_ex(m, "NextToken", NULL));
		json_object_put(m);
	}
	paging_acc_free(&a);
	free(s);
	return 0;
}
