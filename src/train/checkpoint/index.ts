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
export { type CheckpointHeader, headerProblem, SECTIONS, type TensorEntry } from './checkpoint-header.js';
export { readResumeCheckpoint, restoreRun, resumeRun } from './resume.js';
export { type CheckpointFolder, prepareCheckpointFolder, removeIfUnused } from './run-folder.js';
export { LOCK_FILE, lockRunFolder, type RunLock } from './run-lock.js';
export {
  isTorchSave,
  type PendingTorchState,
  readTorchRun,
  runStateFromTorch,
  type TorchRunCheckpoint,
} from './torchrun-resume.js';
