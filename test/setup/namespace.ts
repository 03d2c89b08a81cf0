// Runs before each test file: its services, subjects, event stream and databases get a
// namespace of their own, so test files can share one NATS server and one database server.
import { randomBytes } from 'node:crypto';

process.env.PORTCULLIS_NAMESPACE = `t${randomBytes(5).toString('hex')}`;
