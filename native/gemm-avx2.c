/*
 * The matrix-product kernels of src/base/matrix.ts in AVX2: four doubles per instruction, for C = L·R.
 * Compiled alone with -mavx2 -mno-fma -ffp-contract=off (native/build.sh), so that the compiler
 * can neither fuse a multiply and an add nor use these instructions outside this file; addon.c
 * calls in here only after the CPU has said it has AVX2.
 *
 * Operands are addressed by strides in elements, as in src/kernels/gemm.wat: entry (i, p) of L is
 * a[i·aRs + p·aCs], (p, j) of R is b[p·bRs + j·bCs], (i, j) of C is c[i·m + j]. So A·B, Aᵀ·B and
 * A·Bᵀ are the same kernels with different strides, and no transpose is ever formed.
 *
 * One promise holds on every path: each entry of C is summed exactly as the plain triple loop sums it,
 *   s = 0; for p = 0, 1, …, k−1: s = s + L(i,p)·R(p,j)
 * a multiply (_mm256_mul_pd) then an add (_mm256_add_pd), p ascending. Each entry lives in one
 * lane of one accumulator from p = 0 to k−1; lanes never mix. So every entry is bit-identical
 * to the triple loop (spec/kernels checks it on every path, with ±0, NaN and ∞).
 *
 * Two ways to compute C:
 *   dense:  both operands are packed (GotoBLAS-style) into panels, L into panels of 4 rows and R
 *           into panels of 8 columns, each stored p by p and padded with zeros to a whole panel,
 *           so the 4×8 tile loop reads two straight streams and needs no edge code: a padded row
 *           or column is computed and thrown away.
 *   sparse: L's nonzeros are listed once per row (p ascending), and each row of C sums over them
 *           only. A skipped term L(i,p)·R(p,j) with L(i,p) = ±0 and R(p,j) finite is ±0, and
 *           adding ±0 to s never changes s: s starts at +0 and a sum of doubles is −0 only when
 *           both addends are −0, so s is never −0. Hence the triple loop's bits, provided every
 *           entry of R is finite (0·∞ and 0·NaN are NaN): R is checked first (read in place when its
 *           columns are contiguous, else while it is packed), and the dense path is taken otherwise.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "gemm-avx2.h"

#define MR 4 /* rows of a tile */
#define NR 8 /* columns of a tile: two __m256d */

static size_t round_up(size_t x, size_t to) { return (x + to - 1) / to * to; }

size_t avx2_work_doubles(size_t n, size_t k, size_t m) {
  /* dense: the packed panels of L and R */
  size_t dense = round_up(n, MR) * k + k * round_up(m, NR);
  /* sparse: R padded to rows of m8 doubles, the values of L's nonzeros, their p and the row starts (int32) */
  size_t sparse = k * round_up(m, NR) + n * k + (n * k + 1 + n + 1 + 1) / 2;
  /* + one 4×8 tile of C, + 8 to align to 64 bytes */
  return (dense > sparse ? dense : sparse) + MR * NR + 8;
}

/* L rows [0, n) into panels of 4 rows, zero rows past n: dst[(i/4·k + p)·4 + r] = L(i + r, p). */
static void pack_l(const double *a, ptrdiff_t aRs, ptrdiff_t aCs, size_t n, size_t k, double *dst) {
  for (size_t i = 0; i < n; i += MR)
    for (size_t p = 0; p < k; p++)
      for (size_t r = 0; r < MR; r++) *dst++ = i + r < n ? a[(ptrdiff_t)(i + r) * aRs + (ptrdiff_t)p * aCs] : 0.0;
}

/*
 * Whether every entry seen was finite, from the accumulators of x·0: x·0 is ±0 for finite x and NaN
 * for ±∞ and NaN, and NaN stays in a sum whatever the order of the adds. So the answer does not
 * depend on how the terms are grouped, and four lanes (plus a scalar for the edges) keep the adds
 * independent instead of one chain of dependent adds per entry.
 */
static int all_zero(__m256d z, double zt) {
  double lanes[4];
  _mm256_storeu_pd(lanes, z);
  return lanes[0] == 0.0 && lanes[1] == 0.0 && lanes[2] == 0.0 && lanes[3] == 0.0 && zt == 0.0;
}

/* Four entries of R's row `row` from column j on: one load when the row is contiguous. */
static __m256d load4(const double *row, ptrdiff_t bCs, size_t j) {
  if (bCs == 1) return _mm256_loadu_pd(row + j);
  return _mm256_set_pd(row[(ptrdiff_t)(j + 3) * bCs], row[(ptrdiff_t)(j + 2) * bCs], row[(ptrdiff_t)(j + 1) * bCs],
                       row[(ptrdiff_t)j * bCs]);
}

/*
 * R columns [0, m) into panels of 8 columns, zero columns past m: dst[(j/8·k + p)·8 + q] = R(p, j + q).
 * Returns 1 when every entry of R is finite (all_zero).
 */
static int pack_r(const double *b, ptrdiff_t bRs, ptrdiff_t bCs, size_t k, size_t m, double *dst) {
  const __m256d zero = _mm256_setzero_pd();
  __m256d z = zero;
  double zt = 0.0;
  for (size_t j = 0; j < m; j += NR)
    for (size_t p = 0; p < k; p++, dst += NR) {
      const double *row = b + (ptrdiff_t)p * bRs;
      if (j + NR <= m) {
        __m256d x0 = load4(row, bCs, j), x1 = load4(row, bCs, j + 4);
        z = _mm256_add_pd(z, _mm256_add_pd(_mm256_mul_pd(x0, zero), _mm256_mul_pd(x1, zero)));
        _mm256_store_pd(dst, x0);
        _mm256_store_pd(dst + 4, x1);
      } else
        for (size_t q = 0; q < NR; q++) {
          double x = j + q < m ? row[(ptrdiff_t)(j + q) * bCs] : 0.0;
          zt += x * 0.0;
          dst[q] = x;
        }
    }
  return all_zero(z, zt);
}

/* One 4×8 tile of C from a panel of L (4 rows) and a panel of R (8 columns), k steps; written to t[4][8]. */
static void tile(const double *lp, const double *rp, size_t k, double *t) {
  __m256d c00 = _mm256_setzero_pd(), c01 = _mm256_setzero_pd();
  __m256d c10 = _mm256_setzero_pd(), c11 = _mm256_setzero_pd();
  __m256d c20 = _mm256_setzero_pd(), c21 = _mm256_setzero_pd();
  __m256d c30 = _mm256_setzero_pd(), c31 = _mm256_setzero_pd();
  for (size_t p = 0; p < k; p++, lp += MR, rp += NR) {
    __m256d r0 = _mm256_load_pd(rp), r1 = _mm256_load_pd(rp + 4), x;
    x = _mm256_broadcast_sd(lp);
    c00 = _mm256_add_pd(c00, _mm256_mul_pd(x, r0));
    c01 = _mm256_add_pd(c01, _mm256_mul_pd(x, r1));
    x = _mm256_broadcast_sd(lp + 1);
    c10 = _mm256_add_pd(c10, _mm256_mul_pd(x, r0));
    c11 = _mm256_add_pd(c11, _mm256_mul_pd(x, r1));
    x = _mm256_broadcast_sd(lp + 2);
    c20 = _mm256_add_pd(c20, _mm256_mul_pd(x, r0));
    c21 = _mm256_add_pd(c21, _mm256_mul_pd(x, r1));
    x = _mm256_broadcast_sd(lp + 3);
    c30 = _mm256_add_pd(c30, _mm256_mul_pd(x, r0));
    c31 = _mm256_add_pd(c31, _mm256_mul_pd(x, r1));
  }
  _mm256_storeu_pd(t, c00), _mm256_storeu_pd(t + 4, c01);
  _mm256_storeu_pd(t + 8, c10), _mm256_storeu_pd(t + 12, c11);
  _mm256_storeu_pd(t + 16, c20), _mm256_storeu_pd(t + 20, c21);
  _mm256_storeu_pd(t + 24, c30), _mm256_storeu_pd(t + 28, c31);
}

static void dense(const double *lp, const double *rp, double *c, size_t n, size_t k, size_t m, double *t) {
  for (size_t i = 0; i < n; i += MR)
    for (size_t j = 0; j < m; j += NR) {
      tile(lp + i * k, rp + j * k, k, t);
      size_t rows = n - i < MR ? n - i : MR, cols = m - j < NR ? m - j : NR;
      for (size_t r = 0; r < rows; r++)
        for (size_t q = 0; q < cols; q++) c[(i + r) * m + j + q] = t[r * NR + q];
    }
}

/*
 * Whether at least half of L looks like zeros, judged from about 2,048 evenly spaced entries
 * (as src/kernels/gemm.ts judges it for the wasm kernels). Only speed depends on the answer.
 */
static int mostly_zeros(const double *a, ptrdiff_t aRs, ptrdiff_t aCs, size_t n, size_t k) {
  size_t count = n * k, step = count / 2048 > 1 ? count / 2048 : 1, zeros = 0, seen = 0;
  /* entry e = i·k + p, walked without a division per sample: (i, p) moves on by (step / k, step % k) */
  size_t di = step / k, dp = step % k, i = 0, p = 0;
  for (size_t e = 0; e < count; e += step, seen++) {
    zeros += a[(ptrdiff_t)i * aRs + (ptrdiff_t)p * aCs] == 0.0;
    i += di;
    p += dp;
    if (p >= k) p -= k, i++;
  }
  return 2 * zeros >= seen;
}

/*
 * Sparse path. L's nonzeros (x ≠ 0, so NaN counts) are listed row by row, p ascending, without a
 * branch: each entry is written at e and e moves on only when it is nonzero. Then each row of C sums
 * R's rows at the listed p (row p of R at r + p·rs, its columns contiguous), 32 columns (eight
 * accumulators) at a time, then 8, then the last m mod 8 with masked loads, which read no column
 * at or past m (the lanes they leave are +0 and never stored).
 */
static void sparse(const double *a, ptrdiff_t aRs, ptrdiff_t aCs, const double *r, size_t rs, double *c, size_t n,
                   size_t k, size_t m, double *val, int32_t *idx, int32_t *start, double *t) {
  int32_t e = 0;
  const __m256d zero = _mm256_setzero_pd();
  for (size_t i = 0; i < n; i++) {
    start[i] = e;
    const double *ai = a + (ptrdiff_t)i * aRs;
    size_t p = 0;
    /* four entries at a time: a group of four zeros (common: MNIST's zeros come in runs) costs one test */
    for (; p + 4 <= k; p += 4) {
      __m256d x4 = aCs == 1 ? _mm256_loadu_pd(ai + p)
                            : _mm256_set_pd(ai[(ptrdiff_t)(p + 3) * aCs], ai[(ptrdiff_t)(p + 2) * aCs],
                                            ai[(ptrdiff_t)(p + 1) * aCs], ai[(ptrdiff_t)p * aCs]);
      int nz = _mm256_movemask_pd(_mm256_cmp_pd(x4, zero, _CMP_NEQ_UQ)); /* x ≠ 0, NaN included */
      if (nz == 0) continue;
      double xs[4];
      _mm256_storeu_pd(xs, x4);
      for (int r = 0; r < 4; r++) {
        val[e] = xs[r];
        idx[e] = (int32_t)(p + r);
        e += (nz >> r) & 1;
      }
    }
    for (; p < k; p++) {
      double x = ai[(ptrdiff_t)p * aCs];
      val[e] = x;
      idx[e] = (int32_t)p;
      e += x != 0.0;
    }
  }
  start[n] = e;
  size_t rem = m % NR;
  __m256i mask0 = _mm256_set_epi64x(rem > 3 ? -1 : 0, rem > 2 ? -1 : 0, rem > 1 ? -1 : 0, rem > 0 ? -1 : 0);
  __m256i mask1 = _mm256_set_epi64x(rem > 7 ? -1 : 0, rem > 6 ? -1 : 0, rem > 5 ? -1 : 0, rem > 4 ? -1 : 0);
  for (size_t i = 0; i < n; i++) {
    double *ci = c + i * m;
    const int32_t f0 = start[i], f1 = start[i + 1]; /* read once: c's stores may alias them for all the compiler knows */
    size_t j = 0;
    for (; j + 32 <= m; j += 32) {
      __m256d s[8];
      for (int q = 0; q < 8; q++) s[q] = _mm256_setzero_pd();
      for (int32_t f = f0; f < f1; f++) {
        __m256d x = _mm256_broadcast_sd(val + f);
        const double *rf = r + (size_t)idx[f] * rs + j;
        for (int q = 0; q < 8; q++) s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(x, _mm256_loadu_pd(rf + 4 * q)));
      }
      for (int q = 0; q < 8; q++) _mm256_storeu_pd(ci + j + 4 * q, s[q]);
    }
    for (; j + NR <= m; j += NR) {
      __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
      for (int32_t f = f0; f < f1; f++) {
        __m256d x = _mm256_broadcast_sd(val + f);
        const double *rf = r + (size_t)idx[f] * rs + j;
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(x, _mm256_loadu_pd(rf)));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(x, _mm256_loadu_pd(rf + 4)));
      }
      _mm256_storeu_pd(ci + j, s0), _mm256_storeu_pd(ci + j + 4, s1);
    }
    if (rem > 0) {
      __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
      for (int32_t f = f0; f < f1; f++) {
        __m256d x = _mm256_broadcast_sd(val + f);
        const double *rf = r + (size_t)idx[f] * rs + j;
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(x, _mm256_maskload_pd(rf, mask0)));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(x, _mm256_maskload_pd(rf + 4, mask1)));
      }
      _mm256_storeu_pd(t, s0), _mm256_storeu_pd(t + 4, s1);
      for (size_t q = 0; q < rem; q++) ci[j + q] = t[q];
    }
  }
}

/* 1 when every entry of R (k rows at stride bRs, m contiguous columns each) is finite (all_zero). */
static int rows_finite(const double *b, ptrdiff_t bRs, size_t k, size_t m) {
  const __m256d zero = _mm256_setzero_pd();
  __m256d z0 = zero, z1 = zero, z2 = zero, z3 = zero;
  double zt = 0.0;
  for (size_t p = 0; p < k; p++) {
    const double *row = b + (ptrdiff_t)p * bRs;
    size_t j = 0;
    for (; j + 16 <= m; j += 16) {
      z0 = _mm256_add_pd(z0, _mm256_mul_pd(_mm256_loadu_pd(row + j), zero));
      z1 = _mm256_add_pd(z1, _mm256_mul_pd(_mm256_loadu_pd(row + j + 4), zero));
      z2 = _mm256_add_pd(z2, _mm256_mul_pd(_mm256_loadu_pd(row + j + 8), zero));
      z3 = _mm256_add_pd(z3, _mm256_mul_pd(_mm256_loadu_pd(row + j + 12), zero));
    }
    for (; j + 4 <= m; j += 4) z0 = _mm256_add_pd(z0, _mm256_mul_pd(_mm256_loadu_pd(row + j), zero));
    for (; j < m; j++) zt += row[j] * 0.0;
  }
  return all_zero(_mm256_add_pd(_mm256_add_pd(z0, z1), _mm256_add_pd(z2, z3)), zt);
}

/* R as k rows of m8 doubles (zero columns past m); 1 when every entry of R is finite (all_zero). */
static int pack_r_rows(const double *b, ptrdiff_t bRs, ptrdiff_t bCs, size_t k, size_t m, double *dst) {
  size_t m8 = round_up(m, NR);
  const __m256d zero = _mm256_setzero_pd();
  __m256d z = zero;
  double zt = 0.0;
  for (size_t p = 0; p < k; p++, dst += m8) {
    const double *row = b + (ptrdiff_t)p * bRs;
    size_t j = 0;
    for (; j + 4 <= m; j += 4) {
      __m256d x = load4(row, bCs, j);
      z = _mm256_add_pd(z, _mm256_mul_pd(x, zero));
      _mm256_storeu_pd(dst + j, x);
    }
    for (; j < m8; j++) {
      double x = j < m ? row[(ptrdiff_t)j * bCs] : 0.0;
      zt += x * 0.0;
      dst[j] = x;
    }
  }
  return all_zero(z, zt);
}

int avx2_gemm(const double *a, ptrdiff_t aRs, ptrdiff_t aCs, const double *b, ptrdiff_t bRs, ptrdiff_t bCs,
              double *c, size_t n, size_t k, size_t m, int sparse_mode, double *work) {
  if (n == 0 || m == 0) return GEMM_DENSE;
  /* 64-byte aligned work area (the packed panels are read with aligned loads) */
  double *w = (double *)(((uintptr_t)work + 63) & ~(uintptr_t)63);
  double *t = w;
  w += MR * NR;
  if (k > 0 && n * k < INT32_MAX && (sparse_mode == SPARSE_ALWAYS || (sparse_mode == SPARSE_AUTO && mostly_zeros(a, aRs, aCs, n, k)))) {
    double *rp = w, *val = rp + k * round_up(m, NR);
    int32_t *idx = (int32_t *)(val + n * k), *start = idx + n * k + 1;
    /* R's rows are read in place when its columns are contiguous (A·B, Aᵀ·B), else packed first */
    if (bCs == 1 ? rows_finite(b, bRs, k, m) : pack_r_rows(b, bRs, bCs, k, m, rp)) {
      sparse(a, aRs, aCs, bCs == 1 ? b : rp, bCs == 1 ? (size_t)bRs : round_up(m, NR), c, n, k, m, val, idx, start, t);
      return GEMM_SPARSE;
    }
  }
  double *lp = w, *rp = lp + round_up(n, MR) * k;
  pack_l(a, aRs, aCs, n, k, lp);
  pack_r(b, bRs, bCs, k, m, rp);
  dense(lp, rp, c, n, k, m, t);
  return GEMM_DENSE;
}
