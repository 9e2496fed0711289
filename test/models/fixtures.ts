import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

/** A width-reduced AlexNet saved by PyTorch and its logits (remade by test/fixtures/regenerate.mjs). */
export const modelFixtures = new URL('../fixtures/models/', import.meta.url);
export const fixturePath = (name: string): string => fileURLToPath(new URL(name, modelFixtures));

export interface FixtureCase {
  /** The input is `hashedInput(input_shape_nchw, input_seed)`, as make-fixtures.py computes it. */
  readonly input_seed: number;
  readonly input_shape_nchw: [number, number, number, number];
  readonly logits: string;
  readonly logits_shape: [number, number];
}

export interface FixtureModel {
  readonly checkpoint: string;
  readonly legacy_checkpoint: string;
  readonly width_divisor: number;
  readonly num_classes: number;
  readonly params: number;
  readonly keys: Record<string, number[]>;
  readonly cases: FixtureCase[];
}

export const fixtureModels: Record<string, FixtureModel> = JSON.parse(
  readFileSync(fixturePath('models.json'), 'utf8'),
).models;

export const readFloat32 = (name: string): Float32Array => {
  const bytes = readFileSync(fixturePath(name));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/**
 * make-fixtures.py's `hashed_input`: values in [-2, 2) from an integer hash of each element's index,
 * exact in float32, so the same inputs are made here without a file.
 */
export function hashedInput(length: number, seed: number): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    let h = Math.imul(i + seed, 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x85ebca77) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    values[i] = (h >>> 8) / 2 ** 22 - 2;
  }
  return values;
}

/** A fixture's NCHW float32 input as an NHWC tensor. */
export const readNhwcInput = (fixture: FixtureCase): tf.Tensor4D => {
  const input = hashedInput(
    fixture.input_shape_nchw.reduce((a, b) => a * b, 1),
    fixture.input_seed,
  );
  return tf.tidy(() => tf.tensor4d(input, fixture.input_shape_nchw).transpose([0, 2, 3, 1]) as tf.Tensor4D);
};
