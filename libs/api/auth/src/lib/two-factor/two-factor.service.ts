import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RecoveryCodes, TwoFactorEnrolment, TwoFactorProof, TwoFactorStatus } from '@lilux/contracts';
import { CryptoService, EncryptedSecretStore, SecretStore } from '@lilux/api/crypto';
import { Clock, ClusterBus, isUniqueViolation, Transactions } from '@lilux/api/shared';
import { IDENTITY_CACHE_TTL_MS, UsersService } from '@lilux/api/users';
import { LRUCache } from 'lru-cache';
import { toDataURL } from 'qrcode';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { CodeAttempts } from './code-attempts';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { matchingStep, newTotpSecret, otpauthUri } from './totp';
import { TwoFactorPolicyService } from './two-factor-policy.service';
import { TwoFactorEntity } from './two-factor.entity';
import {
  AT_STEP_UP,
  NoPendingEnrolmentError,
  ProofStatuses,
  TooManyTwoFactorAttemptsError,
  TwoFactorAlreadyEnabledError,
  TwoFactorNotEnabledError,
  TwoFactorRequiredError,
  WrongPasswordForTwoFactorError,
  WrongTwoFactorCodeError,
} from './two-factor.errors';

/** Announced when a user turns two-factor authentication on or off, so no instance trusts what it cached. */
const TWO_FACTOR_CHANGED = 'two-factor-changed';
const AT_ENROLMENT: ProofStatuses = { missing: HttpStatus.BAD_REQUEST, wrong: HttpStatus.BAD_REQUEST };

/**
 * TOTP two-factor authentication (RFC 6238): enrolment, the proof asked at login and before sensitive changes,
 * recovery codes. A code is accepted within one step of now and only once (a conditional update, so that two
 * instances given the same code accept it once); wrong codes are limited per user by {@link CodeAttempts}.
 */
@Injectable()
@SecretStore('two_factor')
export class TwoFactorService implements OnModuleInit, EncryptedSecretStore {
  private readonly logger = new Logger(TwoFactorService.name);
  /** Asked on every request while the policy requires two-factor authentication. */
  private readonly enabled = new LRUCache<string, boolean>({ max: 10_000, ttl: IDENTITY_CACHE_TTL_MS });

  constructor(
    @InjectRepository(TwoFactorEntity) private readonly records: Repository<TwoFactorEntity>,
    @InjectRepository(RecoveryCodeEntity) private readonly recoveryCodes: Repository<RecoveryCodeEntity>,
    private readonly transactions: Transactions,
    private readonly crypto: CryptoService,
    private readonly users: UsersService,
    private readonly policy: TwoFactorPolicyService,
    private readonly attempts: CodeAttempts,
    private readonly clock: Clock,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TWO_FACTOR_CHANGED, (message) => this.enabled.delete((message as { userId: string }).userId));
  }

  async status(userId: string): Promise<TwoFactorStatus> {
    const [isEnabled, recoveryCodesLeft, policy] = await Promise.all([this.isEnabled(userId), this.recoveryCodes.countBy({ userId }), this.policy.get()]);
    return { enabled: isEnabled, recoveryCodesLeft, required: policy.required };
  }

  async isEnabled(userId: string): Promise<boolean> {
    let isEnabled = this.enabled.get(userId);
    if (isEnabled === undefined) {
      isEnabled = await this.records.existsBy({ userId, isEnabled: true });
      this.enabled.set(userId, isEnabled);
    }
    return isEnabled;
  }

  /**
   * Asks for the second factor when the user has one: throws unless `proof` holds a right, unused code or an
   * unused recovery code (which is then spent). Does nothing for a user without two-factor authentication.
   */
  async verify(userId: string, proof: TwoFactorProof, statuses: ProofStatuses = AT_STEP_UP): Promise<void> {
    const record = await this.records.findOneBy({ userId, isEnabled: true });
    if (record) await this.prove(record, proof, statuses);
  }

  /** A new secret, pending until {@link confirmEnrolment}; starting again replaces a pending one. */
  async startEnrolment(userId: string, password: string): Promise<TwoFactorEnrolment> {
    if (!(await this.users.confirmPassword(userId, password))) throw new WrongPasswordForTwoFactorError();
    const { username } = await this.users.get(userId);
    const secret = newTotpSecret();
    const secretEncrypted = this.crypto.encrypt(secret);
    const storePending = () => this.transactions.run((manager) => this.storePendingSecret(manager, userId, secretEncrypted));
    await storePending().catch((error: unknown) => {
      // Another start for the same user inserted its row first; ours replaces it like any pending one.
      if (isUniqueViolation(error)) return storePending();
      throw error;
    });
    const uri = otpauthUri(secret, username);
    return { secret, otpauthUri: uri, qrCodeDataUrl: await toDataURL(uri, { margin: 1, width: 224 }) };
  }

  /** Turns two-factor authentication on with a first code from the app; the recovery codes are shown only now. */
  async confirmEnrolment(userId: string, code: string): Promise<RecoveryCodes> {
    const record = await this.records.findOneBy({ userId });
    if (!record) throw new NoPendingEnrolmentError();
    if (record.isEnabled) throw new TwoFactorAlreadyEnabledError();
    await this.prove(record, { code }, AT_ENROLMENT);
    const codes = newRecoveryCodes();
    await this.transactions.run(async (manager) => {
      // Only the secret the code was checked against: an enrolment restarted meanwhile has a new one.
      const confirmed = await manager.update(TwoFactorEntity, { userId, isEnabled: false, secretEncrypted: record.secretEncrypted }, { isEnabled: true });
      if (!confirmed.affected) throw new NoPendingEnrolmentError();
      await this.replaceRecoveryCodes(manager, userId, codes);
    });
    await this.announceChange(userId);
    return { recoveryCodes: codes };
  }

  async disable(userId: string, password: string, proof: TwoFactorProof): Promise<void> {
    if (!(await this.users.confirmPassword(userId, password))) throw new WrongPasswordForTwoFactorError();
    const record = await this.records.findOneBy({ userId, isEnabled: true });
    if (!record) throw new TwoFactorNotEnabledError();
    await this.prove(record, proof, AT_STEP_UP);
    await this.transactions.run(async (manager) => {
      await manager.delete(RecoveryCodeEntity, { userId });
      await manager.delete(TwoFactorEntity, { userId });
    });
    await this.announceChange(userId);
  }

  /** Ten new recovery codes; the old ones stop working. */
  async regenerateRecoveryCodes(userId: string, proof: TwoFactorProof): Promise<RecoveryCodes> {
    const record = await this.records.findOneBy({ userId, isEnabled: true });
    if (!record) throw new TwoFactorNotEnabledError();
    await this.prove(record, proof, AT_STEP_UP);
    const codes = newRecoveryCodes();
    await this.transactions.run((manager) => this.replaceRecoveryCodes(manager, userId, codes));
    return { recoveryCodes: codes };
  }

  async reencryptAll(rotate: (token: string) => string): Promise<number> {
    return this.transactions.run(async (manager) => {
      let changed = 0;
      for (const row of await manager.find(TwoFactorEntity)) {
        const secretEncrypted = rotate(row.secretEncrypted);
        if (secretEncrypted === row.secretEncrypted) continue;
        await manager.update(TwoFactorEntity, { userId: row.userId, secretEncrypted: row.secretEncrypted }, { secretEncrypted });
        changed += 1;
      }
      return changed;
    });
  }

  private async prove(record: TwoFactorEntity, proof: TwoFactorProof, statuses: ProofStatuses): Promise<void> {
    if (proof.code === undefined && proof.recoveryCode === undefined) throw new TwoFactorRequiredError(statuses.missing);
    const retryAfterSeconds = await this.attempts.take(record.userId);
    if (retryAfterSeconds !== null) throw new TooManyTwoFactorAttemptsError(retryAfterSeconds);
    const problem = proof.code !== undefined ? await this.useCode(record, proof.code) : await this.useRecoveryCode(record.userId, proof.recoveryCode ?? '');
    if (problem) throw new WrongTwoFactorCodeError(statuses.wrong, proof.code !== undefined ? 'code' : 'recoveryCode', problem);
    await this.attempts.giveBack(record.userId);
  }

  /** What is wrong with the code, or null once it is accepted (and can no longer be). */
  private async useCode(record: TwoFactorEntity, code: string): Promise<string | null> {
    const step = matchingStep(this.crypto.decrypt(record.secretEncrypted), code, this.clock.now());
    if (step === null) return 'is not the current code of your authenticator app';
    // Whoever moves last_used_step forward first wins; the same code through another request or instance does not.
    const accepted = await this.transactions.run((manager) =>
      manager.update(TwoFactorEntity, { userId: record.userId, secretEncrypted: record.secretEncrypted, lastUsedStep: LessThan(step) }, { lastUsedStep: step }),
    );
    return accepted.affected ? null : 'was used already: wait for the next one';
  }

  private async useRecoveryCode(userId: string, code: string): Promise<string | null> {
    const used = await this.transactions.run((manager) => manager.delete(RecoveryCodeEntity, { userId, codeHash: recoveryCodeHash(code) }));
    return used.affected ? null : 'is not one of your unused recovery codes';
  }

  private async storePendingSecret(manager: EntityManager, userId: string, secretEncrypted: string): Promise<void> {
    const replaced = await manager.update(TwoFactorEntity, { userId, isEnabled: false }, { secretEncrypted, lastUsedStep: 0 });
    if (replaced.affected) return;
    if (await manager.existsBy(TwoFactorEntity, { userId })) throw new TwoFactorAlreadyEnabledError();
    await manager.insert(TwoFactorEntity, { userId, secretEncrypted, isEnabled: false, lastUsedStep: 0 });
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string, codes: string[]): Promise<void> {
    await manager.delete(RecoveryCodeEntity, { userId });
    await manager.insert(
      RecoveryCodeEntity,
      codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })),
    );
  }

  private async announceChange(userId: string): Promise<void> {
    this.enabled.delete(userId);
    try {
      await this.bus.publish(TWO_FACTOR_CHANGED, { userId });
    } catch (error) {
      // The change is committed; other instances see it once their cached answer expires.
      this.logger.warn({ err: error, userId }, 'could not announce a two-factor change to the other instances');
    }
  }
}
