/* The sweep chart, drawn into a grid of cells (one code point and one class
 * letter each), then turned into lines.  InvocationsPerInstance is a braille
 * line in Unicode (2x4 dots per cell) so that a 91-point sweep reads as a
 * curve; capacities are markers with a bar between MinCapacity and MaxCapacity. */
#include "config.h"
#include "whatif/chart.h"
#include "util/ticks.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct grid {
	int w, h;
	uint32_t *cp;
	char *cls;
};

struct glyphs {
	uint32_t min, max, both, range, ipi, fail;
	uint32_t vbar, ytick, corner, hbar, xtick;
};

static const struct glyphs glyphs_unicode = {
	0x25BC, 0x25B2, 0x25C6, 0x2502, 0x2812, 0x2717, /* ▼ ▲ ◆ │ ⠒ ✗ */
	0x2502, 0x2524, 0x2514, 0x2500, 0x252C,         /* │ ┤ └ ─ ┬ */
};
static const struct glyphs glyphs_ascii = {
	'm', 'M', '#', '|', '*', 'x', '|', '+', '+', '-', '+',
};

static void put(struct grid *g, int row, int col, uint32_t cp, char cls)
{
	if (row < 0 || row >= g->h || col < 0 || col >= g->w)
		return;
	g->cp[row * g->w + col] = cp;
	g->cls[row * g->w + col] = cls;
}

/* Writes UTF-8 text from col on; one cell per code point. */
static int put_text(struct grid *g, int row, int col, const char *s, char cls)
{
	size_t n = strlen(s);

	while (n > 0 && col < g->w) {
		uint32_t cp;
		size_t l = utf8_decode(s, n, &cp);
		if (l == 0) {
			cp = '?';
			l = 1;
		}
		put(g, row, col++, cp, cls);
		s += l;
		n -= l;
	}
	return col;
}

/* A legend: "<marker> Name" items separated by two blanks, then a tail. */
static int put_item(struct grid *g, int row, int col, uint32_t marker, char cls, const char *name)
{
	if (col > 0)
		col += 2;
	put(g, row, col, marker, cls);
	return put_text(g, row, col + 2, name, CHART_C_TEXT);
}

/* The row of v on an axis from 0 (the last row) to top (row 0).  A value
 * above zero never lands on the zero row, where it would read as 0. */
static int value_row(long long v, long long top, int rows)
{
	if (top <= 0)
		return rows - 1;
	int r = rows - 1 - (int)llround((double)v * (rows - 1) / (double)top);

	if (v > 0 && r >= rows - 1 && rows > 1)
		r = rows - 2;
	return r < 0 ? 0 : r;
}

static int x_of(int cpu, int from, int to, int cells)
{
	if (to == from)
		return cells / 2;
	return (int)llround((double)(cpu - from) * (cells - 1) / (double)(to - from));
}

/* A panel's axis: from 0 to top in steps of step (ticks_step), a label
 * every other row at the most. */
struct axis {
	long long top, step;
};

static struct axis axis_for(long long vmax, int rows)
{
	double top, step = ticks_step((double)vmax, (rows - 1) / 2, true, &top);

	return (struct axis){ (long long)llround(top), (long long)llround(step) };
}

/* Y axis for a panel of rows starting at top: a tick and a label at every
 * multiple of the step. */
static void y_axis(struct grid *g, const struct glyphs *gl, int top, int rows, int lw,
		   struct axis ax)
{
	for (int r = 0; r < rows; r++)
		put(g, top + r, lw + 1, gl->vbar, CHART_C_AXIS);
	for (long long v = 0; v <= ax.top; v += ax.step) {
		int r = rows - 1 - (int)llround((double)v * (rows - 1) / (double)ax.top);
		char num[32];

		put(g, top + r, lw + 1, gl->ytick, CHART_C_AXIS);
		snprintf(num, sizeof(num), "%*lld", lw, v);
		put_text(g, top + r, 0, num, CHART_C_TEXT);
	}
}

static void capacity_panel(struct grid *g, const struct glyphs *gl, const struct chart_point *pts,
			   size_t n, int top, int rows, int x0, int pw, long long vmax)
{
	int from = pts[0].cpu, to = pts[n - 1].cpu;

	for (size_t i = 0; i < n; i++) {
		if (!pts[i].ok)
			continue;
		int col = x0 + x_of(pts[i].cpu, from, to, pw);
		int rmax = value_row(pts[i].max_capacity, vmax, rows);
		int rmin = value_row(pts[i].min_capacity, vmax, rows);
		/* Different values never share a row: that would read as "both". */
		if (rmin == rmax && pts[i].min_capacity != pts[i].max_capacity) {
			if (rmax > 0)
				rmax--;
			else
				rmin++;
		}
		for (int r = rmax + 1; r < rmin; r++)
			put(g, top + r, col, gl->range, CHART_C_RANGE);
		if (rmin == rmax) {
			put(g, top + rmin, col, gl->both, CHART_C_BOTH);
		} else {
			put(g, top + rmax, col, gl->max, CHART_C_MAX);
			put(g, top + rmin, col, gl->min, CHART_C_MIN);
		}
	}
}

/* Sets one braille dot (x in 0..2*pw-1, y in 0..4*rows-1). */
static void dot(struct grid *g, int top, int rows, int x0, int pw, int x, int y)
{
	static const uint8_t bits[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 }
	};

	if (x < 0 || x >= 2 * pw || y < 0 || y >= 4 * rows)
		return;
	int row = top + y / 4, col = x0 + x / 2;
	uint32_t cur = g->cp[row * g->w + col];
	if (cur < 0x2800 || cur > 0x28FF)
		cur = 0x2800;
	put(g, row, col, cur | bits[y % 4][x % 2], CHART_C_IPI);
}

static void braille_line(struct grid *g, int top, int rows, int x0, int pw, int xa, int ya, int xb,
			 int yb)
{
	int dx = abs(xb - xa), dy = -abs(yb - ya);
	int sx = xa < xb ? 1 : -1, sy = ya < yb ? 1 : -1, e = dx + dy;

	for (;;) {
		dot(g, top, rows, x0, pw, xa, ya);
		if (xa == xb && ya == yb)
			break;
		int e2 = 2 * e;
		if (e2 >= dy) {
			e += dy;
			xa += sx;
		}
		if (e2 <= dx) {
			e += dx;
			ya += sy;
		}
	}
}

static void ipi_panel(struct grid *g, const struct glyphs *gl, enum chart_style style,
		      const struct chart_point *pts, size_t n, int top, int rows, int x0, int pw,
		      long long vmax)
{
	int from = pts[0].cpu, to = pts[n - 1].cpu;
	bool have_prev = false;
	int px = 0, py = 0;

	for (size_t i = 0; i < n; i++) {
		if (!pts[i].ok) {
			have_prev = false; /* a failed point breaks the line */
			continue;
		}
		long long v = pts[i].invocations_per_instance;
		if (style == CHART_ASCII) {
			put(g, top + value_row(v, vmax, rows), x0 + x_of(pts[i].cpu, from, to, pw),
			    gl->ipi, CHART_C_IPI);
			continue;
		}
		int x = x_of(pts[i].cpu, from, to, 2 * pw), y = value_row(v, vmax, 4 * rows);
		if (have_prev)
			braille_line(g, top, rows, x0, pw, px, py, x, y);
		else
			dot(g, top, rows, x0, pw, x, y);
		px = x;
		py = y;
		have_prev = true;
	}
}

/* The x axis with ticks, failed points marked on it, and CPU labels below. */
static void x_axis(struct grid *g, const struct glyphs *gl, const struct chart_point *pts, size_t n,
		   int row, int lw, int x0, int pw)
{
	int from = pts[0].cpu, to = pts[n - 1].cpu;
	char *used = xcalloc((size_t)g->w + 1, 1);

	put(g, row, lw + 1, gl->corner, CHART_C_AXIS);
	for (int c = 0; c < pw; c++)
		put(g, row, x0 + c, gl->hbar, CHART_C_AXIS);
	/* Labels: the ends first, then multiples of 10, then of 5, each
	 * where it fits with a blank on either side. */
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < n; i++) {
			int cpu = pts[i].cpu;
			bool end = i == 0 || i == n - 1;
			if ((pass == 0 && !end) || (pass == 1 && (end || cpu % 10 != 0)) ||
			    (pass == 2 && (end || cpu % 10 == 0 || cpu % 5 != 0)))
				continue;
			char num[16];
			int len = snprintf(num, sizeof(num), "%d", cpu);
			int col = x0 + x_of(cpu, from, to, pw);
			int start = col - (len - 1) / 2;
			if (start + len > g->w)
				start = g->w - len;
			if (start < x0)
				start = x0;
			bool free_ = true;
			for (int c = start - 1; c <= start + len; c++)
				if (c >= 0 && c < g->w && used[c])
					free_ = false;
			if (!free_)
				continue;
			memset(used + start, 1, (size_t)len);
			put_text(g, row + 1, start, num, CHART_C_TEXT);
			put(g, row, col, gl->xtick, CHART_C_AXIS);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!pts[i].ok)
			put(g, row, x0 + x_of(pts[i].cpu, from, to, pw), gl->fail, CHART_C_FAIL);
	free(used);
}

static void grid_to_chart(const struct grid *g, struct chart *out)
{
	out->n = (size_t)g->h;
	out->lines = xcalloc(out->n, sizeof(*out->lines));
	for (int r = 0; r < g->h; r++) {
		int last = g->w - 1;
		while (last >= 0 && g->cp[r * g->w + last] == ' ')
			last--;
		struct buf t = BUF_INIT, c = BUF_INIT;
		for (int col = 0; col <= last; col++) {
			uint32_t cp = g->cp[r * g->w + col];
			utf8_buf_put(&t, cp);
			buf_putc(&c, g->cls[r * g->w + col]);
		}
		out->lines[r].text = buf_steal(&t);
		out->lines[r].cls = buf_steal(&c);
	}
}

int chart_render(const struct chart_point *pts, size_t n, int width, int height,
		 enum chart_style style, struct chart *out)
{
	return chart_render_panels(pts, n, width, height, style, CHART_PANELS_BOTH, out);
}

/* The largest capacity and IPI of the answered points (1 at least), and
 * whether any point failed. */
static bool extents(const struct chart_point *pts, size_t n, long long *cmax, long long *imax)
{
	bool failed = false;

	*cmax = *imax = 1;
	for (size_t i = 0; i < n; i++) {
		if (!pts[i].ok) {
			failed = true;
			continue;
		}
		if (pts[i].max_capacity > *cmax)
			*cmax = pts[i].max_capacity;
		if (pts[i].min_capacity > *cmax)
			*cmax = pts[i].min_capacity;
		if (pts[i].invocations_per_instance > *imax)
			*imax = pts[i].invocations_per_instance;
	}
	return failed;
}

int chart_render_panels(const struct chart_point *pts, size_t n, int width, int height,
			enum chart_style style, enum chart_panels panels, struct chart *out)
{
	const struct glyphs *gl = style == CHART_ASCII ? &glyphs_ascii : &glyphs_unicode;
	long long cmax, imax;

	memset(out, 0, sizeof(*out));
	if (n == 0 || width < CHART_MIN_WIDTH || height < CHART_MIN_HEIGHT)
		return -1;
	bool failed = extents(pts, n, &cmax, &imax);
	/* Rows: a legend above each panel, the x axis and its labels below. */
	int crows, irows;
	if (panels == CHART_PANELS_CAPACITY) {
		crows = height - 3;
		irows = 0;
	} else if (panels == CHART_PANELS_IPI) {
		crows = 0;
		irows = height - 3;
	} else {
		crows = (height - 4) / 2;
		irows = height - 4 - crows;
	}
	struct axis cax = axis_for(cmax, crows > 1 ? crows : 2);
	struct axis iax = axis_for(imax, irows > 1 ? irows : 2);
	long long widest = crows == 0          ? iax.top
			   : irows == 0        ? cax.top
			   : cax.top > iax.top ? cax.top
					       : iax.top;
	char num[32];
	int lw = snprintf(num, sizeof(num), "%lld", widest);
	int x0 = lw + 2, pw = width - x0;

	struct grid g = { width, height, xmalloc((size_t)width * height * sizeof(uint32_t)),
			  xmalloc((size_t)width * height) };
	for (int i = 0; i < width * height; i++) {
		g.cp[i] = ' ';
		g.cls[i] = CHART_C_BLANK;
	}
	/* Legends: series names are the API's own and stay untranslated. */
	if (crows > 0) {
		int col = put_item(&g, 0, 0, gl->min, CHART_C_MIN, "MinCapacity");
		col = put_item(&g, 0, col, gl->max, CHART_C_MAX, "MaxCapacity");
		col = put_item(&g, 0, col, gl->both, CHART_C_BOTH, _("both"));
		col = put_text(&g, 0, col + 2,
			       irows > 0 ? _("(instances)") : _("(instances) vs CPU target (%)"),
			       CHART_C_TEXT);
		if (failed)
			put_item(&g, 0, col, gl->fail, CHART_C_FAIL, _("failed"));
		y_axis(&g, gl, 1, crows, lw, cax);
		capacity_panel(&g, gl, pts, n, 1, crows, x0, pw, cax.top);
	}
	if (irows > 0) {
		int top = crows > 0 ? crows + 1 : 0;
		int col = put_item(&g, top, 0, gl->ipi, CHART_C_IPI, "InvocationsPerInstance");
		col = put_text(&g, top, col + 2, _("(per minute) vs CPU target (%)"), CHART_C_TEXT);
		if (failed && crows == 0)
			put_item(&g, top, col, gl->fail, CHART_C_FAIL, _("failed"));
		y_axis(&g, gl, top + 1, irows, lw, iax);
		ipi_panel(&g, gl, style, pts, n, top + 1, irows, x0, pw, iax.top);
	}
	x_axis(&g, gl, pts, n, height - 2, lw, x0, pw);

	grid_to_chart(&g, out);
	free(g.cp);
	free(g.cls);
	return 0;
}

void chart_free(struct chart *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->lines[i].text);
		free(c->lines[i].cls);
	}
	free(c->lines);
	memset(c, 0, sizeof(*c));
}
