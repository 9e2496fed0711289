/**
 * The layering of docs/architecture.md, checked by `test/architecture/layering.test.ts`
 * (`npx depcruise src`). A folder may import only the folders listed for it, and only through
 * their index.ts; inside src/train/ the rooms are layered the same way, each with its own door.
 */

/** Each top-level folder of src/ and the folders it may import (through their index.ts), besides util/, which all may. */
const FOLDERS = {
  // small rules shared by every layer (option checks); it imports nothing
  util: [],
  backend: [],
  data: ['backend'],
  models: ['backend'],
  train: ['backend', 'data', 'models'],
  infer: ['backend', 'data', 'models', 'train'],
  torchrun: ['backend', 'data', 'models', 'train', 'infer'],
  // report and the dashboard read events: their imports of train/ are of types only (dashboard also lists checkpoints)
  report: ['train'],
  dashboard: ['report', 'train'],
  // the benchmark command's work (the CLI hands it the demo's image maker)
  bench: ['backend', 'data', 'models', 'train'],
  cli: ['backend', 'data', 'models', 'train', 'infer', 'torchrun', 'report', 'dashboard', 'bench'],
};

/** The rooms of src/train/ and the rooms each may import (through their index.ts). */
const ROOMS = {
  optim: [],
  loop: ['optim'],
  checkpoint: ['loop', 'optim'],
  pictures: ['loop', 'checkpoint'],
  operators: ['loop', 'checkpoint', 'pictures'],
  schedules: ['loop', 'operators'],
  'batch-mixing': ['loop'],
  'lr-finder': ['loop'],
  stream: ['loop', 'optim', 'checkpoint', 'operators', 'schedules', 'batch-mixing', 'pictures'],
};

/** Sub-doors another folder may use: the functional transforms, as torchvision's `transforms.functional`. */
const SUB_DOORS = ['^src/data/functional/index\\.ts$'];

const others = (own, allowed) => `^src/(?!(?:${[own, 'util', ...allowed].join('|')})/)[^/]+/`;

const layerRules = Object.entries(FOLDERS).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder}/ may import only ${
    ['util', ...allowed]
      .filter((f) => f !== folder)
      .map((f) => `src/${f}/`)
      .join(', ') || 'no other folder'
  } (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: others(folder, allowed) },
}));

const roomRules = Object.entries(ROOMS).map(([room, allowed]) => ({
  name: `room-train-${room}`,
  comment: `src/train/${room}/ may import only ${allowed.length ? allowed.map((r) => `train/${r}/`).join(', ') : 'no other room of train/'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/train/${room}/` },
  to: { path: `^src/train/(?!(?:${[room, ...allowed].join('|')})/)`, pathNot: ['^src/train/index\\.ts$'] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes module evaluation order decide what is defined.',
      severity: 'error',
      from: {},
      // a cycle closed only by type imports is erased before the code runs
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...layerRules,
    ...roomRules,
    {
      name: 'report-reads-events',
      comment: 'report/ reads events: it imports types from train/, never code.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/train/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'room-imports-train-door',
      comment:
        "A room of src/train/ imports other rooms through their own index.ts, never train's: that would be a cycle.",
      severity: 'error',
      from: { path: '^src/train/[^/]+/' },
      to: { path: '^src/train/index\\.ts$' },
    },
    {
      name: 'door-only',
      comment: 'Another folder is imported through its index.ts only (src/<folder>/index.ts).',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', ...SUB_DOORS] },
    },
    {
      name: 'room-door-only',
      comment: 'Another room of src/train/ is imported through its index.ts only (src/train/<room>/index.ts).',
      severity: 'error',
      from: { path: '^src/train/([^/]+)/' },
      to: { path: '^src/train/[^/]+/', pathNot: ['^src/train/$1/', '^src/train/[^/]+/index\\.ts$'] },
    },
    {
      name: 'package-door-imports-doors',
      comment: "src/index.ts re-exports the folders' doors only.",
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/[^/]+/index\\.ts$'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/dashboard/page/' },
  },
};
// the tables, for scripts/architecture-graph.ts (not part of dependency-cruiser's options)
Object.defineProperties(module.exports, { FOLDERS: { value: FOLDERS }, ROOMS: { value: ROOMS } });
