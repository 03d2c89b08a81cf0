import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { PinoLoggerService } from '#libs/logging';
import { watchSupervisor } from '#libs/messaging';
import { createGateway } from './create-gateway.js';

const config = loadConfig();
const app = await createGateway(config, { logger: new PinoLoggerService({ service: 'gateway' }) });
await app.listen(config.port, config.host);
watchSupervisor(() => app.close());
new Logger('gateway').log(`listening on http://${config.host}:${config.port}/v1`);
