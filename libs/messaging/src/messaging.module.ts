import { Module, type DynamicModule } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { NATS_CLIENT, RpcClient } from './rpc-client.js';

export interface MessagingOptions {
  natsUrl: string;
  /** Connection name shown by the NATS server (`gateway`, `keys` …). */
  name: string;
}

/** Provides `RpcClient` over a NATS connection of its own. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: NATS_CLIENT,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.NATS,
              options: { servers: [options.natsUrl], name: `${options.name}-rpc`, maxReconnectAttempts: -1, reconnectTimeWait: 250 },
            }),
        },
        RpcClient,
      ],
      exports: [RpcClient, NATS_CLIENT],
    };
  }
}
