/* Dialogs of the core: `?` help listing every key (global, form, each
 * view's), and the "quit while a request runs?" question. */
#include "config.h"
#include "tui/tui-int.h"
#include "tui/widget-input.h"
#include "tui/views.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "tui/text.h"

#include <stdlib.h>
#include <string.h>

struct help_line {
	char *keys; /* NULL: a heading */
	const char *text;
};

struct help_dialog {
	struct tui_view base;
	struct help_line *lines;
	size_t n, cap, top;
};

static void add(struct help_dialog *h, const char *keys, const char *text)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->lines = xrealloc(h->lines, h->cap * sizeof(*h->lines));
	}
	h->lines[h->n].keys = keys != NULL ? xstrdup(keys) : NULL;
	h->lines[h->n].text = text;
	h->n++;
}

static void add_line(void *ctx, const char *keys, const char *text)
{
	add(ctx, keys, text);
}

static void heading(struct help_dialog *h, const char *text)
{
	if (h->n > 0)
		add(h, NULL, "");
	add(h, NULL, text);
}

/* The lines of one table whose flags & mask are want, under a heading
 * (none when there are no lines). */
static void add_table(struct help_dialog *h, const char *title, const struct tui_bind *tab,
		      unsigned mask, unsigned want)
{
	size_t at = h->n, head;

	heading(h, title);
	head = h->n;
	keymap_help_lines(tab, tui_read_only(h->base.tui), mask, want, add_line, h);
	if (h->n == head) { /* only the heading: none */
		while (h->n > at)
			free(h->lines[--h->n].keys);
	}
}

/* A view's or dialog's keys: its own table and its widget's. */
static void add_ops(struct help_dialog *h, const struct tui_view_ops *o)
{
	size_t at = h->n;

	add_table(h, _(o->name), o->bindings, 0, 0);
	if (o->keys != NULL && o->keys->keys != NULL) { /* a table not yet made bindings */
		if (h->n == at)
			heading(h, _(o->name));
		for (const struct tui_key *k = o->keys; k->keys != NULL; k++)
			add(h, _(k->keys), _(k->help));
	}
	if (o->widget == NULL)
		return;
	if (h->n == at)
		add_table(h, _(o->name), o->widget, 0, 0);
	else
		keymap_help_lines(o->widget, tui_read_only(h->base.tui), 0, 0, add_line, h);
}

static void add_global(struct help_dialog *h)
{
	add_table(h, _("Everywhere"), tui_global_keys, TB_FORM, TB_FORM);
	add_table(h, _("In the view area (not while typing in the form)"), tui_global_keys, TB_FORM,
		  0);
}

static void add_form(struct help_dialog *h)
{
	add_table(h, _("In the form"), form_bindings, 0, 0);
	add_table(h, _("In prompts and dialog fields"), input_bindings, 0, 0);
}

/* Where the keys go now comes first: the dialog's keys (`?` inside one),
 * the form's, or the current view's; then the keys of everywhere and of
 * the other places. */
static void help_init(struct tui_view *v)
{
	struct help_dialog *h = (struct help_dialog *)v;
	struct tui *t = v->tui;
	size_t first = t->nviews;

	if (t->under != NULL) {
		add_ops(h, t->under->ops);
		add_table(h, _("In every dialog"), tui_dialog_keys, 0, 0);
	} else if (t->focus == FOCUS_FORM) {
		add_form(h);
	} else if (t->cur < t->nviews) {
		first = t->cur;
		add_ops(h, t->views[first]->ops);
	}
	add_global(h);
	if (t->focus != FOCUS_FORM || t->under != NULL)
		add_form(h);
	for (size_t i = 0; i < t->nviews; i++)
		if (i != first)
			add_ops(h, t->views[i]->ops);
}

static void help_done(struct tui_view *v)
{
	struct help_dialog *h = (struct help_dialog *)v;

	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i].keys);
	free(h->lines);
}

#define KEY_COLS 17 /* the key column (then a blank, then the text) */

/* A line's keys and text are both wrapped at blanks, never cut ("Home /
 * End / Ctrl-A / Ctrl-E" takes two rows of the key column): rows count
 * the screen rows after wrapping. */
static size_t line_rows(const struct help_line *l, int width)
{
	size_t t, k;

	if (l->keys == NULL)
		return 1;
	t = (size_t)tui_wrapped_rows(width, l->text);
	k = (size_t)tui_wrapped_rows(KEY_COLS, l->keys);
	return t > k ? t : k;
}

static size_t total_rows(const struct help_dialog *h, int width)
{
	size_t n = 0;

	for (size_t i = 0; i < h->n; i++)
		n += line_rows(&h->lines[i], width);
	return n;
}

/* The next piece of s that fits width columns (s moves past it), or NULL
 * once s is used up; caller frees. */
static char *next_piece(const char **s, int width)
{
	size_t next = 0, len;
	char *piece;

	if (**s == '\0')
		return NULL;
	len = text_wrap(*s, width > 0 ? (size_t)width : 1, &next);
	piece = xstrndup(*s, len);
	*s += next > 0 ? next : strlen(*s);
	return piece;
}

/* One help line from screen row *row on (rows above h->top are skipped). */
static void draw_line(struct help_dialog *h, WINDOW *w, const struct help_line *l, int tw,
		      size_t *row, int *y)
{
	struct tui_view *v = &h->base;
	const char *keys = l->keys, *text = l->text;
	size_t n = line_rows(l, tw);

	for (size_t i = 0; i < n && *y < v->rows; i++) {
		char *k = next_piece(&keys, KEY_COLS), *t = next_piece(&text, tw);

		if ((*row)++ >= h->top) {
			wattrset(w, tui_attr(v->tui, TUI_KEY));
			if (k != NULL)
				tui_draw_text(w, *y, 1, KEY_COLS, 0, k);
			wattrset(w, A_NORMAL);
			if (t != NULL)
				tui_draw_text(w, *y, 19, tw, 0, t);
			(*y)++;
		}
		free(k);
		free(t);
	}
}

static void help_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct help_dialog *h = (struct help_dialog *)v;
	int tw = v->cols - 19, y = 0;
	size_t row = 0, total = total_rows(h, tw);

	/* After a resize the wrapped text may be shorter: no empty page. */
	if (v->rows > 0 && h->top + (size_t)v->rows > total)
		h->top = total > (size_t)v->rows ? total - (size_t)v->rows : 0;
	werase(w);
	for (size_t i = 0; i < h->n && y < v->rows; i++) {
		const struct help_line *l = &h->lines[i];

		if (l->keys != NULL) {
			draw_line(h, w, l, tw, &row, &y);
		} else if (row++ >= h->top) {
			wattrset(w, A_BOLD);
			tui_draw_text(w, y++, 0, v->cols, 0, l->text);
		}
	}
	/* More above or below: an arrow at the right edge (Space pages). */
	wattrset(w, A_BOLD);
	if (h->top > 0)
		tui_draw_text(w, 0, v->cols - 1, 1, 0, tui_ascii(v->tui) ? "^" : "\u2191");
	if (h->top + (size_t)v->rows < total)
		tui_draw_text(w, v->rows - 1, v->cols - 1, 1, 0,
			      tui_ascii(v->tui) ? "v" : "\u2193");
	wattrset(w, A_NORMAL);
	(void)focused;
}

enum help_move { HM_DOWN, HM_UP, HM_PAGE_DOWN, HM_PAGE_UP, HM_HOME, HM_END };

static unsigned help_move(struct tui *t, struct tui_view *v, long how)
{
	struct help_dialog *h = (struct help_dialog *)v;
	size_t page = v->rows > 0 ? (size_t)v->rows : 1;
	size_t total = total_rows(h, v->cols - 19);
	size_t maxtop = total > page ? total - page : 0;

	switch (how) {
	case HM_DOWN:
		if (h->top < maxtop)
			h->top++;
		break;
	case HM_UP:
		if (h->top > 0)
			h->top--;
		break;
	case HM_PAGE_DOWN: h->top = h->top + page < maxtop ? h->top + page : maxtop; break;
	case HM_PAGE_UP: h->top = h->top > page ? h->top - page : 0; break;
	case HM_HOME: h->top = 0; break;
	case HM_END: h->top = maxtop; break;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned help_close(struct tui *t, struct tui_view *v, long arg)
{
	return TUI_CLOSE;
}

/* Every other key is swallowed (help_key): the help is read, not typed in. */
static unsigned help_key(struct tui_view *v, int key, bool func)
{
	return keymap_find(v->ops->bindings, key, func, v->tui, v) != NULL ? TUI_IGNORED
									   : TUI_HANDLED;
}

static const struct tui_bind help_bindings[] = {
	{ KEY_DOWN, TB_FUNC, help_move, HM_DOWN, N_("scroll the help down / up"), N_("scroll") },
	{ KEY_UP, TB_FUNC | TB_ALSO, help_move, HM_UP },
	{ 'j', TB_ALSO, help_move, HM_DOWN },
	{ 'k', TB_ALSO, help_move, HM_UP },
	{ ' ', 0, help_move, HM_PAGE_DOWN, N_("a page down / up") },
	{ KEY_NPAGE, TB_FUNC | TB_ALSO, help_move, HM_PAGE_DOWN },
	{ KEY_PPAGE, TB_FUNC | TB_ALSO, help_move, HM_PAGE_UP },
	{ 'g', 0, help_move, HM_HOME, N_("the top / the end") },
	{ 'G', TB_ALSO, help_move, HM_END },
	{ KEY_HOME, TB_FUNC | TB_ALSO, help_move, HM_HOME },
	{ KEY_END, TB_FUNC | TB_ALSO, help_move, HM_END },
	{ 'q', TB_KEEP, help_close, 0, N_("close the help"), N_("close") },
	{ 27, TB_ALSO, help_close, 0 },
	{ '?', TB_ALSO, help_close, 0 },
	{ KEY_F(1), TB_FUNC | TB_ALSO, help_close, 0 },
	{ '\r', TB_ALSO, help_close, 0 },
	{ '\n', TB_ALSO, help_close, 0 },
	{ 0 }
};

const struct tui_view_ops tui_help_dialog = {
	.name = N_("Keys (q closes)"),
	.size = sizeof(struct help_dialog),
	.init = help_init,
	.done = help_done,
	.draw = help_draw,
	.key = help_key,
	.bindings = help_bindings,
	.modal_rows = 0,
	.modal_cols = 76,
};

static void confirm_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	werase(w);
	tui_draw_text(w, 0, 1, v->cols - 2, 0, _("A request is still running."));
	tui_draw_text(w, 1, 1, v->cols - 2, 0, _("Quit anyway? (y/n)"));
	(void)focused;
}

static unsigned confirm_key(struct tui_view *v, int key, bool func)
{
	if (!func && (key == 'y' || key == 'Y')) {
		v->tui->quit = true;
		return TUI_CLOSE;
	}
	if (!func && (key == 'n' || key == 'N' || key == 27 || key == 'q'))
		return TUI_CLOSE;
	return TUI_HANDLED;
}

const struct tui_view_ops tui_confirm_quit_dialog = {
	.name = N_("Quit"),
	.size = sizeof(struct tui_view),
	.draw = confirm_draw,
	.key = confirm_key,
	.modal_rows = 4,
	.modal_cols = 40,
};
