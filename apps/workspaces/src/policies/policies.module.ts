import { Module } from '@nestjs/common';
import { CreatePolicyHandler } from './create-policy/create-policy.handler.js';
import { DeletePolicyHandler } from './delete-policy/delete-policy.handler.js';
import { GetPolicyHandler } from './get-policy/get-policy.handler.js';
import { ListPoliciesHandler } from './list-policies/list-policies.handler.js';
import { PoliciesMessageController } from './policies.message.controller.js';
import { PolicyAccess } from './policy-access.js';
import { UpdatePolicyHandler } from './update-policy/update-policy.handler.js';

/** Usage-limits and rate-limits policies (reference §2.15), inside the workspaces service. */
@Module({
  controllers: [PoliciesMessageController],
  providers: [PolicyAccess, CreatePolicyHandler, ListPoliciesHandler, GetPolicyHandler, UpdatePolicyHandler, DeletePolicyHandler],
})
export class PoliciesModule {}
