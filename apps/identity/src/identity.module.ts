import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { EventStoreModule } from '#libs/event-store';
import { READ_MODELS } from '#libs/projections';
import { HealthModule, MessagingModule } from '#libs/messaging';
import { MetricsModule } from '#libs/metrics';
import { ReadModelsModule, readModelsOptions } from '#libs/read-models';
import { BootstrapService } from './bootstrap/bootstrap.service.js';
import { CreateOrganisationHandler } from './organisations/create-organisation/create-organisation.handler.js';
import { IDENTITY_CONFIG } from './identity.tokens.js';
import { AcceptInviteHandler } from './invites/accept-invite/accept-invite.handler.js';
import { CancelInviteHandler } from './invites/cancel-invite/cancel-invite.handler.js';
import { CreateInviteHandler } from './invites/create-invite/create-invite.handler.js';
import { GetInviteHandler } from './invites/get-invite/get-invite.handler.js';
import { InvitesMessageController } from './invites/invites.message.controller.js';
import { ListInvitesHandler } from './invites/list-invites/list-invites.handler.js';
import { ResendInviteHandler } from './invites/resend-invite/resend-invite.handler.js';
import { DeleteUserHandler } from './users/delete-user/delete-user.handler.js';
import { GetOrgMemberHandler } from './users/get-org-member/get-org-member.handler.js';
import { GetUserHandler } from './users/get-user/get-user.handler.js';
import { ListUsersHandler } from './users/list-users/list-users.handler.js';
import { UpdateUserRoleHandler } from './users/update-user-role/update-user-role.handler.js';
import { UsersMessageController } from './users/users.message.controller.js';

/** The identity service: organisations, users, invites, organisation roles, bootstrap. */
@Module({})
export class IdentityModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        HealthModule.forService('identity'),
        MetricsModule.forService('identity'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'identity' }),
        EventStoreModule.fromConfig(config),
        ReadModelsModule.forRoot(readModelsOptions('identity', config, READ_MODELS.identity)),
      ],
      controllers: [UsersMessageController, InvitesMessageController],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        ListUsersHandler,
        GetUserHandler,
        UpdateUserRoleHandler,
        DeleteUserHandler,
        GetOrgMemberHandler,
        CreateInviteHandler,
        ListInvitesHandler,
        GetInviteHandler,
        CancelInviteHandler,
        ResendInviteHandler,
        AcceptInviteHandler,
        BootstrapService,
        CreateOrganisationHandler,
      ],
    };
  }
}
