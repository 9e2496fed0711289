import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What `scripts/torch/reference.py fixtures test/fixtures/infer` computed with torchvision. */
export interface ReferencePrediction {
  readonly path: string;
  readonly indices: number[];
  readonly probabilities: number[];
  readonly logits: number[];
}

export interface ReferenceMode {
  readonly predictions: ReferencePrediction[];
  readonly top1: number;
  readonly top5: number;
  readonly perClass: number[];
  readonly confusion: number[][];
}

export interface Reference {
  readonly model: string;
  readonly classes: string[];
  readonly centre: ReferenceMode;
  readonly tenCrop: ReferenceMode;
}

export const inferFixtures = fileURLToPath(new URL('../fixtures/infer/', import.meta.url));
export const inferFixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/infer/${name}`, import.meta.url));
export const reference: Reference = JSON.parse(readFileSync(inferFixture('reference.json'), 'utf8'));
