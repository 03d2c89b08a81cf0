import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { bootstrapService } from '#libs/messaging';
import { AnalyticsModule } from './analytics.module.js';

const config = loadConfig();
await bootstrapService('analytics', AnalyticsModule.forRoot(config), { natsUrl: config.natsUrl });
