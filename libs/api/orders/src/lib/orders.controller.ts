import { Body, Controller, Delete, Get, Headers, HttpStatus, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Account, AccountWithBalances, Order, OrderPage, PositionProtection, TradePage } from '@lilux/contracts';
import { Audited } from '@lilux/api/audit';
import { AuthenticatedUser, CurrentUser } from '@lilux/api/auth';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { AccountsService } from './accounts.service';
import { CLIENT_ORDER_ID_PATTERN, OrderQueryDto, PlaceOrderDto, PositionProtectionDto, TradeQueryDto } from './dto/order.dto';
import { InvalidOrderError } from './orders.errors';
import { ORDER_CANCEL_AUDIT, ORDER_PLACEMENT_AUDIT, PAPER_RESET_AUDIT, POSITION_PROTECTION_AUDIT } from './order-audit';
import { OrdersService } from './orders.service';
import { tradesCsv } from './trades-csv';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('orders')
  @Audited('order.place', ORDER_PLACEMENT_AUDIT)
  @ApiOperation({ summary: 'Place a market or limit order, optionally with stop-loss and take-profit' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same as clientOrderId' })
  @ApiCreatedResponse({ description: 'The order, as placed (market orders come back filled)' })
  @ApiOkResponse({ description: 'An order with this client order id existed: it is returned, nothing new is made' })
  @ApiBadRequestResponse({ description: 'Refused, with the field at fault: symbol, side, qty, price, sl, tp, funds' })
  async place(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Order> {
    if (idempotencyKey !== undefined && !CLIENT_ORDER_ID_PATTERN.test(idempotencyKey)) {
      throw new InvalidOrderError({ 'Idempotency-Key': 'must be 1 to 36 letters, digits or . _ : / -' });
    }
    const { order, created } = await this.orders.place(user.id, body, idempotencyKey);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return order;
  }

  @Get('orders')
  @ApiOperation({ summary: 'Your orders, newest first' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: OrderQueryDto): Promise<OrderPage> {
    return this.orders.list(user.id, query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'One of your orders with its status history' })
  @ApiNotFoundResponse({ description: 'No such order of yours' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<Order> {
    return this.orders.get(user.id, id);
  }

  @Delete('orders/:id')
  @Audited('order.cancel', ORDER_CANCEL_AUDIT)
  @ApiOperation({ summary: 'Cancel an open order and free what it locked (a stop-loss/take-profit leg cancels the pair)' })
  @ApiNotFoundResponse({ description: 'No such order of yours' })
  @ApiConflictResponse({ description: 'The order is already filled, canceled or rejected' })
  cancel(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<Order> {
    return this.orders.cancel(user.id, id);
  }

  @Put('positions/protection')
  @Audited('position.protect', POSITION_PROTECTION_AUDIT)
  @ApiOperation({
    summary: 'Attach, change or remove the stop-loss / take-profit of an open position',
    description:
      'Both levels are given, null for none. The stop-loss / take-profit legs resting on the symbol are canceled and one pair for the ' +
      "position's whole quantity is armed in their place (on paper in one transaction; on Binance the old OCO list is canceled, then a new one " +
      'placed for the coins free on the exchange); both null removes them.',
  })
  @ApiOkResponse({ description: 'The protection as it now stands, with its open legs' })
  @ApiBadRequestResponse({ description: 'Refused, with the field at fault: sl or tp (wrong side of the market, off its tick), symbol, accountId' })
  @ApiConflictResponse({ description: "The position's free quantity is not there: nothing held, too little to sell, or locked by other orders" })
  @ApiResponse({ status: HttpStatus.BAD_GATEWAY, description: 'Binance refused to cancel the old pair or to place the new one; the message says what it left' })
  @ApiResponse({ status: HttpStatus.SERVICE_UNAVAILABLE, description: 'Binance could not be reached; the message says what was done' })
  protect(@CurrentUser() user: AuthenticatedUser, @Body() body: PositionProtectionDto): Promise<PositionProtection> {
    return this.orders.protect(user.id, body);
  }

  @Get('trades')
  @ApiOperation({
    summary: 'Your fills, newest first; ?format=csv downloads them',
    description: 'As CSV: every trade matching symbol, accountId, from and to, streamed, however many (limit, offset and cursor do not apply).',
  })
  @ApiProduces('application/json', 'text/csv')
  trades(@CurrentUser() user: AuthenticatedUser, @Query() query: TradeQueryDto): Promise<TradePage> | StreamableFile {
    if (query.format !== 'csv') return this.orders.trades(user.id, query);
    return new StreamableFile(Readable.from(tradesCsv(this.orders.everyTrade(user.id, query))), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="lilux-trades.csv"',
    });
  }

  @Get('accounts')
  @ApiOperation({ summary: 'Your accounts with their balances' })
  accountList(@CurrentUser() user: AuthenticatedUser): Promise<AccountWithBalances[]> {
    return this.accounts.list(user.id);
  }

  @Post('accounts/paper/reset')
  @Audited('paper.reset', PAPER_RESET_AUDIT)
  @ApiOperation({ summary: "Cancel the paper account's orders, archive it with its history and start a fresh one" })
  @ApiCreatedResponse({ description: 'The new paper account' })
  resetPaper(@CurrentUser() user: AuthenticatedUser): Promise<Account> {
    return this.accounts.resetPaper(user.id);
  }
}
