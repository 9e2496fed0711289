import { basename } from 'node:path';
import type { ModelName } from './model-registry.js';

/** A torchvision 0.14 weights file: the model it fits and the evaluation transform its metadata gives. */
export interface TorchvisionWeights {
  readonly file: string;
  readonly model: ModelName;
  /** torchvision's weights enum entry, e.g. `ResNet50_Weights.IMAGENET1K_V2`. */
  readonly weights: string;
  /** `Resize(resize)` (shorter side, bilinear) → `CenterCrop(crop)`. */
  readonly resize: number;
  readonly crop: number;
}

/** torchvision 0.14's ImageNet weights for the families rxtrain builds (`weights.url` and `weights.transforms()`). */
export const TORCHVISION_WEIGHTS: readonly TorchvisionWeights[] = [
  {
    file: 'alexnet-owt-7be5be79.pth',
    model: 'alexnet',
    weights: 'AlexNet_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'resnet18-f37072fd.pth',
    model: 'resnet18',
    weights: 'ResNet18_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'resnet34-b627a593.pth',
    model: 'resnet34',
    weights: 'ResNet34_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'resnet50-0676ba61.pth',
    model: 'resnet50',
    weights: 'ResNet50_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'resnet50-11ad3fa6.pth',
    model: 'resnet50',
    weights: 'ResNet50_Weights.IMAGENET1K_V2',
    resize: 232,
    crop: 224,
  },
  {
    file: 'mobilenet_v2-b0353104.pth',
    model: 'mobilenet_v2',
    weights: 'MobileNet_V2_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'mobilenet_v2-7ebf99e0.pth',
    model: 'mobilenet_v2',
    weights: 'MobileNet_V2_Weights.IMAGENET1K_V2',
    resize: 232,
    crop: 224,
  },
  {
    file: 'mobilenet_v3_small-047dcff4.pth',
    model: 'mobilenet_v3_small',
    weights: 'MobileNet_V3_Small_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'mobilenet_v3_large-8738ca79.pth',
    model: 'mobilenet_v3_large',
    weights: 'MobileNet_V3_Large_Weights.IMAGENET1K_V1',
    resize: 256,
    crop: 224,
  },
  {
    file: 'mobilenet_v3_large-5c1a4163.pth',
    model: 'mobilenet_v3_large',
    weights: 'MobileNet_V3_Large_Weights.IMAGENET1K_V2',
    resize: 232,
    crop: 224,
  },
];

/** The known torchvision weights a path names (by its file name, whose hash prefix `loadTorchCheckpoint` checks), if any. */
export const knownWeights = (path: string): TorchvisionWeights | undefined =>
  TORCHVISION_WEIGHTS.find((w) => w.file === basename(path));
