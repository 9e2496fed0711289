import { MODEL_NAMES, TORCHVISION_WEIGHTS } from '../models/index.js';

/** `info --models`: each factory, and the torchvision weights files (with their SHA-256 prefix and evaluation transform) it takes. */
export function modelsInfoLines(): string[] {
  return MODEL_NAMES.flatMap((name) => [
    `${name}  (--model ${name})`,
    ...TORCHVISION_WEIGHTS.filter((w) => w.model === name).map(
      (w) =>
        `  ${w.file}  sha256 ${w.file.slice(w.file.lastIndexOf('-') + 1, -'.pth'.length)}…  ${w.weights}  Resize(${w.resize}) → CenterCrop(${w.crop})`,
    ),
  ]);
}
