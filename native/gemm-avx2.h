/* The AVX2 product kernels (gemm-avx2.c), called by addon.c once the CPU has said it has AVX2. */
#ifndef DLFS_GEMM_AVX2_H
#define DLFS_GEMM_AVX2_H
#include <stddef.h>

enum { SPARSE_NEVER = 0, SPARSE_AUTO = 1, SPARSE_ALWAYS = 2 };
enum { GEMM_DENSE = 1, GEMM_SPARSE = 2 };

/* Doubles of work memory avx2_gemm needs for an n×k·k×m product. */
size_t avx2_work_doubles(size_t n, size_t k, size_t m);

/*
 * C (n×m, row-major) = L·R with L(i,p) = a[i·aRs + p·aCs], R(p,j) = b[p·bRs + j·bCs], each entry
 * summed as the triple loop sums it. `work` holds avx2_work_doubles(n, k, m) doubles. Returns the
 * path taken: GEMM_DENSE or GEMM_SPARSE.
 */
int avx2_gemm(const double *a, ptrdiff_t aRs, ptrdiff_t aCs, const double *b, ptrdiff_t bRs, ptrdiff_t bCs,
              double *c, size_t n, size_t k, size_t m, int sparse_mode, double *work);
#endif
