import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { bootstrapService } from '#libs/messaging';
import { KeysModule } from './keys.module.js';

const config = loadConfig();
await bootstrapService('keys', KeysModule.forRoot(config), { natsUrl: config.natsUrl });
