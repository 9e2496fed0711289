import { defineCommand } from '../command.js';
import { UsageError } from '../flags/errors.js';

export const visualizeCommand = defineCommand({
  name: 'visualize',
  summary: "draw a model's first-layer kernels and, for an image, its first-layer feature maps",
  description:
    "Draw what an AlexNet learned, from a PyTorch .pth or an rxtrain checkpoint: the first layer's kernels as RGB tiles (kernels.png), the second layer's as grey tiles, a row per kernel and a column per input channel, one grid per convolution group (layer2-kernels-group-N.png), and with --image the first layer's feature maps for that image (feature-maps.png). Every tile is min-max scaled on its own.",
  usage: 'rxtrain visualize (--weights FILE.pth | --checkpoint FILE) [--image IMG] --out DIR',
  options: {
    weights: {
      type: 'string',
      placeholder: 'FILE.pth',
      description: "a PyTorch state dict: torchvision's or the paper's AlexNet, a ResNet or a MobileNet",
    },
    checkpoint: {
      type: 'string',
      placeholder: 'FILE',
      description: 'an rxtrain checkpoint (checkpoints/epoch-NNNN.ckpt)',
    },
    image: { type: 'string', placeholder: 'IMG', description: 'an image whose first-layer feature maps are drawn' },
    out: { type: 'string', placeholder: 'DIR', required: true, description: 'folder for the PNGs' },
  },
  examples: [
    'rxtrain visualize --weights data/alexnet-owt-4df8aa71.pth --image data/train/cat.1.jpg --out runs/pictures',
    'rxtrain visualize --checkpoint runs/catdog/checkpoints/best.ckpt --out runs/catdog/pictures',
  ],
  async run(flags, io) {
    if ((flags.weights === undefined) === (flags.checkpoint === undefined)) {
      throw new UsageError('give exactly one of --weights FILE.pth and --checkpoint FILE');
    }
    const { runVisualize } = await import('../run-visualize.js');
    for (const path of await runVisualize(flags)) io.out(`wrote ${path}`);
  },
});
