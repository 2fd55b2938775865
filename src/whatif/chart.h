/* A curses-free chart of a sweep: MinCapacity and MaxCapacity (instances)
 * in one panel, InvocationsPerInstance in another, against the CPU target.
 * Returns lines of text (UTF-8, or plain ASCII) with a parallel string of
 * one class letter per cell, so that the TUI can colour the series and the
 * batch can print the text as it is. */
#ifndef SAGESCALE_WHATIF_CHART_H
#define SAGESCALE_WHATIF_CHART_H
#include <stdbool.h>
#include <stddef.h>

struct chart_point {
	int cpu;
	bool ok; /* false: a failed point, marked on the axis */
	long long min_capacity, max_capacity, invocations_per_instance;
};

enum chart_style { CHART_UNICODE, CHART_ASCII };

/* Cell classes (the letters in chart_line.cls). */
#define CHART_C_BLANK ' '
#define CHART_C_TEXT 't' /* legend and labels */
#define CHART_C_AXIS 'a'
#define CHART_C_MIN 'm'
#define CHART_C_MAX 'M'
#define CHART_C_BOTH 'b'  /* MinCapacity = MaxCapacity in this cell */
#define CHART_C_RANGE 'r' /* between MinCapacity and MaxCapacity */
#define CHART_C_IPI 'i'
#define CHART_C_FAIL 'x'

struct chart_line {
	char *text; /* no trailing blanks */
	char *cls;  /* one class letter per cell of text */
};

struct chart {
	struct chart_line *lines;
	size_t n;
};

#define CHART_MIN_WIDTH 30
#define CHART_MIN_HEIGHT 10

/* Draws the points (in CPU order) into width x height cells.  Returns 0,
 * or -1 when the size is below CHART_MIN_WIDTH x CHART_MIN_HEIGHT or there
 * are no points. */
int chart_render(const struct chart_point *pts, size_t n, int width, int height,
		 enum chart_style style, struct chart *out);
/* Which panels chart_render_panels draws: both (chart_render), or one of
 * them alone with the whole height (the TUI's chart toggles with a key). */
enum chart_panels { CHART_PANELS_BOTH, CHART_PANELS_CAPACITY, CHART_PANELS_IPI };
int chart_render_panels(const struct chart_point *pts, size_t n, int width, int height,
			enum chart_style style, enum chart_panels panels, struct chart *out);
void chart_free(struct chart *c);

#endif
