/** `getOrCreate` of a key that was destroyed: the data it protected was erased and stays erased. */
export class KeyDestroyedError extends Error {
  override readonly name = 'KeyDestroyedError';
  constructor(readonly keyId: string) {
    super(`The data key ${keyId} was destroyed (its data was erased)`);
  }
}
