#!/usr/bin/env python3
"""Writes Tests/HallmarkTests/Fixtures/statistics.json: reference tails for Statistics.

Each reference value is computed in high precision with mpmath (exact binary values of the
double parameters, 40-50 significant digits) and cross-checked against SciPy wherever SciPy's
result is finite (its tails underflow below about 1e-308):

- binomial: P(X >= k), X ~ Bin(n, p), by direct summation of the pmf from k upward (k above
  the mean) or of the lower tail from k-1 downward and log1p(-lower) (k at or below the mean),
  term ratios in mpmath; the terms start from lgamma-based logs at 40 digits. Source
  "mpmath-sum". Also checked against mpmath.betainc (where it converges, n <= 1000) and
  scipy.stats.binom.logsf(k-1, n, p).
- gamma: Q(a, x) by mpmath.gammainc (regularized) at 50 digits, confirmed at 70 digits;
  log1p(-P(a, x)) when x < a (unless mpmath's series for P does not converge, which happens
  only for large shapes; then Q directly with 60 more digits). Source "mpmath-gammainc". Checked against scipy gamma.logsf.
- normal: P(Z >= z) by mpmath.erfc / ncdf at 50 digits ("mpmath-erfc"), checked against
  scipy norm.logsf.
- chi_square, fisher: via mpmath.gammainc ("mpmath-gammainc"), checked against scipy chi2.logsf
  and scipy.stats.combine_pvalues where finite.
- clopper_pearson: scipy.stats.binomtest(k, n).proportion_ci(confidence, method="exact"),
  kept as scipy_lower / scipy_upper, and refined by Newton's method on the exact mpmath tails
  (source "mpmath-newton"), which is recorded as lower / upper: SciPy's betaincinv loses
  digits for x << n at large n.

Every value is a log10 of a probability (always finite here). The "source" field says which
generator produced the recorded value; "scipy_log10_p" holds SciPy's value where finite (null
otherwise). The script asserts the cross-checks and prints the largest disagreements.
Run: python3 scripts/make-stat-fixtures.py   (about two minutes)
"""

import json
import math
import sys
from pathlib import Path

import mpmath as mp
import numpy as np
import scipy
from scipy import special, stats

OUT = Path(__file__).resolve().parent.parent / "Tests/HallmarkTests/Fixtures/statistics.json"
LN10 = math.log(10)
worst = {}


def note(kind, ref, other):
    """Records the disagreement of a cross-check: relative where |log10 p| >= 1e-3, absolute
    nearer p = 1 (SciPy's gamma tails lose up to 1e-7 there for shapes >= 10^6)."""
    if other is None or not math.isfinite(other):
        return
    if abs(ref) >= 1e-3:
        kind += " (relative)"
        err = abs(other - ref) / abs(ref)
        limit = 1e-9
    else:
        kind += " (absolute, |log10 p| < 1e-3)"
        err = abs(other - ref)
        limit = 1e-6
    worst[kind] = max(worst.get(kind, 0.0), err)
    assert err < limit, (kind, ref, other)


def finite_or_none(v):
    v = float(v)
    return v if math.isfinite(v) and v > -300 else None


# ---------------------------------------------------------------- binomial

def mp_binom_log10_sf(k, n, p):
    """log10 P(X >= k) in mpmath by summing the pmf terms of the smaller side."""
    with mp.workdps(40):
        P = mp.mpf(p)
        Q = 1 - P  # exact at 40 digits
        if k <= 0:
            return mp.mpf(0)

        def logpmf(j):
            return (mp.loggamma(n + 1) - mp.loggamma(j + 1) - mp.loggamma(n - j + 1)
                    + j * mp.log(P) + (n - j) * mp.log(Q))

        eps = mp.mpf(10) ** -45
        if k > n * P:
            r = P / Q
            t = s = mp.mpf(1)
            j = k
            while j < n:
                t *= (n - j) * r / (j + 1)
                j += 1
                s += t
                if t < s * eps:
                    break
            return (logpmf(k) + mp.log(s)) / mp.log(10)
        r = Q / P
        t = s = mp.mpf(1)
        j = k - 1
        while j > 0:
            t *= j * r / (n - j + 1)
            j -= 1
            s += t
            if t < s * eps:
                break
        lower = mp.exp(logpmf(k - 1)) * s
        return mp.log1p(-lower) / mp.log(10)


def approx_log10_sf(k, n, p):
    """A quick float estimate of log10 P(X >= k) for k above the mean (to place grid points)."""
    lp = (special.gammaln(n + 1) - special.gammaln(k + 1) - special.gammaln(n - k + 1)
          + k * math.log(p) + (n - k) * math.log1p(-p))
    r = (n - k) * p / ((k + 1) * (1 - p))
    return (lp - math.log1p(-min(r, 1 - 1e-12))) / LN10


def k_for_target(n, p, target):
    """Smallest k above the mean with approximately log10 P(X >= k) <= target."""
    lo, hi = int(math.ceil(n * p)) + 1, n
    if lo > n or approx_log10_sf(n, n, p) > target:
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if approx_log10_sf(mid, n, p) <= target:
            hi = mid
        else:
            lo = mid + 1
    return lo


def binomial_points():
    ns = [1, 2, 10, 30, 100, 1000, 10**4, 10**5, 10**6, 10**7, 10**8, 10**9]
    ps = [0.5, 0.25, 0.1, 0.01, 0.9]
    targets = [-10, -30, -100, -300, -400, -1000, -10000, -100000, -1000000]
    points = []
    for n in ns:
        for p in ps:
            ks = set()
            if n <= 10:
                ks.update(range(0, n + 1))
            else:
                sd = math.sqrt(n * p * (1 - p))
                for c in [-40, -10, -5, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 5, 8, 15]:
                    ks.add(min(max(int(round(n * p + c * sd)), 1), n))
                ks.update([1, 2, n - 1, n])
                for t in targets:
                    k = k_for_target(n, p, t)
                    if k is not None:
                        ks.add(k)
            for k in sorted(ks):
                ref = mp_binom_log10_sf(k, n, p)
                ref_f = float(ref)
                sp = finite_or_none(stats.binom.logsf(k - 1, n, p) / LN10)
                note("binomial vs scipy", ref_f, sp)
                if 1 <= k <= n and n <= 1000:
                    with mp.workdps(40):
                        try:
                            bi = mp.betainc(k, n - k + 1, 0, mp.mpf(p), regularized=True)
                        except ValueError:  # its hypergeometric series may not converge
                            bi = None
                        if bi is not None and bi > 0:
                            note("binomial vs mpmath.betainc", ref_f, float(mp.log10(bi)))
                points.append({"k": k, "n": n, "p": p, "log10_p": ref_f,
                               "source": "mpmath-sum", "scipy_log10_p": sp})
        print(f"binomial n={n}: {len(points)} points so far", file=sys.stderr)
    return points


# ---------------------------------------------------------------- gamma

def mp_gamma_log10_sf(x, a, dps=50):
    with mp.workdps(dps):
        A, X = mp.mpf(a), mp.mpf(x)
        if X < A:
            try:
                lower = mp.gammainc(A, 0, X, regularized=True)
                return mp.log1p(-lower) / mp.log(10)
            except mp.libmp.NoConvergence:
                # Its 1F1 series is slow for large a near the mean; take Q with 60 more digits.
                with mp.workdps(dps + 60):
                    return mp.log10(mp.gammainc(A, X, mp.inf, regularized=True))
        return mp.log10(mp.gammainc(A, X, mp.inf, regularized=True))


def approx_gamma_log10_sf(x, a):
    return ((a - 1) * math.log(x) - x - special.gammaln(a)
            - math.log1p(-min((a - 1) / x, 1 - 1e-12))) / LN10


def x_for_target(a, target):
    lo, hi = a + 1.0, a + 10.0
    while approx_gamma_log10_sf(hi, a) > target:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if approx_gamma_log10_sf(mid, a) <= target:
            hi = mid
        else:
            lo = mid
    return float(np.float64(round(hi, 6) if hi < 1e9 else round(hi)))


def gamma_points():
    shapes = [0.5, 1, 1.5, 2, 2.5, 5, 7.3, 10, 30, 100, 1000, 10**4, 10**5, 10**6, 10**7, 10**8]
    targets = [-10, -30, -100, -300, -400, -1000, -10000, -100000]
    points = []
    for a in shapes:
        a = float(a)
        xs = {a * 1e-6, a * 1e-3, a * 0.1, 1e-12}
        sd = math.sqrt(a)
        for c in [-10, -5, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 5, 8, 15]:
            x = a + c * sd
            if x > 0:
                xs.add(float(round(x, 3)) if x > 1 else x)
        for t in targets:
            xs.add(x_for_target(a, t))
        for x in sorted(xs):
            ref = mp_gamma_log10_sf(x, a)
            check = mp_gamma_log10_sf(x, a, dps=70)
            assert abs(ref - check) <= abs(check) * mp.mpf(10) ** -30, (a, x)
            ref_f = float(ref)
            sp = finite_or_none(stats.gamma.logsf(x, a) / LN10)
            note("gamma vs scipy", ref_f, sp)
            points.append({"x": x, "a": a, "log10_p": ref_f, "source": "mpmath-gammainc",
                           "scipy_log10_p": sp})
    print(f"gamma: {len(points)} points", file=sys.stderr)
    return points


# ---------------------------------------------------------------- normal, chi-square, Fisher

def normal_points():
    zs = [-1e3, -40.0, -38.5, -10.0, -5.0, -2.0, -1.0, -0.5, -1e-8, 0.0, 1e-8, 0.5, 1.0, 1.6448536269514722,
          2.0, 3.0, 5.0, 8.0, 10.0, 20.0, 37.5, 38.5, 50.0, 100.0, 1000.0, 1e4, 1e6, 1e8]
    points = []
    with mp.workdps(50):
        for z in zs:
            Z = mp.mpf(z)
            if z >= 0:
                ref = mp.log10(mp.erfc(Z / mp.sqrt(2)) / 2)
            else:
                ref = mp.log1p(-mp.ncdf(Z)) / mp.log(10)
            ref_f = float(ref)
            sp = finite_or_none(stats.norm.logsf(z) / LN10)
            note("normal vs scipy", ref_f, sp)
            points.append({"z": z, "log10_p": ref_f, "source": "mpmath-erfc",
                           "scipy_log10_p": sp})
    return points


def chi_square_points():
    cases = [(0.001, 1), (0.5, 1), (3.841458820694124, 1), (10.0, 3), (100.0, 10), (1000.0, 10),
             (5000.0, 7), (30.0, 30), (20.0, 30), (1e5, 1000), (1e6, 100000), (2e6, 2)]
    points = []
    for s, k in cases:
        with mp.workdps(50):
            ref = mp.log10(mp.gammainc(mp.mpf(k) / 2, mp.mpf(s) / 2, mp.inf, regularized=True))
        ref_f = float(ref)
        sp = finite_or_none(stats.chi2.logsf(s, k) / LN10)
        note("chi-square vs scipy", ref_f, sp)
        points.append({"statistic": s, "dof": k, "log10_p": ref_f, "source": "mpmath-gammainc",
                       "scipy_log10_p": sp})
    return points


def fisher_points():
    sets = [[math.log10(0.05)] * 2, [-1.0, -2.0, -3.0], [-400.0, -0.1], [-5000.0, -3000.0, -0.5],
            [0.0, 0.0, 0.0], [-0.3] * 100, [-0.01] * 1000, [-2.5]]
    points = []
    for logs in sets:
        with mp.workdps(50):
            t = -sum(mp.mpf(v) for v in logs) * mp.log(10)
            ref = mp.log10(mp.gammainc(len(logs), t, mp.inf, regularized=True)) if t > 0 else mp.mpf(0)
        ref_f = float(ref)
        sp = None
        if all(v > -300 for v in logs):
            sp = finite_or_none(math.log10(stats.combine_pvalues(
                [10.0 ** v for v in logs], method="fisher").pvalue) if t > 0 else 0.0)
        note("fisher vs scipy", ref_f, sp)
        points.append({"log10_p_values": logs, "log10_p": ref_f, "source": "mpmath-gammainc",
                       "scipy_log10_p": sp})
    return points


# ---------------------------------------------------------------- Clopper-Pearson

def mp_binom_sf(k, n, p):
    with mp.workdps(40):
        return mp.mpf(10) ** mp_binom_log10_sf(k, n, p)


def mp_pmf(j, n, p):
    with mp.workdps(40):
        return mp.exp(mp.loggamma(n + 1) - mp.loggamma(j + 1) - mp.loggamma(n - j + 1)
                      + j * mp.log(p) + (n - j) * mp.log(1 - p))


def newton_root(f, derivative, start):
    """Newton's method in mpmath from a close start (SciPy's bound)."""
    with mp.workdps(40):
        x = mp.mpf(start)
        for _ in range(30):
            step = f(x) / derivative(x)
            x -= step
            if abs(step) <= abs(x) * mp.mpf(10) ** -30:
                return x
    raise RuntimeError("Newton did not converge")


def clopper_pearson_points():
    """SciPy's exact interval, refined by Newton's method on the exact mpmath tails.

    SciPy's betaincinv loses digits for x << n at large n (10^-7 relative at 1/10^6, 10^-4 at
    10/10^9), so the recorded bounds are the mpmath roots; SciPy's are kept alongside."""
    cases = [(0, 10), (1, 10), (5, 10), (10, 10), (3, 1000), (500, 1000), (999, 1000), (50, 100000),
             (1, 10**6), (1000, 10**6), (10, 10**9), (5 * 10**8, 10**9)]
    points = []
    for conf in [0.95, 0.99, 0.999]:
        for k, n in cases:
            ci = stats.binomtest(k, n).proportion_ci(confidence_level=conf, method="exact")
            with mp.workdps(40):
                half = (1 - mp.mpf(conf)) / 2
                lo = mp.mpf(0)
                if k > 0:  # P(X >= k | lo) = alpha/2
                    lo = newton_root(lambda x: mp_binom_sf(k, n, x) - half,
                                     lambda x: n * mp_pmf(k - 1, n - 1, x), ci.low)
                hi = mp.mpf(1)
                if k < n:  # P(X <= k | hi) = alpha/2, i.e. P(X >= k+1 | hi) = 1 - alpha/2
                    hi = newton_root(lambda x: mp_binom_sf(k + 1, n, x) - (1 - half),
                                     lambda x: n * mp_pmf(k, n - 1, x), ci.high)
            for mine, theirs in [(lo, ci.low), (hi, ci.high)]:
                if mine > 0:
                    err = abs(float(mine / mp.mpf(theirs)) - 1)
                    kind = "clopper-pearson scipy vs mpmath root (relative, of the bound)"
                    worst[kind] = max(worst.get(kind, 0.0), err)
                    assert err < 1e-3, (k, n, conf, mine, theirs)
            points.append({"successes": k, "trials": n, "confidence": conf, "lower": float(lo),
                           "upper": float(hi), "source": "mpmath-newton",
                           "scipy_lower": float(ci.low), "scipy_upper": float(ci.high)})
    print(f"clopper-pearson: {len(points)} points", file=sys.stderr)
    return points


def main():
    fixture = {
        "generator": "scripts/make-stat-fixtures.py",
        "scipy": scipy.__version__,
        "mpmath": mp.__version__,
        "binomial": binomial_points(),
        "gamma": gamma_points(),
        "normal": normal_points(),
        "chi_square": chi_square_points(),
        "fisher": fisher_points(),
        "clopper_pearson": clopper_pearson_points(),
    }
    OUT.write_text(json.dumps(fixture, indent=1, allow_nan=False) + "\n")
    for kind, err in sorted(worst.items()):
        print(f"largest disagreement, {kind}: {err:.2e}", file=sys.stderr)
    counts = {k: len(v) for k, v in fixture.items() if isinstance(v, list)}
    print(f"wrote {OUT} {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
