import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { EQUITY_RANGES, type EquityHistory, type EquityRange, type LedgerAudit, type Portfolio } from '@lilux/contracts';
import { AuthenticatedUser, CurrentUser } from '@lilux/api/auth';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { OrdersService } from '@lilux/api/orders';
import { PortfolioService } from './portfolio.service';

class AccountQueryDto {
  @ApiPropertyOptional({ description: 'The account; your paper account when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an account id' })
  accountId?: string;
}

class HistoryQueryDto extends AccountQueryDto {
  @ApiPropertyOptional({ enum: EQUITY_RANGES, default: '1w' })
  @IsOptional()
  @IsIn(EQUITY_RANGES, { message: `must be one of ${EQUITY_RANGES.join(', ')}` })
  range: EquityRange = '1w';
}

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller('api/portfolio')
export class PortfolioController {
  constructor(
    private readonly portfolio: PortfolioService,
    private readonly orders: OrdersService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Equity, cash, fees, positions at average cost and realized/unrealized PnL' })
  get(@CurrentUser() user: AuthenticatedUser, @Query() query: AccountQueryDto): Promise<Portfolio> {
    return this.portfolio.portfolio(user, query.accountId);
  }

  @Get('history')
  @ApiOperation({ summary: 'The equity curve: at most 500 points, the first, lowest, highest and last of each hour kept' })
  history(@CurrentUser() user: AuthenticatedUser, @Query() query: HistoryQueryDto): Promise<EquityHistory> {
    return this.portfolio.history(user.id, query.range, query.accountId);
  }

  @Get('audit')
  @ApiOperation({ summary: 'Checks the ledger: balances = start + fills − fees, locks = open orders, nothing negative, kept positions = replay of the fills' })
  audit(@CurrentUser() user: AuthenticatedUser, @Query() query: AccountQueryDto): Promise<LedgerAudit> {
    return this.orders.audit(user.id, query.accountId);
  }
}
