/* The Compare view: two runs side by side, field by field; every changed
 * value is marked twice, by colour and by a "*" in the first column, so the
 * difference shows on a monochrome terminal too. */
#include "config.h"
#include "tui/text.h"
#include "tui/whatif.h"
#include "whatif/compare.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct compare_view {
	struct tui_view base;
	bool have;
	struct whatif_run a, b;
	struct compare cmp;
	size_t top;
};

static void compare_clear(struct compare_view *c)
{
	if (!c->have)
		return;
	whatif_run_free(&c->a);
	whatif_run_free(&c->b);
	compare_free(&c->cmp);
	c->have = false;
}

static void compare_done(struct tui_view *v)
{
	compare_clear((struct compare_view *)v);
}

/* Lines a value takes wrapped between words at width columns; with line
 * k not NULL, line k's text (malloc'd, NULL past the end). */
static size_t wrap_value(const char *s, int width, size_t k, char **line)
{
	size_t n = 0, next;

	if (line != NULL)
		*line = NULL;
	if (width < 1)
		width = 1;
	do {
		size_t len = text_wrap(s, (size_t)width, &next);

		if (line != NULL && n == k) {
			*line = xstrndup(s, len);
			return n + 1;
		}
		n++;
		s += next;
	} while (*s != '\0' && next > 0);
	return n;
}

/* Lines a row takes when values wrap at width columns. */
static size_t row_lines(const struct compare_row *r, int width)
{
	size_t nl = wrap_value(r->left, width, 0, NULL), nr = wrap_value(r->right, width, 0, NULL);

	return nl > nr ? nl : nr;
}

/* Line k of a value ("-" for an empty one), if it has that many. */
static void draw_value_line(WINDOW *w, int y, int x, int width, const char *s, size_t k)
{
	char *line;

	if (*s == '\0') {
		if (k == 0)
			whatif_draw(w, y, x, width, "-");
		return;
	}
	wrap_value(s, width, k, &line);
	if (line != NULL)
		whatif_draw(w, y, x, width, line);
	free(line);
}

static char *heading(const struct whatif_run *r)
{
	time_t t = (time_t)r->time;
	struct tm tm;
	char s[32];

	localtime_r(&t, &tm);
	strftime(s, sizeof(s), "%H:%M:%S", &tm);
	return xasprintf(_("Run #%lld (%s)"), r->id, s);
}

static void compare_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct compare_view *c = (struct compare_view *)v;
	/* The labels' width, then two blanks at least between columns so that
	 * values never touch. */
	int label_w = 12;
	for (size_t i = 0; c->have && i < c->cmp.n; i++)
		if ((int)strlen(c->cmp.rows[i].label) + 2 > label_w)
			label_w = (int)strlen(c->cmp.rows[i].label) + 2;
	if (label_w > v->cols * 2 / 5)
		label_w = v->cols * 2 / 5;
	int val_w = (v->cols - 2 - label_w - 2) / 2, right = 2 + label_w + val_w + 2;

	werase(w);
	if (!c->have) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		whatif_draw(
			w, 0, 1, v->cols - 2,
			_("Nothing to compare: in History, mark two runs with Space and press d."));
		wattrset(w, A_NORMAL);
		return;
	}
	char *ha = heading(&c->a), *hb = heading(&c->b);
	char *count = xasprintf(P_("%zu field differs", "%zu fields differ", c->cmp.nchanged),
				c->cmp.nchanged);
	wattrset(w, A_BOLD);
	whatif_draw(w, 0, 2, label_w - 1, count);
	whatif_draw(w, 0, 2 + label_w, val_w, ha);
	whatif_draw(w, 0, right, val_w, hb);
	wattrset(w, A_NORMAL);
	free(ha), free(hb), free(count);
	/* Long values (the policies) wrap between words onto more lines
	 * rather than being cut: a difference past the edge must still be
	 * visible, and a word cut in two reads as two. */
	size_t nlines = 0;
	for (size_t i = 0; i < c->cmp.n; i++)
		nlines += row_lines(&c->cmp.rows[i], val_w);
	int rows = v->rows - 1;
	if (c->top + (size_t)rows > nlines)
		c->top = nlines > (size_t)rows ? nlines - (size_t)rows : 0;
	size_t line = 0;
	int y = 0;
	for (size_t i = 0; i < c->cmp.n && y < rows; i++) {
		const struct compare_row *r = &c->cmp.rows[i];
		size_t k, n = row_lines(r, val_w);
		attr_t a = r->changed ? tui_attr(v->tui, TUI_KEY) : A_NORMAL;
		for (k = 0; k < n && y < rows; k++, line++) {
			if (line < c->top)
				continue;
			wattrset(w, a);
			if (k == 0) {
				whatif_draw(w, y + 1, 0, 2, r->changed ? COMPARE_MARK : " ");
				whatif_draw(w, y + 1, 2, label_w - 1, r->label);
			}
			draw_value_line(w, y + 1, 2 + label_w, val_w, r->left, k);
			draw_value_line(w, y + 1, right, val_w, r->right, k);
			wattrset(w, A_NORMAL);
			y++;
		}
	}
}

static unsigned compare_key(struct tui_view *v, int key, bool func)
{
	struct compare_view *c = (struct compare_view *)v;

	if ((func && key == KEY_UP) || (!func && key == 'k')) {
		if (c->top > 0)
			c->top--;
	} else if ((func && key == KEY_DOWN) || (!func && key == 'j')) {
		c->top++; /* clamped when drawn */
	} else if (!func && key == 's' && c->have) {
		struct whatif_run x = c->a; /* swap sides */
		c->a = c->b;
		c->b = x;
		compare_free(&c->cmp);
		compare_runs(&c->a, &c->b, &c->cmp);
	} else {
		return TUI_IGNORED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

void compare_view_show(struct tui *t, const struct whatif_run *a, const struct whatif_run *b)
{
	struct compare_view *c = (struct compare_view *)tui_find_view(t, &tui_view_compare);

	if (!c)
		return;
	compare_clear(c);
	whatif_run_copy(&c->a, a);
	whatif_run_copy(&c->b, b);
	compare_runs(&c->a, &c->b, &c->cmp);
	c->have = true;
	c->top = 0;
	tui_show_view(t, &tui_view_compare, true);
}

static const struct tui_key compare_keys[] = { { N_("j k / Up Down"), N_("scroll") },
					       { N_("s"), N_("swap the two sides") },
					       { N_("*"),
						 N_("(in the first column) this value differs") },
					       { NULL, NULL } };

const struct tui_view_ops tui_view_compare = {
	.name = N_("Compare"),
	.size = sizeof(struct compare_view),
	.done = compare_done,
	.draw = compare_draw,
	.key = compare_key,
	.keys = compare_keys,
	.hint = N_("s swap  Tab form  1-6 views  ? help  q quit"),
};
