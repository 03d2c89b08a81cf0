import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { bootstrapService } from '#libs/messaging';
import { CUSTOM_KEY_PATTERN } from './api-keys/domain/key-material.js';
import { KeysModule } from './keys.module.js';

const config = loadConfig();
if (config.bootstrapAdminKey && !CUSTOM_KEY_PATTERN.test(config.bootstrapAdminKey)) {
  process.stderr.write('PORTCULLIS_BOOTSTRAP_ADMIN_KEY must be 32 to 256 characters from [A-Za-z0-9_-]\n');
  process.exit(1);
}
await bootstrapService('keys', KeysModule.forRoot(config), { natsUrl: config.natsUrl });
