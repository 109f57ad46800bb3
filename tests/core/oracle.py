#!/usr/bin/env python3
# oracle.py: recomputes the calculator's results with Python's decimal module.
#
# Reads the cases test-oracle writes, one per line:
#   <n> T <prompt> <completion> <cached|-> <in> <out> <discount|->  <result>
#   <n> R <prompt> <completion> <cached|-> <price> <included> <overage>  <result>
#   <n> X <prompt> <completion> <cached|-> <count> (<min> <max|-> <in> <out>)...  <result>
# where prices are integers of 10^-10 units per million tokens (so the
# calculator's decimal formatting is checked too) and <result> is
#   OK <input> <output> <total>   or   ERR NO_TIER
#
# The rules are restated here from the issue, independently of the C code:
#   per_token:   input = prompt*in/1e6 - cached*in/1e6*discount, output =
#                completion*out/1e6, each rounded half-even to 10 places
#   per_request: cost = price + max(0, total - included)*overage/1e6, rounded;
#                input = cost*prompt/total rounded, output = cost - input
#   tiered:      the tier with min <= total <= max prices the whole request
#                like per_token without a discount; none: "no tier" error
#
# Prints "checked N cases, D differences" and exits 1 on any difference.
# SPDX-License-Identifier: GPL-3.0-or-later

import decimal
import sys
from decimal import Decimal, ROUND_HALF_EVEN

# Far more digits than any exact intermediate here needs (tokens < 2^63,
# prices < 10^4 per token); Inexact is trapped, so an intermediate that was
# rounded would stop the script instead of passing silently.
CONTEXT = decimal.Context(prec=200, rounding=ROUND_HALF_EVEN,
                          traps=[decimal.Inexact, decimal.Overflow,
                                 decimal.InvalidOperation])
decimal.setcontext(CONTEXT)

PLACES = Decimal("1E-10")
MILLION = Decimal(1000000)
# Rounding to 10 places is meant to be inexact: its own context.
ROUNDING = decimal.Context(prec=200, rounding=ROUND_HALF_EVEN,
                           traps=[decimal.Overflow, decimal.InvalidOperation])


def price(units):
    return Decimal(int(units)).scaleb(-10)


def quantize(value):
    return value.quantize(PLACES, rounding=ROUND_HALF_EVEN, context=ROUNDING)


def divide(numerator, denominator):
    # Quotients such as cost * prompt / total need not terminate: compute
    # them in a context without the Inexact trap, then round to 10 places.
    # 200 significant digits are exact enough to decide the rounding, as a
    # ratio of integers below 10^60 cannot have 140 digits of 0s or 9s
    # after a 5 within its period.
    with decimal.localcontext() as ctx:
        ctx.traps[decimal.Inexact] = False
        return quantize(numerator / denominator)


def per_token(prompt, completion, cached, fields):
    in_price, out_price, discount = price(fields[0]), price(fields[1]), fields[2]
    inp = Decimal(prompt) * in_price / MILLION
    if discount != "-":
        inp -= Decimal(cached) * in_price / MILLION * price(discount)
    return quantize(inp), quantize(Decimal(completion) * out_price / MILLION)


def per_request(prompt, completion, fields):
    unit_price, included, overage = price(fields[0]), int(fields[1]), price(fields[2])
    total = prompt + completion
    cost = quantize(unit_price + Decimal(max(0, total - included)) * overage / MILLION)
    inp = divide(cost * prompt, Decimal(total))
    return inp, cost - inp


def tiered(prompt, completion, fields):
    total = prompt + completion
    count = int(fields[0])
    for t in range(count):
        low, high, in_price, out_price = fields[1 + 4 * t: 5 + 4 * t]
        if total >= int(low) and (high == "-" or total <= int(high)):
            return (quantize(Decimal(prompt) * price(in_price) / MILLION),
                    quantize(Decimal(completion) * price(out_price) / MILLION))
    return None


def expected(line):
    words = line.split()
    kind = words[1]
    prompt, completion = int(words[2]), int(words[3])
    cached = 0 if words[4] == "-" else int(words[4])
    ok = words.index("OK") if "OK" in words else words.index("ERR")
    fields = words[5:ok]
    if kind == "T":
        parts = per_token(prompt, completion, cached, fields)
    elif kind == "R":
        parts = per_request(prompt, completion, fields)
    elif kind == "X":
        parts = tiered(prompt, completion, fields)
    else:
        raise ValueError("unknown structure " + kind)
    if parts is None:
        return kind, "ERR NO_TIER", " ".join(words[ok:])
    inp, out = parts
    text = "OK {} {} {}".format(format(inp, "f"), format(out, "f"),
                                format(quantize(inp + out), "f"))
    return kind, text, " ".join(words[ok:])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: oracle.py CASES-FILE")
    checked = differences = 0
    kinds = {}
    with open(sys.argv[1], encoding="utf-8") as cases:
        for line in cases:
            if not line.strip():
                continue
            kind, want, got = expected(line)
            checked += 1
            if want.startswith("ERR"):
                kind += " without a tier"
            kinds[kind] = kinds.get(kind, 0) + 1
            if want != got:
                differences += 1
                if differences <= 20:
                    print("difference: {}\n  python: {}\n  C:      {}".format(
                        line.strip(), want, got))
    print("checked {} cases, {} differences ({})".format(
        checked, differences,
        ", ".join("{} {}".format(n, k) for k, n in sorted(kinds.items()))))
    sys.exit(1 if differences or checked == 0 else 0)


if __name__ == "__main__":
    main()
