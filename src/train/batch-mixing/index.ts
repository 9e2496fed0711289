export { sampleBeta } from './beta.js';
export { cutBox, type CutBox, cutmix, keptShare } from './cutmix.js';
export { mixOrCut } from './mix-or-cut.js';
export { mixedLoader, type MixedLoaderOptions } from './mixed-loader.js';
export { betaMixer, type Mixable, type Mixed, type Mixer } from './mixer.js';
export { MixingError } from './mixing-error.js';
export { mixup } from './mixup.js';
