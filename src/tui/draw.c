/* Drawing helpers shared by every view: UTF-8 text clipped to columns. */
#include "config.h"
#include "tui/text.h"
#include "tui/tui-int.h"
#include "util/sanitize.h"

#include <stdlib.h>
#include <string.h>

attr_t tui_attr(const struct tui *t, enum tui_role role)
{
	return role < TUI_ROLE_COUNT ? t->attrs[role] : A_NORMAL;
}

bool tui_ascii(const struct tui *t)
{
	return t->ascii || t->console;
}

int tui_draw_text(WINDOW *w, int y, int x, int width, size_t skip, const char *s)
{
	size_t start, lead, len;
	int maxx = getmaxx(w);

	if (s == NULL || width <= 0 || x >= maxx)
		return 0;
	if (x + width > maxx)
		width = maxx - x;
	len = text_clip(s, skip, (size_t)width, &start, &lead);
	if (lead > (size_t)width)
		lead = (size_t)width;
	wmove(w, y, x);
	for (size_t i = 0; i < lead; i++)
		waddch(w, ' ');
	if (len > 0)
		waddnstr(w, s + start, (int)len);
	return (int)lead + (int)text_width_n(s + start, len);
}

int tui_draw_untrusted(WINDOW *w, int y, int x, int width, const char *s)
{
	char *safe = sanitize_str(s);
	int n = tui_draw_text(w, y, x, width, 0, safe);

	free(safe);
	return n;
}

/* Rows that s takes wrapped at width columns (at least 1). */
int tui_wrapped_rows(int width, const char *s)
{
	int n = 0;
	size_t next;

	if (s == NULL || width <= 0)
		return 1;
	do {
		text_wrap(s, (size_t)width, &next);
		s += next;
		n++;
	} while (*s != '\0' && next > 0);
	return n;
}

int tui_draw_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *s)
{
	int used = 0;

	if (s == NULL || width <= 0)
		return 0;
	while (used < rows) {
		size_t next, len = text_wrap(s, (size_t)width, &next);
		char *line = strndup(s, len);

		if (line != NULL)
			tui_draw_text(w, y + used, x, width, 0, line);
		free(line);
		used++;
		s += next;
		if (*s == '\0' || next == 0)
			break;
	}
	return used;
}
