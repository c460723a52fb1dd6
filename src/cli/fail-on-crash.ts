/**
 * While the screens are up, an exception nothing caught ends the session like a failure: the
 * screen is taken down (terminal restored) and one line says what happened, no stack trace.
 */
export function failOnCrash(): { promise: Promise<never>; dispose(): void } {
  let fail: (error: unknown) => void = () => undefined;
  const promise = new Promise<never>((_, reject) => (fail = reject));
  const onError = (error: unknown) => fail(error);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    promise,
    dispose: () => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}
