import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Account, ExchangeAccountCheck, TradingCapabilities } from '@lilux/contracts';
import { Audited } from '@lilux/api/audit';
import { AuthenticatedUser, CurrentUser } from '@lilux/api/auth';
import { AddExchangeAccountDto } from './dto/exchange-account.dto';
import { EXCHANGE_ACCOUNT_ADD_AUDIT } from './exchange-account-audit';
import { ExchangeAccountsService } from './exchange-accounts.service';

@ApiTags('exchange accounts')
@ApiBearerAuth()
@Controller('api')
export class ExchangeAccountsController {
  constructor(private readonly exchangeAccounts: ExchangeAccountsService) {}

  @Post(['accounts', 'keys'])
  @Audited('exchange-account.add', EXCHANGE_ACCOUNT_ADD_AUDIT)
  @ApiOperation({ summary: 'Connect a Binance testnet or live account; keys are stored encrypted and never returned' })
  @ApiCreatedResponse({ description: 'The account, with its API key masked' })
  @ApiBadRequestResponse({ description: 'A field is invalid, or the password is not yours' })
  add(@CurrentUser() user: AuthenticatedUser, @Body() body: AddExchangeAccountDto): Promise<Account> {
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
  @ApiOperation({ summary: 'Disconnect an exchange account: its keys are destroyed, its history stays' })
  @ApiNoContentResponse({ description: 'Disconnected' })
  @ApiNotFoundResponse({ description: 'No such account of yours' })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    return this.exchangeAccounts.remove(user.id, id);
  }

  @Get('exchanges')
  @ApiOperation({ summary: 'Exchanges and modes this server connects to, and whether live trading is switched on' })
  capabilities(): TradingCapabilities {
    return this.exchangeAccounts.capabilities();
  }
}
