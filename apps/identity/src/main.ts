import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { bootstrapService } from '#libs/messaging';
import { IdentityModule } from './identity.module.js';

const config = loadConfig();
await bootstrapService('identity', IdentityModule.forRoot(config), { natsUrl: config.natsUrl });
