import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PriceAlert } from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import { Clock, ClusterBus, Environment, Transactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AlertEvaluator } from './alert-evaluator';
import { alertProblems } from './alert-rules';
import { AlertNotFoundError, InvalidAlertError, TooManyAlertsError } from './alerts.errors';
import { CreatePriceAlertDto, UpdatePriceAlertDto } from './dto/price-alert.dto';
import { ArmedSide, PriceAlertEntity } from './entities/price-alert.entity';
import { toPriceAlert } from './notification-mapping';

const DEFAULT_COOLDOWN_SECONDS = 300;

/** A user's price alerts: listed, created, changed (a dragged line, paused, re-armed) and deleted. */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);
  private readonly perUser: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly market: MarketService,
    private readonly evaluator: AlertEvaluator,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.perUser = config.get('ALERTS_PER_USER', { infer: true });
  }

  async list(userId: string): Promise<PriceAlert[]> {
    const alerts = await this.transactions.run((manager) => manager.find(PriceAlertEntity, { where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } }));
    return alerts.map(toPriceAlert);
  }

  async create(userId: string, request: CreatePriceAlertDto): Promise<PriceAlert> {
    await this.market.market(request.symbol);
    const isMove = request.condition === 'moves';
    const alert: PriceAlertEntity = {
      id: randomUUID(),
      userId,
      symbol: request.symbol,
      condition: request.condition,
      price: isMove ? null : (request.price ?? null),
      movePercent: isMove ? (request.movePercent ?? null) : null,
      windowMinutes: isMove ? (request.windowMinutes ?? null) : null,
      note: request.note || null,
      repeat: request.repeat ?? false,
      cooldownSeconds: request.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS,
      state: 'active',
      firedCount: 0,
      lastFiredAt: null,
      armedSide: null,
      createdAt: new Date(this.clock.now()).toISOString(),
    };
    this.check(alert);
    alert.armedSide = await this.armedSide(alert);
    await this.transactions.run(async (manager) => {
      await this.checkRoomForOneMore(manager, userId);
      await manager.insert(PriceAlertEntity, alert);
    });
    this.changed(alert);
    return toPriceAlert(alert);
  }

  async update(userId: string, id: string, request: UpdatePriceAlertDto): Promise<PriceAlert> {
    if (request.symbol !== undefined) await this.market.market(request.symbol);
    const before = await this.transactions.run((manager) => manager.findOneBy(PriceAlertEntity, { id, userId }));
    if (!before) throw new AlertNotFoundError();
    const condition = request.condition ?? before.condition;
    const isMove = condition === 'moves';
    const alert: PriceAlertEntity = {
      ...before,
      symbol: request.symbol ?? before.symbol,
      condition,
      price: isMove ? null : (request.price ?? (before.price === null ? null : String(before.price))),
      movePercent: isMove ? (request.movePercent ?? (before.movePercent === null ? null : String(before.movePercent))) : null,
      windowMinutes: isMove ? (request.windowMinutes ?? before.windowMinutes) : null,
      // An empty note removes it.
      note: request.note === undefined ? before.note : request.note || null,
      repeat: request.repeat ?? before.repeat,
      cooldownSeconds: request.cooldownSeconds ?? before.cooldownSeconds,
      state: request.state ?? before.state,
    };
    this.check(alert);
    // Armed again where the market is now: after a drag, a re-arm or a change of what it watches.
    alert.armedSide = await this.armedSide(alert);
    const saved = await this.transactions.run(async (manager) => {
      const current = await manager.findOneBy(PriceAlertEntity, { id, userId });
      if (!current) throw new AlertNotFoundError();
      if (alert.state === 'active' && current.state !== 'active') await this.checkRoomForOneMore(manager, userId);
      // What firing changed meanwhile stays; what the user sent wins.
      const merged = { ...alert, firedCount: current.firedCount, lastFiredAt: current.lastFiredAt };
      if (request.state === undefined) merged.state = current.state;
      await manager.save(PriceAlertEntity, merged);
      return merged;
    });
    this.changed(saved);
    return toPriceAlert(saved);
  }

  async remove(userId: string, id: string): Promise<void> {
    const deleted = await this.transactions.run((manager) => manager.delete(PriceAlertEntity, { id, userId }));
    if (!deleted.affected) throw new AlertNotFoundError();
    this.evaluator.changed(id);
  }

  private check(alert: PriceAlertEntity): void {
    const problems = alertProblems(alert);
    if (Object.keys(problems).length > 0) throw new InvalidAlertError(problems);
  }

  /**
   * Counts under a lock on the user's alerts until the transaction ends: on PostgreSQL two creates at once would
   * otherwise each count before the other's insert commits and pass the limit by one. A transaction-scoped
   * advisory lock on the user, not a row: nothing else has to take it. SQLite's one writer already runs alone.
   */
  private async checkRoomForOneMore(manager: EntityManager, userId: string): Promise<void> {
    if (manager.connection.options.type === 'postgres') await manager.query(`SELECT pg_advisory_xact_lock(hashtext('price_alerts:' || $1))`, [userId]);
    const active = await manager.countBy(PriceAlertEntity, { userId, state: 'active' });
    if (active >= this.perUser) throw new TooManyAlertsError(this.perUser);
  }

  /** Where the market is, for a `crosses` alert: it fires on the first tick on the other side. */
  private async armedSide(alert: PriceAlertEntity): Promise<ArmedSide | null> {
    if (alert.condition !== 'crosses' || alert.price === null) return null;
    const { last } = await this.market.ticker(alert.symbol);
    return Number(last) >= Number(alert.price) ? 'above' : 'below';
  }

  private changed(alert: PriceAlertEntity): void {
    this.evaluator.changed(alert.id);
    const event: UserEvent = { userId: alert.userId, event: 'alert', data: toPriceAlert(alert) };
    this.bus.publish(USER_EVENT, event).catch((error: unknown) => this.logger.warn({ err: error }, 'could not publish an alert event'));
  }
}
