import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { PriceAlert } from '@lilux/contracts';
import { AuthenticatedUser, CurrentUser } from '@lilux/api/auth';
import { AlertsService } from './alerts.service';
import { CreatePriceAlertDto, UpdatePriceAlertDto } from './dto/price-alert.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Your price alerts, newest first' })
  list(@CurrentUser() user: AuthenticatedUser): Promise<PriceAlert[]> {
    return this.alerts.list(user.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a price alert: above, below or crosses a price, or a move of a percent within a window' })
  @ApiCreatedResponse({ description: 'The alert, active' })
  @ApiBadRequestResponse({ description: 'Refused, with the field at fault: symbol, condition, price, movePercent, windowMinutes, note, cooldownSeconds' })
  @ApiConflictResponse({ description: 'You already have ALERTS_PER_USER active alerts' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePriceAlertDto): Promise<PriceAlert> {
    return this.alerts.create(user.id, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an alert: a new price (a dragged line), pause it (state paused) or re-arm it (state active)' })
  @ApiNotFoundResponse({ description: 'No such alert of yours' })
  @ApiBadRequestResponse({ description: 'Refused, with the field at fault' })
  @ApiConflictResponse({ description: 'Re-arming it would pass ALERTS_PER_USER active alerts' })
  update(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: UpdatePriceAlertDto): Promise<PriceAlert> {
    return this.alerts.update(user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an alert' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such alert of yours' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    await this.alerts.remove(user.id, id);
  }
}
