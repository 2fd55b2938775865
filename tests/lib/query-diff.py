#!/usr/bin/env python3
"""Differential test of --query against the jmespath Python module.

Usage: query-diff.py SAGESCALE SEED COUNT NAME:COMMAND...
For each NAME:COMMAND (a sagescale command line, run against the simulator
of the environment), fetches the answer once as JSON, then runs COUNT
random expressions (seeded, so a failure reruns) through
`sagescale COMMAND --query EXPR` and through jmespath.search on the same
answer, and prints one TAP case per expression: the same JSON, byte for
byte as the AWS CLI lays it out, or for an expression the module rejects,
exit status 2.  Expressions on which the Python module itself crashes (a
Python TypeError, not a JMESPath error) are not used."""
import json
import random
import shlex
import subprocess
import sys

import jmespath
from jmespath import exceptions as jpx

FUNCS1 = ["length", "keys", "values", "sort", "reverse", "to_string", "to_number",
          "type", "to_array", "sum", "avg", "max", "min", "abs", "ceil", "floor"]


def lit(v):
    return "`%s`" % json.dumps(v, separators=(",", ":")).replace("`", "\\`")


class Gen:
    def __init__(self, rnd, doc):
        self.r = rnd
        self.doc = doc
        self.keys = sorted(self.collect_keys(doc))

    def collect_keys(self, v, out=None):
        out = set() if out is None else out
        if isinstance(v, dict):
            for k, x in v.items():
                out.add(k)
                self.collect_keys(x, out)
        elif isinstance(v, list):
            for x in v:
                self.collect_keys(x, out)
        return out

    def ident(self, k):
        if k.isidentifier() and k.isascii() and self.r.random() < 0.8:
            return k
        return json.dumps(k)

    def walk(self, v, depth):
        """A path that mostly exists in v, and the value it leads to (or None
        once it projects)."""
        r = self.r
        parts = []
        proj = False
        for _ in range(depth):
            if isinstance(v, dict) and v and r.random() < 0.85:
                k = r.choice(list(v))
                parts.append(("." if parts else "") + self.ident(k))
                v = v[k]
            elif isinstance(v, dict) and r.random() < 0.5:
                parts.append(".*" if parts else "*")
                proj = True
                v = list(v.values())[0] if v else None
            elif isinstance(v, list) and v:
                c = r.random()
                if c < 0.3:
                    i = r.randrange(-len(v) - 1, len(v) + 1)
                    parts.append("[%d]" % i)
                    v = v[i] if -len(v) <= i < len(v) else None
                elif c < 0.55:
                    parts.append("[*]")
                    proj = True
                    v = r.choice(v)
                elif c < 0.7:
                    parts.append("[]")
                    proj = True
                    v = r.choice(v)
                elif c < 0.85:
                    parts.append(self.slice())
                    proj = True
                    v = r.choice(v)
                else:
                    cond = self.cond(r.choice(v))
                    parts.append("[?%s]" % cond)
                    proj = True
                    v = r.choice(v)
            else:
                if r.random() < 0.3:
                    parts.append(("." if parts else "") + self.ident(r.choice(self.keys)))
                break
        if not parts:
            parts.append("@")
        return "".join(parts), (None if proj else v), v

    def slice(self):
        r = self.r
        def n():
            c = r.random()
            if c < 0.3:
                return ""
            if c < 0.4:
                return str(r.choice([-1, 1]) * 10 ** r.randint(10, 30))
            return str(r.randint(-8, 8))
        step = r.choice(["", "", ":" + str(r.choice([1, 2, -1, -2, 3]))])
        return "[%s:%s%s]" % (n(), n(), step)

    def cond(self, el):
        r = self.r
        if isinstance(el, dict) and el:
            k = r.choice(list(el))
            v = el[k]
            op = r.choice(["==", "!="] + (["<", "<=", ">", ">="] if isinstance(v, (int, float)) and not isinstance(v, bool) else []))
            if isinstance(v, (dict, list)) or r.random() < 0.3:
                c = "%s" % self.ident(k)
                if r.random() < 0.5:
                    c = "!" + c
                return c
            val = v
            if isinstance(v, (int, float)) and not isinstance(v, bool) and r.random() < 0.5:
                val = v + r.choice([-1, 0, 1])
            c = "%s %s %s" % (self.ident(k), op, lit(val))
            if r.random() < 0.25:
                c = "%s %s %s" % (c, r.choice(["&&", "||"]), self.cond(el))
            return c
        return "@ == %s" % lit(el)

    def expr(self, depth=0):
        r = self.r
        path, val, sample = self.walk(self.doc, r.randint(1, 5))
        c = r.random()
        if depth > 1 or c < 0.35:
            return path
        if c < 0.6:
            return "%s(%s)" % (r.choice(FUNCS1), path)
        if c < 0.7:
            inner, _, el = self.walk(sample if isinstance(sample, dict) else {}, 2)
            f = r.choice(["sort_by", "max_by", "min_by"])
            if isinstance(sample, list) and sample and isinstance(sample[0], dict) and sample[0]:
                k = r.choice(list(sample[0]))
                return "%s(%s, &%s)" % (f, path, self.ident(k))
            return "%s(%s, &@)" % (f, path)
        if c < 0.75:
            return "map(&%s, %s)" % (self.ident(r.choice(self.keys)), path)
        if c < 0.8:
            return "join(%s, %s)" % (lit(r.choice([",", " ", ""])), path)
        if c < 0.85:
            return "[%s, %s]" % (path, self.expr(depth + 1))
        if c < 0.9:
            return "{a: %s, b: %s}" % (path, self.expr(depth + 1))
        if c < 0.93:
            return "%s | %s" % (path, r.choice(["[0]", "length(@)", "@", "[-1]", "sort(@)", "keys(@)"]))
        if c < 0.96:
            return "%s %s %s" % (path, r.choice(["||", "&&"]), self.expr(depth + 1))
        return "not_null(%s, %s)" % (path, lit(r.choice([0, "x", None])))


def aws_json(v):
    """What the AWS CLI prints for v with --output json."""
    if v == {}:
        return ""
    return json.dumps(v, indent=4, ensure_ascii=False) + "\n"


def main():
    exe, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    n = failed = 0
    for spec in sys.argv[4:]:
        name, cmd = spec.split(":", 1)
        argv = [exe] + shlex.split(cmd)
        got = subprocess.run(argv + ["--output", "json"], capture_output=True, text=True)
        doc = json.loads(got.stdout)
        rnd = random.Random("%d:%s" % (seed, name))
        gen = Gen(rnd, doc)
        done = tries = 0
        while done < count and tries < count * 20:
            tries += 1
            e = gen.expr()
            try:
                want, want_rc = aws_json(jmespath.search(e, doc)), 0
            except jpx.JMESPathError:
                want, want_rc = "", 2
            except Exception:
                continue     # the Python module's own crash: not a reference
            done += 1
            n += 1
            p = subprocess.run(argv + ["--query", e], capture_output=True, text=True)
            ok = p.returncode == want_rc and (want_rc != 0 or p.stdout == want)
            print("%s %d - %s --query %s" % ("ok" if ok else "not ok", n, name, e.replace("#", "\\#")))
            if not ok:
                failed += 1
                print("#   exit %d (want %d)" % (p.returncode, want_rc))
                for line in want.splitlines()[:10]:
                    print("#   want: " + line)
                for line in (p.stdout + p.stderr).splitlines()[:10]:
                    print("#   got:  " + line)
    print("1..%d" % n)
    if failed:
        print("# %d of %d differ (seed %d)" % (failed, n, seed))


if __name__ == "__main__":
    main()
