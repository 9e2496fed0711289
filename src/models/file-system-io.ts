import * as tf from '@tensorflow/tfjs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelFileError } from './errors.js';
import './layers/adaptive-avg-pool-2d.js';
import './layers/grouped-conv-2d.js';
import './layers/local-response-normalization.js';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

async function readOrFail(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ModelFileError(path, `cannot read the ${what}: ${(error as Error).message}`);
  }
}

/**
 * A TensorFlow.js IO handler for a directory holding `model.json` and `weights.bin`, the layout
 * `tfjs-node`'s `file://` handler writes, using `node:fs` only (no native TensorFlow needed).
 */
export function fileSystem(directory: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology === undefined || artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelFileError(directory, 'only JSON model topologies can be saved');
      }
      const weights =
        artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig === undefined ? {} : { trainingConfig: artifacts.trainingConfig }),
        ...(artifacts.userDefinedMetadata === undefined ? {} : { userDefinedMetadata: artifacts.userDefinedMetadata }),
      };
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, WEIGHTS_FILE), new Uint8Array(weights));
      await writeFile(join(directory, MODEL_FILE), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const modelPath = join(directory, MODEL_FILE);
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse((await readOrFail(modelPath, 'model topology')).toString('utf8')) as tf.io.ModelJSON;
      } catch (error) {
        if (error instanceof ModelFileError) throw error;
        throw new ModelFileError(modelPath, `not JSON: ${(error as Error).message}`);
      }
      if (typeof modelJson !== 'object' || modelJson === null || modelJson.modelTopology == null) {
        throw new ModelFileError(modelPath, 'expected a TensorFlow.js model.json with a modelTopology');
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const shards = await Promise.all(
          manifest.flatMap((group) => group.paths.map((path) => readOrFail(join(directory, path), 'weights'))),
        );
        const weights = manifest.flatMap((group) => group.weights);
        return [
          weights,
          shards.map(
            (shard) => shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength) as ArrayBuffer,
          ),
        ];
      });
    },
  };
}

/** Saves the model's topology and weights to `directory` in TensorFlow.js format. */
export async function saveModel(model: tf.LayersModel, directory: string): Promise<tf.io.SaveResult> {
  return model.save(fileSystem(directory));
}

/** Loads a model saved by `saveModel` (or by tfjs-node's `file://` handler), custom layers included. */
export async function loadModel(directory: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystem(directory));
}
