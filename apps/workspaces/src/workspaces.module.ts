import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { EventStoreModule } from '#libs/event-store';
import { READ_MODELS } from '#libs/projections';
import { HealthModule, MessagingModule, WorkspaceDependantsModule } from '#libs/messaging';
import { ReadModelsModule, readModelsOptions } from '#libs/read-models';
import { ConfigsModule } from './configs/configs.module.js';
import { GuardrailsModule } from './guardrails/guardrails.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { MetricsModule } from '#libs/metrics';
import { AddMembersHandler } from './members/add-members/add-members.handler.js';
import { GetMemberHandler } from './members/get-member/get-member.handler.js';
import { ListMembersHandler } from './members/list-members/list-members.handler.js';
import { MembersMessageController } from './members/members.message.controller.js';
import { RemoveMemberHandler } from './members/remove-member/remove-member.handler.js';
import { UpdateMemberHandler } from './members/update-member/update-member.handler.js';
import { CreateWorkspaceHandler } from './workspaces/create-workspace/create-workspace.handler.js';
import { DeleteWorkspaceHandler } from './workspaces/delete-workspace/delete-workspace.handler.js';
import { GetWorkspaceHandler } from './workspaces/get-workspace/get-workspace.handler.js';
import { ListWorkspacesHandler } from './workspaces/list-workspaces/list-workspaces.handler.js';
import { ResolveWorkspaceHandler } from './workspaces/resolve-workspace/resolve-workspace.handler.js';
import { UpdateWorkspaceHandler } from './workspaces/update-workspace/update-workspace.handler.js';
import { WorkspaceLookup } from './workspaces/workspace-lookup.js';
import { WORKSPACES_CONFIG, WorkspaceSchedulesSweeper } from './workspaces/schedules/workspace-schedules.sweeper.js';
import { WorkspacesMessageController } from './workspaces/workspaces.message.controller.js';
import { PromptLibraryModule } from './prompt-library/prompt-library.module.js';

/** The workspaces service: workspaces, their settings and their teams. */
@Module({})
export class WorkspacesModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: WorkspacesModule,
      imports: [
        HealthModule.forService('workspaces'),
        // Configs, prompts and guardrails register here as dependants of their workspace.
        WorkspaceDependantsModule.forService('workspaces'),
        MetricsModule.forService('workspaces'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'workspaces' }),
        EventStoreModule.fromConfig(config),
        ReadModelsModule.forRoot(readModelsOptions('workspaces', config, READ_MODELS.workspaces)),
        ConfigsModule,
        GuardrailsModule,
        PoliciesModule,
        PromptLibraryModule,
      ],
      controllers: [WorkspacesMessageController, MembersMessageController],
      providers: [
        { provide: WORKSPACES_CONFIG, useValue: config },
        WorkspaceSchedulesSweeper,
        WorkspaceLookup,
        CreateWorkspaceHandler,
        ListWorkspacesHandler,
        GetWorkspaceHandler,
        UpdateWorkspaceHandler,
        DeleteWorkspaceHandler,
        ResolveWorkspaceHandler,
        AddMembersHandler,
        ListMembersHandler,
        GetMemberHandler,
        UpdateMemberHandler,
        RemoveMemberHandler,
      ],
    };
  }
}
