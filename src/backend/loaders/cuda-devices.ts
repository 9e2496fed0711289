import { existsSync, readdirSync } from 'node:fs';

/** Names the CUDA devices the NVIDIA driver exposes; empty when there is no driver or no GPU. */
export function listCudaDevices(): string[] {
  const gpus = '/proc/driver/nvidia/gpus';
  if (existsSync(gpus)) return readdirSync(gpus);
  return existsSync('/dev/nvidia0') ? ['/dev/nvidia0'] : [];
}
