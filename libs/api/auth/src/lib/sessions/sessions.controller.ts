import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserSession } from '@lilux/contracts';
import { ViewerAllowed } from '@lilux/api/shared';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser } from '../decorators/current-user.decorator';
import { AllowedBeforeTwoFactorEnrolment } from '../two-factor/two-factor-enrolment.guard';
import { EndSessionsQueryDto } from './dto/end-sessions-query.dto';
import { SessionDto } from './dto/session.dto';
import { clearRefreshCookie } from './session-http';
import { SessionsService } from './sessions.service';
import { Audited } from '@lilux/api/audit';

@ApiTags('auth')
@ApiBearerAuth()
// Ending one's own sessions is sign-in care, which a read-only viewer or a user yet to set up 2FA needs too.
@ViewerAllowed()
@AllowedBeforeTwoFactorEnrolment()
@Controller('api/auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: 'Your signed-in sessions (devices), most recently seen first; the current one is marked' })
  @ApiOkResponse({ type: SessionDto, isArray: true })
  list(@CurrentUser() user: AuthenticatedUser): Promise<UserSession[]> {
    return this.sessions.list(user.id, user.sessionId);
  }

  @Audited('auth.sessions.end', { details: ({ params }) => ({ session: params['id'] }) })
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End one of your sessions: its access and refresh tokens stop working at once' })
  @ApiNoContentResponse({ description: 'Ended (ending your current session also clears its cookie)' })
  @ApiNotFoundResponse({ description: 'No such session of yours' })
  async end(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.end(user.id, id, 'ended-by-user');
    if (id === user.sessionId) clearRefreshCookie(reply);
  }

  @Audited('auth.sessions.end')
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End every other session with ?keep=current, or all of them, this one included' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiBadRequestResponse({ description: '`keep` is something other than `current`' })
  async endAll(@CurrentUser() user: AuthenticatedUser, @Query() query: EndSessionsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const keep = query.keep === 'current' ? user.sessionId : null;
    await this.sessions.endAll(user.id, 'ended-by-user', keep);
    if (keep === null) clearRefreshCookie(reply);
  }
}
