import { Injectable } from '@nestjs/common';

export interface CachedResponse {
  status: number;
  body: unknown;
  expiresAt: number;
  aiProvider: string;
  model: string | null;
  /** What the answer cost when it was made: each hit saves that much (analytics' cache savings). */
  costCents: number;
}

const MAX_ENTRIES = 10_000;

/** `cache: {mode: "simple"}`: exact-match answers per workspace (the key includes the workspace). */
@Injectable()
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();

  get(key: string, now: number): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}
