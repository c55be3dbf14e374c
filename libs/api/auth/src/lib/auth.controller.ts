import { Body, Controller, Get, HttpCode, HttpStatus, Post, UnauthorizedException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AccessTokenResponse, User } from '@lilux/contracts';
import { Public } from '@lilux/api/shared';
import { UserDto, UsersService } from '@lilux/api/users';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './decorators/current-user.decorator';
import { AccessTokenDto } from './dto/access-token.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './throttling/login-throttle';
import { TokenService } from './token.service';
import { StepUpService } from './two-factor/step-up.service';
import { AllowedBeforeTwoFactorEnrolment } from './two-factor/two-factor-enrolment.guard';
import { AT_LOGIN } from './two-factor/two-factor.errors';
import { TwoFactorService } from './two-factor/two-factor.service';

const BAD_CREDENTIALS = 'invalid username or password';

@ApiTags('auth')
@AllowedBeforeTwoFactorEnrolment()
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly twoFactor: TwoFactorService,
    private readonly stepUp: StepUpService,
  ) {}

  @Public()
  @LoginThrottle()
  @Post(['api/auth/login', 'login'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a username and password for an access token (also at POST /login)',
    description: 'With two-factor authentication on, also a `code` from the authenticator app or a `recoveryCode`.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({
    description:
      'Unknown user or wrong password (one answer for both); after the right password, reason `two_factor_required` (no code sent) or `two_factor_invalid`',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address and username; see Retry-After' })
  async login(@Body() body: LoginDto): Promise<AccessTokenResponse> {
    const user = await this.users.verifyCredentials(body.username, body.password);
    if (!user) throw new UnauthorizedException(BAD_CREDENTIALS);
    await this.twoFactor.verify(user.id, body, AT_LOGIN);
    return this.tokens.issue(user);
  }

  @Post('api/auth/logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token this request carries' })
  @ApiNoContentResponse({ description: 'The token no longer works' })
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.tokens.revoke(user);
  }

  @Get('api/auth/me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The user the token belongs to' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<User> {
    return this.users.get(user.id);
  }

  @Post('api/auth/password')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; every other session ends, this one gets a new token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ description: 'Wrong current password, the new one is not 8 to 72 bytes, or a wrong two-factor code' })
  @ApiForbiddenResponse({ description: 'Two-factor authentication is on and no code was sent (reason `two_factor_required`)' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<AccessTokenResponse> {
    await this.stepUp.confirm(user.id, body);
    const identity = await this.users.changePassword(user.id, body.currentPassword, body.newPassword);
    return this.tokens.issue(identity);
  }
}
