import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { bootstrapService } from '#libs/messaging';
import { WorkspacesModule } from './workspaces.module.js';

const config = loadConfig();
await bootstrapService('workspaces', WorkspacesModule.forRoot(config), { natsUrl: config.natsUrl });
