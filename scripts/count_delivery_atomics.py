#!/usr/bin/python3
"""Counts reductions (RED) and atomics that return a value (ATOM) in the spike delivery kernels
of a `cuobjdump -sass` listing: the delivery never reads what its atomic adds return, so every
add should be a RED (scripts/device-check.sh, stage sass).

Usage: count_delivery_atomics.py SASS_LISTING
Prints one line: how many delivery kernels, and their RED and ATOM instructions.
"""
import re
import sys


def count(lines):
    kernels = {}
    name = None
    for line in lines:
        header = re.search(r"Function : (\S+)", line)
        if header:
            name = header.group(1)
        elif name and "SpikeDelivery" in name:
            ops = kernels.setdefault(name, {"RED": 0, "ATOM": 0})
            for op in ops:
                ops[op] += len(re.findall(r"\b" + op + r"\.", line))
    return kernels


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], errors="replace") as listing:
        kernels = count(listing)
    red = sum(k["RED"] for k in kernels.values())
    atom = sum(k["ATOM"] for k in kernels.values())
    print(f"{len(kernels)} delivery kernels, RED {red}, ATOM {atom}")


if __name__ == "__main__":
    main()
