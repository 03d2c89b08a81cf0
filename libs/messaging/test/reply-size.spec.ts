import { describe, expect, it } from '@jest/globals';
import { firstValueFrom, of } from 'rxjs';
import { maxReplyBytes, ReplySizeGuard } from '../src/reply-size.interceptor.js';

describe('replies larger than the bus carries', () => {
  const guard = new ReplySizeGuard(1_000);
  const run = (reply: unknown) => firstValueFrom(guard.intercept({} as never, { handle: () => of(reply) }));

  it('pass through when they fit', async () => {
    expect(await run({ data: 'x'.repeat(500) })).toEqual({ data: 'x'.repeat(500) });
  });

  it('become a named error at once instead of a timeout at the caller', async () => {
    await expect(run({ data: 'x'.repeat(2_000) })).rejects.toMatchObject({ code: 'RPC.REPLY_TOO_LARGE', status: 500 });
  });

  it('take the limit from PORTCULLIS_NATS_MAX_PAYLOAD, NATS\'s 1 MiB by default, less the envelope', () => {
    expect(maxReplyBytes({})).toBe(1024 * 1024 - 16 * 1024);
    expect(maxReplyBytes({ PORTCULLIS_NATS_MAX_PAYLOAD: String(8 * 1024 * 1024) })).toBe(8 * 1024 * 1024 - 16 * 1024);
  });
});
