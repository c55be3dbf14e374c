import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedUser } from '../authenticated-user';
import { TwoFactorPolicyService } from './two-factor-policy.service';
import { TwoFactorEnrolmentRequiredError } from './two-factor.errors';
import { TwoFactorService } from './two-factor.service';

const ALLOWED_BEFORE_ENROLMENT_KEY = 'lilux:allowedBeforeTwoFactorEnrolment';

/**
 * What a user may still do while an administrator requires two-factor authentication they have not set up:
 * look after their own sign-in (who am I, log out, password) and enrol.
 */
export const AllowedBeforeTwoFactorEnrolment = () => SetMetadata(ALLOWED_BEFORE_ENROLMENT_KEY, true);

/**
 * Global, after the JWT and role guards: while administrators require two-factor authentication, a signed-in
 * user without it gets 403 with reason `two_factor_enrolment_required` everywhere but the routes above.
 */
@Injectable()
export class TwoFactorEnrolmentGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: TwoFactorPolicyService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    // Public routes (login, health, docs) have no user.
    if (!user) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_ENROLMENT_KEY, [context.getHandler(), context.getClass()])) return true;
    if (!(await this.policy.get()).required || (await this.twoFactor.isEnabled(user.id))) return true;
    throw new TwoFactorEnrolmentRequiredError();
  }
}
