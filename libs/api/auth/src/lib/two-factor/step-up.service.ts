import { Injectable } from '@nestjs/common';
import type { TwoFactorProof } from '@lilux/contracts';
import { AT_STEP_UP } from './two-factor.errors';
import { TwoFactorService } from './two-factor.service';

/**
 * Step-up: a stolen session alone must not change the password, connect or remove exchange keys (live trading
 * included) or the two-factor policy. Before those, a user with two-factor authentication proves it again: 403
 * with reason `two_factor_required` without a proof, 400 naming the field for a wrong one. Request DTOs take
 * the proof by extending `TwoFactorProofDto`.
 */
@Injectable()
export class StepUpService {
  constructor(private readonly twoFactor: TwoFactorService) {}

  confirm(userId: string, proof: TwoFactorProof): Promise<void> {
    return this.twoFactor.verify(userId, proof, AT_STEP_UP);
  }
}
