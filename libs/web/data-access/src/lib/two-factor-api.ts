import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DisableTwoFactorRequest,
  RecoveryCodes,
  SetTwoFactorPolicyRequest,
  TwoFactorEnrolment,
  TwoFactorPolicy,
  TwoFactorProof,
  TwoFactorStatus,
} from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { SHOWN_NEXT_TO_FIELDS } from './api-errors';

/** Two-factor authentication: the user's own (enrol, turn off, recovery codes) and the administrators' policy. */
@Injectable({ providedIn: 'root' })
export class TwoFactorApi {
  private readonly http = inject(HttpClient);
  private readonly inline = { context: new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true) };

  status(): Promise<TwoFactorStatus> {
    return firstValueFrom(this.http.get<TwoFactorStatus>('/api/auth/2fa'));
  }

  /** A pending enrolment: the QR code and the secret, shown until confirmed. */
  startEnrolment(password: string): Promise<TwoFactorEnrolment> {
    return firstValueFrom(this.http.post<TwoFactorEnrolment>('/api/auth/2fa/enrolment', { password }, this.inline));
  }

  /** Turns it on; the answer holds the recovery codes, shown this once. */
  confirmEnrolment(code: string): Promise<RecoveryCodes> {
    return firstValueFrom(this.http.post<RecoveryCodes>('/api/auth/2fa/enrolment/confirm', { code }, this.inline));
  }

  disable(request: DisableTwoFactorRequest): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/auth/2fa/disable', request, this.inline));
  }

  regenerateRecoveryCodes(proof: TwoFactorProof): Promise<RecoveryCodes> {
    return firstValueFrom(this.http.post<RecoveryCodes>('/api/auth/2fa/recovery-codes', proof, this.inline));
  }

  policy(): Promise<TwoFactorPolicy> {
    return firstValueFrom(this.http.get<TwoFactorPolicy>('/api/auth/2fa/policy'));
  }

  setPolicy(request: SetTwoFactorPolicyRequest): Promise<TwoFactorPolicy> {
    return firstValueFrom(this.http.put<TwoFactorPolicy>('/api/auth/2fa/policy', request, this.inline));
  }
}
