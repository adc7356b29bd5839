;; The matrix-product kernels of src/base/matrix.ts in WebAssembly SIMD (f64x2), for C = L·R.
;; Assembled into src/kernels/gemm-wasm-bytes.ts by `npm run build:wasm` (scripts/build-wasm.ts, wabt); a spec
;; checks that the committed bytes are this file's.
;;
;; Operands are addressed by strides in elements: entry (i, p) of L is at l + 8·(i·lRs + p·lCs),
;; (p, j) of R at r + 8·(p·rRs + j·rCs), (i, j) of C at c + 8·(i·ldc + j). So A·B, Aᵀ·B and A·Bᵀ are
;; the same kernels with different strides, and no transpose is ever formed.
;;
;; One promise holds on every path: each entry of C is summed exactly as the plain loop sums it,
;;   s = 0; for p = 0, 1, …, k−1: s = s + L(i,p)·R(p,j)
;; a multiply then an add (no fused multiply-add), p ascending. So every entry is bit-identical to
;; the triple loop, and to the JS tiles of src/base/matrix.ts.
;;
;; Two ways to compute C:
;;   dense:  packL, packR, tiles. The packs copy L into panels of 4 rows and R into panels of 4
;;           columns, each stored p by p (GotoBLAS-style packing), so the tile loop reads both
;;           operands as straight streams: 4×4 tiles of C in eight f64x2 accumulators.
;;   sparse: nonzeros, finite, sparseRows (zero-skipping). MNIST images are ~80% zeros and ReLU
;;           outputs ~50%, so L's zeros are listed once (row by row, p ascending) and each row of C
;;           sums only over them. A skipped term L(i,p)·R(p,j) with L(i,p) = ±0 and R(p,j) finite is
;;           ±0, and adding ±0 to s never changes s: s starts at +0 and a sum of doubles is −0 only
;;           when both addends are −0, so s is never −0. Hence the same bits as the dense loop,
;;           provided every entry of R is finite (0·∞ and 0·NaN are NaN): src/base/matrix.ts calls
;;           `finite` first and takes the dense path otherwise.
(module
  (memory (export "memory") 16)

  ;; packL: rows [0, n4) of L into panels of 4 rows: dst[(i/4·k + p)·4 + r] = L(i + r, p).
  (func (export "packL")
    (param $l i32) (param $lRs i32) (param $lCs i32) (param $n4 i32) (param $k i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32)
    (local $row i32) (local $step i32)
    (local.set $row (i32.shl (local.get $lRs) (i32.const 3)))
    (local.set $step (i32.shl (local.get $lCs) (i32.const 3)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_s (local.get $i) (local.get $n4)))
      (local.set $l0 (i32.add (local.get $l) (i32.mul (local.get $i) (local.get $row))))
      (local.set $l1 (i32.add (local.get $l0) (local.get $row)))
      (local.set $l2 (i32.add (local.get $l1) (local.get $row)))
      (local.set $l3 (i32.add (local.get $l2) (local.get $row)))
      (local.set $p (local.get $k))
      (block $done (loop $step_p
        (br_if $done (i32.eqz (local.get $p)))
        (f64.store (local.get $dst) (f64.load (local.get $l0)))
        (f64.store offset=8 (local.get $dst) (f64.load (local.get $l1)))
        (f64.store offset=16 (local.get $dst) (f64.load (local.get $l2)))
        (f64.store offset=24 (local.get $dst) (f64.load (local.get $l3)))
        (local.set $l0 (i32.add (local.get $l0) (local.get $step)))
        (local.set $l1 (i32.add (local.get $l1) (local.get $step)))
        (local.set $l2 (i32.add (local.get $l2) (local.get $step)))
        (local.set $l3 (i32.add (local.get $l3) (local.get $step)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (br $step_p)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows))))

  ;; packR: columns [0, m4) of R into panels of 4 columns: dst[(j/4·k + p)·4 + q] = R(p, j + q).
  (func (export "packR")
    (param $r i32) (param $rRs i32) (param $rCs i32) (param $k i32) (param $m4 i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $q i32) (local $col i32) (local $step i32)
    (local.set $col (i32.shl (local.get $rCs) (i32.const 3)))
    (local.set $step (i32.shl (local.get $rRs) (i32.const 3)))
    (block $cols_done (loop $cols
      (br_if $cols_done (i32.ge_s (local.get $j) (local.get $m4)))
      (local.set $q (i32.add (local.get $r) (i32.mul (local.get $j) (local.get $col))))
      (local.set $p (local.get $k))
      (if (i32.eq (local.get $rCs) (i32.const 1))
        (then
          ;; R's rows are contiguous: the 4 entries are two f64x2
          (block $done (loop $step_p
            (br_if $done (i32.eqz (local.get $p)))
            (v128.store (local.get $dst) (v128.load (local.get $q)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $q)))
            (local.set $q (i32.add (local.get $q) (local.get $step)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $step_p))))
        (else
          (block $done (loop $step_p
            (br_if $done (i32.eqz (local.get $p)))
            (f64.store (local.get $dst) (f64.load (local.get $q)))
            (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $q) (local.get $col))))
            (f64.store offset=16 (local.get $dst)
              (f64.load (i32.add (local.get $q) (i32.shl (local.get $col) (i32.const 1)))))
            (f64.store offset=24 (local.get $dst)
              (f64.load (i32.add (local.get $q) (i32.mul (local.get $col) (i32.const 3)))))
            (local.set $q (i32.add (local.get $q) (local.get $step)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $step_p)))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $cols))))

  ;; tiles: rows [0, n4) × columns [0, m4) of C from the packed panels, one 4×4 tile at a time.
  ;; Each step p loads R(p, j..j+3) as two f64x2 and each L(i+r, p) splatted (v128.load64_splat),
  ;; then multiplies and adds into the eight accumulators c<r><half>.
  (func (export "tiles")
    (param $lp i32) (param $rp i32) (param $c i32) (param $ldc i32) (param $n4 i32) (param $k i32) (param $m4 i32)
    (local $i i32) (local $j i32) (local $p i32) (local $pl i32) (local $pr i32) (local $pc i32)
    (local $panel i32) (local $rowC i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $r01 v128) (local $r23 v128) (local $x v128)
    (local.set $panel (i32.shl (local.get $k) (i32.const 5))) ;; bytes of one panel: k·4 doubles
    (local.set $rowC (i32.shl (local.get $ldc) (i32.const 3)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_s (local.get $i) (local.get $n4)))
      (local.set $j (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_s (local.get $j) (local.get $m4)))
        (local.set $c00 (v128.const f64x2 0 0)) (local.set $c01 (v128.const f64x2 0 0))
        (local.set $c10 (v128.const f64x2 0 0)) (local.set $c11 (v128.const f64x2 0 0))
        (local.set $c20 (v128.const f64x2 0 0)) (local.set $c21 (v128.const f64x2 0 0))
        (local.set $c30 (v128.const f64x2 0 0)) (local.set $c31 (v128.const f64x2 0 0))
        (local.set $pl (i32.add (local.get $lp) (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (local.get $panel))))
        (local.set $pr (i32.add (local.get $rp) (i32.mul (i32.shr_u (local.get $j) (i32.const 2)) (local.get $panel))))
        (local.set $p (local.get $k))
        (block $done (loop $step
          (br_if $done (i32.eqz (local.get $p)))
          (local.set $r01 (v128.load (local.get $pr)))
          (local.set $r23 (v128.load offset=16 (local.get $pr)))
          (local.set $x (v128.load64_splat (local.get $pl)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $r01))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $r23))))
          (local.set $x (v128.load64_splat offset=8 (local.get $pl)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $r01))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $r23))))
          (local.set $x (v128.load64_splat offset=16 (local.get $pl)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $r01))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $r23))))
          (local.set $x (v128.load64_splat offset=24 (local.get $pl)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $r01))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $r23))))
          (local.set $pl (i32.add (local.get $pl) (i32.const 32)))
          (local.set $pr (i32.add (local.get $pr) (i32.const 32)))
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (br $step)))
        ;; store the tile: rows i..i+3, columns j..j+3
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 3))))
        (v128.store (local.get $pc) (local.get $c00)) (v128.store offset=16 (local.get $pc) (local.get $c01))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowC)))
        (v128.store (local.get $pc) (local.get $c10)) (v128.store offset=16 (local.get $pc) (local.get $c11))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowC)))
        (v128.store (local.get $pc) (local.get $c20)) (v128.store offset=16 (local.get $pc) (local.get $c21))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowC)))
        (v128.store (local.get $pc) (local.get $c30)) (v128.store offset=16 (local.get $pc) (local.get $c31))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows))))

  ;; nonzeros: L's entries ≠ 0, row by row with p ascending, as compressed rows: for row i they are
  ;; idx[start[i] .. start[i+1]) (i32 p) and val[…] (f64 L(i,p)). NaN counts as nonzero (NaN ≠ 0).
  ;; Returns the count.
  (func (export "nonzeros")
    (param $l i32) (param $lRs i32) (param $lCs i32) (param $n i32) (param $k i32)
    (param $start i32) (param $idx i32) (param $val i32) (result i32)
    (local $i i32) (local $p i32) (local $pl i32) (local $row i32) (local $e i32) (local $x f64)
    (local.set $lRs (i32.shl (local.get $lRs) (i32.const 3)))
    (local.set $lCs (i32.shl (local.get $lCs) (i32.const 3)))
    (local.set $row (local.get $l))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_s (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2))) (local.get $e))
      (local.set $pl (local.get $row))
      (local.set $p (i32.const 0))
      (block $done (loop $step
        (br_if $done (i32.ge_s (local.get $p) (local.get $k)))
        ;; branch-free (zeros come in no predictable order): write at e, move e on only when x ≠ 0
        (local.set $x (f64.load (local.get $pl)))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (local.get $p))
        (f64.store (i32.add (local.get $val) (i32.shl (local.get $e) (i32.const 3))) (local.get $x))
        (local.set $e (i32.add (local.get $e) (f64.ne (local.get $x) (f64.const 0))))
        (local.set $pl (i32.add (local.get $pl) (local.get $lCs)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $step)))
      (local.set $row (i32.add (local.get $row) (local.get $lRs)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
    (i32.store (i32.add (local.get $start) (i32.shl (local.get $n) (i32.const 2))) (local.get $e))
    (local.get $e))

  ;; finite: 1 when all `count` doubles from `at` are finite, else 0. x·0 is 0 for finite x and NaN
  ;; for ±∞ and NaN, and NaN stays in a sum: so the sum of x·0 over all entries is 0 exactly when
  ;; every entry is finite (two at a time in f64x2, the odd last one alone).
  (func (export "finite") (param $at i32) (param $count i32) (result i32)
    (local $s v128) (local $last f64)
    (local.set $s (v128.const f64x2 0 0))
    (block $done (loop $step
      (br_if $done (i32.lt_u (local.get $count) (i32.const 2)))
      (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $at)) (v128.const f64x2 0 0))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (local.set $count (i32.sub (local.get $count) (i32.const 2)))
      (br $step)))
    (if (local.get $count) (then (local.set $last (f64.mul (f64.load (local.get $at)) (f64.const 0)))))
    (f64.eq
      (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))) (local.get $last))
      (f64.const 0)))

  ;; sparseRows: columns [0, m4) of every row i < n of C, summing only over L's nonzeros (listed by
  ;; `nonzeros`), p ascending. R's rows must be contiguous (rCs = 1). Columns go 8 at a time in four
  ;; f64x2 accumulators, then 4 when m4 is not a multiple of 8.
  (func (export "sparseRows")
    (param $start i32) (param $idx i32) (param $val i32) (param $r i32) (param $rRs i32)
    (param $c i32) (param $ldc i32) (param $n i32) (param $m4 i32)
    (local $i i32) (local $j i32) (local $e i32) (local $end i32) (local $rowR i32) (local $pr i32) (local $pc i32)
    (local $x v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $rowR (i32.shl (local.get $rRs) (i32.const 3)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $pc (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $ldc)) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $eights_done (loop $eights
        (br_if $eights_done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $m4)))
        (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0)) (local.set $s3 (v128.const f64x2 0 0))
        (local.set $e (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (block $done (loop $step
          (br_if $done (i32.ge_s (local.get $e) (local.get $end)))
          (local.set $x (v128.load64_splat (i32.add (local.get $val) (i32.shl (local.get $e) (i32.const 3)))))
          (local.set $pr (i32.add (i32.add (local.get $r) (i32.shl (local.get $j) (i32.const 3)))
            (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2)))) (local.get $rowR))))
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (local.get $pr)))))
          (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pr)))))
          (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load offset=32 (local.get $pr)))))
          (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load offset=48 (local.get $pr)))))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br $step)))
        (v128.store (local.get $pc) (local.get $s0)) (v128.store offset=16 (local.get $pc) (local.get $s1))
        (v128.store offset=32 (local.get $pc) (local.get $s2)) (v128.store offset=48 (local.get $pc) (local.get $s3))
        (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $eights)))
      (if (i32.lt_s (local.get $j) (local.get $m4))
        (then
          (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
          (local.set $e (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $end (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
          (block $done (loop $step
            (br_if $done (i32.ge_s (local.get $e) (local.get $end)))
            (local.set $x (v128.load64_splat (i32.add (local.get $val) (i32.shl (local.get $e) (i32.const 3)))))
            (local.set $pr (i32.add (i32.add (local.get $r) (i32.shl (local.get $j) (i32.const 3)))
              (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2)))) (local.get $rowR))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (local.get $pr)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pr)))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $step)))
          (v128.store (local.get $pc) (local.get $s0)) (v128.store offset=16 (local.get $pc) (local.get $s1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))
)
