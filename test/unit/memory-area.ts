import type { SessionArea } from '../../src/background/tab-store';

// An in-memory storage area with the semantics of storage.session (structured copies, async),
// counting its writes. `writeDelayMs` above 0 makes each write take that long, so that later
// updates can arrive while one is in flight.
export class MemoryArea implements SessionArea {
  data = new Map<string, unknown>();
  writes = 0;
  constructor(private readonly writeDelayMs = 0) {}
  async get(key: string | null): Promise<Record<string, unknown>> {
    await Promise.resolve();
    if (key === null) return structuredClone(Object.fromEntries(this.data));
    return this.data.has(key) ? { [key]: structuredClone(this.data.get(key)) } : {};
  }
  async set(items: Record<string, unknown>): Promise<void> {
    this.writes++;
    await (this.writeDelayMs > 0
      ? new Promise((r) => setTimeout(r, this.writeDelayMs))
      : Promise.resolve());
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(key: string): Promise<void> {
    await Promise.resolve();
    this.data.delete(key);
  }
}
