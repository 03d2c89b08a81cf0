import { describe, expect, it } from '@jest/globals';
import type { RpcClient } from '#libs/messaging';
import { DataPlaneDirectory } from './data-plane-directory.js';

/** Counts resolutions: a cached entry answers without a call. */
function directory() {
  const calls: string[] = [];
  const rpc = { call: async (_subject: string, payload: { orgId: string; ref: string }) => (calls.push(`${payload.orgId}/${payload.ref}`), { ref: payload.ref }) } as unknown as RpcClient;
  return { dir: new DataPlaneDirectory(rpc), calls };
}

describe('data-plane directory invalidation', () => {
  it("a provider event of one organisation drops that organisation's entries only", async () => {
    const { dir, calls } = directory();
    await dir.provider('orgA', 'ws1', 'vk', 'r');
    await dir.provider('orgB', 'ws2', 'vk', 'r');
    dir.onEvent('VirtualKeyDeleted', 'orgA');
    await dir.provider('orgA', 'ws1', 'vk', 'r');
    await dir.provider('orgB', 'ws2', 'vk', 'r');
    expect(calls).toEqual(['orgA/vk', 'orgB/vk', 'orgA/vk']);
  });
  it('an event without an organisation drops everything; config events leave providers alone', async () => {
    const { dir, calls } = directory();
    await dir.provider('orgA', 'ws1', 'vk', 'r');
    await dir.config('orgA', 'ws1', 'cfg', 'r');
    dir.onEvent('ConfigUpdated', 'orgA');
    await dir.provider('orgA', 'ws1', 'vk', 'r');
    await dir.config('orgA', 'ws1', 'cfg', 'r');
    dir.onEvent('IntegrationUpdated');
    await dir.provider('orgA', 'ws1', 'vk', 'r');
    expect(calls).toEqual(['orgA/vk', 'orgA/cfg', 'orgA/cfg', 'orgA/vk']);
  });
});
