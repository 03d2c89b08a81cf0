import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PortcullisConfig } from '#libs/config';
import { API_CONTROLLERS } from '../api-controllers.js';
import { Public } from '../auth/route-policy.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { buildOpenApiDocument } from './openapi-document.js';

export const API_VERSION = '0.1.0';

// Swagger UI's files, served from the installed package (no CDN: gateways often run offline).
const UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portcullis Admin API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"><link rel="icon" href="/docs/assets/favicon-32x32.png"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true });</script>
</body></html>`;

/** `GET /openapi.json` (the document) and `GET /docs` (Swagger UI on it). No API key needed. */
@Controller()
@Public()
export class OpenApiHttpController {
  private document?: Record<string, unknown>;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig) {}

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    this.document ??= buildOpenApiDocument(API_CONTROLLERS, { serverUrl: this.config.publicUrl, version: API_VERSION });
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return PAGE;
  }

  @Get('docs/assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const type = UI_FILES[file];
    if (!type) throw new NotFoundException(`no such file: ${file}`);
    void reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(readFileSync(join(UI_DIR, file)));
  }
}
