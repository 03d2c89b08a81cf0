import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect } from '@nats-io/transport-node';
import { bootstrapService, MessagingModule, RpcClient } from '#libs/messaging';
import type { RequestContext } from '#libs/contracts';
import { progress, sideBySide, type Row } from '../harness.js';

@Controller()
class EchoController {
  @MessagePattern('bench.echo.ping')
  echo(@Payload() request: { payload: unknown }) {
    return request.payload;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const context: RequestContext = { requestId: 'bench', correlationId: 'bench', principal: { kind: 'system' } };
const payload = { workspace_id: 'ws-bench', name: 'a benchmark payload of realistic size', scopes: ['configs.read', 'configs.list'] };

/** Raw nats.js request/reply against the same exchange through @nestjs/microservices. */
export async function rpcBench(natsUrl: string): Promise<Row[]> {
  progress('RPC: raw nats.js vs NestJS microservices');
  const service = await bootstrapService('bench-echo', EchoModule, { natsUrl, logger: false });
  const client = await NestFactory.createApplicationContext(MessagingModule.forRoot({ natsUrl, name: 'bench' }), { logger: false });
  const rpc = client.get(RpcClient);
  const nc = await connect({ servers: natsUrl });
  const responder = await connect({ servers: natsUrl });
  const encoded = new TextEncoder().encode(JSON.stringify({ context, payload }));
  responder.subscribe('bench.raw.ping', { queue: 'bench', callback: (_e, msg) => {
      msg.respond(JSON.stringify(JSON.parse(new TextDecoder().decode(msg.data)).payload));
    } });
  await responder.flush();
  const rows: Row[] = [];
  try {
    for (const concurrency of [1, 32]) {
      const stats = await sideBySide(
        {
          'raw nats.js request': async () => JSON.parse(new TextDecoder().decode((await nc.request('bench.raw.ping', encoded, { timeout: 5_000 })).data)),
          'NestJS RPC (RpcClient → @MessagePattern)': () => rpc.call('bench.echo.ping', payload, context),
        },
        { ops: concurrency === 1 ? 3_000 : 10_000, concurrency },
      );
      const [raw, nest] = Object.values(stats);
      for (const [name, s] of Object.entries(stats)) rows.push({ suite: 'rpc', case: `${name}, ${concurrency} in flight`, ...s });
      rows.push({ suite: 'rpc', case: `ratio NestJS/raw, ${concurrency} in flight`, note: `p50 ×${(nest!.p50Ms / raw!.p50Ms).toFixed(2)}, throughput ×${(nest!.opsPerSec / raw!.opsPerSec).toFixed(2)}` });
    }
  } finally {
    await nc.close();
    await responder.close();
    await client.close();
    await service.close();
  }
  return rows;
}
