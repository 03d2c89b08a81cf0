import { Module } from '@nestjs/common';
import { CreateGuardrailHandler } from './create-guardrail/create-guardrail.handler.js';
import { DeleteGuardrailHandler } from './delete-guardrail/delete-guardrail.handler.js';
import { GetGuardrailHandler } from './get-guardrail/get-guardrail.handler.js';
import { GuardrailAccess } from './guardrail-access.js';
import { GuardrailDependants } from './guardrail-dependants.js';
import { GuardrailsMessageController } from './guardrails.message.controller.js';
import { ListGuardrailVersionsHandler } from './list-guardrail-versions/list-guardrail-versions.handler.js';
import { ListGuardrailsHandler } from './list-guardrails/list-guardrails.handler.js';
import { GuardrailUsers } from './references/guardrail-users.js';
import { UpdateGuardrailHandler } from './update-guardrail/update-guardrail.handler.js';

/** Guardrails (reference §2.10), workspace or organisation level, inside the workspaces service. */
@Module({
  controllers: [GuardrailsMessageController],
  providers: [
    GuardrailAccess,
    GuardrailUsers,
    GuardrailDependants,
    CreateGuardrailHandler,
    ListGuardrailsHandler,
    GetGuardrailHandler,
    ListGuardrailVersionsHandler,
    UpdateGuardrailHandler,
    DeleteGuardrailHandler,
  ],
})
export class GuardrailsModule {}
