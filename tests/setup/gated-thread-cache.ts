import { MemoryThreadCache, type CacheLookup } from '../../src/threads/thread-cache.js';

/** A page cache whose first lookup waits until `open()`, as a slow handler would; `entered` and `passed` tell how far it got. */
export class GatedThreadCache extends MemoryThreadCache {
  open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private enter!: () => void;
  readonly entered = new Promise<void>((resolve) => (this.enter = resolve));
  passed = false;

  override async lookup(threadKey: string, variant: string): Promise<CacheLookup> {
    this.enter();
    await this.gate;
    this.passed = true;
    return super.lookup(threadKey, variant);
  }
}
