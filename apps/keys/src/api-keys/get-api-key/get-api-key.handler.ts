import { Injectable } from '@nestjs/common';
import type { ApiKeyView, RequestContext } from '#libs/contracts';
import { apiKeyNotFound } from '../domain/api-key.errors.js';
import { KeyAccess } from '../key-access.js';

/** GET /api-keys/{id}: the masked key. */
@Injectable()
export class GetApiKeyHandler {
  constructor(private readonly access: KeyAccess) {}

  async execute(keyId: string, context: RequestContext): Promise<ApiKeyView> {
    const { state } = await this.access.authorised(keyId, 'read', context);
    const view = await this.access.view(keyId, Math.max(context.minPosition ?? 0, 0));
    if (!view) throw apiKeyNotFound(keyId);
    return { ...view, key: state.masked! };
  }
}
