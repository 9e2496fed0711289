import { defineCommand } from '../command.js';
import { DEFAULT_SEED } from '../../data/index.js';
import { SPLIT_OPTION } from '../train-flags.js';

export const shardCommand = defineCommand({
  name: 'shard',
  summary: 'write a data folder as WebDataset shards (train and valid) for HTTP, S3 or torchrun',
  description:
    'Write the training and validation splits of --data (split as `rxtrain train` splits it, by --split and --seed) as WebDataset tar shards: train-000000.tar, …, valid-000000.tar, … (each sample <k>.jpg, <k>.cls, <k>.json) and index.json (samples per shard, classes). The same folder always gives the same bytes. Serve the folder over HTTP or copy it to S3, and give its URL to `rxtrain train --data`.',
  usage: `rxtrain shard --data DIR --out DIR [--shard-size 1000] [--split 0.9] [--seed ${DEFAULT_SEED}]`,
  options: {
    data: { type: 'string', placeholder: 'DIR', required: true, description: 'Kaggle-style folder or ImageFolder' },
    out: {
      type: 'string',
      placeholder: 'DIR',
      required: true,
      description: 'a new or empty folder for the shards and index.json',
    },
    'shard-size': { type: 'integer', min: 1, default: 1000, description: 'samples per shard' },
    split: SPLIT_OPTION,
    seed: { type: 'integer', min: 0, default: DEFAULT_SEED, description: 'seed of the split' },
  },
  examples: [
    'rxtrain shard --data data/train --out data/shards',
    'rxtrain shard --data data/train --out data/shards --shard-size 500 --split 0.8',
  ],
  async run(flags, io) {
    const { writeShards } = await import('../../data/index.js');
    const index = await writeShards({
      data: flags.data,
      out: flags.out,
      shardSize: flags['shard-size'],
      split: flags.split,
      seed: flags.seed,
    });
    const line = (split: 'train' | 'valid') => {
      const shards = index.splits[split];
      return `${split}: ${shards.reduce((sum, s) => sum + s.count, 0)} samples in ${shards.length} shard${shards.length === 1 ? '' : 's'}`;
    };
    io.out(`${line('train')}\n${line('valid')}\nclasses: ${index.classes.join(', ')}\nwrote ${flags.out}/index.json`);
  },
});
