;; MaxPoolGrad over the wasm backend's own memory (imported), NHWC: each output position's gradient
;; is added to the first maximum of its window in x (scanned row by row, a strictly greater value
;; replacing the best so far; none when no value exceeds −∞), four channels at a time (f32x4.gt and
;; a bitselect of the values and of where they are), the last channels one at a time. dx must be
;; zeros. Byte addresses. Assembled into max-pool-grad-binary.ts by `npm run assemble:wat`.
(module
  (import "tfjs" "memory" (memory 1 65536 shared))
  (func $addGradient (param $dx i32) (param $at i32) (param $g f32)
    (local $to i32)
    (if (i32.ge_s (local.get $at) (i32.const 0))
      (then
        (local.set $to (i32.add (local.get $dx) (local.get $at)))
        (f32.store (local.get $to) (f32.add (f32.load (local.get $to)) (local.get $g))))))
  (func (export "maxPoolGrad")
    (param $x i32) (param $dy i32) (param $dx i32) (param $batch i32)
    (param $inHeight i32) (param $inWidth i32) (param $channels i32) (param $outHeight i32) (param $outWidth i32)
    (param $strideHeight i32) (param $strideWidth i32) (param $filterHeight i32) (param $filterWidth i32)
    (param $top i32) (param $left i32)
    (local $pixelBytes i32) (local $rowBytes i32) (local $imageBytes i32) (local $vectorBytes i32)
    (local $n i32) (local $y i32) (local $xo i32) (local $image i32) (local $out i32)
    (local $r0 i32) (local $r1 i32) (local $c0 i32) (local $c1 i32) (local $r i32) (local $col i32)
    (local $ch i32) (local $pixel i32)
    (local $v v128) (local $best v128) (local $at v128) (local $wins v128) (local $g v128)
    (local $vs f32) (local $bests f32) (local $ats i32)
    (local.set $pixelBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $pixelBytes) (i32.const -16)))
    (local.set $rowBytes (i32.mul (local.get $inWidth) (local.get $pixelBytes)))
    (local.set $imageBytes (i32.mul (local.get $inHeight) (local.get $rowBytes)))
    (local.set $out (local.get $dy))
    (block $imagesDone
      (loop $images
        (br_if $imagesDone (i32.ge_u (local.get $n) (local.get $batch)))
        (local.set $image (i32.mul (local.get $n) (local.get $imageBytes)))
        (local.set $y (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $outHeight)))
            (local.set $r0 (i32.sub (i32.mul (local.get $y) (local.get $strideHeight)) (local.get $top)))
            (local.set $r1 (i32.add (local.get $r0) (local.get $filterHeight)))
            (if (i32.lt_s (local.get $r0) (i32.const 0)) (then (local.set $r0 (i32.const 0))))
            (if (i32.gt_s (local.get $r1) (local.get $inHeight)) (then (local.set $r1 (local.get $inHeight))))
            (local.set $xo (i32.const 0))
            (block $colsDone
              (loop $cols
                (br_if $colsDone (i32.ge_u (local.get $xo) (local.get $outWidth)))
                (local.set $c0 (i32.sub (i32.mul (local.get $xo) (local.get $strideWidth)) (local.get $left)))
                (local.set $c1 (i32.add (local.get $c0) (local.get $filterWidth)))
                (if (i32.lt_s (local.get $c0) (i32.const 0)) (then (local.set $c0 (i32.const 0))))
                (if (i32.gt_s (local.get $c1) (local.get $inWidth)) (then (local.set $c1 (local.get $inWidth))))
                ;; $ch: byte offset of the channel within a pixel
                (local.set $ch (i32.const 0))
                (block $vectorsDone
                  (loop $vectors
                    (br_if $vectorsDone (i32.ge_u (local.get $ch) (local.get $vectorBytes)))
                    (local.set $best (f32x4.splat (f32.const -inf)))
                    (local.set $at (i32x4.splat (i32.const -1)))
                    (local.set $r (local.get $r0))
                    (block $windowRowsDone
                      (loop $windowRows
                        (br_if $windowRowsDone (i32.ge_s (local.get $r) (local.get $r1)))
                        (local.set $col (local.get $c0))
                        (block $windowColsDone
                          (loop $windowCols
                            (br_if $windowColsDone (i32.ge_s (local.get $col) (local.get $c1)))
                            (local.set $pixel (i32.add (i32.add (local.get $image) (i32.mul (local.get $r) (local.get $rowBytes)))
                              (i32.add (i32.mul (local.get $col) (local.get $pixelBytes)) (local.get $ch))))
                            (local.set $v (v128.load (i32.add (local.get $x) (local.get $pixel))))
                            (local.set $wins (f32x4.gt (local.get $v) (local.get $best)))
                            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $wins)))
                            (local.set $at (v128.bitselect (i32x4.splat (local.get $pixel)) (local.get $at) (local.get $wins)))
                            (local.set $col (i32.add (local.get $col) (i32.const 1)))
                            (br $windowCols)))
                        (local.set $r (i32.add (local.get $r) (i32.const 1)))
                        (br $windowRows)))
                    (local.set $g (v128.load (i32.add (local.get $out) (local.get $ch))))
                    (call $addGradient (local.get $dx) (i32x4.extract_lane 0 (local.get $at)) (f32x4.extract_lane 0 (local.get $g)))
                    (call $addGradient (i32.add (local.get $dx) (i32.const 4)) (i32x4.extract_lane 1 (local.get $at)) (f32x4.extract_lane 1 (local.get $g)))
                    (call $addGradient (i32.add (local.get $dx) (i32.const 8)) (i32x4.extract_lane 2 (local.get $at)) (f32x4.extract_lane 2 (local.get $g)))
                    (call $addGradient (i32.add (local.get $dx) (i32.const 12)) (i32x4.extract_lane 3 (local.get $at)) (f32x4.extract_lane 3 (local.get $g)))
                    (local.set $ch (i32.add (local.get $ch) (i32.const 16)))
                    (br $vectors)))
                (block $scalarsDone
                  (loop $scalars
                    (br_if $scalarsDone (i32.ge_u (local.get $ch) (local.get $pixelBytes)))
                    (local.set $bests (f32.const -inf))
                    (local.set $ats (i32.const -1))
                    (local.set $r (local.get $r0))
                    (block $scalarRowsDone
                      (loop $scalarRows
                        (br_if $scalarRowsDone (i32.ge_s (local.get $r) (local.get $r1)))
                        (local.set $col (local.get $c0))
                        (block $scalarColsDone
                          (loop $scalarCols
                            (br_if $scalarColsDone (i32.ge_s (local.get $col) (local.get $c1)))
                            (local.set $pixel (i32.add (i32.add (local.get $image) (i32.mul (local.get $r) (local.get $rowBytes)))
                              (i32.add (i32.mul (local.get $col) (local.get $pixelBytes)) (local.get $ch))))
                            (local.set $vs (f32.load (i32.add (local.get $x) (local.get $pixel))))
                            (if (f32.gt (local.get $vs) (local.get $bests))
                              (then
                                (local.set $bests (local.get $vs))
                                (local.set $ats (local.get $pixel))))
                            (local.set $col (i32.add (local.get $col) (i32.const 1)))
                            (br $scalarCols)))
                        (local.set $r (i32.add (local.get $r) (i32.const 1)))
                        (br $scalarRows)))
                    (call $addGradient (local.get $dx) (local.get $ats) (f32.load (i32.add (local.get $out) (local.get $ch))))
                    (local.set $ch (i32.add (local.get $ch) (i32.const 4)))
                    (br $scalars)))
                (local.set $out (i32.add (local.get $out) (local.get $pixelBytes)))
                (local.set $xo (i32.add (local.get $xo) (i32.const 1)))
                (br $cols)))
            (local.set $y (i32.add (local.get $y) (i32.const 1)))
            (br $rows)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $images)))))
