import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Req, Res, UnauthorizedException, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { AccessTokenResponse, User } from '@lilux/contracts';
import { attemptedUsername, Audited, AuditLog } from '@lilux/api/audit';
import { Public, ViewerAllowed } from '@lilux/api/shared';
import { UserDto, UsersService } from '@lilux/api/users';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './decorators/current-user.decorator';
import { AccessTokenDto } from './dto/access-token.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { clearRefreshCookie, clientOf, isJsonRequest, refreshTokenOf, setRefreshCookie } from './sessions/session-http';
import { RefreshRefusedError } from './sessions/sessions.errors';
import { SessionsService } from './sessions/sessions.service';
import { LoginThrottle } from './throttling/login-throttle';
import { TokenService } from './token.service';
import { StepUpService } from './two-factor/step-up.service';
import { AllowedBeforeTwoFactorEnrolment } from './two-factor/two-factor-enrolment.guard';
import { AT_LOGIN } from './two-factor/two-factor.errors';
import { TwoFactorService } from './two-factor/two-factor.service';

const BAD_CREDENTIALS = 'invalid username or password';

/** A user's care of their own sign-in: open to viewers too, whatever route is added here. */
@ApiTags('auth')
@ViewerAllowed()
@AllowedBeforeTwoFactorEnrolment()
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditLog,
  ) {}

  @Public()
  @LoginThrottle()
  @Post(['api/auth/login', 'login'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a username and password for an access token (also at POST /login)',
    description:
      'Opens a session. The body carries the access token; the refresh token comes as an HttpOnly cookie, which a script may ignore. With two-factor authentication on, also send a `code` from the authenticator app or a `recoveryCode`.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({
    description:
      'Unknown user or wrong password (one answer for both); after the right password, reason `two_factor_required` (no code sent) or `two_factor_invalid`',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address and username, or for this address; see Retry-After' })
  @ApiServiceUnavailableResponse({
    description: 'Too many passwords are waiting to be checked (see Retry-After), or the audit log cannot be written: nobody signs in unrecorded',
  })
  async login(
    @Body() body: LoginDto,
    @Ip() address: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const user = await this.users.verifyCredentials(body.username, body.password);
    if (!user) {
      const actorId = await this.users.idOf(body.username);
      await this.audit.record({ actorId, actorName: attemptedUsername(body.username), action: 'auth.login', outcome: 'failed', address });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    try {
      await this.twoFactor.verify(user.id, body, AT_LOGIN);
    } catch (error) {
      await this.audit.record({
        actorId: user.id,
        actorName: user.username,
        action: 'auth.login',
        outcome: 'failed',
        address,
        details: { step: 'two-factor' },
      });
      throw error;
    }
    await this.audit.recordOrRefuse({ actorId: user.id, actorName: user.username, action: 'auth.login', outcome: 'ok', address });
    const signedIn = await this.tokens.signIn(user, clientOf(request));
    setRefreshCookie(reply, signedIn.refreshToken);
    return signedIn.accessToken;
  }

  @Public()
  @Post('api/auth/refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Trade the refresh cookie for a new access token and a new refresh cookie',
    description: 'Send `{}` as application/json. Each refresh token works once: presenting one again ends its whole session (it was copied).',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'No refresh cookie, or an expired, ended or already used one; the cookie is cleared' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a JSON request' })
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenResponse> {
    if (!isJsonRequest(request)) throw new UnsupportedMediaTypeException('send the refresh as application/json (an empty object will do)');
    try {
      const signedIn = await this.tokens.refresh(refreshTokenOf(request), clientOf(request));
      setRefreshCookie(reply, signedIn.refreshToken);
      return signedIn.accessToken;
    } catch (error) {
      if (error instanceof RefreshRefusedError) clearRefreshCookie(reply);
      throw error;
    }
  }

  @Post('api/auth/logout')
  @Audited('auth.logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session of the token this request carries, and clear the refresh cookie' })
  @ApiNoContentResponse({ description: 'The session is over: its access and refresh tokens no longer work' })
  async logout(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.end(user.id, user.sessionId, 'logout');
    clearRefreshCookie(reply);
  }

  @Get('api/auth/me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The user the token belongs to' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<User> {
    return this.users.get(user.id);
  }

  @Post('api/auth/password')
  @Audited('auth.password.change')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; every other session ends, this one goes on with a new token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({
    description: 'Wrong current password; the new one is not 8 to 72 bytes, blank, common, or the current one; or a wrong two-factor code',
  })
  @ApiForbiddenResponse({ description: 'Two-factor authentication is on and no code was sent (reason `two_factor_required`)' })
  @ApiTooManyRequestsResponse({ description: '5 wrong passwords in 15 minutes (here or wherever the password is asked again); see Retry-After' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<AccessTokenResponse> {
    await this.stepUp.confirm(user.id, body);
    const identity = await this.users.changePassword(user.id, body.currentPassword, body.newPassword);
    await this.sessions.keepOnly(identity, user.sessionId, 'password-changed');
    return this.tokens.issue(identity, user.sessionId);
  }
}
