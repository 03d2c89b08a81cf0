import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module, type INestApplicationContext, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DomainError, type RequestContext } from '#libs/contracts';
import { InMemoryEventStore } from '#libs/event-store';
import { requireEnv } from '#libs/testing';
import { bootstrapService, eventMetadataFrom, MessagingModule, RpcCaller, RpcClient, RpcPayload } from '../src/index.js';

const prefix = `rpctest${randomUUID().slice(0, 8)}`;
const CREATE = `${prefix}.widgets.create`;
const BOOM = `${prefix}.widgets.boom`;
const SLOW = `${prefix}.widgets.slow`;
const store = new InMemoryEventStore();

class CreateWidget {
  @IsString() @Length(1, 20) name!: string;
  @IsInt() @Min(1) @Max(10) size!: number;
  @IsIn(['red', 'blue']) colour!: string;
}

@Controller()
class WidgetsController {
  @MessagePattern(CREATE)
  async create(@RpcPayload() dto: CreateWidget, @RpcCaller() caller: RequestContext) {
    if (dto.name === 'taken') throw new DomainError('WIDGETS.NAME_TAKEN', 'a widget named taken exists', 409, { name: dto.name });
    const result = await store.append(`widget-${randomUUID()}`, [
      { id: randomUUID(), type: 'WidgetCreated', data: { ...dto }, metadata: eventMetadataFrom(caller) },
    ]);
    return { data: { ...dto, extra: (dto as unknown as { extra?: unknown }).extra ?? null }, position: result.position };
  }

  @MessagePattern(BOOM)
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @MessagePattern(SLOW)
  async slow() {
    await new Promise((r) => setTimeout(r, 1_000));
    return { ok: true };
  }
}

@Module({ controllers: [WidgetsController] })
class WidgetsModule {}

const context = (over: Partial<RequestContext> = {}): RequestContext => ({
  requestId: 'req-1',
  correlationId: 'corr-1',
  clientIp: '203.0.113.9',
  userAgent: 'jest',
  principal: { kind: 'api_key', keyId: 'key-1', keyType: 'workspace-user', orgId: 'org-1', workspaceId: 'ws-1', userId: 'user-1' },
  ...over,
});

describe('NATS RPC through @nestjs/microservices', () => {
  let service: INestMicroservice;
  let client: INestApplicationContext;
  let rpc: RpcClient;
  beforeAll(async () => {
    const natsUrl = requireEnv('NATS_URL');
    service = await bootstrapService(prefix, WidgetsModule, { natsUrl, logger: false });
    client = await NestFactory.createApplicationContext(MessagingModule.forRoot({ natsUrl, name: 'rpc-test' }), { logger: false });
    rpc = client.get(RpcClient);
  });
  afterAll(async () => {
    await client.close();
    await service.close();
  });

  it('a valid request is answered, with unknown fields stripped by the receiving side', async () => {
    const reply = await rpc.call<{ data: Record<string, unknown>; position: number }>(
      CREATE,
      { name: 'w1', size: 3, colour: 'red', extra: 'dropped' },
      context(),
    );
    expect(reply.data).toEqual({ name: 'w1', size: 3, colour: 'red', extra: null });
    expect(reply.position).toBeGreaterThan(0);
  });

  it('the caller identity and request ids travel into the metadata of the appended event', async () => {
    const reply = await rpc.call<{ position: number }>(CREATE, { name: 'w2', size: 1, colour: 'blue' }, context({ requestId: 'req-42', correlationId: 'corr-42' }));
    const sub = store.subscribeAll({ fromPosition: reply.position - 1 });
    const first = await sub[Symbol.asyncIterator]().next();
    await sub.close();
    expect(first.value!.event.metadata).toMatchObject({
      requestId: 'req-42',
      correlationId: 'corr-42',
      orgId: 'org-1',
      workspaceId: 'ws-1',
      clientIp: '203.0.113.9',
      userAgent: 'jest',
      actor: { type: 'user', id: 'user-1', keyId: 'key-1' },
    });
  });

  it('an invalid payload is refused by the receiving side with COMMON.VALIDATION and the failing fields', async () => {
    const error = await rpc.call(CREATE, { name: '', size: 99, colour: 'green' }, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'COMMON.VALIDATION', status: 400 });
    expect(Object.keys((error as DomainError).details!.fields as object).sort()).toEqual(['colour', 'name', 'size']);
  });

  it('a typed domain error crosses the wire with its code, message, status and details', async () => {
    const error = await rpc.call(CREATE, { name: 'taken', size: 1, colour: 'red' }, context()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WIDGETS.NAME_TAKEN', message: 'a widget named taken exists', status: 409, details: { name: 'taken' } });
  });

  it('an unexpected failure becomes COMMON.INTERNAL without leaking its message', async () => {
    const error = (await rpc.call(BOOM, {}, context()).catch((e: unknown) => e)) as DomainError;
    expect(error).toMatchObject({ code: 'COMMON.INTERNAL', status: 500 });
    expect(JSON.stringify(error.toWire())).not.toContain('hunter2');
  });

  it('a slow responder times out with RPC.TIMEOUT', async () => {
    await expect(rpc.call(SLOW, {}, context(), { timeoutMs: 100 })).rejects.toMatchObject({ code: 'RPC.TIMEOUT', status: 503 });
  });

  it('a subject nobody serves fails at once with RPC.NO_RESPONDERS', async () => {
    const started = Date.now();
    await expect(rpc.call(`${prefix}.nobody.home`, {}, context(), { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'RPC.NO_RESPONDERS',
      status: 503,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
