/*
 * urn_native: CBLAS GEMM and a fused L1 + Adam pass over memory owned by TensorFlow.js backends
 * (the wasm heap's ArrayBuffer, or the cpu backend's Float32Arrays). Every buffer argument is an
 * ArrayBuffer plus a byte offset; every access is bounds-checked before any work is done.
 * No OpenMP: GEMM threads are OpenBLAS's own, the Adam pass uses plain pthreads.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <node_api.h>

/* The CBLAS entry point, declared here so any CBLAS (OpenBLAS, BLIS, reference) links. */
enum CBLAS_ORDER { CblasRowMajor = 101 };
enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112 };
void cblas_sgemm(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE, int, int, int, float, const float *, int,
                 const float *, int, float, float *, int);
/* OpenBLAS extras, optional (weak): absent with another CBLAS. */
extern int openblas_get_num_threads(void) __attribute__((weak));
extern char *openblas_get_config(void) __attribute__((weak));

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "urn_native: N-API call failed");   \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static int fail(napi_env env, const char *msg) {
  napi_throw_range_error(env, NULL, msg);
  return 0;
}

static double num(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

/* A float pointer into an ArrayBuffer at a byte offset, with room for `count` floats (0 floats: NULL ok). */
static int span(napi_env env, napi_value buf, double offset, double count, float **out, const char *name) {
  char msg[160];
  napi_valuetype t;
  napi_typeof(env, buf, &t);
  if (t == napi_null || t == napi_undefined) {
    *out = NULL;
    return 1;
  }
  bool isAb = false;
  napi_is_arraybuffer(env, buf, &isAb);
  if (!isAb) {
    snprintf(msg, sizeof msg, "urn_native: %s must be an ArrayBuffer", name);
    return fail(env, msg);
  }
  void *data = NULL;
  size_t len = 0;
  napi_get_arraybuffer_info(env, buf, &data, &len);
  if (!(offset >= 0) || !(count >= 0) || fmod(offset, 4.0) != 0 || offset + count * 4.0 > (double)len) {
    snprintf(msg, sizeof msg, "urn_native: %s out of bounds (offset %.0f, %.0f floats, %zu bytes)", name, offset, count, len);
    return fail(env, msg);
  }
  *out = (float *)((char *)data + (size_t)offset);
  return 1;
}

/* sgemm(a, aOff, b, bOff, c, cOff, batch, M, N, K, transA, transB, strideA, strideB, strideC)
 * C[i] = op(A[i]) · op(B[i]) for i < batch, row-major, strides in floats (0: broadcast). */
static napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 15;
  napi_value a[15];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc != 15) return fail(env, "urn_native.sgemm: expected 15 arguments"), NULL;
  const double batch = num(env, a[6]), M = num(env, a[7]), N = num(env, a[8]), K = num(env, a[9]);
  bool tA = false, tB = false;
  napi_get_value_bool(env, a[10], &tA);
  napi_get_value_bool(env, a[11], &tB);
  const double sA = num(env, a[12]), sB = num(env, a[13]), sC = num(env, a[14]);
  if (!(batch >= 1 && M >= 0 && N >= 0 && K >= 0) || M > INT32_MAX || N > INT32_MAX || K > INT32_MAX) {
    return fail(env, "urn_native.sgemm: bad sizes"), NULL;
  }
  float *A, *Bm, *C;
  if (!span(env, a[0], num(env, a[1]), sA * (batch - 1) + M * K, &A, "A")) return NULL;
  if (!span(env, a[2], num(env, a[3]), sB * (batch - 1) + K * N, &Bm, "B")) return NULL;
  if (!span(env, a[4], num(env, a[5]), sC * (batch - 1) + M * N, &C, "C")) return NULL;
  if (!A || !Bm || !C) return fail(env, "urn_native.sgemm: null buffer"), NULL;
  const int m = (int)M, n = (int)N, k = (int)K;
  for (long i = 0; i < (long)batch; i++) {
    if (k == 0) {
      memset(C + (size_t)(i * sC), 0, sizeof(float) * (size_t)m * (size_t)n);
      continue;
    }
    cblas_sgemm(CblasRowMajor, tA ? CblasTrans : CblasNoTrans, tB ? CblasTrans : CblasNoTrans, m, n, k, 1.0f,
                A + (size_t)(i * sA), tA ? m : k, Bm + (size_t)(i * sB), tB ? k : n, 0.0f, C + (size_t)(i * sC), n);
  }
  return NULL;
}

/* biasAct(c, cOff, rows, cols, bias|null, biasOff, biasLen, act, alpha): C += bias (per column when
 * biasLen == cols, one value when 1, elementwise when rows·cols), then the activation:
 * 0 linear, 1 relu, 2 relu6, 3 leakyrelu(alpha), 4 sigmoid, 5 elu. */
static napi_value BiasAct(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value a[9];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc != 9) return fail(env, "urn_native.biasAct: expected 9 arguments"), NULL;
  const double rows = num(env, a[2]), cols = num(env, a[3]), blen = num(env, a[6]);
  const int act = (int)num(env, a[7]);
  const float alpha = (float)num(env, a[8]);
  if (!(rows >= 0 && cols >= 0)) return fail(env, "urn_native.biasAct: bad sizes"), NULL;
  if (!(blen == cols || blen == 1 || blen == rows * cols || blen == 0)) return fail(env, "urn_native.biasAct: bad bias length"), NULL;
  float *C, *bias;
  if (!span(env, a[0], num(env, a[1]), rows * cols, &C, "C")) return NULL;
  if (!span(env, a[4], num(env, a[5]), blen, &bias, "bias")) return NULL;
  const size_t R = (size_t)rows, Cn = (size_t)cols, BL = bias ? (size_t)blen : 0;
  for (size_t r = 0; r < R; r++) {
    float *row = C + r * Cn;
    if (BL == Cn) {
      for (size_t j = 0; j < Cn; j++) row[j] += bias[j];
    } else if (BL == 1) {
      for (size_t j = 0; j < Cn; j++) row[j] += bias[0];
    } else if (BL > 1) {
      for (size_t j = 0; j < Cn; j++) row[j] += bias[r * Cn + j];
    }
    switch (act) {
      case 1: for (size_t j = 0; j < Cn; j++) row[j] = row[j] > 0 ? row[j] : 0; break;
      case 2: for (size_t j = 0; j < Cn; j++) row[j] = row[j] < 0 ? 0 : (row[j] > 6 ? 6 : row[j]); break;
      case 3: for (size_t j = 0; j < Cn; j++) row[j] = row[j] < 0 ? alpha * row[j] : row[j]; break;
      case 4: for (size_t j = 0; j < Cn; j++) row[j] = 1.0f / (1.0f + expf(-row[j])); break;
      case 5: for (size_t j = 0; j < Cn; j++) row[j] = row[j] < 0 ? expm1f(row[j]) : row[j]; break;
      default: break;
    }
  }
  return NULL;
}

typedef struct {
  float *w, *g, *m, *v;
  const float *d;
  size_t from, to;
  float lrc1, b1, b2, ob1, ob2, c2, eps, cW, cSyn, proxLr;
  double sumAbs, sumAbsD;
  /* Block mode (pos != NULL): the gradient is the u×u block g at rows and columns ids of a
   * cols×cols parameter (0 elsewhere); pos[i] is i's place in ids or -1; from/to are rows. */
  const int32_t *pos, *ids;
  size_t u, cols;
  float *row; /* cols zeros, this job's own */
} AdamJob;

/* Elements per block: the L1 sums are kept in float lanes within a block and added to a double
 * per block, so they need no -ffast-math to vectorise and lose no precision that matters. */
#define ADAM_LANES 16
#define ADAM_BLOCK 1024

/* Build the hot loop for AVX-512 and AVX2 too, picked at load time (GCC on x86-64 Linux). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define URN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define URN_CLONES
#endif

/* One element of the pass; returns |w| before the step (and |w|·d through *awd). Specialised by
 * the compiler for each (prox, hasD) pair. */
static inline __attribute__((always_inline)) float adam_one(
    float *restrict W, const float *restrict G, float *restrict M, float *restrict V, const float *restrict D,
    size_t k, const int prox, const int hasD, const float lrc1, const float b1, const float b2, const float ob1,
    const float ob2, const float c2, const float eps, const float cW, const float cSyn, const float proxLr,
    float *awd) {
  const float w = W[k];
  const float aw = fabsf(w);
  const float dk = hasD ? D[k] : 0.0f;
  *awd = aw * dk;
  float g = G[k];
  if (!prox) {
    const float s = w > 0 ? 1.0f : (w < 0 ? -1.0f : 0.0f);
    g = g + s * cW;
    if (hasD) g = g + s * (dk * cSyn);
  }
  const float m = M[k] * b1 + g * ob1;
  const float v = V[k] * b2 + (g * g) * ob2;
  M[k] = m;
  V[k] = v;
  const float q = sqrtf(v * c2) + eps;
  const float u = w - (m * lrc1) / q;
  if (!prox) {
    W[k] = u;
  } else {
    const float lam = hasD ? cW + dk * cSyn : cW;
    const float tau = (proxLr * lam) / q;
    const float au = fabsf(u) - tau;
    W[k] = au > 0 ? (u > 0 ? au : -au) : 0.0f;
  }
  return aw;
}

/* The pass over [from, to) in blocks: every value the loop reads is a local or a restrict
 * pointer, and the sums go to ADAM_LANES float lanes, so the inner loop vectorises. */
static inline __attribute__((always_inline)) void adam_span(AdamJob *j, const int prox, const int hasD) {
  float *restrict W = j->w, *restrict M = j->m, *restrict V = j->v;
  const float *restrict G = j->g, *restrict D = j->d;
  const float lrc1 = j->lrc1, b1 = j->b1, b2 = j->b2, ob1 = j->ob1, ob2 = j->ob2, c2 = j->c2, eps = j->eps;
  const float cW = j->cW, cSyn = j->cSyn, proxLr = j->proxLr;
  double sa = 0, sd = 0;
  for (size_t at = j->from; at < j->to; at += ADAM_BLOCK) {
    const size_t end = j->to - at < ADAM_BLOCK ? j->to : at + ADAM_BLOCK;
    float accA[ADAM_LANES] = {0}, accD[ADAM_LANES] = {0};
    size_t k = at;
    for (; k + ADAM_LANES <= end; k += ADAM_LANES) {
      for (int l = 0; l < ADAM_LANES; l++) {
        float awd;
        accA[l] += adam_one(W, G, M, V, D, k + l, prox, hasD, lrc1, b1, b2, ob1, ob2, c2, eps, cW, cSyn, proxLr, &awd);
        accD[l] += awd;
      }
    }
    for (; k < end; k++) {
      float awd;
      accA[0] += adam_one(W, G, M, V, D, k, prox, hasD, lrc1, b1, b2, ob1, ob2, c2, eps, cW, cSyn, proxLr, &awd);
      accD[0] += awd;
    }
    for (int l = 0; l < ADAM_LANES; l++) {
      sa += accA[l];
      sd += accD[l];
    }
  }
  j->sumAbs = sa;
  j->sumAbsD = sd;
}

URN_CLONES static void adam_range(AdamJob *j) {
  const int prox = j->proxLr != 0, hasD = j->d != NULL;
  if (prox && hasD) adam_span(j, 1, 1);
  else if (prox) adam_span(j, 1, 0);
  else if (hasD) adam_span(j, 0, 1);
  else adam_span(j, 0, 0);
}

/* Same float32 formula as the tfjs path. Subgradient (proxLr == 0):
 *   g' = g + sign(w)·(cW + cSyn·d);  m = b1·m + (1-b1)·g';  v = b2·v + (1-b2)·g'²;
 *   w -= (m·lrc1) / (sqrt(v·c2) + eps).
 * Proximal (proxLr = lr > 0): m and v from g alone, then with q = sqrt(v·c2) + eps,
 *   u = w - (m·lrc1) / q;  τ = lr·(cW + cSyn·d) / q;  w = sign(u)·max(|u| - τ, 0).
 * Also Σ|w| and Σ|w|·d at the w before the step. */
/* Block mode: each row runs the same pass with its gradient row expanded into a zero row (the
 * block's entries set at the ids' columns, then cleared again), so every element gets exactly
 * the update the scattered dense gradient would give it. */
static void adam_rows(AdamJob *j) {
  const size_t cols = j->cols, u = j->u;
  float *row = j->row;
  double sa = 0, sd = 0;
  for (size_t r = j->from; r < j->to; r++) {
    const int32_t p = j->pos[r];
    if (p >= 0) for (size_t c = 0; c < u; c++) row[j->ids[c]] = j->g[(size_t)p * u + c];
    AdamJob one = *j;
    one.w = j->w + r * cols, one.m = j->m + r * cols, one.v = j->v + r * cols;
    one.d = j->d ? j->d + r * cols : NULL;
    one.g = row, one.from = 0, one.to = cols;
    adam_range(&one);
    sa += one.sumAbs, sd += one.sumAbsD;
    if (p >= 0) for (size_t c = 0; c < u; c++) row[j->ids[c]] = 0.0f;
  }
  j->sumAbs = sa;
  j->sumAbsD = sd;
}

static void *adam_run(void *p) {
  AdamJob *j = (AdamJob *)p;
  if (j->pos) adam_rows(j);
  else adam_range(j);
  return NULL;
}

/* The block-mode row map: pos[i] = k for ids[k] = i, -1 elsewhere; NULL (after throwing) when an
 * id is out of range or repeated, or memory runs out. */
static int32_t *block_pos(napi_env env, const int32_t *ids, size_t u, size_t cols) {
  int32_t *pos = (int32_t *)malloc(cols * sizeof(int32_t));
  if (!pos) return fail(env, "urn_native.adamL1: out of memory"), NULL;
  for (size_t i = 0; i < cols; i++) pos[i] = -1;
  for (size_t k = 0; k < u; k++) {
    const int32_t i = ids[k];
    if (i < 0 || (size_t)i >= cols || pos[i] >= 0) {
      free(pos);
      return fail(env, "urn_native.adamL1: ids must be distinct rows of the square parameter"), NULL;
    }
    pos[i] = (int32_t)k;
  }
  return pos;
}

/* adamL1(w,wOff, g,gOff, m,mOff, v,vOff, n, lrc1, b1, b2, c2, eps, cW, d|null, dOff, cSyn, threads, proxLr,
 *        ids|null, idsOff, u)
 * → [Σ|w|, Σ|w|·d] before the step; w, m, v are updated in place. With ids (u int32 row/column
 * indices of a square n = cols² parameter), g is the u×u block of the gradient at those rows and
 * columns, and every other entry's gradient is 0. */
static napi_value AdamL1(napi_env env, napi_callback_info info) {
  size_t argc = 23;
  napi_value a[23];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc != 23) return fail(env, "urn_native.adamL1: expected 23 arguments (the addon and its caller differ: rebuild with npm run build:native)"), NULL;
  const double proxLr = num(env, a[19]);
  if (!(proxLr >= 0)) return fail(env, "urn_native.adamL1: proxLr must be >= 0"), NULL;
  const double n = num(env, a[8]);
  if (!(n >= 0)) return fail(env, "urn_native.adamL1: bad length"), NULL;
  const double u = num(env, a[22]);
  float *w, *g, *m, *v, *d, *idf;
  if (!span(env, a[20], num(env, a[21]), u, &idf, "ids")) return NULL;
  const size_t cols = idf ? (size_t)llround(sqrt(n)) : 0;
  if (idf && (!(u >= 0) || (double)cols * (double)cols != n)) return fail(env, "urn_native.adamL1: ids need a square parameter"), NULL;
  if (!span(env, a[0], num(env, a[1]), n, &w, "w") || !span(env, a[2], num(env, a[3]), idf ? u * u : n, &g, "g") ||
      !span(env, a[4], num(env, a[5]), n, &m, "m") || !span(env, a[6], num(env, a[7]), n, &v, "v") ||
      !span(env, a[15], num(env, a[16]), n, &d, "d")) {
    return NULL;
  }
  if (!w || !g || !m || !v) return fail(env, "urn_native.adamL1: null buffer"), NULL;
  const int32_t *ids = (const int32_t *)idf;
  int threads = (int)num(env, a[18]);
  if (threads < 1) threads = 1;
  if (threads > 64) threads = 64;
  if (n < (1 << 16)) threads = 1;
  int32_t *pos = ids ? block_pos(env, ids, (size_t)u, cols) : NULL;
  if (ids && !pos) return NULL;
  float *rows = ids ? (float *)calloc((size_t)threads * cols, sizeof(float)) : NULL; /* before any work */
  if (ids && !rows) return free(pos), fail(env, "urn_native.adamL1: out of memory"), NULL;
  AdamJob jobs[64];
  pthread_t tid[64];
  const size_t N = ids ? cols : (size_t)n, chunk = (N + threads - 1) / threads; /* rows in block mode */
  for (int t = 0; t < threads; t++) {
    const double b1 = num(env, a[10]), b2 = num(env, a[11]);
    AdamJob j = {w, g, m, v, d, t * chunk, (t + 1) * chunk < N ? (t + 1) * chunk : N,
                 (float)num(env, a[9]), (float)b1, (float)b2, (float)(1.0 - b1), (float)(1.0 - b2), (float)num(env, a[12]),
                 (float)num(env, a[13]), (float)num(env, a[14]), (float)num(env, a[17]), (float)proxLr, 0, 0,
                 pos, ids, (size_t)u, cols, rows ? rows + (size_t)t * cols : NULL};
    if (j.from > j.to) j.from = j.to;
    jobs[t] = j;
  }
  int started = 0;
  for (int t = 1; t < threads; t++) {
    if (pthread_create(&tid[t], NULL, adam_run, &jobs[t]) != 0) break;
    started = t;
  }
  adam_run(&jobs[0]);
  for (int t = started + 1; t < threads; t++) adam_run(&jobs[t]); /* threads that failed to start */
  for (int t = 1; t <= started; t++) pthread_join(tid[t], NULL);
  free(pos);
  free(rows);
  double sa = 0, sd = 0;
  for (int t = 0; t < threads; t++) {
    sa += jobs[t].sumAbs;
    sd += jobs[t].sumAbsD;
  }
  napi_value out, x;
  CHECK(napi_create_array_with_length(env, 2, &out));
  CHECK(napi_create_double(env, sa, &x));
  CHECK(napi_set_element(env, out, 0, x));
  CHECK(napi_create_double(env, sd, &x));
  CHECK(napi_set_element(env, out, 1, x));
  return out;
}

/* info() → { blas: string, threads: number } */
static napi_value Info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out, s, t;
  CHECK(napi_create_object(env, &out));
  const char *cfg = openblas_get_config ? openblas_get_config() : "CBLAS";
  CHECK(napi_create_string_utf8(env, cfg, NAPI_AUTO_LENGTH, &s));
  CHECK(napi_create_int32(env, openblas_get_num_threads ? openblas_get_num_threads() : 0, &t));
  CHECK(napi_set_named_property(env, out, "blas", s));
  CHECK(napi_set_named_property(env, out, "threads", t));
  return out;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"sgemm", NULL, Sgemm, NULL, NULL, NULL, napi_default, NULL},
      {"biasAct", NULL, BiasAct, NULL, NULL, NULL, napi_default, NULL},
      {"adamL1", NULL, AdamL1, NULL, NULL, NULL, napi_default, NULL},
      {"info", NULL, Info, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
