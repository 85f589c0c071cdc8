;; The sparse runtime's hot loop in WebAssembly SIMD (assembled into spmm-wasm.ts by
;; scripts/build-wasm.mjs; test/runtime/wasm-kernel.test.ts checks that the two agree).
;;
;; spmm: out[r][s] = init + sum_k vals[k] * inp[colIdx[k]][s] for rows r < rows and samples
;; s < mb, on a state laid out neuron-major with a row stride of m floats; init is bias[r] when
;; bias >= 0 and out[r][s] itself otherwise; when relu is nonzero the result is max(result, 0)
;; (NaN stays NaN). All addresses are in bytes: out and inp point at row 0 of the output and
;; input ranges; rowPtr (rows + 1 entries) and colIdx are i32, vals and bias f32. 32 samples per
;; pass keep eight f32x4 accumulators in registers, one splat of the synapse per eight vector
;; multiply-adds; then 4 samples per pass, then one (four synapses per pass in vector lanes).
(module
  (memory (export "memory") 1)
  (func (export "spmm")
    (param $out i32) (param $inp i32) (param $rowPtr i32) (param $colIdx i32) (param $vals i32)
    (param $rows i32) (param $m i32) (param $mb i32) (param $bias i32) (param $relu i32)
    (local $stride i32) (local $r i32) (local $o i32) (local $s i32) (local $k i32) (local $k0 i32) (local $k1 i32)
    (local $p i32) (local $sb i32) (local $w v128) (local $zero v128) (local $acc f32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $stride (i32.shl (local.get $m) (i32.const 2)))
    (local.set $zero (f32x4.splat (f32.const 0)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))))
        (local.set $k0 (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $k1 (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $s (i32.const 0))
        ;; 32 samples per pass
        (block $b32_done
          (loop $b32
            (br_if $b32_done (i32.gt_s (i32.add (local.get $s) (i32.const 32)) (local.get $mb)))
            (local.set $sb (i32.add (local.get $o) (i32.shl (local.get $s) (i32.const 2))))
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then (local.set $w (v128.load32_splat (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2)))))
                (local.set $a0 (local.get $w)) (local.set $a1 (local.get $w)) (local.set $a2 (local.get $w)) (local.set $a3 (local.get $w)) (local.set $a4 (local.get $w)) (local.set $a5 (local.get $w)) (local.set $a6 (local.get $w)) (local.set $a7 (local.get $w)))
              (else
                (local.set $a0 (v128.load offset=0 (local.get $sb)))
                (local.set $a1 (v128.load offset=16 (local.get $sb)))
                (local.set $a2 (v128.load offset=32 (local.get $sb)))
                (local.set $a3 (v128.load offset=48 (local.get $sb)))
                (local.set $a4 (v128.load offset=64 (local.get $sb)))
                (local.set $a5 (v128.load offset=80 (local.get $sb)))
                (local.set $a6 (v128.load offset=96 (local.get $sb)))
                (local.set $a7 (v128.load offset=112 (local.get $sb)))))
            (local.set $k (local.get $k0))
            (block $k_done
              (loop $kl
                (br_if $k_done (i32.ge_s (local.get $k) (local.get $k1)))
                (local.set $w (v128.load32_splat (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $p (i32.add (i32.add (local.get $inp) (i32.shl (local.get $s) (i32.const 2)))
                  (i32.mul (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $w) (v128.load offset=0 (local.get $p)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $w) (v128.load offset=16 (local.get $p)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $w) (v128.load offset=32 (local.get $p)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $w) (v128.load offset=48 (local.get $p)))))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $w) (v128.load offset=64 (local.get $p)))))
                (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $w) (v128.load offset=80 (local.get $p)))))
                (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $w) (v128.load offset=96 (local.get $p)))))
                (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $w) (v128.load offset=112 (local.get $p)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kl)))
            (if (local.get $relu) (then (local.set $a0 (f32x4.max (local.get $a0) (local.get $zero))) (local.set $a1 (f32x4.max (local.get $a1) (local.get $zero))) (local.set $a2 (f32x4.max (local.get $a2) (local.get $zero))) (local.set $a3 (f32x4.max (local.get $a3) (local.get $zero))) (local.set $a4 (f32x4.max (local.get $a4) (local.get $zero))) (local.set $a5 (f32x4.max (local.get $a5) (local.get $zero))) (local.set $a6 (f32x4.max (local.get $a6) (local.get $zero))) (local.set $a7 (f32x4.max (local.get $a7) (local.get $zero)))))
            (v128.store offset=0 (local.get $sb) (local.get $a0))
            (v128.store offset=16 (local.get $sb) (local.get $a1))
            (v128.store offset=32 (local.get $sb) (local.get $a2))
            (v128.store offset=48 (local.get $sb) (local.get $a3))
            (v128.store offset=64 (local.get $sb) (local.get $a4))
            (v128.store offset=80 (local.get $sb) (local.get $a5))
            (v128.store offset=96 (local.get $sb) (local.get $a6))
            (v128.store offset=112 (local.get $sb) (local.get $a7))
            (local.set $s (i32.add (local.get $s) (i32.const 32)))
            (br $b32)))
        ;; 4 samples per pass
        (block $b4_done
          (loop $b4
            (br_if $b4_done (i32.gt_s (i32.add (local.get $s) (i32.const 4)) (local.get $mb)))
            (local.set $sb (i32.add (local.get $o) (i32.shl (local.get $s) (i32.const 2))))
            (local.set $a0 (if (result v128) (i32.ge_s (local.get $bias) (i32.const 0))
              (then (v128.load32_splat (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2)))))
              (else (v128.load (local.get $sb)))))
            (local.set $k (local.get $k0))
            (block $k4_done
              (loop $k4
                (br_if $k4_done (i32.ge_s (local.get $k) (local.get $k1)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul
                  (v128.load32_splat (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 2))))
                  (v128.load (i32.add (i32.add (local.get $inp) (i32.shl (local.get $s) (i32.const 2)))
                    (i32.mul (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $k4)))
            (if (local.get $relu) (then (local.set $a0 (f32x4.max (local.get $a0) (local.get $zero)))))
            (v128.store (local.get $sb) (local.get $a0))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (br $b4)))
        ;; one sample per pass
        (block $b1_done
          (loop $b1
            (br_if $b1_done (i32.ge_s (local.get $s) (local.get $mb)))
            (local.set $sb (i32.add (local.get $o) (i32.shl (local.get $s) (i32.const 2))))
            (local.set $acc (if (result f32) (i32.ge_s (local.get $bias) (i32.const 0))
              (then (f32.load (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2)))))
              (else (f32.load (local.get $sb)))))
            ;; four synapses per pass in the lanes of one vector (a gather of the inputs), which
            ;; breaks the chain of dependent scalar adds; then the rest one by one
            (local.set $p (i32.add (local.get $inp) (i32.shl (local.get $s) (i32.const 2))))
            (local.set $a0 (local.get $zero))
            (local.set $k (local.get $k0))
            (block $g_done
              (loop $g
                (br_if $g_done (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $k1)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul
                  (v128.load (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 2))))
                  (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (f32.load (i32.add (local.get $p) (i32.mul (i32.load offset=0 (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride)))))
                    (f32.load (i32.add (local.get $p) (i32.mul (i32.load offset=4 (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride)))))
                    (f32.load (i32.add (local.get $p) (i32.mul (i32.load offset=8 (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride)))))
                    (f32.load (i32.add (local.get $p) (i32.mul (i32.load offset=12 (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride))))))))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $g)))
            (local.set $acc (f32.add (local.get $acc) (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
              (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0))))))
            (block $k1_done
              (loop $kk
                (br_if $k1_done (i32.ge_s (local.get $k) (local.get $k1)))
                (local.set $acc (f32.add (local.get $acc) (f32.mul
                  (f32.load (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 2))))
                  (f32.load (i32.add (local.get $p)
                    (i32.mul (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kk)))
            (if (local.get $relu) (then (local.set $acc (f32.max (local.get $acc) (f32.const 0)))))
            (f32.store (local.get $sb) (local.get $acc))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $b1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
  )
)
