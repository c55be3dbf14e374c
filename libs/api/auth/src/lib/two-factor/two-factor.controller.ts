import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { RecoveryCodes, TwoFactorEnrolment, TwoFactorPolicy, TwoFactorStatus } from '@lilux/contracts';
import { Roles } from '@lilux/api/shared';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser } from '../decorators/current-user.decorator';
import { TwoFactorProofDto } from './dto/two-factor-proof.dto';
import { ConfirmTwoFactorEnrolmentDto, DisableTwoFactorDto, SetTwoFactorPolicyDto, StartTwoFactorEnrolmentDto } from './dto/two-factor-requests.dto';
import { RecoveryCodesDto, TwoFactorEnrolmentDto, TwoFactorPolicyDto, TwoFactorStatusDto } from './dto/two-factor-responses.dto';
import { StepUpService } from './step-up.service';
import { AllowedBeforeTwoFactorEnrolment } from './two-factor-enrolment.guard';
import { TwoFactorPolicyService } from './two-factor-policy.service';
import { TwoFactorService } from './two-factor.service';
import { Audited } from '@lilux/api/audit';

const WRONG_PROOF = 'A wrong, used or malformed code or recovery code (the field is named)';
const MISSING_PROOF = 'Two-factor authentication is on and no code was sent (reason `two_factor_required`)';
const TOO_MANY = 'Five wrong codes in 15 minutes; see Retry-After';

@ApiTags('two-factor authentication')
@ApiBearerAuth()
@Controller('api/auth/2fa')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly policy: TwoFactorPolicyService,
    private readonly stepUp: StepUpService,
  ) {}

  @Get()
  @AllowedBeforeTwoFactorEnrolment()
  @ApiOperation({ summary: 'Whether two-factor authentication is on for you, and required of everyone' })
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@CurrentUser() user: AuthenticatedUser): Promise<TwoFactorStatus> {
    return this.twoFactor.status(user.id);
  }

  @Post('enrolment')
  @AllowedBeforeTwoFactorEnrolment()
  @ApiOperation({ summary: 'Start enrolling an authenticator app: a new secret, pending until confirmed with a code' })
  @ApiCreatedResponse({ type: TwoFactorEnrolmentDto })
  @ApiBadRequestResponse({ description: 'The password is not yours' })
  @ApiConflictResponse({ description: 'Two-factor authentication is already on' })
  start(@CurrentUser() user: AuthenticatedUser, @Body() body: StartTwoFactorEnrolmentDto): Promise<TwoFactorEnrolment> {
    return this.twoFactor.startEnrolment(user.id, body.password);
  }

  @Audited('auth.2fa.enable')
  @Post('enrolment/confirm')
  @HttpCode(HttpStatus.OK)
  @AllowedBeforeTwoFactorEnrolment()
  @ApiOperation({ summary: 'Turn two-factor authentication on with a code from the app; answers the ten recovery codes, once' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ description: 'The code is not the current one' })
  @ApiConflictResponse({ description: 'No enrolment is pending' })
  @ApiTooManyRequestsResponse({ description: TOO_MANY })
  confirm(@CurrentUser() user: AuthenticatedUser, @Body() body: ConfirmTwoFactorEnrolmentDto): Promise<RecoveryCodes> {
    return this.twoFactor.confirmEnrolment(user.id, body.code);
  }

  @Audited('auth.2fa.disable')
  @Post('disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor authentication off, with your password and a code or recovery code' })
  @ApiNoContentResponse({ description: 'Off; the secret and the recovery codes are deleted' })
  @ApiBadRequestResponse({ description: `The password is not yours, or ${WRONG_PROOF.toLowerCase()}` })
  @ApiForbiddenResponse({ description: MISSING_PROOF })
  @ApiConflictResponse({ description: 'Two-factor authentication is not on' })
  @ApiTooManyRequestsResponse({ description: TOO_MANY })
  disable(@CurrentUser() user: AuthenticatedUser, @Body() body: DisableTwoFactorDto): Promise<void> {
    return this.twoFactor.disable(user.id, body.password, body);
  }

  @Audited('auth.2fa.recovery-codes')
  @Post('recovery-codes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace your recovery codes with ten new ones (asks a code or a recovery code)' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ description: WRONG_PROOF })
  @ApiForbiddenResponse({ description: MISSING_PROOF })
  @ApiConflictResponse({ description: 'Two-factor authentication is not on' })
  @ApiTooManyRequestsResponse({ description: TOO_MANY })
  regenerateRecoveryCodes(@CurrentUser() user: AuthenticatedUser, @Body() body: TwoFactorProofDto): Promise<RecoveryCodes> {
    return this.twoFactor.regenerateRecoveryCodes(user.id, body);
  }

  @Get('policy')
  @Roles('admin')
  @ApiOperation({ summary: 'Whether every user must use two-factor authentication (administrators only)' })
  @ApiOkResponse({ type: TwoFactorPolicyDto })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  getPolicy(): Promise<TwoFactorPolicy> {
    return this.policy.get();
  }

  @Audited<{ required: boolean }>('settings.2fa.require', { details: ({ body }) => ({ required: body.required }) })
  @Put('policy')
  @Roles('admin')
  @ApiOperation({
    summary: 'Require two-factor authentication of every user, or stop requiring it (administrators only; a step-up)',
    description: 'While required, a user without it can sign in but gets 403 with reason `two_factor_enrolment_required` until enrolled.',
  })
  @ApiOkResponse({ type: TwoFactorPolicyDto })
  @ApiBadRequestResponse({ description: WRONG_PROOF })
  @ApiForbiddenResponse({ description: `The caller is not an administrator, or ${MISSING_PROOF.toLowerCase()}` })
  async setPolicy(@CurrentUser() user: AuthenticatedUser, @Body() body: SetTwoFactorPolicyDto): Promise<TwoFactorPolicy> {
    await this.stepUp.confirm(user.id, body);
    return this.policy.set({ required: body.required });
  }
}
