import { http } from '../../../test/support/clients.js';
import { fakeOpenAi } from '../../../test/support/fake-upstreams.js';
import { startStack } from '../../../test/support/stack.js';
import { progress, sideBySide, type Row } from '../harness.js';

/**
 * The data plane's added latency: the same chat completion sent straight to the loopback fake
 * upstream and through Portcullis (a virtual key; a config with fallback), side by side, at 1 and
 * 32 in flight.
 */
export async function completionsBench(): Promise<Row[]> {
  progress('completions: direct vs through Portcullis (virtual key, fallback config)');
  const upstream = await fakeOpenAi('bench');
  const stack = await startStack();
  const rows: Row[] = [];
  try {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'bench completions' } })).body;
    const key = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'bench', scopes: ['completions.write'], workspace_id: ws.id } })).body.key as string;
    const vk = (await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'bench', provider: 'openai', key: 'sk-bench', workspace_id: ws.id, custom_host: `${upstream.url}/v1` } })).body.slug as string;
    const config = JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: vk }, { virtual_key: vk }] });
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'bench' }] });
    const post = (url: string, headers: Record<string, string>) => async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    };
    for (const concurrency of [1, 32]) {
      const stats = await sideBySide(
        {
          'direct to the fake upstream': post(`${upstream.url}/v1/chat/completions`, { authorization: 'Bearer sk-bench' }),
          'through Portcullis (virtual key)': post(`${stack.apiUrl}/chat/completions`, { 'x-portkey-api-key': key, 'x-portkey-virtual-key': vk }),
          'through Portcullis (fallback config)': post(`${stack.apiUrl}/chat/completions`, { 'x-portkey-api-key': key, 'x-portkey-config': config }),
        },
        { ops: concurrency === 1 ? 1_500 : 5_000, concurrency, warmup: 100 },
      );
      const [direct, viaVk, viaConfig] = Object.values(stats);
      for (const [name, s] of Object.entries(stats)) rows.push({ suite: 'completions', case: `${name}, ${concurrency} in flight`, ...s });
      for (const [name, s] of [['virtual key', viaVk!], ['fallback config', viaConfig!]] as const) {
        rows.push({
          suite: 'completions',
          case: `added by Portcullis (${name}), ${concurrency} in flight`,
          note: `p50 +${(s.p50Ms - direct!.p50Ms).toFixed(3)} ms, p99 +${(s.p99Ms - direct!.p99Ms).toFixed(3)} ms, req/s ×${(s.opsPerSec / direct!.opsPerSec).toFixed(2)}`,
        });
      }
    }
  } finally {
    await stack.stop();
    await upstream.close();
  }
  return rows;
}
