import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { portkeyError } from './portkey-error.js';

export const MAX_PARAM_LENGTH = 512;

/**
 * Requests the router refuses before any hook or filter runs (a malformed %-encoding, a path
 * segment over the parameter limit) still answer in Portkey's envelope, not Fastify's.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const message = tooLong
    ? `a path segment is longer than ${MAX_PARAM_LENGTH} characters`
    : error.code === 'FST_ERR_BAD_URL'
      ? 'the request path is not a valid URL (malformed %-encoding)'
      : 'the request could not be routed';
  void reply
    .status(tooLong ? 414 : 400)
    .header('content-type', 'application/json; charset=utf-8')
    .send(portkeyError(message, 'AB01'));
}

/**
 * What Node's HTTP parser rejects (oversized headers, garbage on the wire) is answered on the raw
 * socket, still in the envelope, and the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 414 ? 'URI Too Long' : 'Bad Request';
  const body = JSON.stringify(portkeyError(status === 431 ? 'request headers are too large' : status === 414 ? 'the request URI is too long' : 'malformed HTTP request', 'AB01'));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
