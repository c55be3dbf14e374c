import { Body, Controller, Get, HttpCode, HttpStatus, Post, UnauthorizedException } from '@nestjs/common';
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
  ) {}

  @Public()
  @LoginThrottle()
  @Post(['api/auth/login', 'login'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a username and password for an access token (also at POST /login)' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password (one answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address and username, or for this address; see Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'Too many passwords are waiting to be checked; see Retry-After' })
  async login(@Body() body: LoginDto): Promise<AccessTokenResponse> {
    const user = await this.users.verifyCredentials(body.username, body.password);
    if (!user) throw new UnauthorizedException(BAD_CREDENTIALS);
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
  @ApiBadRequestResponse({ description: 'Wrong current password; or the new one is not 8 to 72 bytes, blank, common, or the current one' })
  @ApiTooManyRequestsResponse({ description: '5 wrong passwords in 15 minutes (here or wherever the password is asked again); see Retry-After' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<AccessTokenResponse> {
    const identity = await this.users.changePassword(user.id, body.currentPassword, body.newPassword);
    return this.tokens.issue(identity);
  }
}
