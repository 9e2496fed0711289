import { kaimingAlexNet } from '../../models/index.js';
import type { ModelFactory } from '../../models/index.js';

/** The demo's AlexNet, trained from scratch: He-normal weights and zero biases (see `heNormalInit`). */
export const demoAlexNet: ModelFactory = kaimingAlexNet;
