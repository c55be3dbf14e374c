import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TwoFactorPolicy } from '@lilux/contracts';
import { ClusterBus, Transactions } from '@lilux/api/shared';
import { IDENTITY_CACHE_TTL_MS } from '@lilux/api/users';
import { Repository } from 'typeorm';
import { TWO_FACTOR_POLICY_ID, TwoFactorPolicyEntity } from './two-factor-policy.entity';

/** Announced when an administrator changes the policy, so every instance applies it at once. */
const POLICY_CHANGED = 'two-factor-policy-changed';

/** Whether administrators require two-factor authentication of everyone; read on every request, so kept in memory. */
@Injectable()
export class TwoFactorPolicyService implements OnModuleInit {
  private readonly logger = new Logger(TwoFactorPolicyService.name);
  private cached: { policy: TwoFactorPolicy; readAt: number } | null = null;

  constructor(
    @InjectRepository(TwoFactorPolicyEntity) private readonly policies: Repository<TwoFactorPolicyEntity>,
    private readonly transactions: Transactions,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(POLICY_CHANGED, () => (this.cached = null));
  }

  async get(): Promise<TwoFactorPolicy> {
    // Changes through any instance apply at once (announced); the bound is for a bus that failed to announce.
    if (this.cached && Date.now() - this.cached.readAt < IDENTITY_CACHE_TTL_MS) return this.cached.policy;
    const row = await this.policies.findOneBy({ id: TWO_FACTOR_POLICY_ID });
    const policy = { required: row?.isRequired ?? false };
    this.cached = { policy, readAt: Date.now() };
    return policy;
  }

  async set(policy: TwoFactorPolicy): Promise<TwoFactorPolicy> {
    await this.transactions.run((manager) => manager.upsert(TwoFactorPolicyEntity, { id: TWO_FACTOR_POLICY_ID, isRequired: policy.required }, ['id']));
    this.cached = null;
    try {
      await this.bus.publish(POLICY_CHANGED, {});
    } catch (error) {
      this.logger.warn({ err: error }, 'could not announce a two-factor policy change to the other instances');
    }
    return this.get();
  }
}
