import { readFile } from 'node:fs/promises';
import { InferenceInputError } from './errors.js';
import { IMAGENET_CLASSES } from './imagenet-classes.js';

/** A labels file: one class name per line, in label order (blank lines at the end ignored). */
export async function readLabelsFile(path: string, numClasses: number): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InferenceInputError(path, `cannot read the labels file (${(error as Error).message})`);
  }
  const names = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n').map((line) => line.trim());
  if (names.length !== numClasses || names.some((name) => name === '')) {
    throw new InferenceInputError(path, `expected ${numClasses} non-empty lines, one class name per line for the model's ${numClasses} outputs; got ${names.length} line(s)${names.some((n) => n === '') ? ' with blank ones' : ''}`);
  }
  return names;
}

/** Names when nothing better is known: ImageNet's for a 1000-class model, else the labels as text. */
export const defaultClassNames = (numClasses: number): readonly string[] =>
  numClasses === IMAGENET_CLASSES.length ? IMAGENET_CLASSES : Array.from({ length: numClasses }, (_, label) => String(label));
