export { repairBestLink } from './best-link.js';
export {
  checkpointParts,
  decodeCheckpoint,
  encodeCheckpoint,
  epochCheckpointName,
  epochCheckpoints,
  latestCheckpoint,
  linkAtomically,
  readCheckpoint,
  writeAtomically,
  writeCheckpoint,
} from './checkpoint-file.js';
export { SECTIONS, headerProblem } from './checkpoint-header.js';
export type { CheckpointHeader, TensorEntry } from './checkpoint-header.js';
export { readResumeCheckpoint, restoreRun, resumeRun } from './resume.js';
export { prepareCheckpointFolder, removeIfUnused } from './run-folder.js';
export type { CheckpointFolder } from './run-folder.js';
export { LOCK_FILE, lockRunFolder } from './run-lock.js';
export type { RunLock } from './run-lock.js';
export { isTorchSave, readTorchRun, runStateFromTorch } from './torchrun-resume.js';
export type { PendingTorchState, TorchRunCheckpoint } from './torchrun-resume.js';
