import type * as tf from '@tensorflow/tfjs';
import { writeFile } from 'node:fs/promises';
import { torchParameters } from './torch-parameters.js';
import { encodeTorchStateDict, type TorchTensorOut } from './torch/save-pth.js';

/** The model's weights as PyTorch's state dict: torchvision's key names, OIHW kernels, `[out, in]` linear weights. */
export async function torchStateDictOf(model: tf.LayersModel): Promise<Map<string, TorchTensorOut>> {
  const stateDict = new Map<string, TorchTensorOut>();
  for (const parameter of torchParameters(model)) {
    const values = (await parameter.variable.read().data()) as Float32Array;
    stateDict.set(parameter.key, {
      shape: parameter.torchShape,
      data: parameter.toTorch(values),
      ...(parameter.torchDtype ? { dtype: parameter.torchDtype } : {}),
    });
  }
  return stateDict;
}

/**
 * Writes the model's weights as a `torch.save` zip file: for torchvision's AlexNet,
 * `torchvision.models.alexnet(num_classes=N).load_state_dict(torch.load(path, weights_only=True))`.
 */
export async function saveTorchWeights(model: tf.LayersModel, path: string): Promise<void> {
  await writeFile(path, encodeTorchStateDict(await torchStateDictOf(model)));
}
