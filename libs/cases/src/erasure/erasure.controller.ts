import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { CommandCtx, CommandRoute, today } from '@leap/http';
import { ErasureAnswer, ErasureDto, HouseholdErasureDto } from './erasure.dto';
import { FamilyErasure } from './family-erasure.service';

/**
 * Erasure of a family's personal data (crypto-shredding): the data keys are destroyed, then every
 * affected case records `FamilyDataErased.v1` and the read models purge what they held. Repeating
 * an erasure answers 200 again, with `keysDestroyed: 0` and nothing appended.
 */
@ApiTags('erasure')
@ApiBearerAuth()
@Controller('v1')
export class ErasureController {
  constructor(private readonly erasure: FamilyErasure) {}

  @Post('cases/:caseId/erasure')
  @HttpCode(200)
  @CommandRoute(
    { type: ErasureAnswer, description: 'The case’s personal data is erased (or already was).' },
    { 403: ['role_not_allowed'], 404: ['case_not_found'], 409: ['date_before_identification'] },
  )
  eraseCase(
    @Param('caseId') caseId: string,
    @Body() dto: ErasureDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<ErasureAnswer> {
    return this.erasure.eraseCase(principal, context, caseId, {
      reasonCode: dto.reasonCode,
      erasedOn: dto.erasedOn ?? today(),
    });
  }

  /** `householdId` is the district's own household id; it is pseudonymised at once and never logged or stored. */
  @Post('households/:householdId/erasure')
  @HttpCode(200)
  @CommandRoute(
    { type: ErasureAnswer, description: 'Every case and rostered student of the household is erased.' },
    {
      403: ['role_not_allowed', 'district_required', 'out_of_scope'],
      404: ['household_not_found', 'case_not_found'],
      409: ['date_before_identification'],
    },
  )
  eraseHousehold(
    @Param('householdId') householdId: string,
    @Body() dto: HouseholdErasureDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<ErasureAnswer> {
    return this.erasure.eraseHousehold(principal, context, householdId, {
      reasonCode: dto.reasonCode,
      erasedOn: dto.erasedOn ?? today(),
      ...(dto.districtId !== undefined ? { districtId: dto.districtId } : {}),
    });
  }
}
