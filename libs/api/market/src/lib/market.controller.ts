import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@lilux/api/auth';
import type { Candle, MarketList, MarketStatus, Ticker } from '@lilux/contracts';
import { OhlcvQueryDto, SymbolQueryDto } from './dto/market-queries.dto';
import { CANDLES_SCHEMA, MarketListDto, MarketStatusDto, TickerDto } from './dto/market-responses.dto';
import { MarketService } from './market.service';

@ApiTags('market')
@ApiBearerAuth()
@ApiServiceUnavailableResponse({ description: 'market data unavailable: the exchange is down, slow or rate-limiting' })
@Controller('api')
export class MarketController {
  constructor(private readonly market: MarketService) {}

  @Get('markets')
  @ApiOperation({ summary: 'Tradable markets with their precision and limits' })
  @ApiOkResponse({ type: MarketListDto })
  async markets(): Promise<MarketList> {
    return { markets: await this.market.markets() };
  }

  @Get('ticker')
  @ApiOperation({ summary: 'Last price and 24-hour figures of a market' })
  @ApiOkResponse({ type: TickerDto })
  @ApiBadRequestResponse({ description: 'Unknown or malformed symbol' })
  ticker(@Query() query: SymbolQueryDto): Promise<Ticker> {
    return this.market.ticker(query.symbol);
  }

  @Get('ohlcv')
  @ApiOperation({ summary: 'Candles, oldest first; the last one may still be forming' })
  @ApiOkResponse({ schema: CANDLES_SCHEMA })
  @ApiBadRequestResponse({ description: 'Bad symbol, timeframe, limit or since (the field is named)' })
  @ApiTooManyRequestsResponse({ description: 'The user had too much uncached history generated lately; Retry-After says when more is allowed' })
  ohlcv(@Query() query: OhlcvQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Candle[]> {
    return this.market.candles(query, user.id);
  }

  @Get('market/status')
  @ApiOperation({ summary: 'Where prices come from (Binance or the simulated feed) since start-up' })
  @ApiOkResponse({ type: MarketStatusDto })
  status(): Promise<MarketStatus> {
    return this.market.status();
  }
}
