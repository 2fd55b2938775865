/* The line editor's model (see lineedit.h). */
#include "config.h"
#include "tui/lineedit.h"
#include "tui/text.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define DEFAULT_MAX 4096

void lineedit_init(struct lineedit *le, size_t maxlen, const char *allowed,
		   struct lineedit_history *hist)
{
	memset(le, 0, sizeof(*le));
	le->maxlen = maxlen ? maxlen : DEFAULT_MAX;
	le->allowed = allowed;
	le->hist = hist;
	le->hist_pos = hist ? hist->n : 0;
	le->cap = 64;
	le->text = xcalloc(1, le->cap);
}

void lineedit_free(struct lineedit *le)
{
	free(le->text);
	free(le->draft);
	memset(le, 0, sizeof(*le));
}

const char *lineedit_text(const struct lineedit *le)
{
	return le->text ? le->text : "";
}

static void reserve(struct lineedit *le, size_t need)
{
	while (le->cap < need + 1) {
		le->cap *= 2;
		le->text = xrealloc(le->text, le->cap);
	}
}

static bool insert(struct lineedit *le, uint32_t ch);

/* Text from elsewhere (a prefilled value, a history line) goes in as if
 * typed: what a person could not type (controls, invalid bytes) is left
 * out, so the field never holds what the terminal would act on. */
void lineedit_set(struct lineedit *le, const char *text)
{
	size_t n = strlen(text), i = 0;
	const char *allowed = le->allowed;

	le->text[0] = '\0';
	le->len = le->cursor = le->view = 0;
	le->allowed = NULL; /* the caller's own text may use any character */
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(text + i, n - i, &cp);

		if (k == 0) {
			i++;
			continue;
		}
		insert(le, cp);
		i += k;
	}
	le->allowed = allowed;
}

static bool is_cont(const struct lineedit *le, size_t i)
{
	return i < le->len && ((unsigned char)le->text[i] & 0xc0) == 0x80;
}

static size_t prev_char(const struct lineedit *le, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && is_cont(le, i))
		i--;
	return i;
}

static size_t next_char(const struct lineedit *le, size_t i)
{
	if (i >= le->len)
		return le->len;
	i++;
	while (is_cont(le, i))
		i++;
	return i;
}

static bool is_word(const struct lineedit *le, size_t i)
{
	uint32_t cp;

	if (utf8_decode(le->text + i, le->len - i, &cp) == 0)
		return false;
	return cp >= 0x80 ? iswalnum((wint_t)cp) != 0
			  : (cp == '_' || (cp >= '0' && cp <= '9') ||
			     ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
}

/* Readline's backward-word: skip non-word characters, then the word. */
static size_t word_left(const struct lineedit *le, size_t i)
{
	while (i > 0 && !is_word(le, prev_char(le, i)))
		i = prev_char(le, i);
	while (i > 0 && is_word(le, prev_char(le, i)))
		i = prev_char(le, i);
	return i;
}

static size_t word_right(const struct lineedit *le, size_t i)
{
	while (i < le->len && !is_word(le, i))
		i = next_char(le, i);
	while (i < le->len && is_word(le, i))
		i = next_char(le, i);
	return i;
}

/* Ctrl-W, as readline's unix-word-rubout: back to the previous blank. */
static size_t rubout_start(const struct lineedit *le, size_t i)
{
	while (i > 0 && le->text[i - 1] == ' ')
		i--;
	while (i > 0 && le->text[i - 1] != ' ')
		i--;
	return i;
}

static void cut(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->text + from, le->text + to, le->len - to + 1);
	le->len -= to - from;
	le->cursor = from;
}

static bool insert(struct lineedit *le, uint32_t ch)
{
	char u[4];
	size_t n;

	if (ch < 0x20 || sanitize_is_unsafe(ch) || (ch >= 0x80 && !iswprint((wint_t)ch)))
		return false;
	if (le->allowed && (ch >= 0x80 || !strchr(le->allowed, (int)ch)))
		return false;
	n = utf8_encode(ch, u);
	if (le->len + n > le->maxlen)
		return false;
	reserve(le, le->len + n);
	memmove(le->text + le->cursor + n, le->text + le->cursor, le->len - le->cursor + 1);
	memcpy(le->text + le->cursor, u, n);
	le->len += n;
	le->cursor += n;
	return true;
}

/* Shows history line pos (hist->n: the draft being edited). */
static bool show_history(struct lineedit *le, size_t pos)
{
	struct lineedit_history *h = le->hist;

	if (!h || pos > h->n || pos == le->hist_pos)
		return false;
	if (le->hist_pos == h->n) {
		free(le->draft);
		le->draft = xstrdup(lineedit_text(le));
	}
	le->hist_pos = pos;
	lineedit_set(le, pos == h->n ? (le->draft ? le->draft : "") : h->items[pos]);
	return true;
}

static bool move_to(struct lineedit *le, size_t to)
{
	bool moved = to != le->cursor;

	le->cursor = to;
	return moved;
}

bool lineedit_apply(struct lineedit *le, enum lineedit_action a, uint32_t ch)
{
	size_t c = le->cursor;

	switch (a) {
	case LE_INSERT: return insert(le, ch);
	case LE_LEFT: return move_to(le, prev_char(le, c));
	case LE_RIGHT: return move_to(le, next_char(le, c));
	case LE_HOME: return move_to(le, 0);
	case LE_END: return move_to(le, le->len);
	case LE_WORD_LEFT: return move_to(le, word_left(le, c));
	case LE_WORD_RIGHT: return move_to(le, word_right(le, c));
	case LE_BACKSPACE:
		if (c == 0)
			return false;
		cut(le, prev_char(le, c), c);
		return true;
	case LE_DELETE:
		if (c >= le->len)
			return false;
		cut(le, c, next_char(le, c));
		return true;
	case LE_KILL_END:
		if (c >= le->len)
			return false;
		cut(le, c, le->len);
		return true;
	case LE_KILL_START:
		if (c == 0)
			return false;
		cut(le, 0, c);
		return true;
	case LE_KILL_WORD:
		if (c == 0)
			return false;
		cut(le, rubout_start(le, c), c);
		return true;
	case LE_HISTORY_PREV: return le->hist_pos > 0 && show_history(le, le->hist_pos - 1);
	case LE_HISTORY_NEXT: return le->hist && show_history(le, le->hist_pos + 1);
	case LE_ENTER:
		if (le->hist) {
			lineedit_history_add(le->hist, lineedit_text(le));
			le->hist_pos = le->hist->n;
		}
		return false;
	case LE_NONE:
	case LE_CANCEL: return false;
	}
	return false;
}

void lineedit_history_add(struct lineedit_history *h, const char *line)
{
	if (!*line || (h->n > 0 && strcmp(h->items[h->n - 1], line) == 0))
		return;
	if (h->max == 0)
		h->max = 100;
	if (h->n == h->max) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (h->n - 1) * sizeof(*h->items));
		h->n--;
	}
	h->items = xrealloc(h->items, (h->n + 1) * sizeof(*h->items));
	h->items[h->n++] = xstrdup(line);
}

void lineedit_history_free(struct lineedit_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

size_t lineedit_scroll(struct lineedit *le, size_t width)
{
	size_t col;

	if (width == 0)
		return 0;
	if (le->view > le->cursor)
		le->view = le->cursor;
	/* Leave the last column for the cursor at the end of the text. */
	while (le->view < le->cursor &&
	       text_width_n(le->text + le->view, le->cursor - le->view) + 1 > width)
		le->view = next_char(le, le->view);
	col = text_width_n(le->text + le->view, le->cursor - le->view);
	return col < width ? col : width - 1;
}
