import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Account, ExchangeAccountCheck, TradingCapabilities } from '@lilux/contracts';
import { Audited } from '@lilux/api/audit';
import { AuthenticatedUser, CurrentUser, StepUpService, TwoFactorProofDto } from '@lilux/api/auth';
import { AddExchangeAccountDto } from './dto/exchange-account.dto';
import { EXCHANGE_ACCOUNT_ADD_AUDIT } from './exchange-account-audit';
import { ExchangeAccountsService } from './exchange-accounts.service';

const STEP_UP_MISSING = 'Two-factor authentication is on and no code was sent (reason `two_factor_required`)';

@ApiTags('exchange accounts')
@ApiBearerAuth()
@Controller('api')
export class ExchangeAccountsController {
  constructor(
    private readonly exchangeAccounts: ExchangeAccountsService,
    private readonly stepUp: StepUpService,
  ) {}

  @Post(['accounts', 'keys'])
  @Audited('exchange-account.add', EXCHANGE_ACCOUNT_ADD_AUDIT)
  @ApiOperation({ summary: 'Connect a Binance testnet or live account; keys are stored encrypted and never returned' })
  @ApiCreatedResponse({ description: 'The account, with its API key masked' })
  @ApiBadRequestResponse({ description: 'A field is invalid, the password is not yours, or a wrong two-factor code' })
  @ApiForbiddenResponse({ description: STEP_UP_MISSING })
  @ApiTooManyRequestsResponse({ description: '5 wrong passwords in 15 minutes (here or wherever the password is asked again); see Retry-After' })
  async add(@CurrentUser() user: AuthenticatedUser, @Body() body: AddExchangeAccountDto): Promise<Account> {
    await this.stepUp.confirm(user.id, body);
    return this.exchangeAccounts.add(user.id, body);
  }

  @Post('accounts/:id/check')
  @Audited('exchange-account.check', { subjectType: 'account' })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Ask the exchange for the account's balances with its keys" })
  @ApiOkResponse({ description: 'The exchange accepted the key' })
  @ApiBadRequestResponse({ description: 'The exchange rejected the key, or the account is the paper one' })
  @ApiNotFoundResponse({ description: 'No such account of yours' })
  @ApiServiceUnavailableResponse({ description: 'The exchange cannot be reached or asks to slow down' })
  check(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ExchangeAccountCheck> {
    return this.exchangeAccounts.check(user.id, id);
  }

  @Delete('accounts/:id')
  @Audited('exchange-account.remove', { subjectType: 'account' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Disconnect an exchange account: its keys are destroyed, its history stays',
    description: 'With two-factor authentication on, the body carries a `code` or `recoveryCode` (step-up).',
  })
  @ApiNoContentResponse({ description: 'Disconnected' })
  @ApiBadRequestResponse({ description: 'A wrong two-factor code' })
  @ApiForbiddenResponse({ description: STEP_UP_MISSING })
  @ApiNotFoundResponse({ description: 'No such account of yours' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: TwoFactorProofDto): Promise<void> {
    await this.stepUp.confirm(user.id, body);
    return this.exchangeAccounts.remove(user.id, id);
  }

  @Get('exchanges')
  @ApiOperation({ summary: 'Exchanges and modes this server connects to, and whether live trading is switched on' })
  capabilities(): TradingCapabilities {
    return this.exchangeAccounts.capabilities();
  }
}
