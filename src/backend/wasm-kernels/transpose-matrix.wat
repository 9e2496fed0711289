;; The transpose [cols, rows] of a row-major [rows, cols] 32-bit matrix over the wasm backend's own
;; memory (imported), tile by tile ($tile × $tile elements), each tile in 4×4 blocks: four rows
;; loaded as v128, transposed with eight shuffles, stored as four columns; the tile's last rows and
;; columns when fewer than four are left one element at a time. Every element is moved as its bits
;; (loads and stores, never arithmetic). Byte addresses. Assembled into transpose-matrix-binary.ts
;; by `npm run assemble:wat`.
(module
  (import "tfjs" "memory" (memory 1 65536 shared))
  (func (export "transposeMatrix")
    (param $from i32) (param $to i32) (param $rows i32) (param $cols i32) (param $tile i32)
    (local $rowBytes i32) (local $colBytes i32)
    (local $r0 i32) (local $r1 i32) (local $c0 i32) (local $c1 i32)
    (local $r i32) (local $c i32) (local $s i32) (local $d i32)
    (local $a v128) (local $b v128) (local $e v128) (local $f v128)
    (local $ab v128) (local $abHigh v128) (local $ef v128) (local $efHigh v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $rows) (i32.const 2)))
    (block $rowTilesDone
      (loop $rowTiles
        (br_if $rowTilesDone (i32.ge_u (local.get $r0) (local.get $rows)))
        (local.set $r1 (i32.add (local.get $r0) (local.get $tile)))
        (if (i32.gt_u (local.get $r1) (local.get $rows)) (then (local.set $r1 (local.get $rows))))
        (local.set $c0 (i32.const 0))
        (block $colTilesDone
          (loop $colTiles
            (br_if $colTilesDone (i32.ge_u (local.get $c0) (local.get $cols)))
            (local.set $c1 (i32.add (local.get $c0) (local.get $tile)))
            (if (i32.gt_u (local.get $c1) (local.get $cols)) (then (local.set $c1 (local.get $cols))))
            (local.set $r (local.get $r0))
            ;; four rows at a time
            (block $bandsDone
              (loop $bands
                (br_if $bandsDone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $r1)))
                (local.set $c (local.get $c0))
                (local.set $s (i32.add (local.get $from)
                  (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (i32.shl (local.get $c) (i32.const 2)))))
                (local.set $d (i32.add (local.get $to)
                  (i32.add (i32.mul (local.get $c) (local.get $colBytes)) (i32.shl (local.get $r) (i32.const 2)))))
                (block $blocksDone
                  (loop $blocks
                    (br_if $blocksDone (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $c1)))
                    (local.set $a (v128.load (local.get $s)))
                    (local.set $b (v128.load (i32.add (local.get $s) (local.get $rowBytes))))
                    (local.set $e (v128.load (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                    (local.set $f (v128.load (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                    ;; [a0 b0 a1 b1], [a2 b2 a3 b3], [e0 f0 e1 f1], [e2 f2 e3 f3]
                    (local.set $ab (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
                    (local.set $abHigh (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
                    (local.set $ef (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $e) (local.get $f)))
                    (local.set $efHigh (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $e) (local.get $f)))
                    ;; [a0 b0 e0 f0], [a1 b1 e1 f1], [a2 b2 e2 f2], [a3 b3 e3 f3]
                    (v128.store (local.get $d)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ab) (local.get $ef)))
                    (v128.store (i32.add (local.get $d) (local.get $colBytes))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $ef)))
                    (v128.store (i32.add (local.get $d) (i32.shl (local.get $colBytes) (i32.const 1)))
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $abHigh) (local.get $efHigh)))
                    (v128.store (i32.add (local.get $d) (i32.mul (local.get $colBytes) (i32.const 3)))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $abHigh) (local.get $efHigh)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (local.set $d (i32.add (local.get $d) (i32.shl (local.get $colBytes) (i32.const 2))))
                    (br $blocks)))
                ;; the band's last columns, one column of four at a time
                (block $restDone
                  (loop $rest
                    (br_if $restDone (i32.ge_u (local.get $c) (local.get $c1)))
                    (i32.store (local.get $d) (i32.load (local.get $s)))
                    (i32.store offset=4 (local.get $d) (i32.load (i32.add (local.get $s) (local.get $rowBytes))))
                    (i32.store offset=8 (local.get $d)
                      (i32.load (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                    (i32.store offset=12 (local.get $d)
                      (i32.load (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (local.set $s (i32.add (local.get $s) (i32.const 4)))
                    (local.set $d (i32.add (local.get $d) (local.get $colBytes)))
                    (br $rest)))
                (local.set $r (i32.add (local.get $r) (i32.const 4)))
                (br $bands)))
            ;; the tile's last rows, one element at a time
            (block $rowsDone
              (loop $lastRows
                (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $r1)))
                (local.set $c (local.get $c0))
                (local.set $s (i32.add (local.get $from)
                  (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (i32.shl (local.get $c) (i32.const 2)))))
                (local.set $d (i32.add (local.get $to)
                  (i32.add (i32.mul (local.get $c) (local.get $colBytes)) (i32.shl (local.get $r) (i32.const 2)))))
                (block $elementsDone
                  (loop $elements
                    (br_if $elementsDone (i32.ge_u (local.get $c) (local.get $c1)))
                    (i32.store (local.get $d) (i32.load (local.get $s)))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (local.set $s (i32.add (local.get $s) (i32.const 4)))
                    (local.set $d (i32.add (local.get $d) (local.get $colBytes)))
                    (br $elements)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $lastRows)))
            (local.set $c0 (local.get $c1))
            (br $colTiles)))
        (local.set $r0 (local.get $r1))
        (br $rowTiles)))))
