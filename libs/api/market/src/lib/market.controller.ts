import { Controller, Get, Header, Query } from '@nestjs/common';
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
import type { MarketList, MarketStatus } from '@lilux/contracts';
import { OhlcvQueryDto, SymbolQueryDto } from './dto/market-queries.dto';
import { CANDLES_SCHEMA, MarketListDto, MarketStatusDto, TickerDto } from './dto/market-responses.dto';
import { MarketService } from './market.service';

/**
 * The ticker and candles, which charts ask over and over, come serialized: the market service keeps the JSON of
 * each for the current tick of the source, shared by every caller (the types are in the Swagger responses).
 */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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
  @Header('Content-Type', JSON_CONTENT_TYPE)
  ticker(@Query() query: SymbolQueryDto): Promise<string> {
    return this.market.tickerJson(query.symbol);
  }

  @Get('ohlcv')
  @ApiOperation({ summary: 'Candles, oldest first; the last one may still be forming' })
  @ApiOkResponse({ schema: CANDLES_SCHEMA })
  @ApiBadRequestResponse({ description: 'Bad symbol, timeframe, limit or since (the field is named)' })
  @ApiTooManyRequestsResponse({ description: 'The user had too much uncached history generated lately; Retry-After says when more is allowed' })
  @Header('Content-Type', JSON_CONTENT_TYPE)
  ohlcv(@Query() query: OhlcvQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<string> {
    return this.market.candlesJson(query, user.id);
  }

  @Get('market/status')
  @ApiOperation({ summary: 'Where prices come from (Binance or the simulated feed) since start-up' })
  @ApiOkResponse({ type: MarketStatusDto })
  status(): Promise<MarketStatus> {
    return this.market.status();
  }
}
