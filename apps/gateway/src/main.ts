import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { watchSupervisor } from '#libs/messaging';
import { createGateway } from './create-gateway.js';

const config = loadConfig();
const app = await createGateway(config);
await app.listen(config.port, config.host);
watchSupervisor(() => app.close());
new Logger('gateway').log(`listening on http://${config.host}:${config.port}/v1`);
