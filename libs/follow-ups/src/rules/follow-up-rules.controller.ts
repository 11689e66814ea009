import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { FOLLOW_UP_RULE_IDS, type FollowUpRuleChanges } from '@leap/domain';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { ChangeFollowUpRulesDto } from './follow-up-rules.dto';
import { FollowUpRulesAnswer, FollowUpRulesView } from './follow-up-rules-views.dto';
import { FollowUpRulesService } from './follow-up-rules.service';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1/districts/:districtId/follow-up-rules')
export class FollowUpRulesController {
  constructor(private readonly rules: FollowUpRulesService) {}

  /** The district's effective rules: its changes over the defaults. */
  @Get()
  @QueryRoute({ type: FollowUpRulesView, description: 'The effective rules.' }, READS_EVENT_STORE, {
    403: ['out_of_scope'],
  })
  get(@Param('districtId') districtId: string, @CurrentPrincipal() principal: Principal) {
    return this.rules.get(districtId, principal);
  }

  /** Change some rules (coordinator or admin): `{ "rules": { "first_visit": { "after": "P7D", "enabled": true } } }`. */
  @Put()
  @CommandRoute(
    {
      type: FollowUpRulesAnswer,
      description: 'The effective rules after the change; the district’s timers are re-planned.',
    },
    { 403: ['out_of_scope', 'role_not_allowed'] },
  )
  change(
    @Param('districtId') districtId: string,
    @Body() dto: ChangeFollowUpRulesDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    const changes: FollowUpRuleChanges = {};
    for (const id of FOLLOW_UP_RULE_IDS) {
      const setting = dto.rules[id];
      if (setting) changes[id] = { after: setting.after, enabled: setting.enabled };
    }
    return this.rules.change(districtId, changes, principal, context);
  }
}
