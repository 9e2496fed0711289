// A new augmentation in a few lines: a pure function of (image, random), made an operator by mapImage.
// Run: npx tsx examples/custom-augmentation.ts [folder of cat.N.jpg / dog.N.jpg]
import { fileURLToPath } from 'node:url';
import { take, toArray, lastValueFrom } from 'rxjs';
import {
  centerCrop, compose, decodeImage, fromFiles, functional as F, kaggleFolder, mapImage, normalize, randomCrop,
  randomHorizontalFlip, resize, toSamples, toTensor, type RawImage,
} from '../src/index.js';

/** torchvision's RandomGrayscale(p): with probability p, the image becomes grey in all three channels. */
const randomGrayscale = (p = 0.1) => mapImage((image: RawImage, random) => (random.next() < p ? F.grayscale(image) : image));

const augment = compose(resize(256), centerCrop(256), randomCrop(224), randomHorizontalFlip(0.5), randomGrayscale(0.5), toTensor<RawImage>(), normalize());

const fixtures = ['chelsea.png', 'horse.png', 'rocket.jpg'].map((name, index) => ({
  path: fileURLToPath(new URL(`../test/fixtures/images/${name}`, import.meta.url)),
  label: index % 2,
}));
const source = process.argv[2] ? kaggleFolder(process.argv[2], { mode: 'train' }).pipe(take(8)) : fromFiles(fixtures);

const samples = await lastValueFrom(source.pipe(toSamples({ seed: 620 }), decodeImage(), augment, toArray()));
for (const { path, label, image } of samples) {
  const channels = [0, 1, 2].map((c) => image.data.filter((_, i) => i % 3 === c).reduce((a, b) => a + b, 0) / (image.width * image.height));
  console.log(`${path} label ${label}: ${image.width}x${image.height}, channel means ${channels.map((m) => m.toFixed(3)).join(' ')}`);
}
