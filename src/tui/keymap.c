/* Key bindings as data (see keymap.h): lookup, key names, help lines,
 * status-bar hints and the dump of every table. */
#include "config.h"
#include "tui/keymap.h"
#include "tui/text.h"
#include "tui/tui-int.h"
#include "tui/widget-input.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

const struct tui_bind *keymap_find(const struct tui_bind *tab, int key, bool func, struct tui *t,
				   struct tui_view *v)
{
	for (const struct tui_bind *b = tab; b != NULL && b->key != 0; b++) {
		if (b->key != key || ((b->flags & TB_FUNC) != 0) != func || (b->flags & TB_SIGNAL))
			continue;
		if (b->when == NULL || (b->flags & TB_HINT_WHEN) || b->when(t, v))
			return b;
	}
	return NULL;
}

unsigned keymap_run(const struct tui_bind *b, struct tui *t, struct tui_view *v)
{
	return b->fn(t, v, b->arg);
}

/* The names of the keys that have one: English here, translated when shown. */
static const struct {
	int key;
	bool func;
	const char *name;
} names[] = {
	{ KEY_UP, true, N_("Up") },
	{ KEY_DOWN, true, N_("Down") },
	{ KEY_LEFT, true, N_("Left") },
	{ KEY_RIGHT, true, N_("Right") },
	{ KEY_PPAGE, true, N_("PgUp") },
	{ KEY_NPAGE, true, N_("PgDn") },
	{ KEY_HOME, true, N_("Home") },
	{ KEY_END, true, N_("End") },
	{ KEY_BACKSPACE, true, N_("Backspace") },
	{ KEY_DC, true, N_("Del") },
	{ KEY_BTAB, true, N_("Shift-Tab") },
	{ KEY_SLEFT, true, N_("Shift-Left") },
	{ KEY_SRIGHT, true, N_("Shift-Right") },
	{ '\r', false, N_("Enter") },
	{ '\n', false, N_("Enter") },
	{ '\t', false, N_("Tab") },
	{ 27, false, N_("Esc") },
	{ ' ', false, N_("Space") },
	{ 127, false, N_("Backspace") },
	{ 8, false, N_("Backspace") },
	{ KEY_ENTER, true, N_("Enter") }, /* after '\r': a key file's Enter is '\r' */
};

const char *keymap_key_name(int key, bool func, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (names[i].key == key && names[i].func == func) {
			snprintf(buf, size, "%s", _(names[i].name));
			return buf;
		}
	if (func && key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F(0));
	else if (func && (key & ~0xff) == TUI_KEY_ALT(0))
		snprintf(buf, size, _("Alt-%c"), (char)(key & 0xdf));
	else if (!func && key > 0 && key < 0x20)
		snprintf(buf, size, _("Ctrl-%c"), (char)(key + '@'));
	else if (!func && key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", (char)key);
	else
		snprintf(buf, size, "#%d", key);
	return buf;
}

int keymap_parse_name(const char *name, int *key, bool *func)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i].name) == 0) {
			*key = names[i].key;
			*func = names[i].func;
			return 0;
		}
	*func = false;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		*key = KEY_F(atoi(name + 1));
		*func = true;
	} else if (strncmp(name, "Ctrl-", 5) == 0 && name[5] != '\0' && name[6] == '\0') {
		*key = (name[5] & 0x1f);
	} else if (strncmp(name, "Alt-", 4) == 0 && name[4] != '\0' && name[5] == '\0') {
		*key = TUI_KEY_ALT(name[4] | 0x20);
		*func = true;
	} else if (name[0] != '\0' && name[1] == '\0') {
		*key = (unsigned char)name[0];
	} else {
		return -1;
	}
	return 0;
}

/* A run of three or more consecutive characters ("1 2 3 4 5 6") is shown
 * as its ends: the length of the run that starts at b. */
static size_t run_length(const struct tui_bind *b)
{
	size_t n = 1;

	if (b->flags & TB_FUNC || b->key <= ' ' || b->key >= 0x7f)
		return 1;
	while (b[n].key != 0 && (b[n].flags & TB_ALSO) && !(b[n].flags & TB_FUNC) &&
	       b[n].key == b->key + (int)n)
		n++;
	return n >= 3 ? n : 1;
}

/* A key that does what an earlier one of its line does (Down as Tab,
 * = as +): the hint names only the first. */
static bool repeats(const struct tui_bind *line, const struct tui_bind *k)
{
	for (const struct tui_bind *p = line; p < k; p++)
		if (p->fn == k->fn && p->arg == k->arg)
			return true;
	return false;
}

void keymap_line_keys(const struct tui_bind *b, bool hint, struct buf *out)
{
	const char *sep = hint ? "/" : " / ";
	char name[32], last[32] = "", end[32];
	bool first = true;

	for (const struct tui_bind *k = b; k->key != 0 && (k == b || (k->flags & TB_ALSO));) {
		size_t run = run_length(k);

		if (hint && repeats(b, k)) {
			k++;
			continue;
		}
		keymap_key_name(k->key, (k->flags & TB_FUNC) != 0, name, sizeof(name));
		if (strcmp(name, last) != 0) { /* '\r' and '\n' are both Enter */
			buf_printf(out, "%s%s", first ? "" : sep, name);
			first = false;
		}
		snprintf(last, sizeof(last), "%s", name);
		if (run > 1) {
			keymap_key_name(k[run - 1].key, false, end, sizeof(end));
			buf_printf(out, hint ? "-%s" : " ... %s", end);
		}
		k += run;
	}
}

void keymap_help_lines(const struct tui_bind *tab, bool read_only, unsigned mask, unsigned want,
		       keymap_line_fn fn, void *ctx)
{
	struct buf keys = BUF_INIT;

	for (const struct tui_bind *b = tab; b != NULL && b->key != 0; b++) {
		bool hidden = read_only && (b->flags & TB_WRITES);

		if (b->help == NULL || (b->flags & TB_ALSO) || hidden || (b->flags & mask) != want)
			continue;
		buf_reset(&keys);
		keymap_line_keys(b, false, &keys);
		fn(ctx, buf_str(&keys), _(b->help));
	}
	buf_free(&keys);
}

/* --- the status bar ------------------------------------------------------ */

struct hint {
	char *text;
	int rank;  /* dropped lowest first, the later ones first */
	int order; /* where it is drawn */
};

static bool hint_shows(const struct tui_bind *b, bool global, const struct keymap_state *s)
{
	unsigned f = b->flags;

	if (b->hint == NULL || (f & TB_ALSO) || (global && s->in_form && !(f & TB_FORM)))
		return false;
	if (((f & TB_BUSY) && !s->busy) || ((f & TB_FKEYS) && !s->fkeys) ||
	    ((f & TB_NOFKEYS) && s->fkeys) || ((f & TB_WRITES) && s->read_only) ||
	    ((f & TB_IN_FORM) && !s->in_form) || ((f & TB_IN_VIEW) && s->in_form))
		return false;
	return b->when == NULL || (s->v != NULL && b->when(s->t, s->v));
}

static int hint_rank(unsigned flags, size_t table, size_t ntables)
{
	if (flags & TB_KEEP)
		return 1000;
	if (flags & TB_MINOR)
		return 0;
	if (flags & TB_FIRST)
		return 500;
	return 100 + (int)(ntables - table) * 10; /* the first tables' are kept longest */
}

static int hint_order(unsigned flags)
{
	return flags & TB_FIRST ? 0 : flags & TB_KEEP ? 2 : 1;
}

static int by_order(const void *a, const void *b)
{
	const struct hint *x = a, *y = b;

	return x->order != y->order ? x->order - y->order : 0;
}

static size_t width_of(const struct hint *h, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		w += text_width(h[i].text) + (i > 0 ? 2 : 0);
	return w;
}

/* The hint that goes first when the bar is full: the lowest rank, the
 * last of them. */
static size_t to_drop(const struct hint *h, size_t n)
{
	size_t d = n;

	for (size_t i = 0; i < n; i++)
		if (h[i].rank < 1000 && (d == n || h[i].rank <= h[d].rank))
			d = i;
	return d;
}

static size_t collect(const struct tui_bind *const *tabs, const struct keymap_state *s,
		      struct hint **out)
{
	size_t n = 0, cap = 0, ntables = 0;
	struct buf b = BUF_INIT;

	while (tabs[ntables] != NULL)
		ntables++;
	for (size_t i = 0; i < ntables; i++)
		for (const struct tui_bind *k = tabs[i]; k->key != 0; k++) {
			if (!hint_shows(k, tabs[i] == tui_global_keys, s))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				*out = xrealloc(*out, cap * sizeof(**out));
			}
			buf_reset(&b);
			keymap_line_keys(k, true, &b);
			buf_printf(&b, " %s", _(k->hint));
			(*out)[n].text = xstrdup(buf_str(&b));
			(*out)[n].rank = hint_rank(k->flags, i, ntables);
			(*out)[n].order = hint_order(k->flags) * 1000 + (int)n;
			n++;
		}
	buf_free(&b);
	return n;
}

char *keymap_hints(const struct tui_bind *const *tabs, const struct keymap_state *s, int width)
{
	struct hint *h = NULL;
	size_t n = collect(tabs, s, &h), d;
	struct buf out = BUF_INIT;

	qsort(h, n, sizeof(*h), by_order);
	while (n > 0 && width_of(h, n) > (size_t)(width > 0 ? width : 0) &&
	       (d = to_drop(h, n)) < n) {
		free(h[d].text);
		memmove(&h[d], &h[d + 1], (n - d - 1) * sizeof(*h));
		n--;
	}
	for (size_t i = 0; i < n; i++) {
		buf_printf(&out, "%s%s", i > 0 ? "  " : "", h[i].text);
		free(h[i].text);
	}
	free(h);
	return buf_steal(&out);
}

/* --- --dump-keys --------------------------------------------------------- */

/* One line per help line; a binding with neither help nor a line above
 * to share is printed with an empty help, for the tests to find. */
static void dump_table(FILE *out, const char *name, const struct tui_bind *tab)
{
	struct buf k = BUF_INIT, hk = BUF_INIT;

	for (const struct tui_bind *b = tab; b != NULL && b->key != 0; b++) {
		if (b->flags & TB_ALSO)
			continue;
		buf_reset(&k);
		buf_reset(&hk);
		keymap_line_keys(b, false, &k);
		if (b->hint != NULL)
			keymap_line_keys(b, true, &hk);
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\n", name, buf_str(&k), buf_str(&hk),
			b->hint != NULL ? _(b->hint) : "", b->help != NULL ? _(b->help) : "",
			b->flags & TB_WRITES ? "writes" : "");
	}
	buf_free(&k);
	buf_free(&hk);
}

void tui_dump_keys(FILE *out)
{
	for (const struct keymap_table *t = tui_keymap_tables; t->name != NULL || t->ops; t++) {
		if (t->ops != NULL) {
			dump_table(out, _(t->ops->name), t->ops->bindings);
			dump_table(out, _(t->ops->name), t->ops->widget);
		} else {
			dump_table(out, _(t->name), t->bindings);
		}
	}
}
