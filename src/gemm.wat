;; The 4×4 tiles of C = A·B in WebAssembly SIMD (f64x2), the fast path of src/matrix.ts's products.
;; Assembled into src/gemm-wasm.ts by `npm run build:wasm` (scripts/build-wasm.ts, wabt); a spec
;; checks that the committed bytes are this file's.
;;
;; Element (i, p) of A is at a + 8·(i·aRs + p·aCs), (p, j) of B at b + 8·(p·bRs + j·bCs), (i, j) of C
;; at c + 8·(i·ldc + j): strides in elements, so A·B, Aᵀ·B and A·Bᵀ are one kernel with different
;; strides and no transpose is formed. For every tile (rows i..i+3, columns j..j+3, n4 and m4
;; multiples of 4) eight f64x2 accumulators hold the 16 entries; each step p multiplies the four
;; A(i+r, p), splatted, by B(p, j..j+1) and B(p, j+2..j+3) and adds: separate mul and add (no fused
;; multiply-add), p ascending from 0, the same operations in the same order as the plain loop
;; `s = 0; for p: s += A(i,p)·B(p,j)`, so every entry is bit-identical to it (and to the JS tiles).
;; With bCs = 1 (B's rows contiguous) the two B pairs are one v128.load each; otherwise (A·Bᵀ) each
;; pair is two f64 lane loads.
(module
  (memory (export "memory") 16)
  (func (export "tiles")
    (param $a i32) (param $aRs i32) (param $aCs i32)
    (param $b i32) (param $bRs i32) (param $bCs i32)
    (param $c i32) (param $ldc i32)
    (param $n4 i32) (param $k i32) (param $m4 i32)
    (local $i i32) (local $j i32) (local $p i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $pb i32) (local $pc i32)
    (local $aStep i32) (local $aRow i32) (local $bStep i32) (local $bCol i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b01 v128) (local $b23 v128) (local $x v128)
    ;; strides in bytes
    (local.set $aStep (i32.shl (local.get $aCs) (i32.const 3)))
    (local.set $aRow (i32.shl (local.get $aRs) (i32.const 3)))
    (local.set $bStep (i32.shl (local.get $bRs) (i32.const 3)))
    (local.set $bCol (i32.shl (local.get $bCs) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_s (local.get $i) (local.get $n4)))
      (local.set $j (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_s (local.get $j) (local.get $m4)))
        (local.set $c00 (v128.const f64x2 0 0)) (local.set $c01 (v128.const f64x2 0 0))
        (local.set $c10 (v128.const f64x2 0 0)) (local.set $c11 (v128.const f64x2 0 0))
        (local.set $c20 (v128.const f64x2 0 0)) (local.set $c21 (v128.const f64x2 0 0))
        (local.set $c30 (v128.const f64x2 0 0)) (local.set $c31 (v128.const f64x2 0 0))
        ;; A(i+r, 0) for r = 0..3 and B(0, j)
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $aRow)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $aRow)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $aRow)))
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $bCol))))
        (local.set $p (local.get $k))
        (if (i32.eq (local.get $bCs) (i32.const 1))
          (then
            (block $done (loop $step
              (br_if $done (i32.eqz (local.get $p)))
              (local.set $b01 (v128.load (local.get $pb)))
              (local.set $b23 (v128.load offset=16 (local.get $pb)))
              (local.set $x (f64x2.splat (f64.load (local.get $a0))))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $x (f64x2.splat (f64.load (local.get $a1))))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $x (f64x2.splat (f64.load (local.get $a2))))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $x (f64x2.splat (f64.load (local.get $a3))))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $a0 (i32.add (local.get $a0) (local.get $aStep)))
              (local.set $a1 (i32.add (local.get $a1) (local.get $aStep)))
              (local.set $a2 (i32.add (local.get $a2) (local.get $aStep)))
              (local.set $a3 (i32.add (local.get $a3) (local.get $aStep)))
              (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
              (local.set $p (i32.sub (local.get $p) (i32.const 1)))
              (br $step))))
          (else
            (block $done (loop $step
              (br_if $done (i32.eqz (local.get $p)))
              (local.set $b01 (v128.load64_lane 1 (i32.add (local.get $pb) (local.get $bCol))
                (v128.load64_zero (local.get $pb))))
              (local.set $b23 (v128.load64_lane 1 (i32.add (local.get $pb) (i32.mul (local.get $bCol) (i32.const 3)))
                (v128.load64_zero (i32.add (local.get $pb) (i32.shl (local.get $bCol) (i32.const 1))))))
              (local.set $x (f64x2.splat (f64.load (local.get $a0))))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $x (f64x2.splat (f64.load (local.get $a1))))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $x (f64x2.splat (f64.load (local.get $a2))))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $x (f64x2.splat (f64.load (local.get $a3))))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b01))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b23))))
              (local.set $a0 (i32.add (local.get $a0) (local.get $aStep)))
              (local.set $a1 (i32.add (local.get $a1) (local.get $aStep)))
              (local.set $a2 (i32.add (local.get $a2) (local.get $aStep)))
              (local.set $a3 (i32.add (local.get $a3) (local.get $aStep)))
              (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
              (local.set $p (i32.sub (local.get $p) (i32.const 1)))
              (br $step)))))
        ;; store the tile: rows i..i+3, columns j..j+3
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 3))))
        (v128.store (local.get $pc) (local.get $c00)) (v128.store offset=16 (local.get $pc) (local.get $c01))
        (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 3))))
        (v128.store (local.get $pc) (local.get $c10)) (v128.store offset=16 (local.get $pc) (local.get $c11))
        (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 3))))
        (v128.store (local.get $pc) (local.get $c20)) (v128.store offset=16 (local.get $pc) (local.get $c21))
        (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 3))))
        (v128.store (local.get $pc) (local.get $c30)) (v128.store offset=16 (local.get $pc) (local.get $c31))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows)))))
