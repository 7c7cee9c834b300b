import { logError } from './log';

// One queue per key (a tab, a memory shard, the history): each task starts once every earlier
// task on its key is over, whether that one succeeded or failed, so two writes of one key never
// interleave their read and their write. A failure is logged, and the next task runs anyway.

export class InOrder<K> {
  private readonly tails = new Map<K, Promise<unknown>>();

  constructor(private readonly label: (key: K) => string) {}

  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task, task);
    this.tails.set(
      key,
      run.catch((error: unknown) => logError(this.label(key), error)),
    );
    return run;
  }

  /** Resolves once every task queued on `key` so far is over. */
  async idle(key: K): Promise<void> {
    await this.tails.get(key);
  }

  forget(key: K): void {
    this.tails.delete(key);
  }
}
