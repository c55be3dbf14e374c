import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ChannelTestResult, NotificationSettings, NotificationSettingsSaved } from '@lilux/contracts';
import { AuthenticatedUser, CurrentUser } from '@lilux/api/auth';
import { FieldValidationError } from '@lilux/api/shared';
import { OUTSIDE_CHANNELS, type OutsideChannel } from './channel-columns';
import { ChannelTestResultDto, NotificationSettingsDto } from './dto/notification-settings-responses.dto';
import { UpdateNotificationSettingsDto } from './dto/notification-settings.dto';
import { NotificationSettingsService } from './notification-settings.service';

const VIEWER_READ_ONLY = 'A viewer account is read-only';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications/settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Your notification settings: order topics, console, and outside channels with their secrets masked' })
  @ApiOkResponse({ type: NotificationSettingsDto })
  get(@CurrentUser() user: AuthenticatedUser): Promise<NotificationSettings> {
    return this.settings.get(user.id);
  }

  @Put()
  @ApiOperation({
    summary: 'Change your notification settings',
    description:
      'Each field given replaces that part; a channel given as null is removed. A webhook without `secret` keeps its secret, ' +
      'or gets a generated one, answered once as `generatedWebhookSecret`. Saving a channel resumes it if Lilux had paused it.',
  })
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (named in `fields`): a malformed URL, one resolving to a non-public address, a missing chat id…' })
  @ApiForbiddenResponse({ description: VIEWER_READ_ONLY })
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateNotificationSettingsDto): Promise<NotificationSettingsSaved> {
    return this.settings.update(user.id, body);
  }

  @Post('test/:channel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a test notification on one of your channels now; a success resumes a paused channel' })
  @ApiParam({ name: 'channel', enum: OUTSIDE_CHANNELS })
  @ApiOkResponse({ type: ChannelTestResultDto, description: 'Whether the channel took it, and if not why' })
  @ApiBadRequestResponse({ description: 'No such channel, or it is not set up (or, for email, the server has no SMTP settings)' })
  @ApiForbiddenResponse({ description: VIEWER_READ_ONLY })
  test(@CurrentUser() user: AuthenticatedUser, @Param('channel') channel: string): Promise<ChannelTestResult> {
    if (!(OUTSIDE_CHANNELS as readonly string[]).includes(channel)) {
      throw new FieldValidationError({ channel: `must be one of ${OUTSIDE_CHANNELS.join(', ')}` });
    }
    return this.settings.test(user.id, channel as OutsideChannel);
  }
}
