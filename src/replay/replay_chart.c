/* The replay chart (see replay_chart.h): a grid of cells, each a glyph and
 * a class, filled panel by panel and then joined into lines. */
#include "config.h"
#include "replay/replay_chart.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LABEL 7 /* "  12.5k" */

struct grid {
	int w, h;
	char (*g)[5]; /* glyph per cell: UTF-8, NUL-terminated */
	char *c;      /* class per cell */
	bool ascii;
};

static void put(struct grid *gr, int y, int x, const char *glyph, char cls)
{
	if (y < 0 || y >= gr->h || x < 0 || x >= gr->w)
		return;
	snprintf(gr->g[y * gr->w + x], sizeof(gr->g[0]), "%s", glyph);
	gr->c[y * gr->w + x] = cls;
}

/* Text from x on (ASCII only: labels and numbers). */
static void put_text(struct grid *gr, int y, int x, const char *s, char cls)
{
	for (; *s; s++, x++) {
		char one[2] = { (unsigned char)*s < 128 ? *s : '?', '\0' };
		put(gr, y, x, one, cls);
	}
}

double replay_chart_nice(double v)
{
	static const double steps[] = { 1, 2, 2.5, 5, 10 };

	if (!(v > 1))
		return 1;
	double p = pow(10, floor(log10(v)));
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * p >= v * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

/* 12500 -> "12.5k": at most LABEL - 1 characters. */
static void short_num(double v, char *out, size_t n)
{
	const char *unit = "";
	if (v >= 1e9) {
		v /= 1e9;
		unit = "G";
	} else if (v >= 1e6) {
		v /= 1e6;
		unit = "M";
	} else if (v >= 1e4) {
		v /= 1e3;
		unit = "k";
	}
	if (v == floor(v))
		snprintf(out, n, "%.0f%s", v, unit);
	else
		snprintf(out, n, "%.1f%s", v, unit);
}

static void y_label(struct grid *gr, int y, double v)
{
	char s[16], t[16];

	short_num(v, s, sizeof(s));
	snprintf(t, sizeof(t), "%*s", LABEL, s);
	put_text(gr, y, 0, t, RCHART_C_AXIS);
	put(gr, y, LABEL, gr->ascii ? "+" : "\xe2\x94\xa4", RCHART_C_AXIS);
}

/* A column's bar of value v (0..top) over rows [y0, y0 + rows). */
static void bar(struct grid *gr, int x, int y0, int rows, double v, double top, char cls)
{
	static const char *const eighths[] = { "",
					       "\xe2\x96\x81",
					       "\xe2\x96\x82",
					       "\xe2\x96\x83",
					       "\xe2\x96\x84",
					       "\xe2\x96\x85",
					       "\xe2\x96\x86",
					       "\xe2\x96\x87" };
	double f = top > 0 ? v / top * rows : 0;

	for (int r = 0; r < rows; r++) {
		int y = y0 + rows - 1 - r;
		if (f >= r + 1) {
			put(gr, y, x, gr->ascii ? "#" : "\xe2\x96\x88", cls);
		} else if (f > r) {
			int e = (int)((f - r) * 8);
			if (gr->ascii)
				put(gr, y, x, f - r >= 0.5 ? "#" : ".", cls);
			else if (e > 0)
				put(gr, y, x, eighths[e], cls);
		}
	}
}

struct column {
	double traffic; /* peak; NAN when every minute is a gap */
	int in_service; /* peak */
	bool over;
};

static void columns(const struct replay_minute *tl, size_t n, int p, struct column *col)
{
	for (int c = 0; c < p; c++) {
		size_t a = (size_t)c * n / (size_t)p, b = (size_t)(c + 1) * n / (size_t)p;
		if (b <= a)
			b = a + 1;
		col[c] = (struct column){ NAN, 0, false };
		for (size_t m = a; m < b && m < n; m++) {
			if (!isnan(tl[m].traffic) &&
			    (isnan(col[c].traffic) || tl[m].traffic > col[c].traffic))
				col[c].traffic = tl[m].traffic;
			if (tl[m].in_service > col[c].in_service)
				col[c].in_service = tl[m].in_service;
			col[c].over |= (tl[m].flags & REPLAY_F_OVER) != 0;
		}
	}
}

/* The time step of the x axis: round, and labels 6 columns apart at least. */
static long long tick_step(size_t n, int p)
{
	static const long long steps[] = { 900,   1800,  3600,   7200,   10800,  21600,
					   43200, 86400, 172800, 604800, 2592000 };
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((double)steps[i] / 60.0 * p / (double)n >= 8)
			return steps[i];
	return 2592000;
}

static void x_axis(struct grid *gr, int y, const struct column *col, int p, size_t n,
		   long long start)
{
	long long step = tick_step(n, p);
	int last_label = -100;

	put(gr, y, LABEL, gr->ascii ? "+" : "\xe2\x94\x94", RCHART_C_AXIS);
	for (int c = 0; c < p; c++)
		put(gr, y, LABEL + 1 + c,
		    col[c].over ? "!"
		    : gr->ascii ? "-"
				: "\xe2\x94\x80",
		    col[c].over ? RCHART_C_OVER : RCHART_C_AXIS);
	long long end = start + (long long)n * 60;
	for (long long t = start - start % step + (start % step ? step : 0); t < end; t += step) {
		int x = (int)((double)(t - start) / 60.0 * p / (double)n);
		if (x >= p)
			break;
		if (!col[x].over)
			put(gr, y, LABEL + 1 + x, gr->ascii ? "+" : "\xe2\x94\xac", RCHART_C_AXIS);
		char s[16];
		time_t tt = (time_t)t;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(s, sizeof(s),
			 step >= 86400                       ? "%m-%d"
			 : tm.tm_hour == 0 && tm.tm_min == 0 ? "%m-%d"
							     : "%H:%M",
			 &tm);
		if (x >= last_label + 7 && LABEL + 1 + x + 5 <= gr->w) {
			put_text(gr, y + 1, LABEL + 1 + x, s, RCHART_C_TEXT);
			last_label = x;
		}
	}
}

/* The bytes of s that fit in cols cells (one cell per character). */
static size_t legend_bytes(const char *s, size_t cols)
{
	size_t i = 0, cells = 0;

	while (s[i] && cells < cols) {
		i++;
		while ((s[i] & 0xc0) == 0x80)
			i++;
		cells++;
	}
	return i;
}

static void join(const struct grid *gr, struct rchart *out)
{
	out->n = (size_t)gr->h;
	out->lines = xcalloc(out->n, sizeof(*out->lines));
	for (int y = 0; y < gr->h; y++) {
		struct buf t = BUF_INIT;
		int last = -1;
		for (int x = 0; x < gr->w; x++)
			if (gr->g[y * gr->w + x][0] != ' ')
				last = x;
		char *cls = xmalloc((size_t)last + 2);
		for (int x = 0; x <= last; x++) {
			buf_puts(&t, gr->g[y * gr->w + x]);
			cls[x] = gr->c[y * gr->w + x];
		}
		cls[last + 1] = '\0';
		out->lines[y].text = xstrdup(buf_str(&t));
		out->lines[y].cls = cls;
		buf_free(&t);
	}
}

int replay_chart_render(const struct replay_minute *tl, size_t n, long long start, int width,
			int height, bool ascii, struct rchart *out)
{
	memset(out, 0, sizeof(*out));
	if (width < RCHART_MIN_WIDTH || height < RCHART_MIN_HEIGHT || n == 0)
		return -1;
	struct grid gr = { width, height, xcalloc((size_t)(width * height), sizeof(char[5])),
			   xmalloc((size_t)(width * height)), ascii };
	for (int i = 0; i < width * height; i++) {
		strcpy(gr.g[i], " ");
		gr.c[i] = RCHART_C_BLANK;
	}
	int p = width - LABEL - 1, rows = height - 3;
	int a = rows * 3 / 5, b = rows - a; /* traffic panel, instances panel */
	struct column *col = xcalloc((size_t)p, sizeof(*col));
	columns(tl, n, p, col);
	double tmax = 0;
	int imax = 1;
	for (int c = 0; c < p; c++) {
		if (!isnan(col[c].traffic) && col[c].traffic > tmax)
			tmax = col[c].traffic;
		if (col[c].in_service > imax)
			imax = col[c].in_service;
	}
	/* Instances are whole: the top is the peak itself. */
	double ttop = replay_chart_nice(tmax), itop = imax;

	/* Line 0, the legend, is made after the grid: it is translated and
	 * may hold any UTF-8, which the grid's one-glyph cells do not. */
	const char *legend = _("traffic (invocations/min), below it instances in service, "
			       "! overloaded");
	for (int c = 0; c < p; c++) {
		if (isnan(col[c].traffic))
			put(&gr, a, LABEL + 1 + c, ascii ? "." : "\xc2\xb7", RCHART_C_GAP);
		else
			bar(&gr, LABEL + 1 + c, 1, a, col[c].traffic, ttop, RCHART_C_TRAFFIC);
		bar(&gr, LABEL + 1 + c, 1 + a, b, col[c].in_service, itop, RCHART_C_INSTANCES);
	}
	y_label(&gr, 1, ttop);
	if (a >= 5)
		y_label(&gr, 1 + a / 2, ttop / 2);
	y_label(&gr, a, 0);
	y_label(&gr, 1 + a, itop);
	y_label(&gr, a + b, 0);
	for (int y = 2; y < a + b; y++)
		if (gr.g[y * width + LABEL][0] == ' ')
			put(&gr, y, LABEL, ascii ? "|" : "\xe2\x94\x82", RCHART_C_AXIS);
	x_axis(&gr, 1 + a + b, col, p, n, start);
	join(&gr, out);
	/* Line 0: the glyph, a blank, the legend (classed as text). */
	free(out->lines[0].text);
	free(out->lines[0].cls);
	out->lines[0].text = xasprintf("%s %.*s", ascii ? "#" : "\xe2\x96\x88",
				       (int)legend_bytes(legend, (size_t)width - 2), legend);
	size_t cells = 2;
	size_t lb = legend_bytes(legend, (size_t)width - 2);
	for (size_t i = 0; i < lb; i++)
		cells += (legend[i] & 0xc0) != 0x80;
	out->lines[0].cls = xmalloc(cells + 1);
	memset(out->lines[0].cls, RCHART_C_TEXT, cells);
	out->lines[0].cls[0] = RCHART_C_TRAFFIC;
	out->lines[0].cls[cells] = '\0';
	free(col);
	free(gr.g);
	free(gr.c);
	return 0;
}

void replay_chart_free(struct rchart *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->lines[i].text);
		free(c->lines[i].cls);
	}
	free(c->lines);
	memset(c, 0, sizeof(*c));
}
