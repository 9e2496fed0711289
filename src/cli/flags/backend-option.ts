import { BACKEND_PREFERENCE, BACKEND_ENV_VAR, resolveBackendChoice, type BackendChoice } from '../../backend/index.js';
import type { ChoiceOption } from './option-spec.js';

/** `--backend NAME` for any command that runs TensorFlow.js; absent, `RXTRAIN_BACKEND` decides, else `auto`. */
export const BACKEND_OPTION = {
  type: 'choice',
  choices: ['auto', ...BACKEND_PREFERENCE],
  placeholder: 'NAME',
  env: BACKEND_ENV_VAR,
  description: `TensorFlow.js backend (default: ${BACKEND_ENV_VAR}, else auto)`,
} as const satisfies ChoiceOption;

/** The backend a command runs: the flag, else `RXTRAIN_BACKEND`, else `auto`. */
export const backendOf = (flag: string | undefined): BackendChoice => resolveBackendChoice(flag);
