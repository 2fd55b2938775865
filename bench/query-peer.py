#!/usr/bin/env python3
"""The jmespath Python module in bench/jp's three modes (bench/query.sh):
   query-peer.py EXPR FILE        whole process: load, search, print as the
                                  AWS CLI prints --output json
   query-peer.py -n N EXPR FILE   the evaluation alone: compiled once, N
                                  searches; microseconds per search
   query-peer.py -b N FILE        benchmarks.json: "i|us" per case"""
import json
import sys
import time

import jmespath


def main():
    a = sys.argv[1:]
    if a[0] == "-n":
        n, expr, doc = int(a[1]), a[2], json.load(open(a[3]))
        q = jmespath.compile(expr)
        q.search(doc)
        t0 = time.process_time()
        for _ in range(n):
            q.search(doc)
        print("%.3f" % ((time.process_time() - t0) / n * 1e6))
    elif a[0] == "-b":
        n, groups = int(a[1]), json.load(open(a[2]))
        k = 0
        for g in groups:
            for c in g["cases"]:
                k += 1
                expr, kind, given = c["expression"], c["bench"], g["given"]
                q = jmespath.compile(expr)
                t0 = time.process_time()
                for _ in range(n):
                    if kind == "interpret":
                        q.search(given)
                    else:
                        # (Parser.parse caches; _do_parse parses every time)
                        p = jmespath.parser.Parser()
                        r = p._do_parse(expr)
                        if kind == "full":
                            r.search(given)
                print("%d|%.3f" % (k, (time.process_time() - t0) / n * 1e6))
    else:
        r = jmespath.search(a[0], json.load(open(a[1])))
        if r != {}:
            sys.stdout.write(json.dumps(r, indent=4, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
