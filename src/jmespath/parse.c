/* The JMESPath lexer and parser: a Pratt parser with jmespath.py's binding
 * powers and grammar, so that the same expressions parse the same way and
 * fail with the same error type.  Recursion is bounded by JP_MAX_DEPTH. */
#include "config.h"
#include "jmespath/jp-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum tok_type {
	T_EOF,
	T_UNQUOTED,
	T_QUOTED,
	T_LITERAL,
	T_NUMBER,
	T_DOT,
	T_STAR,
	T_RBRACKET,
	T_COMMA,
	T_COLON,
	T_CURRENT,
	T_LPAREN,
	T_RPAREN,
	T_LBRACE,
	T_RBRACE,
	T_LBRACKET,
	T_FLATTEN,
	T_FILTER,
	T_PIPE,
	T_OR,
	T_AND,
	T_EXPREF,
	T_NOT,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_COUNT
};

/* jmespath.py's binding powers; 0 for tokens that end an expression. */
static const int bp[T_COUNT] = {
	[T_PIPE] = 1,      [T_OR] = 2,      [T_AND] = 3,  [T_EQ] = 5,   [T_NE] = 5,
	[T_LT] = 5,        [T_LE] = 5,      [T_GT] = 5,   [T_GE] = 5,   [T_FLATTEN] = 9,
	[T_STAR] = 20,     [T_FILTER] = 21, [T_DOT] = 40, [T_NOT] = 45, [T_LBRACE] = 50,
	[T_LBRACKET] = 55, [T_LPAREN] = 60,
};
/* Tokens with a binding power below this end a projection. */
#define PROJECTION_STOP 10

static const char *const tok_text[T_COUNT] = {
	[T_EOF] = "",       [T_DOT] = ".",     [T_STAR] = "*",    [T_RBRACKET] = "]",
	[T_COMMA] = ",",    [T_COLON] = ":",   [T_CURRENT] = "@", [T_LPAREN] = "(",
	[T_RPAREN] = ")",   [T_LBRACE] = "{",  [T_RBRACE] = "}",  [T_LBRACKET] = "[",
	[T_FLATTEN] = "[]", [T_FILTER] = "[?", [T_PIPE] = "|",    [T_OR] = "||",
	[T_AND] = "&&",     [T_EXPREF] = "&",  [T_NOT] = "!",     [T_EQ] = "==",
	[T_NE] = "!=",      [T_LT] = "<",      [T_LE] = "<=",     [T_GT] = ">",
	[T_GE] = ">=",
};

struct tok {
	enum tok_type type;
	size_t pos, end; /* byte offsets */
	char *str;       /* identifier (decoded), owned */
	size_t len;
	int64_t num;
	struct json_object *json; /* literal, owned until the parser takes it */
};

struct parser {
	const char *s;
	size_t len;
	struct tok *toks;
	size_t ntoks, cap, i;
	int depth;
	struct jp_error *err;
};

static int perr(struct parser *p, enum jp_error_kind kind, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int perr(struct parser *p, enum jp_error_kind kind, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->err->kind != JP_ERR_NONE)
		return -1;
	p->err->kind = kind;
	p->err->pos = pos;
	va_start(ap, fmt);
	p->err->msg = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- lexer ---- */

static bool is_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident(char c)
{
	return is_start(c) || (c >= '0' && c <= '9');
}

static struct tok *push(struct parser *p, enum tok_type t, size_t pos, size_t end)
{
	struct tok *k;

	if (p->ntoks == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->toks = xrealloc(p->toks, p->cap * sizeof(*p->toks));
	}
	k = &p->toks[p->ntoks++];
	memset(k, 0, sizeof(*k));
	k->type = t;
	k->pos = pos;
	k->end = end;
	return k;
}

/* jmespath.py's _consume_until: up to an unescaped delim, a backslash and
 * the character after it both kept.  Returns the offset after the closing
 * delimiter, or 0 when there is none. */
static size_t until(struct parser *p, size_t start, char delim, struct buf *out)
{
	size_t i = start + 1;

	while (i < p->len && p->s[i] != delim) {
		if (p->s[i] == '\\') {
			buf_putc(out, '\\');
			i++;
			if (i >= p->len)
				break;
		}
		buf_putc(out, p->s[i]);
		i++;
	}
	if (i >= p->len)
		return 0;
	return i + 1;
}

/* Parses a whole NUL-terminated JSON text with json-c (strict, surrounding
 * whitespace allowed, as Python's json.loads).  Returns 0 or -1. */
static int json_whole(const char *s, size_t n, struct json_object **out)
{
	struct json_tokener *tok = json_tokener_new();
	size_t a = 0, end;
	int rc = -1;

	if (!tok)
		xfatal("out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	while (a < n && strchr(" \t\n\r", s[a]))
		a++;
	if (n - a + 1 > (size_t)INT32_MAX)
		goto out;
	*out = json_tokener_parse_ex(tok, s + a, (int)(n - a + 1));
	if (json_tokener_get_error(tok) == json_tokener_success) {
		end = a + json_tokener_get_parse_end(tok);
		while (end < n && strchr(" \t\n\r", s[end]))
			end++;
		if (end >= n)
			rc = 0;
	}
	if (rc < 0 && json_tokener_get_error(tok) == json_tokener_success)
		json_object_put(*out);
out:
	json_tokener_free(tok);
	if (rc < 0)
		*out = NULL;
	return rc;
}

/* Removes the backslash before each delim (jmespath.py's replace). */
static void unescape_delim(struct buf *b, char delim)
{
	size_t r = 0, w = 0;

	for (; r < b->len; r++) {
		if (b->data[r] == '\\' && r + 1 < b->len && b->data[r + 1] == delim)
			continue;
		b->data[w++] = b->data[r];
	}
	b->len = w;
	if (b->data)
		b->data[w] = '\0';
}

static int lex_literal(struct parser *p, size_t start, size_t *next)
{
	struct buf b = BUF_INIT, q = BUF_INIT;
	struct json_object *j;
	struct tok *k;
	size_t a = 0;

	*next = until(p, start, '`', &b);
	if (!*next) {
		buf_free(&b);
		return perr(p, JP_ERR_SYNTAX, start, _("unterminated literal (missing `)"));
	}
	unescape_delim(&b, '`');
	if (json_whole(buf_str(&b), b.len, &j) < 0) {
		/* The deprecated form: `foo` is the string "foo". */
		while (a < b.len && strchr(" \t\n\r\f\v", b.data[a]))
			a++;
		buf_putc(&q, '"');
		buf_append(&q, buf_str(&b) + a, b.len - a);
		buf_putc(&q, '"');
		if (json_whole(buf_str(&q), q.len, &j) < 0) {
			buf_free(&b);
			buf_free(&q);
			return perr(p, JP_ERR_SYNTAX, start, _("invalid JSON in literal"));
		}
	}
	buf_free(&b);
	buf_free(&q);
	k = push(p, T_LITERAL, start, *next);
	k->json = j;
	return 0;
}

static int lex_quoted(struct parser *p, size_t start, size_t *next)
{
	struct buf b = BUF_INIT;
	struct json_object *j;
	struct tok *k;

	buf_putc(&b, '"');
	*next = until(p, start, '"', &b);
	if (!*next) {
		buf_free(&b);
		return perr(p, JP_ERR_SYNTAX, start,
			    _("unterminated quoted identifier (missing \")"));
	}
	buf_putc(&b, '"');
	if (json_whole(buf_str(&b), b.len, &j) < 0 || !json_object_is_type(j, json_type_string)) {
		buf_free(&b);
		json_object_put(j);
		return perr(p, JP_ERR_SYNTAX, start, _("invalid escape in quoted identifier"));
	}
	buf_free(&b);
	k = push(p, T_QUOTED, start, *next);
	k->len = (size_t)json_object_get_string_len(j);
	k->str = xstrndup(json_object_get_string(j), k->len);
	json_object_put(j);
	return 0;
}

static int lex_raw(struct parser *p, size_t start, size_t *next)
{
	struct buf b = BUF_INIT;
	struct tok *k;

	*next = until(p, start, '\'', &b);
	if (!*next) {
		buf_free(&b);
		return perr(p, JP_ERR_SYNTAX, start, _("unterminated string (missing ')"));
	}
	unescape_delim(&b, '\'');
	k = push(p, T_LITERAL, start, *next);
	k->json = json_object_new_string_len(buf_str(&b), (int)b.len);
	buf_free(&b);
	return 0;
}

/* Numbers out of int64's range are clamped: as indexes and slice bounds
 * they mean the same ("past the end"). */
static void lex_number(struct parser *p, size_t start, size_t *next)
{
	size_t i = start + (p->s[start] == '-');
	char *tmp;
	struct tok *k;

	while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9')
		i++;
	tmp = xstrndup(p->s + start, i - start);
	k = push(p, T_NUMBER, start, i);
	errno = 0;
	k->num = strtoll(tmp, NULL, 10);
	free(tmp);
	*next = i;
}

/* Two-character tokens: c2 after the first character makes `two`. */
static size_t lex_pair(struct parser *p, size_t i, char c2, enum tok_type two, enum tok_type one)
{
	if (i + 1 < p->len && p->s[i + 1] == c2) {
		push(p, two, i, i + 2);
		return i + 2;
	}
	push(p, one, i, i + 1);
	return i + 1;
}

static int lex_one(struct parser *p, size_t i, size_t *next)
{
	char c = p->s[i];
	const char *simple = ".*],:@(){}";
	static const enum tok_type simple_t[] = {
		T_DOT,     T_STAR,   T_RBRACKET, T_COMMA,  T_COLON,
		T_CURRENT, T_LPAREN, T_RPAREN,   T_LBRACE, T_RBRACE,
	};
	const char *hit = c ? strchr(simple, c) : NULL;

	if (hit) {
		push(p, simple_t[hit - simple], i, i + 1);
		*next = i + 1;
	} else if (is_start(c)) {
		size_t j = i;
		struct tok *k;
		while (j < p->len && is_ident(p->s[j]))
			j++;
		k = push(p, T_UNQUOTED, i, j);
		k->str = xstrndup(p->s + i, j - i);
		k->len = j - i;
		*next = j;
	} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		*next = i + 1;
	} else if (c == '[') {
		char d = i + 1 < p->len ? p->s[i + 1] : 0;
		enum tok_type t = d == ']' ? T_FLATTEN : d == '?' ? T_FILTER : T_LBRACKET;
		*next = i + (t == T_LBRACKET ? 1 : 2);
		push(p, t, i, *next);
	} else if (c == '\'') {
		return lex_raw(p, i, next);
	} else if (c == '`') {
		return lex_literal(p, i, next);
	} else if (c == '"') {
		return lex_quoted(p, i, next);
	} else if (c == '|') {
		*next = lex_pair(p, i, '|', T_OR, T_PIPE);
	} else if (c == '&') {
		*next = lex_pair(p, i, '&', T_AND, T_EXPREF);
	} else if (c == '<') {
		*next = lex_pair(p, i, '=', T_LE, T_LT);
	} else if (c == '>') {
		*next = lex_pair(p, i, '=', T_GE, T_GT);
	} else if (c == '!') {
		*next = lex_pair(p, i, '=', T_NE, T_NOT);
	} else if ((c >= '0' && c <= '9') ||
		   (c == '-' && i + 1 < p->len && p->s[i + 1] >= '0' && p->s[i + 1] <= '9')) {
		lex_number(p, i, next);
	} else if (c == '=') {
		if (i + 1 < p->len && p->s[i + 1] == '=') {
			push(p, T_EQ, i, i + 2);
			*next = i + 2;
		} else {
			return perr(p, JP_ERR_SYNTAX, i, _("unknown token \"=\" (use \"==\")"));
		}
	} else {
		/* The whole UTF-8 character (or the byte), made printable by
		 * the caller's sanitiser. */
		size_t n = 1;
		while (i + n < p->len && ((unsigned char)p->s[i + n] & 0xC0) == 0x80 && n < 4)
			n++;
		return perr(p, JP_ERR_SYNTAX, i, _("unknown token \"%.*s\""), (int)n, p->s + i);
	}
	return 0;
}

static int lex(struct parser *p)
{
	size_t i = 0, next = 0;

	while (i < p->len) {
		if (lex_one(p, i, &next) < 0)
			return -1;
		i = next;
	}
	push(p, T_EOF, p->len, p->len);
	return 0;
}

/* ---- syntax tree ---- */

static struct jp_node *node(enum jp_node_type t, size_t pos)
{
	struct jp_node *n = xcalloc(1, sizeof(*n));

	n->type = t;
	n->pos = pos;
	n->depth = 1;
	return n;
}

static void add_kid(struct jp_node *n, struct jp_node *k)
{
	n->kids = xrealloc(n->kids, (n->nkids + 1) * sizeof(*n->kids));
	n->kids[n->nkids++] = k;
	if (k && k->depth + 1 > n->depth)
		n->depth = k->depth + 1;
}

static void node_free(struct jp_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++) {
		node_free(n->kids[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->kids);
	free(n->keys);
	free(n->name);
	json_object_put(n->literal);
	free(n);
}

static struct jp_node *node2(enum jp_node_type t, size_t pos, struct jp_node *a, struct jp_node *b)
{
	struct jp_node *n = node(t, pos);

	add_kid(n, a);
	add_kid(n, b);
	return n;
}

/* A node too deep for the evaluator's bound is refused where it is built,
 * since left-associative chains (a.b.c..., a||b||...) deepen the tree
 * without deepening the parser's recursion. */
static struct jp_node *checked(struct parser *p, struct jp_node *n)
{
	if (n && n->depth > JP_MAX_DEPTH) {
		perr(p, JP_ERR_LIMIT, n->pos, _("expression nested more than %d levels deep"),
		     JP_MAX_DEPTH);
		node_free(n);
		return NULL;
	}
	return n;
}

/* ---- parser ---- */

static struct jp_node *expression(struct parser *p, int rbp);
static struct jp_node *dot_rhs(struct parser *p, int rbp);

static struct tok *cur(struct parser *p)
{
	return &p->toks[p->i];
}

static enum tok_type look(struct parser *p, size_t ahead)
{
	size_t j = p->i + ahead;
	return j < p->ntoks ? p->toks[j].type : T_EOF;
}

static int unexpected(struct parser *p, struct tok *t)
{
	if (t->type == T_EOF)
		return perr(p, JP_ERR_SYNTAX, t->pos, _("unexpected end of expression"));
	return perr(p, JP_ERR_SYNTAX, t->pos, _("unexpected \"%.*s\""), (int)(t->end - t->pos),
		    p->s + t->pos);
}

static int match(struct parser *p, enum tok_type t)
{
	if (cur(p)->type != t) {
		if (cur(p)->type == T_EOF)
			return perr(p, JP_ERR_SYNTAX, cur(p)->pos,
				    _("unexpected end of expression (expected \"%s\")"),
				    tok_text[t]);
		return perr(p, JP_ERR_SYNTAX, cur(p)->pos, _("expected \"%s\", got \"%.*s\""),
			    tok_text[t], (int)(cur(p)->end - cur(p)->pos), p->s + cur(p)->pos);
	}
	p->i++;
	return 0;
}

static struct jp_node *field_node(struct tok *t)
{
	struct jp_node *n = node(JP_N_FIELD, t->pos);

	n->name = t->str;
	n->name_len = t->len;
	n->hash = jp_key_hash(n->name);
	t->str = NULL;
	return n;
}

static struct jp_node *parse_multi_list(struct parser *p, size_t pos)
{
	struct jp_node *n = node(JP_N_MULTI_LIST, pos), *e;

	for (;;) {
		if (!(e = expression(p, 0)))
			goto fail;
		add_kid(n, e);
		if (cur(p)->type == T_RBRACKET)
			break;
		if (match(p, T_COMMA) < 0)
			goto fail;
	}
	if (match(p, T_RBRACKET) < 0)
		goto fail;
	return checked(p, n);
fail:
	node_free(n);
	return NULL;
}

static struct jp_node *parse_multi_hash(struct parser *p, size_t pos)
{
	struct jp_node *n = node(JP_N_MULTI_HASH, pos), *e;
	struct tok *key;

	for (;;) {
		key = cur(p);
		if (key->type != T_QUOTED && key->type != T_UNQUOTED) {
			unexpected(p, key);
			goto fail;
		}
		p->i++;
		if (match(p, T_COLON) < 0 || !(e = expression(p, 0)))
			goto fail;
		n->keys = xrealloc(n->keys, (n->nkids + 1) * sizeof(*n->keys));
		n->keys[n->nkids] = key->str;
		key->str = NULL;
		add_kid(n, e);
		if (cur(p)->type == T_COMMA) {
			p->i++;
		} else if (cur(p)->type == T_RBRACE) {
			p->i++;
			break;
		} else {
			unexpected(p, cur(p));
			goto fail;
		}
	}
	return checked(p, n);
fail:
	node_free(n);
	return NULL;
}

static struct jp_node *parse_slice(struct parser *p, size_t pos)
{
	struct jp_node *n = node(JP_N_SLICE, pos);
	int part = 0;

	while (cur(p)->type != T_RBRACKET && part < 3) {
		if (cur(p)->type == T_COLON) {
			if (++part == 3) {
				unexpected(p, cur(p));
				goto fail;
			}
			p->i++;
		} else if (cur(p)->type == T_NUMBER) {
			n->slice[part] = cur(p)->num;
			n->has[part] = true;
			p->i++;
		} else {
			unexpected(p, cur(p));
			goto fail;
		}
	}
	if (match(p, T_RBRACKET) < 0)
		goto fail;
	if (n->has[2] && n->slice[2] == 0) {
		perr(p, JP_ERR_INVALID_VALUE, pos, _("slice step cannot be 0"));
		goto fail;
	}
	return n;
fail:
	node_free(n);
	return NULL;
}

/* After "[" with a number or ":" next: an index or a slice. */
static struct jp_node *parse_index(struct parser *p, size_t pos)
{
	struct jp_node *n;

	if (look(p, 0) == T_COLON || look(p, 1) == T_COLON)
		return parse_slice(p, pos);
	n = node(JP_N_INDEX, pos);
	n->idx = cur(p)->num;
	p->i++;
	if (match(p, T_RBRACKET) < 0) {
		node_free(n);
		return NULL;
	}
	return n;
}

static struct jp_node *projection_rhs(struct parser *p, int rbp)
{
	enum tok_type t = cur(p)->type;

	if (bp[t] < PROJECTION_STOP)
		return node(JP_N_IDENTITY, cur(p)->pos);
	if (t == T_LBRACKET || t == T_FILTER)
		return expression(p, rbp);
	if (t == T_DOT) {
		p->i++;
		return dot_rhs(p, rbp);
	}
	unexpected(p, cur(p));
	return NULL;
}

static struct jp_node *dot_rhs(struct parser *p, int rbp)
{
	enum tok_type t = cur(p)->type;

	if (t == T_QUOTED || t == T_UNQUOTED || t == T_STAR)
		return expression(p, rbp);
	if (t == T_LBRACKET) {
		p->i++;
		return parse_multi_list(p, p->toks[p->i - 1].pos);
	}
	if (t == T_LBRACE) {
		p->i++;
		return parse_multi_hash(p, p->toks[p->i - 1].pos);
	}
	unexpected(p, cur(p));
	return NULL;
}

/* left followed by a projection's right-hand side. */
static struct jp_node *project(struct parser *p, enum jp_node_type t, size_t pos,
			       struct jp_node *left, int rbp)
{
	struct jp_node *right;

	if (!left)
		return NULL;
	if (!(right = projection_rhs(p, rbp))) {
		node_free(left);
		return NULL;
	}
	return checked(p, node2(t, pos, left, right));
}

static struct jp_node *project_if_slice(struct parser *p, struct jp_node *left,
					struct jp_node *right)
{
	struct jp_node *ix;

	if (!right) {
		node_free(left);
		return NULL;
	}
	ix = checked(p, node2(JP_N_INDEX_EXPR, right->pos, left, right));
	if (ix && right->type == JP_N_SLICE)
		return project(p, JP_N_PROJECTION, right->pos, ix, bp[T_STAR]);
	return ix;
}

static struct jp_node *filter(struct parser *p, struct jp_node *left, size_t pos)
{
	struct jp_node *cond, *right, *n;

	if (!(cond = expression(p, 0)) || match(p, T_RBRACKET) < 0) {
		node_free(cond);
		node_free(left);
		return NULL;
	}
	if (cur(p)->type == T_FLATTEN)
		right = node(JP_N_IDENTITY, pos);
	else
		right = projection_rhs(p, bp[T_FILTER]);
	if (!right) {
		node_free(cond);
		node_free(left);
		return NULL;
	}
	n = node2(JP_N_FILTER_PROJ, pos, left, right);
	add_kid(n, cond);
	return checked(p, n);
}

static struct jp_node *nud(struct parser *p, struct tok *t)
{
	struct jp_node *n, *e;

	switch (t->type) {
	case T_LITERAL:
		n = node(JP_N_LITERAL, t->pos);
		n->literal = t->json;
		t->json = NULL;
		return n;
	case T_UNQUOTED: return field_node(t);
	case T_QUOTED:
		if (cur(p)->type == T_LPAREN) {
			perr(p, JP_ERR_SYNTAX, t->pos,
			     _("a quoted identifier cannot name a function"));
			return NULL;
		}
		return field_node(t);
	case T_STAR:
		if (cur(p)->type == T_RBRACKET)
			return node2(JP_N_VALUE_PROJ, t->pos, node(JP_N_IDENTITY, t->pos),
				     node(JP_N_IDENTITY, t->pos));
		return project(p, JP_N_VALUE_PROJ, t->pos, node(JP_N_IDENTITY, t->pos), bp[T_STAR]);
	case T_FILTER: return filter(p, node(JP_N_IDENTITY, t->pos), t->pos);
	case T_LBRACE: return parse_multi_hash(p, t->pos);
	case T_LPAREN:
		if (!(e = expression(p, 0)))
			return NULL;
		if (match(p, T_RPAREN) < 0) {
			node_free(e);
			return NULL;
		}
		return e;
	case T_FLATTEN:
		n = node(JP_N_FLATTEN, t->pos);
		add_kid(n, node(JP_N_IDENTITY, t->pos));
		return project(p, JP_N_PROJECTION, t->pos, n, bp[T_FLATTEN]);
	case T_NOT:
		if (!(e = expression(p, bp[T_NOT])))
			return NULL;
		n = node(JP_N_NOT, t->pos);
		add_kid(n, e);
		return checked(p, n);
	case T_LBRACKET:
		if (cur(p)->type == T_NUMBER || cur(p)->type == T_COLON)
			return project_if_slice(p, node(JP_N_IDENTITY, t->pos),
						parse_index(p, t->pos));
		if (cur(p)->type == T_STAR && look(p, 1) == T_RBRACKET) {
			p->i += 2;
			return project(p, JP_N_PROJECTION, t->pos, node(JP_N_IDENTITY, t->pos),
				       bp[T_STAR]);
		}
		return parse_multi_list(p, t->pos);
	case T_CURRENT: return node(JP_N_CURRENT, t->pos);
	case T_EXPREF:
		if (!(e = expression(p, 0)))
			return NULL;
		n = node(JP_N_EXPREF, t->pos);
		add_kid(n, e);
		return checked(p, n);
	default: unexpected(p, t); return NULL;
	}
}

static struct jp_node *function_call(struct parser *p, struct jp_node *left, size_t pos)
{
	struct jp_node *n, *e;

	if (left->type != JP_N_FIELD) {
		perr(p, JP_ERR_SYNTAX, pos, _("only a name can be called as a function"));
		node_free(left);
		return NULL;
	}
	n = node(JP_N_FUNCTION, left->pos);
	n->name = left->name;
	n->name_len = left->name_len;
	left->name = NULL;
	node_free(left);
	while (cur(p)->type != T_RPAREN) {
		if (!(e = expression(p, 0))) {
			node_free(n);
			return NULL;
		}
		add_kid(n, e);
		if (cur(p)->type == T_COMMA) {
			p->i++;
			if (cur(p)->type == T_RPAREN) {
				unexpected(p, cur(p));
				node_free(n);
				return NULL;
			}
		} else if (cur(p)->type != T_RPAREN) {
			unexpected(p, cur(p));
			node_free(n);
			return NULL;
		}
	}
	p->i++;
	return checked(p, n);
}

static struct jp_node *led(struct parser *p, struct tok *t, struct jp_node *left)
{
	struct jp_node *r, *n;
	static const enum jp_cmp cmp[] = { JP_EQ, JP_NE, JP_LT, JP_LE, JP_GT, JP_GE };

	switch (t->type) {
	case T_DOT:
		if (cur(p)->type != T_STAR) {
			if (!(r = dot_rhs(p, bp[T_DOT])))
				break;
			return checked(p, node2(JP_N_SUBEXPR, t->pos, left, r));
		}
		p->i++;
		return project(p, JP_N_VALUE_PROJ, t->pos, left, bp[T_DOT]);
	case T_PIPE:
	case T_OR:
	case T_AND:
		if (!(r = expression(p, bp[t->type])))
			break;
		return checked(p, node2(t->type == T_PIPE ? JP_N_PIPE
					: t->type == T_OR ? JP_N_OR
							  : JP_N_AND,
					t->pos, left, r));
	case T_LPAREN: return function_call(p, left, t->pos);
	case T_FILTER: return filter(p, left, t->pos);
	case T_EQ:
	case T_NE:
	case T_LT:
	case T_LE:
	case T_GT:
	case T_GE:
		if (!(r = expression(p, bp[t->type])))
			break;
		n = node2(JP_N_CMP, t->pos, left, r);
		n->op = cmp[t->type - T_EQ];
		return checked(p, n);
	case T_FLATTEN:
		n = node(JP_N_FLATTEN, t->pos);
		add_kid(n, left);
		return project(p, JP_N_PROJECTION, t->pos, checked(p, n), bp[T_FLATTEN]);
	case T_LBRACKET:
		if (cur(p)->type == T_NUMBER || cur(p)->type == T_COLON) {
			if (left->type != JP_N_INDEX_EXPR)
				return project_if_slice(p, left, parse_index(p, t->pos));
			/* jmespath.py appends to an index expression, even a
			 * slice, without a projection: a[0][1:2].b is null. */
			if (!(r = parse_index(p, t->pos)))
				break;
			add_kid(left, r);
			return checked(p, left);
		}
		if (match(p, T_STAR) < 0 || match(p, T_RBRACKET) < 0)
			break;
		return project(p, JP_N_PROJECTION, t->pos, left, bp[T_STAR]);
	default: unexpected(p, t); break;
	}
	node_free(left);
	return NULL;
}

static struct jp_node *expression(struct parser *p, int rbp)
{
	struct jp_node *left;
	struct tok *t;

	if (++p->depth > JP_MAX_DEPTH) {
		perr(p, JP_ERR_LIMIT, cur(p)->pos, _("expression nested more than %d levels deep"),
		     JP_MAX_DEPTH);
		return NULL;
	}
	t = cur(p);
	if (t->type != T_EOF)
		p->i++;
	left = nud(p, t);
	while (left && rbp < bp[cur(p)->type]) {
		t = cur(p);
		p->i++;
		left = led(p, t, left);
	}
	p->depth--;
	return left;
}

/* Functions are resolved and their argument counts checked once the whole
 * expression has parsed, so a syntax error later in the text wins, as in
 * jmespath.py (which finds them only when evaluating). */
static int resolve(struct parser *p, struct jp_node *n)
{
	const struct jp_func *f;

	for (size_t i = 0; i < n->nkids; i++)
		if (resolve(p, n->kids[i]) < 0)
			return -1;
	if (n->type != JP_N_FUNCTION)
		return 0;
	f = jp_func_find(n->name, n->name_len);
	if (!f)
		return perr(p, JP_ERR_UNKNOWN_FUNCTION, n->pos, _("unknown function %s()"),
			    n->name);
	if ((int)n->nkids < f->min_args || (f->max_args >= 0 && (int)n->nkids > f->max_args)) {
		if (f->max_args < 0)
			return perr(p, JP_ERR_INVALID_ARITY, n->pos,
				    P_("%s() takes at least %d argument, got %zu",
				       "%s() takes at least %d arguments, got %zu", f->min_args),
				    f->name, f->min_args, n->nkids);
		return perr(p, JP_ERR_INVALID_ARITY, n->pos,
			    P_("%s() takes %d argument, got %zu",
			       "%s() takes %d arguments, got %zu", f->min_args),
			    f->name, f->min_args, n->nkids);
	}
	n->func = f;
	return 0;
}

struct jp_expr *jp_compile(const char *expr, size_t len, struct jp_error *err)
{
	struct parser p = { .s = expr, .len = len, .err = err };
	struct jp_node *root = NULL;
	struct jp_expr *e = NULL;

	memset(err, 0, sizeof(*err));
	if (len == 0) {
		perr(&p, JP_ERR_SYNTAX, 0, _("empty expression"));
		return NULL;
	}
	if (lex(&p) == 0) {
		root = expression(&p, 0);
		if (root && cur(&p)->type != T_EOF) {
			unexpected(&p, cur(&p));
			node_free(root);
			root = NULL;
		}
		if (root && resolve(&p, root) < 0) {
			node_free(root);
			root = NULL;
		}
	}
	for (size_t i = 0; i < p.ntoks; i++) {
		free(p.toks[i].str);
		json_object_put(p.toks[i].json);
	}
	free(p.toks);
	if (root) {
		e = xmalloc(sizeof(*e));
		e->root = root;
		e->src = xstrndup(expr, len);
		e->len = len;
	}
	return e;
}

void jp_free(struct jp_expr *e)
{
	if (!e)
		return;
	node_free(e->root);
	free(e->src);
	free(e);
}

const char *jp_source(const struct jp_expr *e, size_t *len)
{
	*len = e->len;
	return e->src;
}
