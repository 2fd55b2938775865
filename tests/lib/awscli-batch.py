#!/usr/bin/env python3
"""Runs many AWS CLI commands in one Python process (each `aws` process
costs seconds on a loaded machine), for the differential tests.

Usage: awscli-batch.py OUTDIR < COMMANDS
Each line of COMMANDS is one command's arguments (without "aws"), split as
the shell would (shlex).  Its standard output goes to OUTDIR/N.out, its
standard error to OUTDIR/N.err and its exit status to OUTDIR/N.rc, N
counting from 1.  Nothing is sent anywhere but to --endpoint-url."""
import io
import os
import shlex
import sys

from awscli.clidriver import create_clidriver


def run(args, out_path, err_path):
    old_out, old_err = sys.stdout, sys.stderr
    with open(out_path, "w", encoding="utf-8", newline="") as out, \
            open(err_path, "w", encoding="utf-8") as err:
        sys.stdout, sys.stderr = out, err
        try:
            rc = create_clidriver().main(args)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 1
        finally:
            sys.stdout.flush()
            sys.stdout, sys.stderr = old_out, old_err
    return rc


def main():
    outdir = sys.argv[1]
    n = 0
    for line in sys.stdin:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        n += 1
        base = os.path.join(outdir, str(n))
        rc = run(shlex.split(line), base + ".out", base + ".err")
        with open(base + ".rc", "w") as f:
            f.write("%d\n" % (rc or 0))


if __name__ == "__main__":
    main()
