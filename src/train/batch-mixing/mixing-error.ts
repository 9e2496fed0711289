/** A batch that mixup or cutmix cannot mix, with what was expected. */
export class MixingError extends Error {
  constructor(reason: string) {
    super(`batch mixing: ${reason}`);
    this.name = 'MixingError';
  }
}
