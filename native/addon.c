/*
 * The N-API side of the native product kernels (src/kernels/native.ts loads it): checks the CPU
 * and the arguments, keeps each thread's work memory, and calls gemm-avx2.c. Compiled without
 * -mavx2, so nothing here uses AVX2 before the CPU has been asked.
 *
 * Exports:
 *   avx2: boolean                       whether this CPU has AVX2 (gemm throws when it has not)
 *   gemm(a, aRs, aCs, b, bRs, bCs, c, n, k, m, sparse): 1 (dense) or 2 (sparse)
 *       C (n×m) = L·R on Float64Arrays, read and written in place (no copies), as the
 *       ProductKernel of src/base/matrix.ts; sparse: 0 never, 1 auto, 2 always skip L's zeros.
 *
 * Context-aware (NAPI_MODULE_INIT): each worker thread that loads the addon gets its own
 * instance and its own work memory, freed when the thread ends.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gemm-avx2.h"

typedef struct {
  double *work;
  size_t doubles;
} Instance;

static void free_instance(napi_env env, void *data, void *hint) {
  (void)env, (void)hint;
  Instance *inst = data;
  free(inst->work);
  free(inst);
}

static int has_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
#else
  return 0;
#endif
}

#define TRY(call)                                                                                                      \
  do {                                                                                                                 \
    if ((call) != napi_ok) return fail(env, "native gemm: N-API call failed: " #call);                                 \
  } while (0)

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static int f64_array(napi_env env, napi_value v, double **data, size_t *length) {
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  bool is_typed;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed) return 0;
  if (napi_get_typedarray_info(env, v, &type, length, (void **)data, &buffer, &offset) != napi_ok) return 0;
  return type == napi_float64_array;
}

static int count(napi_env env, napi_value v, int64_t *out) {
  return napi_get_value_int64(env, v, out) == napi_ok && *out >= 0 && *out <= INT32_MAX;
}

static napi_value gemm(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  Instance *inst;
  TRY(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  TRY(napi_get_instance_data(env, (void **)&inst));
  if (!has_avx2()) return fail(env, "native gemm: this CPU has no AVX2 (use the wasm kernels)");
  if (argc != 11) return fail(env, "native gemm: expected 11 arguments (a, aRs, aCs, b, bRs, bCs, c, n, k, m, sparse)");
  double *a, *b, *c;
  size_t aLen, bLen, cLen;
  int64_t aRs, aCs, bRs, bCs, n, k, m, mode;
  if (!f64_array(env, argv[0], &a, &aLen) || !f64_array(env, argv[3], &b, &bLen) || !f64_array(env, argv[6], &c, &cLen))
    return fail(env, "native gemm: a, b and c must be Float64Arrays");
  if (!count(env, argv[1], &aRs) || !count(env, argv[2], &aCs) || !count(env, argv[4], &bRs) ||
      !count(env, argv[5], &bCs) || !count(env, argv[7], &n) || !count(env, argv[8], &k) ||
      !count(env, argv[9], &m) || !count(env, argv[10], &mode) || mode > SPARSE_ALWAYS)
    return fail(env, "native gemm: strides and sizes must be integers in [0, 2^31), sparse 0, 1 or 2");
  /* every entry read or written must lie inside its array */
  if ((size_t)(n * m) > cLen) return fail(env, "native gemm: c is shorter than n·m");
  if (n > 0 && k > 0 && (size_t)((n - 1) * aRs + (k - 1) * aCs) >= aLen)
    return fail(env, "native gemm: a is too short for n, k and its strides");
  if (k > 0 && m > 0 && (size_t)((k - 1) * bRs + (m - 1) * bCs) >= bLen)
    return fail(env, "native gemm: b is too short for k, m and its strides");
  size_t need = avx2_work_doubles((size_t)n, (size_t)k, (size_t)m);
  if (need > inst->doubles) {
    double *grown = realloc(inst->work, need * sizeof(double));
    if (grown == NULL) return fail(env, "native gemm: out of memory for the packed operands");
    inst->work = grown;
    inst->doubles = need;
  }
  int path = avx2_gemm(a, (ptrdiff_t)aRs, (ptrdiff_t)aCs, b, (ptrdiff_t)bRs, (ptrdiff_t)bCs, c, (size_t)n, (size_t)k,
                       (size_t)m, (int)mode, inst->work);
  napi_value result;
  TRY(napi_create_int32(env, path, &result));
  return result;
}

NAPI_MODULE_INIT() {
  Instance *inst = calloc(1, sizeof(Instance));
  napi_value fn, avx2;
  if (inst == NULL || napi_set_instance_data(env, inst, free_instance, NULL) != napi_ok) return NULL;
  if (napi_create_function(env, "gemm", NAPI_AUTO_LENGTH, gemm, NULL, &fn) != napi_ok) return NULL;
  if (napi_get_boolean(env, has_avx2(), &avx2) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "gemm", fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "avx2", avx2) != napi_ok) return NULL;
  return exports;
}
