import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import {
  createModel,
  loadTorchCheckpoint,
  loadWeights,
  modelFromStateDict,
  parameterGroups,
  saveTorchWeights,
  torchParameters,
  type ModelName,
} from '../../src/models/index.js';
import { crossEntropy, sgd } from '../../src/train/index.js';
import {
  NO_TORCH,
  nhwcInput,
  ParityServer,
  parityPython,
  relativeError,
  torchvisionReference,
  type TorchvisionReference,
} from './torchvision-reference.js';

const FAMILIES: readonly ModelName[] = [
  'resnet18',
  'resnet34',
  'resnet50',
  'mobilenet_v2',
  'mobilenet_v3_small',
  'mobilenet_v3_large',
];
/**
 * The two smallest take the training step (a basic block; depthwise convolutions, squeeze-excitation,
 * hardswish), so the suite stays short; test/backend/families-training-step.test.ts compares
 * ResNet-50's and MobileNetV2's steps across backends. The step runs on cpu, whose arithmetic is the
 * same on every machine: a full-width step's gradients move by up to a few per cent when a ReLU input
 * within float32 rounding of 0 lands on the other side of it than in PyTorch (docs/models.md), and
 * which inputs do depends on the backend's rounding. Everything else runs on wasm, which is faster
 * (the weights move to cpu for the step).
 */
const TRAINED: ReadonlySet<ModelName> = new Set(['resnet18', 'mobilenet_v3_small']);
const ROUND_TRIPS = ['resnet18', 'mobilenet_v3_small'] as const;

/** One PyTorch process makes every reference, all queued at the start so that it works while the models run. */
let server: ParityServer | undefined;
const references = new Map<string, Promise<TorchvisionReference>>();
const referenceOf = (name: ModelName) => references.get(name)!;

test.before(async () => {
  await initBackend({ backend: 'wasm' });
  if (parityPython === undefined) return;
  server = new ParityServer();
  for (const name of FAMILIES) {
    const reference = torchvisionReference(server, name);
    reference.catch(() => undefined);
    references.set(name, reference);
  }
});

test.after.always(async () => {
  for (const reference of references.values()) await (await reference.catch(() => undefined))?.dispose();
  await server?.close();
});

/** One train-mode step as `trainStep` takes it (dropout off, as in the reference), with its gradients kept for comparison. */
function trainModeStep(model: tf.LayersModel, reference: TorchvisionReference) {
  for (const layer of model.layers)
    if (layer.getClassName() === 'Dropout') (layer as unknown as { rate: number }).rate = 0;
  const { lr, momentum, weightDecay } = reference.step;
  const optimizer = sgd({ lr, momentum, weightDecay, groups: parameterGroups(model) });
  const x = nhwcInput(reference);
  const y = tf.tensor1d(reference.labels, 'int32');
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(model.apply(x, { training: true }) as tf.Tensor, y),
    optimizer.trainableVariables(),
  );
  const gradients = new Map(
    torchParameters(model)
      .filter((p) => p.variable.trainable)
      .map((p) => [p.key, p.toTorch(grads[(p.variable.read() as tf.Variable).name]!.dataSync() as Float32Array)]),
  );
  optimizer.step(grads);
  const loss = value.dataSync()[0];
  tf.dispose([x, y, value, grads]);
  optimizer.dispose();
  return { loss, gradients };
}

if (parityPython === undefined) {
  test.skip(`full-width ResNet and MobileNet agree with torchvision in eval and train mode — ${NO_TORCH}`, () =>
    undefined);
} else {
  for (const name of FAMILIES) {
    const trained = TRAINED.has(name);
    const title = trained
      ? "eval logits within 1e-4 relative; one SGD step's loss and gradients within 1e-4, running statistics within 1e-5"
      : 'eval logits within 1e-4 relative';
    test.serial(`${name}, full width, seeded random torchvision weights: ${title}`, async (t) => {
      await tf.setBackend('wasm');
      const reference = await referenceOf(name);
      const model = createModel(name, { numClasses: reference.classes, initialize: false });
      t.teardown(() => model.dispose());
      const result = loadWeights(model, await loadTorchCheckpoint(join(reference.dir, 'model.pth')));
      t.is(result.missing.length + result.unexpected.length, 0);
      const before = tf.memory().numTensors;

      const logits = tf.tidy(() => model.predict(nhwcInput(reference)) as tf.Tensor);
      const logitError = relativeError(logits.dataSync(), reference.logits);
      logits.dispose();
      t.true(logitError <= 1e-4, `logits: ${logitError}`);
      t.log(`relative error: logits ${logitError.toExponential(2)}`);
      if (!trained) return void t.is(tf.memory().numTensors, before);

      await tf.setBackend('cpu');

      const { loss, gradients } = trainModeStep(model, reference);
      const lossError = Math.abs(loss! - reference.step.loss) / Math.abs(reference.step.loss);
      t.true(lossError <= 1e-4, `loss ${loss}, PyTorch's ${reference.step.loss}`);
      const torchGrads = await loadTorchCheckpoint(join(reference.dir, 'grads.pth'));
      t.deepEqual([...gradients.keys()].sort(), [...torchGrads.keys()].sort());
      // A gradient that is zero but for rounding (the β of a BatchNorm whose output a convolution takes
      // to a train-mode BatchNorm, which removes any constant) is measured against 1e-3 of the largest gradient.
      const floor =
        1e-3 * Math.max(...[...torchGrads.values()].map((g) => g.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
      const gradientErrors = [...gradients].map(
        ([key, g]) => [key, relativeError(g, torchGrads.get(key)!.data, floor)] as const,
      );
      const [worstGradient, gradientError] = gradientErrors.reduce((a, b) => (b[1] > a[1] ? b : a));
      t.true(gradientError <= 1e-4, `gradient of ${worstGradient}: ${gradientError}`);

      const after = await loadTorchCheckpoint(join(reference.dir, 'after.pth'));
      let statisticsError = 0;
      let parameterError = 0;
      for (const p of torchParameters(model)) {
        const ours = p.toTorch(p.variable.read().dataSync() as Float32Array);
        const theirs = after.get(p.key)!.data;
        if (p.key.endsWith('.num_batches_tracked')) t.deepEqual([...ours], [...theirs], p.key);
        else if (p.key.endsWith('.running_mean') || p.key.endsWith('.running_var'))
          statisticsError = Math.max(statisticsError, relativeError(ours, theirs));
        else parameterError = Math.max(parameterError, relativeError(ours, theirs));
      }
      t.true(statisticsError <= 1e-5, `running statistics: ${statisticsError}`);
      t.true(parameterError <= 1e-4, `parameters after the step: ${parameterError}`);
      t.log(
        `relative errors: loss ${lossError.toExponential(2)}, gradients ${gradientError.toExponential(2)} (worst ${worstGradient}), running statistics ${statisticsError.toExponential(2)}, parameters after SGD ${parameterError.toExponential(2)}`,
      );
      t.is(tf.memory().numTensors, before);
    });
  }

  for (const name of ROUND_TRIPS) {
    test.serial(
      `${name} round trip: torchvision's .pth → rxtrain (architecture from its keys) → export → torch.load(weights_only=True) gives torchvision's logits`,
      async (t) => {
        await tf.setBackend('wasm');
        const reference = await referenceOf(name);
        const { model, architecture } = modelFromStateDict(await loadTorchCheckpoint(join(reference.dir, 'model.pth')));
        t.like(architecture, { model: name, numClasses: reference.classes, widthDivisor: 1 });
        const exported = join(reference.dir, 'exported.pth');
        await saveTorchWeights(model, exported);
        model.dispose();
        await writeFile(join(reference.dir, 'input-again.f32'), reference.input);
        const printed = await server!.run([
          'logits',
          name,
          exported,
          join(reference.dir, 'input-again.f32'),
          String(reference.batch),
          String(reference.size),
        ]);
        const error = relativeError((JSON.parse(printed) as number[][]).flat(), reference.logits);
        t.log(`largest |Δlogit| / largest |logit| = ${error.toExponential(2)}`);
        t.true(error <= 1e-6, `${error}`);
      },
    );
  }
}
