;; One SGD step of one parameter tensor over the wasm backend's own memory (imported), four floats
;; at a time, then one at a time for the rest. Byte addresses; flags: 1 weight decay, 2 momentum,
;; 4 first step (the buffer is d), 8 dampening, 16 Nesterov. Every operation is one float32
;; operation, in the order of src/train/optim/sgd-parameter-update.ts's tf ops. Assembled into
;; sgd-update-binary.ts by `npm run assemble:wat`.
(module
  (import "tfjs" "memory" (memory 1 65536 shared))
  (func (export "sgdUpdate")
    (param $p i32) (param $g i32) (param $b i32) (param $out i32) (param $nb i32) (param $size i32)
    (param $lr f32) (param $momentum f32) (param $keep f32) (param $weightDecay f32) (param $flags i32)
    (local $at i32) (local $end i32)
    (local $lrs v128) (local $momentums v128) (local $keeps v128) (local $weightDecays v128)
    (local $pv v128) (local $dv v128) (local $vv v128)
    (local $ps f32) (local $ds f32) (local $vs f32)
    (local.set $lrs (f32x4.splat (local.get $lr)))
    (local.set $momentums (f32x4.splat (local.get $momentum)))
    (local.set $keeps (f32x4.splat (local.get $keep)))
    (local.set $weightDecays (f32x4.splat (local.get $weightDecay)))
    (local.set $end (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 2)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $pv (v128.load (i32.add (local.get $p) (local.get $at))))
        (local.set $dv (v128.load (i32.add (local.get $g) (local.get $at))))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then (local.set $dv (f32x4.add (local.get $dv) (f32x4.mul (local.get $pv) (local.get $weightDecays))))))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then
            (if (i32.and (local.get $flags) (i32.const 4))
              (then (local.set $vv (local.get $dv)))
              (else
                (local.set $vv
                  (f32x4.add
                    (f32x4.mul (v128.load (i32.add (local.get $b) (local.get $at))) (local.get $momentums))
                    (if (result v128) (i32.and (local.get $flags) (i32.const 8))
                      (then (f32x4.mul (local.get $dv) (local.get $keeps)))
                      (else (local.get $dv)))))))
            (v128.store (i32.add (local.get $nb) (local.get $at)) (local.get $vv))
            (local.set $dv
              (if (result v128) (i32.and (local.get $flags) (i32.const 16))
                (then (f32x4.add (local.get $dv) (f32x4.mul (local.get $vv) (local.get $momentums))))
                (else (local.get $vv))))))
        (v128.store (i32.add (local.get $out) (local.get $at))
          (f32x4.sub (local.get $pv) (f32x4.mul (local.get $dv) (local.get $lrs))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.shl (local.get $size) (i32.const 2)))
    (block $scalarsDone
      (loop $scalars
        (br_if $scalarsDone (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $ps (f32.load (i32.add (local.get $p) (local.get $at))))
        (local.set $ds (f32.load (i32.add (local.get $g) (local.get $at))))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then (local.set $ds (f32.add (local.get $ds) (f32.mul (local.get $ps) (local.get $weightDecay))))))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then
            (if (i32.and (local.get $flags) (i32.const 4))
              (then (local.set $vs (local.get $ds)))
              (else
                (local.set $vs
                  (f32.add
                    (f32.mul (f32.load (i32.add (local.get $b) (local.get $at))) (local.get $momentum))
                    (if (result f32) (i32.and (local.get $flags) (i32.const 8))
                      (then (f32.mul (local.get $ds) (local.get $keep)))
                      (else (local.get $ds)))))))
            (f32.store (i32.add (local.get $nb) (local.get $at)) (local.get $vs))
            (local.set $ds
              (if (result f32) (i32.and (local.get $flags) (i32.const 16))
                (then (f32.add (local.get $ds) (f32.mul (local.get $vs) (local.get $momentum))))
                (else (local.get $vs))))))
        (f32.store (i32.add (local.get $out) (local.get $at))
          (f32.sub (local.get $ps) (f32.mul (local.get $ds) (local.get $lr))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $scalars)))))
