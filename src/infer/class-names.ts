import { readFile, stat } from 'node:fs/promises';
import { InferenceInputError } from './errors.js';
import { IMAGENET_CLASSES } from './imagenet-classes.js';

/** The longest class name a labels file may hold, in characters. */
export const MAX_CLASS_NAME_LENGTH = 256;

/**
 * A labels file: one class name per line, in label order (blank lines at the end ignored). Names
 * must be distinct and at most `MAX_CLASS_NAME_LENGTH` characters; the file is not read when it is
 * larger than `numClasses` such lines could be.
 */
export async function readLabelsFile(path: string, numClasses: number): Promise<string[]> {
  let text: string;
  try {
    const { size } = await stat(path);
    const most = numClasses * (4 * MAX_CLASS_NAME_LENGTH + 2) + 64;
    if (size > most)
      throw new InferenceInputError(
        path,
        `is ${size} bytes, more than ${numClasses} class names of at most ${MAX_CLASS_NAME_LENGTH} characters can take (${most} bytes)`,
      );
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof InferenceInputError) throw error;
    throw new InferenceInputError(path, `cannot read the labels file (${(error as Error).message})`);
  }
  const names = text
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => line.trim());
  if (names.length !== numClasses || names.some((name) => name === '')) {
    throw new InferenceInputError(
      path,
      `expected ${numClasses} non-empty lines, one class name per line for the model's ${numClasses} outputs; got ${names.length} line(s)${names.some((n) => n === '') ? ' with blank ones' : ''}`,
    );
  }
  const long = names.findIndex((name) => name.length > MAX_CLASS_NAME_LENGTH);
  if (long !== -1)
    throw new InferenceInputError(
      path,
      `line ${long + 1} is ${names[long]!.length} characters long, more than the ${MAX_CLASS_NAME_LENGTH} a class name may have`,
    );
  const first = new Map<string, number>();
  for (const [line, name] of names.entries()) {
    const earlier = first.get(name);
    if (earlier !== undefined)
      throw new InferenceInputError(
        path,
        `lines ${earlier + 1} and ${line + 1} both name ${JSON.stringify(name)}: class names must be distinct`,
      );
    first.set(name, line);
  }
  return names;
}

/** Names when nothing better is known: ImageNet's for a 1000-class model, else the labels as text. */
export const defaultClassNames = (numClasses: number): readonly string[] =>
  numClasses === IMAGENET_CLASSES.length
    ? IMAGENET_CLASSES
    : Array.from({ length: numClasses }, (_, label) => String(label));
