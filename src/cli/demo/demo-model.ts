import { kaimingAlexNet } from '../../models/he-init.js';
import type { ModelFactory } from '../../models/model-factory.js';

/** The demo's AlexNet, trained from scratch: He-normal weights and zero biases (see `heNormalInit`). */
export const demoAlexNet: ModelFactory = kaimingAlexNet;
