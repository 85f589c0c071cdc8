;; The sparse runtime's kernel for blocks stored dense, in WebAssembly SIMD (assembled into
;; gemm-wasm.ts by scripts/build-wasm.mjs; it shares spmm.wat's memory, imported as env.memory).
;;
;; gemm: out[r][s] = init + sum_k A[r][k] * inp[k][s] for rows r < rows, samples s < mb, on a state
;; laid out neuron-major with a row stride of m floats; init is bias[r] when bias >= 0 and out[r][s]
;; itself otherwise; relu != 0 applies max(., 0) (NaN stays NaN). Addresses are in bytes. The
;; weights are a packed panel: rows in tiles of four, each tile K steps of its four weights
;; (A[4t+i][k] at panel + 16(tK + k) + 4i), then the rows - rows%4 .. rows-1 rows row-major (row r
;; at panel + 4rK). A 4-row by 8-sample tile keeps eight f32x4 accumulators in registers: per
;; step two input vectors and four weight splats feed eight multiply-adds, with the inputs of the
;; 8 samples (K cache lines) reused by every tile of rows. Then 4 samples, then one at a time.
(module
  (import "env" "memory" (memory 1))
  (func (export "gemm")
    (param $out i32) (param $inp i32) (param $panel i32) (param $rows i32) (param $K i32)
    (param $m i32) (param $mb i32) (param $bias i32) (param $relu i32)
    (local $stride i32) (local $s i32)
    (local.set $stride (i32.shl (local.get $m) (i32.const 2)))
    (block $s8_done
      (loop $s8
        (br_if $s8_done (i32.gt_s (i32.add (local.get $s) (i32.const 8)) (local.get $mb)))
        (call $tiles8 (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))) (i32.add (local.get $inp) (i32.shl (local.get $s) (i32.const 2)))
          (local.get $panel) (local.get $rows) (local.get $K) (local.get $stride) (local.get $bias) (local.get $relu) (i32.const 2))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (br $s8)))
    (if (i32.le_s (i32.add (local.get $s) (i32.const 4)) (local.get $mb))
      (then
        (call $tiles8 (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))) (i32.add (local.get $inp) (i32.shl (local.get $s) (i32.const 2)))
          (local.get $panel) (local.get $rows) (local.get $K) (local.get $stride) (local.get $bias) (local.get $relu) (i32.const 1))
        (local.set $s (i32.add (local.get $s) (i32.const 4)))))
    (block $s1_done
      (loop $s1
        (br_if $s1_done (i32.ge_s (local.get $s) (local.get $mb)))
        (call $column (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))) (i32.add (local.get $inp) (i32.shl (local.get $s) (i32.const 2)))
          (local.get $panel) (local.get $rows) (local.get $K) (local.get $stride) (local.get $bias) (local.get $relu))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $s1))))

  ;; All rows for 4 * nv samples (nv = 2: two vectors per row; nv = 1: one) at out and inp.
  (func $tiles8 (param $out i32) (param $inp i32) (param $panel i32) (param $rows i32) (param $K i32)
    (param $stride i32) (param $bias i32) (param $relu i32) (param $nv i32)
    (local $r i32) (local $o i32) (local $p i32) (local $w i32) (local $k i32) (local $x v128) (local $b0 v128) (local $b1 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    ;; full tiles of four rows
    (block $t_done
      (loop $t
        (br_if $t_done (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))))
        (if (i32.ge_s (local.get $bias) (i32.const 0))
          (then
            (local.set $w (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2))))
            (local.set $c0 (v128.load32_splat offset=0 (local.get $w))) (local.set $d0 (local.get $c0))
            (local.set $c1 (v128.load32_splat offset=4 (local.get $w))) (local.set $d1 (local.get $c1))
            (local.set $c2 (v128.load32_splat offset=8 (local.get $w))) (local.set $d2 (local.get $c2))
            (local.set $c3 (v128.load32_splat offset=12 (local.get $w))) (local.set $d3 (local.get $c3)))
          (else
            (local.set $p (local.get $o))
            (local.set $c0 (v128.load (local.get $p))) (local.set $d0 (v128.load offset=16 (local.get $p)))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $c1 (v128.load (local.get $p))) (local.set $d1 (v128.load offset=16 (local.get $p)))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $c2 (v128.load (local.get $p))) (local.set $d2 (v128.load offset=16 (local.get $p)))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $c3 (v128.load (local.get $p))) (local.set $d3 (v128.load offset=16 (local.get $p)))))
        (local.set $p (local.get $inp))
        (local.set $w (i32.add (local.get $panel) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
        (local.set $k (local.get $K))
        (block $k_done
          (loop $kl
            (br_if $k_done (i32.eqz (local.get $k)))
            (local.set $b0 (v128.load (local.get $p)))
            (local.set $b1 (v128.load offset=16 (local.get $p)))
            (local.set $x (v128.load32_splat offset=0 (local.get $w)))
            (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $d0 (f32x4.add (local.get $d0) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat offset=4 (local.get $w)))
            (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $d1 (f32x4.add (local.get $d1) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat offset=8 (local.get $w)))
            (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $d2 (f32x4.add (local.get $d2) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat offset=12 (local.get $w)))
            (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $d3 (f32x4.add (local.get $d3) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $w (i32.add (local.get $w) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $kl)))
        (if (local.get $relu)
          (then
            (local.set $x (f32x4.splat (f32.const 0)))
            (local.set $c0 (f32x4.max (local.get $c0) (local.get $x))) (local.set $d0 (f32x4.max (local.get $d0) (local.get $x)))
            (local.set $c1 (f32x4.max (local.get $c1) (local.get $x))) (local.set $d1 (f32x4.max (local.get $d1) (local.get $x)))
            (local.set $c2 (f32x4.max (local.get $c2) (local.get $x))) (local.set $d2 (f32x4.max (local.get $d2) (local.get $x)))
            (local.set $c3 (f32x4.max (local.get $c3) (local.get $x))) (local.set $d3 (f32x4.max (local.get $d3) (local.get $x)))))
        (call $store (local.get $o) (local.get $c0) (local.get $d0) (local.get $nv))
        (local.set $o (i32.add (local.get $o) (local.get $stride)))
        (call $store (local.get $o) (local.get $c1) (local.get $d1) (local.get $nv))
        (local.set $o (i32.add (local.get $o) (local.get $stride)))
        (call $store (local.get $o) (local.get $c2) (local.get $d2) (local.get $nv))
        (local.set $o (i32.add (local.get $o) (local.get $stride)))
        (call $store (local.get $o) (local.get $c3) (local.get $d3) (local.get $nv))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $t)))
    ;; the last rows % 4 rows, one at a time (row-major in the panel)
    (block $r_done
      (loop $rl
        (br_if $r_done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))))
        (if (i32.ge_s (local.get $bias) (i32.const 0))
          (then (local.set $c0 (v128.load32_splat (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2))))) (local.set $d0 (local.get $c0)))
          (else (local.set $c0 (v128.load (local.get $o))) (local.set $d0 (v128.load offset=16 (local.get $o)))))
        (local.set $p (local.get $inp))
        (local.set $w (i32.add (local.get $panel) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
        (local.set $k (local.get $K))
        (block $k1_done
          (loop $k1
            (br_if $k1_done (i32.eqz (local.get $k)))
            (local.set $x (v128.load32_splat (local.get $w)))
            (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x) (v128.load (local.get $p)))))
            (local.set $d0 (f32x4.add (local.get $d0) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $w (i32.add (local.get $w) (i32.const 4)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $k1)))
        (if (local.get $relu)
          (then
            (local.set $c0 (f32x4.max (local.get $c0) (f32x4.splat (f32.const 0))))
            (local.set $d0 (f32x4.max (local.get $d0) (f32x4.splat (f32.const 0))))))
        (call $store (local.get $o) (local.get $c0) (local.get $d0) (local.get $nv))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; Store one or two vectors of a row.
  (func $store (param $o i32) (param $c v128) (param $d v128) (param $nv i32)
    (v128.store (local.get $o) (local.get $c))
    (if (i32.eq (local.get $nv) (i32.const 2)) (then (v128.store offset=16 (local.get $o) (local.get $d)))))

  ;; All rows for one sample: a tile's four rows in the lanes of one vector, then the rest.
  (func $column (param $out i32) (param $inp i32) (param $panel i32) (param $rows i32) (param $K i32)
    (param $stride i32) (param $bias i32) (param $relu i32)
    (local $r i32) (local $o i32) (local $p i32) (local $w i32) (local $k i32) (local $c v128) (local $acc f32)
    (block $t_done
      (loop $t
        (br_if $t_done (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))))
        (local.set $c (if (result v128) (i32.ge_s (local.get $bias) (i32.const 0))
          (then (v128.load (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2)))))
          (else (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (f32.load (local.get $o)))
            (f32.load (i32.add (local.get $o) (local.get $stride))))
            (f32.load (i32.add (local.get $o) (i32.shl (local.get $stride) (i32.const 1)))))
            (f32.load (i32.add (local.get $o) (i32.mul (local.get $stride) (i32.const 3))))))))
        (local.set $p (local.get $inp))
        (local.set $w (i32.add (local.get $panel) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
        (local.set $k (local.get $K))
        (block $k_done
          (loop $kl
            (br_if $k_done (i32.eqz (local.get $k)))
            (local.set $c (f32x4.add (local.get $c) (f32x4.mul (v128.load (local.get $w)) (v128.load32_splat (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $w (i32.add (local.get $w) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $kl)))
        (if (local.get $relu) (then (local.set $c (f32x4.max (local.get $c) (f32x4.splat (f32.const 0))))))
        (f32.store (local.get $o) (f32x4.extract_lane 0 (local.get $c)))
        (f32.store (i32.add (local.get $o) (local.get $stride)) (f32x4.extract_lane 1 (local.get $c)))
        (f32.store (i32.add (local.get $o) (i32.shl (local.get $stride) (i32.const 1))) (f32x4.extract_lane 2 (local.get $c)))
        (f32.store (i32.add (local.get $o) (i32.mul (local.get $stride) (i32.const 3))) (f32x4.extract_lane 3 (local.get $c)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $t)))
    (block $r_done
      (loop $rl
        (br_if $r_done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))))
        (local.set $acc (if (result f32) (i32.ge_s (local.get $bias) (i32.const 0))
          (then (f32.load (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2)))))
          (else (f32.load (local.get $o)))))
        (local.set $p (local.get $inp))
        (local.set $w (i32.add (local.get $panel) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
        (local.set $k (local.get $K))
        (block $k_done
          (loop $kl
            (br_if $k_done (i32.eqz (local.get $k)))
            (local.set $acc (f32.add (local.get $acc) (f32.mul (f32.load (local.get $w)) (f32.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $w (i32.add (local.get $w) (i32.const 4)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $kl)))
        (if (local.get $relu) (then (local.set $acc (f32.max (local.get $acc) (f32.const 0)))))
        (f32.store (local.get $o) (local.get $acc))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))
)
