import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

export const modelFixtures = new URL('../../../shared/fixtures/models/', import.meta.url);
export const fixturePath = (name: string): string => fileURLToPath(new URL(name, modelFixtures));

export interface FixtureCase {
  readonly input: string;
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

export const fixtureModels: Record<string, FixtureModel> = JSON.parse(readFileSync(fixturePath('models.json'), 'utf8')).models;

export const readFloat32 = (name: string): Float32Array => {
  const bytes = readFileSync(fixturePath(name));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/** A fixture's NCHW float32 input as an NHWC tensor. */
export const readNhwcInput = (fixture: FixtureCase): tf.Tensor4D =>
  tf.tidy(() => tf.tensor4d(readFloat32(fixture.input), fixture.input_shape_nchw).transpose([0, 2, 3, 1]) as tf.Tensor4D);
