import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { bootstrapService } from '#libs/messaging';
import { AuditModule } from './audit.module.js';

const config = loadConfig();
await bootstrapService('audit', AuditModule.forRoot(config), { natsUrl: config.natsUrl });
