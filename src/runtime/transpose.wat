;; Loading a batch into the runtime's state, in WebAssembly SIMD (assembled into transpose-wasm.ts
;; by scripts/build-wasm.mjs; it shares spmm.wat's memory, imported as env.memory).
;;
;; transpose: dst[k][s] = src[s][k] for samples s < mb and features k < dIn, src sample-major (row
;; stride dIn floats), dst neuron-major (row stride m floats); addresses in bytes. Returns 1 when
;; some value is NaN or infinite (v·0 is NaN exactly then, and sums of ±0 stay 0), else 0. Blocks of 4
;; samples by 4 features go through registers (four loads, eight shuffles, four stores); the
;; samples past the last multiple of 4, and the features past the last multiple of 4, one by one.
(module
  (import "env" "memory" (memory 1))
  (func (export "transpose") (param $dst i32) (param $src i32) (param $mb i32) (param $dIn i32) (param $m i32) (result i32)
    (local $z v128) (local $zero v128) (local $bad f32) (local $s i32) (local $k i32) (local $row i32) (local $stride i32) (local $p i32) (local $q i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $row (i32.shl (local.get $dIn) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $m) (i32.const 2)))
    ;; four features at a time, down the samples: the stores run along four state rows, and the
    ;; loads touch mb cache lines of the batch, which the next four features reuse
    (block $k_done
      (loop $kl
        (br_if $k_done (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $dIn)))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $q (i32.add (local.get $dst) (i32.mul (local.get $k) (local.get $stride))))
        (local.set $s (i32.const 0))
        (block $s_done
          (loop $sl
            (br_if $s_done (i32.gt_s (i32.add (local.get $s) (i32.const 4)) (local.get $mb)))
            (local.set $r0 (v128.load (local.get $p)))
            (local.set $r1 (v128.load (i32.add (local.get $p) (local.get $row))))
            (local.set $r2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $row) (i32.const 1)))))
            (local.set $r3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $row) (i32.const 3)))))
            (local.set $z (f32x4.add (f32x4.add (local.get $z) (f32x4.mul (local.get $r0) (local.get $zero))) (f32x4.mul (local.get $r1) (local.get $zero))))
            (local.set $z (f32x4.add (f32x4.add (local.get $z) (f32x4.mul (local.get $r2) (local.get $zero))) (f32x4.mul (local.get $r3) (local.get $zero))))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
            (v128.store (local.get $q) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
            (v128.store (i32.add (local.get $q) (local.get $stride)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (v128.store (i32.add (local.get $q) (i32.shl (local.get $stride) (i32.const 1))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
            (v128.store (i32.add (local.get $q) (i32.mul (local.get $stride) (i32.const 3))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $p (i32.add (local.get $p) (i32.shl (local.get $row) (i32.const 2))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (br $sl)))
        (local.set $bad (f32.add (local.get $bad)
          (call $scalar (local.get $dst) (local.get $src) (local.get $s) (local.get $mb) (local.get $k) (i32.add (local.get $k) (i32.const 4)) (local.get $dIn) (local.get $m))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kl)))
    (local.set $bad (f32.add (local.get $bad)
      (call $scalar (local.get $dst) (local.get $src) (i32.const 0) (local.get $mb) (local.get $k) (local.get $dIn) (local.get $dIn) (local.get $m))))
    (i32.or (v128.any_true (f32x4.ne (local.get $z) (local.get $z))) (f32.ne (local.get $bad) (local.get $bad))))

  ;; dst[k][s] = src[s][k] for s0 <= s < s1 and k0 <= k < k1, one float at a time; returns the sum
  ;; of v·0 over them (NaN when one is not finite).
  (func $scalar (param $dst i32) (param $src i32) (param $s0 i32) (param $s1 i32) (param $k0 i32) (param $k1 i32) (param $dIn i32) (param $m i32) (result f32)
    (local $s i32) (local $k i32) (local $v f32) (local $z f32)
    (local.set $s (local.get $s0))
    (block $s_done
      (loop $sl
        (br_if $s_done (i32.ge_s (local.get $s) (local.get $s1)))
        (local.set $k (local.get $k0))
        (block $k_done
          (loop $kl
            (br_if $k_done (i32.ge_s (local.get $k) (local.get $k1)))
            (local.set $v (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $s) (local.get $dIn)) (local.get $k)) (i32.const 2)))))
            (local.set $z (f32.add (local.get $z) (f32.mul (local.get $v) (f32.const 0))))
            (f32.store (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $m)) (local.get $s)) (i32.const 2))) (local.get $v))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $kl)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sl)))
    (local.get $z))
)
