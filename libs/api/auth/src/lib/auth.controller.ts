import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, UnauthorizedException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AccessTokenResponse, User } from '@lilux/contracts';
import { attemptedUsername, Audited, AuditLog } from '@lilux/api/audit';
import { Public } from '@lilux/api/shared';
import { UserDto, UsersService } from '@lilux/api/users';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './decorators/current-user.decorator';
import { AccessTokenDto } from './dto/access-token.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './throttling/login-throttle';
import { TokenService } from './token.service';

const BAD_CREDENTIALS = 'invalid username or password';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
  ) {}

  @Public()
  @LoginThrottle()
  @Post(['api/auth/login', 'login'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a username and password for an access token (also at POST /login)' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password (one answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address and username; see Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'The audit log cannot be written: nobody signs in unrecorded' })
  async login(@Body() body: LoginDto, @Ip() address: string): Promise<AccessTokenResponse> {
    const user = await this.users.verifyCredentials(body.username, body.password);
    if (!user) {
      const actorId = await this.users.idOf(body.username);
      await this.audit.record({ actorId, actorName: attemptedUsername(body.username), action: 'auth.login', outcome: 'failed', address });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.audit.recordOrRefuse({ actorId: user.id, actorName: user.username, action: 'auth.login', outcome: 'ok', address });
    return this.tokens.issue(user);
  }

  @Post('api/auth/logout')
  @Audited('auth.logout')
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
  @Audited('auth.password.change')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; every other session ends, this one gets a new token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ description: 'Wrong current password, or the new one is not 8 to 72 bytes' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<AccessTokenResponse> {
    const identity = await this.users.changePassword(user.id, body.currentPassword, body.newPassword);
    return this.tokens.issue(identity);
  }
}
