// Augmentations of one's own, in a module the loader's worker threads import: each export is a
// function returning an operator, so every worker builds the same pipeline from the same arguments.
import {
  centerCrop,
  compose,
  decodeImage,
  functional as F,
  mapImage,
  normalize,
  randomCrop,
  randomHorizontalFlip,
  toTensor,
  type RawImage,
} from '../src/index.js';

/** torchvision's RandomGrayscale(p): with probability p, the image becomes grey in all three channels. */
export const randomGrayscale = (p = 0.1) =>
  mapImage((image: RawImage, random) => (random.next() < p ? F.grayscale(image) : image));

/** The seed's training input with a random greyscale first: crops, flip, toTensor and normalize still fuse into one pass. */
export const catDogTrain = (greyscale = 0.1) =>
  compose(
    decodeImage({ onBadImage: 'fail', resize: 256 }),
    randomGrayscale(greyscale),
    centerCrop(256),
    randomCrop(224),
    randomHorizontalFlip(0.5),
    toTensor<RawImage>(),
    normalize(),
  );
