// Every listener goes through guard(): an exception in one event must neither vanish (Firefox
// hides errors thrown in event pages) nor stop the next event from being handled.

export function logError(where: string, error: unknown): void {
  console.error(`[Portwatch] ${where}:`, error);
}

export function guard<A extends unknown[]>(
  where: string,
  listener: (...args: A) => unknown,
): (...args: A) => void {
  return (...args: A): void => {
    try {
      const result = listener(...args);
      if (result instanceof Promise) result.catch((error: unknown) => logError(where, error));
    } catch (error) {
      logError(where, error);
    }
  };
}
