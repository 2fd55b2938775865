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

struct help_line {
	const char *keys;	/* NULL: a heading */
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
	h->lines[h->n].keys = keys;
	h->lines[h->n].text = text;
	h->n++;
}

static void add_table(struct help_dialog *h, const char *heading, const struct tui_key *k)
{
	if (k == NULL || k->keys == NULL)
		return;
	if (h->n > 0)
		add(h, NULL, "");
	add(h, NULL, heading);
	for (; k->keys != NULL; k++)
		add(h, _(k->keys), _(k->help));
}

static void help_init(struct tui_view *v)
{
	struct help_dialog *h = (struct help_dialog *)v;
	struct tui *t = v->tui;

	/* Where the keys go now comes first: the form's keys, or the current
	 * view's; then the keys of everywhere and the other views. */
	size_t first = t->nviews;

	if (t->focus == FOCUS_FORM) {
		add_table(h, _("In the form"), form_keys);
		add_table(h, _("In prompts and dialog fields"), input_keys);
	} else if (t->cur < t->nviews && t->views[t->cur]->ops->keys != NULL) {
		first = t->cur;
		add_table(h, _(t->views[first]->ops->name), t->views[first]->ops->keys);
	}
	if (h->n > 0)
		add(h, NULL, "");
	add(h, NULL, _("Everywhere"));
	for (const struct tui_binding *b = tui_global_keys; b->fn != NULL; b++)
		if (b->in_form && b->name != NULL && !(b->writes && tui_read_only(t)))
			add(h, _(b->name), _(b->help));
	add(h, NULL, "");
	add(h, NULL, _("In the view area (not while typing in the form)"));
	for (const struct tui_binding *b = tui_global_keys; b->fn != NULL; b++)
		if (!b->in_form && b->name != NULL && !(b->writes && tui_read_only(t)))
			add(h, _(b->name), _(b->help));
	if (t->focus != FOCUS_FORM) {
		add_table(h, _("In the form"), form_keys);
		add_table(h, _("In prompts and dialog fields"), input_keys);
	}
	for (size_t i = 0; i < t->nviews; i++)
		if (i != first)
			add_table(h, _(t->views[i]->ops->name), t->views[i]->ops->keys);
}

static void help_done(struct tui_view *v)
{
	free(((struct help_dialog *)v)->lines);
}

/* A key's text is wrapped at the dialog's width, never cut: rows count
 * the screen rows after wrapping. */
static size_t line_rows(const struct help_line *l, int width)
{
	return l->keys == NULL ? 1 : (size_t)tui_wrapped_rows(width, l->text);
}

static size_t total_rows(const struct help_dialog *h, int width)
{
	size_t n = 0;

	for (size_t i = 0; i < h->n; i++)
		n += line_rows(&h->lines[i], width);
	return n;
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
		const char *s = l->text;
		size_t next = 0;

		if (l->keys == NULL) {
			if (row++ >= h->top) {
				wattrset(w, A_BOLD);
				tui_draw_text(w, y++, 0, v->cols, 0, l->text);
			}
			continue;
		}
		for (bool first = true; y < v->rows; first = false) {
			size_t len = text_wrap(s, tw > 0 ? (size_t)tw : 1, &next);

			if (row++ >= h->top) {
				char *piece = xstrndup(s, len);

				if (first) {
					wattrset(w, tui_attr(v->tui, TUI_KEY));
					tui_draw_text(w, y, 1, 17, 0, l->keys);
				}
				wattrset(w, A_NORMAL);
				tui_draw_text(w, y++, 19, tw, 0, piece);
				free(piece);
			}
			s += next;
			if (*s == '\0' || next == 0)
				break;
		}
	}
	/* More above or below: an arrow at the right edge (Space pages). */
	wattrset(w, A_BOLD);
	if (h->top > 0)
		tui_draw_text(w, 0, v->cols - 1, 1, 0, tui_ascii(v->tui) ? "^" : "\u2191");
	if (h->top + (size_t)v->rows < total)
		tui_draw_text(w, v->rows - 1, v->cols - 1, 1, 0, tui_ascii(v->tui) ? "v" : "\u2193");
	wattrset(w, A_NORMAL);
	(void)focused;
}

static unsigned help_key(struct tui_view *v, int key, bool func)
{
	struct help_dialog *h = (struct help_dialog *)v;
	size_t page = v->rows > 0 ? (size_t)v->rows : 1;
	size_t total = total_rows(h, v->cols - 19);
	size_t maxtop = total > page ? total - page : 0;

	if (func) {
		switch (key) {
		case KEY_DOWN: if (h->top < maxtop) h->top++; return TUI_HANDLED | TUI_REDRAW;
		case KEY_UP: if (h->top > 0) h->top--; return TUI_HANDLED | TUI_REDRAW;
		case KEY_NPAGE: h->top = h->top + page < maxtop ? h->top + page : maxtop;
			return TUI_HANDLED | TUI_REDRAW;
		case KEY_PPAGE: h->top = h->top > page ? h->top - page : 0;
			return TUI_HANDLED | TUI_REDRAW;
		case KEY_HOME: h->top = 0; return TUI_HANDLED | TUI_REDRAW;
		case KEY_END: h->top = maxtop; return TUI_HANDLED | TUI_REDRAW;
		case KEY_F(1): return TUI_CLOSE;
		}
		return TUI_HANDLED;
	}
	switch (key) {
	case 'j': if (h->top < maxtop) h->top++; return TUI_HANDLED | TUI_REDRAW;
	case 'k': if (h->top > 0) h->top--; return TUI_HANDLED | TUI_REDRAW;
	case ' ': h->top = h->top + page < maxtop ? h->top + page : maxtop;
		return TUI_HANDLED | TUI_REDRAW;
	case 'g': h->top = 0; return TUI_HANDLED | TUI_REDRAW;
	case 'G': h->top = maxtop; return TUI_HANDLED | TUI_REDRAW;
	case 'q': case 27: case '?': case '\r': case '\n':
		return TUI_CLOSE;
	}
	return TUI_HANDLED;
}

static const struct tui_key help_keys[] = {
	{ N_("j k / Up Down"), N_("scroll the help") },
	{ N_("q / Esc / ?"), N_("close the help") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_help_dialog = {
	.name = N_("Keys (q closes)"),
	.size = sizeof(struct help_dialog),
	.init = help_init,
	.done = help_done,
	.draw = help_draw,
	.key = help_key,
	.keys = help_keys,
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
