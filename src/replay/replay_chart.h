/* A curses-free chart of one replay: traffic (invocations per minute, the
 * peak of each column) above, InService instances below, against time
 * (UTC, round ticks), overloaded columns marked on the axis.  Lines of
 * text with one class letter per cell, as whatif/chart.h does, so that the
 * TUI can colour them and a batch could print them. */
#ifndef SAGESCALE_REPLAY_CHART_H
#define SAGESCALE_REPLAY_CHART_H
#include <stdbool.h>
#include <stddef.h>
#include "replay/replay.h"

#define RCHART_MIN_WIDTH 40
#define RCHART_MIN_HEIGHT 8

/* Cell classes. */
#define RCHART_C_BLANK ' '
#define RCHART_C_TEXT 't'
#define RCHART_C_AXIS 'a'
#define RCHART_C_TRAFFIC 'v'
#define RCHART_C_INSTANCES 'i'
#define RCHART_C_OVER 'x'
#define RCHART_C_GAP 'g'

struct rchart_line {
	char *text; /* UTF-8 (or ASCII), no trailing blanks */
	char *cls;  /* one class letter per cell */
};

struct rchart {
	struct rchart_line *lines;
	size_t n;
};

/* The smallest of 1, 2, 2.5, 5 x 10^k that is >= v (1 for v <= 1). */
double replay_chart_nice(double v);
/* Draws n minutes of tl from start (epoch seconds) into width x height
 * cells.  0, or -1 when the size is below the minimum or n is 0. */
int replay_chart_render(const struct replay_minute *tl, size_t n, long long start, int width,
			int height, bool ascii, struct rchart *out);
void replay_chart_free(struct rchart *c);

#endif
