import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { BehaviorSubject, distinctUntilChanged, Observable } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { Environment } from '../config/environment';

const LEASE = 'background-jobs';
/** How long a lease lasts without renewal: a leader that dies is replaced within this plus one renewal. */
export const LEASE_TTL_SECONDS = 10;
const RENEW_EVERY_MS = 2000;

/** The work was about to be done under a lease this instance no longer holds: a newer leader does it. */
export class LeaseLostError extends Error {
  constructor() {
    super('this instance no longer leads the background jobs');
  }
}

/**
 * Which instance of a cluster runs the background jobs (the paper matching engine, the exchange reconciler): the
 * holder of a lease in the database, renewed every 2 s and lost after 10 s without renewal, so another instance
 * takes over within about 12 s of a `kill -9`. Work done as leader is fenced: {@link fence} checks, inside the
 * work's own transaction, that the lease and its epoch are still this instance's, and holds it until the commit,
 * so a leader that was paused and wakes up after losing the lease cannot act. On SQLite the one process is the
 * only writer and always leads.
 */
@Injectable()
export class Leadership implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Leadership.name);
  private readonly holder = randomUUID();
  private readonly isShared: boolean;
  private readonly leading: BehaviorSubject<boolean>;
  private epoch: number | null = null;
  private timer?: NodeJS.Timeout;

  /** Whether instances sharing this database could share nothing else: PostgreSQL without REDIS_URL. */
  private readonly hasNoBus: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly adapterHost: HttpAdapterHost,
    config: ConfigService<Environment, true>,
  ) {
    this.isShared = dataSource.options.type === 'postgres';
    this.leading = new BehaviorSubject(!this.isShared);
    this.hasNoBus = this.isShared && !config.get('REDIS_URL', { infer: true });
  }

  /** Whether this instance leads now, and each change of it. */
  get isLeading$(): Observable<boolean> {
    return this.leading.pipe(distinctUntilChanged());
  }

  get isLeading(): boolean {
    return this.leading.value;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.isShared) return;
    await this.tick();
    // A server (not a command-line tool) without Redis must be alone: a second one would hear no events, logouts
    // or limits of the first.
    if (this.hasNoBus && this.adapterHost.httpAdapter && !this.isLeading && (await this.isRenewedByAnother())) {
      throw new Error('another Lilux instance is running on this database: set REDIS_URL (the same on every instance) to run several');
    }
    this.timer = setInterval(() => void this.tick(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Before the database connections close: hand the lease over at once rather than after it runs out. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (!this.isShared || this.epoch === null) return;
    this.step(false);
    await this.dataSource.query('UPDATE leases SET expires_at = now() WHERE name = $1 AND holder = $2', [LEASE, this.holder]).catch(() => undefined);
  }

  /** Inside a transaction doing leader's work: throws unless this instance still holds the lease it acts under. */
  async fence(manager: EntityManager): Promise<void> {
    if (!this.isShared) return;
    if (this.epoch === null) throw new LeaseLostError();
    // FOR SHARE: a takeover (which updates the row) waits until this work has committed or rolled back.
    const rows = await manager.query('SELECT 1 FROM leases WHERE name = $1 AND holder = $2 AND epoch = $3 AND expires_at > now() FOR SHARE', [
      LEASE,
      this.holder,
      this.epoch,
    ]);
    if (rows.length === 0) {
      this.step(false);
      throw new LeaseLostError();
    }
  }

  /**
   * Whether another instance holds the lease and is alive: it renews it. A lease left by a process that crashed
   * (restarted here after a `kill -9`) is not renewed, and this instance takes it over when it runs out.
   */
  private async isRenewedByAnother(): Promise<boolean> {
    const read = async () => {
      const rows = await this.dataSource.query('SELECT holder, expires_at FROM leases WHERE name = $1 AND holder <> $2 AND expires_at > now()', [
        LEASE,
        this.holder,
      ]);
      return rows[0] as { holder: string; expires_at: Date } | undefined;
    };
    const before = await read();
    if (!before) return false;
    await new Promise((resolve) => setTimeout(resolve, RENEW_EVERY_MS * 1.5));
    const after = await read();
    return after !== undefined && (after.holder !== before.holder || new Date(after.expires_at) > new Date(before.expires_at));
  }

  private async tick(): Promise<void> {
    try {
      if (this.epoch !== null) {
        const renewed = await this.dataSource.query(
          `UPDATE leases SET expires_at = now() + make_interval(secs => $4) WHERE name = $1 AND holder = $2 AND epoch = $3 AND expires_at > now() RETURNING epoch`,
          [LEASE, this.holder, this.epoch, LEASE_TTL_SECONDS],
        );
        if (renewed.length > 0) return;
        this.step(false);
      }
      const taken = await this.dataSource.query(
        `INSERT INTO leases (name, holder, epoch, expires_at) VALUES ($1, $2, 1, now() + make_interval(secs => $3))
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, epoch = leases.epoch + 1, expires_at = EXCLUDED.expires_at
         WHERE leases.expires_at <= now()
         RETURNING epoch`,
        [LEASE, this.holder, LEASE_TTL_SECONDS],
      );
      if (taken.length > 0) {
        this.epoch = Number(taken[0].epoch);
        this.step(true);
      }
    } catch (error) {
      // The database is away: lead no more than the lease allows, which fencing enforces anyway.
      this.logger.warn({ err: error }, 'could not renew or take the lease of the background jobs');
    }
  }

  private step(isLeading: boolean): void {
    if (!isLeading) this.epoch = null;
    if (isLeading === this.leading.value) return;
    this.logger.log(isLeading ? `leads the background jobs (epoch ${this.epoch})` : 'no longer leads the background jobs');
    this.leading.next(isLeading);
  }
}
