import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '#libs/config';
import type { RequestContext } from '#libs/contracts';
import { MessagingModule, RpcClient } from '#libs/messaging';

/** Runs `fn` with an RPC client on the deployment's NATS (NATS_URL), as the system. */
export async function withRpc<T>(fn: (rpc: RpcClient, context: RequestContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'cli' }), { logger: false });
  try {
    const requestId = `cli-${randomUUID()}`;
    return await fn(app.get(RpcClient), { requestId, correlationId: requestId, principal: { kind: 'system' } });
  } finally {
    await app.close();
  }
}
