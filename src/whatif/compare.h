/* Two runs side by side, field by field: the inputs, the figures, every
 * scaling policy, the error; each row says whether the values differ.
 * Curses-free: the TUI marks changed rows with colour and a textual marker. */
#ifndef SAGESCALE_WHATIF_COMPARE_H
#define SAGESCALE_WHATIF_COMPARE_H
#include <stdbool.h>
#include <stddef.h>
#include "whatif/run.h"

struct compare_row {
	char *label;        /* translated, or the API's field name */
	char *left, *right; /* the values as text ("" when absent), sanitised */
	bool changed;
};

struct compare {
	struct compare_row *rows;
	size_t n;
	size_t nchanged;
};

/* The textual marker for a changed row, so the difference shows without colour. */
#define COMPARE_MARK "*"

void compare_runs(const struct whatif_run *a, const struct whatif_run *b, struct compare *out);
void compare_free(struct compare *c);

#endif
