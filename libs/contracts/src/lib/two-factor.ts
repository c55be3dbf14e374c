/** Six digits, as authenticator apps show them (RFC 6238 with SHA-1 and 30-second steps). */
export const TWO_FACTOR_CODE_PATTERN = /^\d{6}$/;
export const TWO_FACTOR_CODE_RULE = 'must be the 6 digits your authenticator app shows';

/** Ten characters in two groups of five ("k7m2p-x9q4r"); the dash and the case do not matter. */
export const RECOVERY_CODE_PATTERN = /^[0-9a-z]{5}-?[0-9a-z]{5}$/i;
export const RECOVERY_CODE_RULE = 'must be one of your recovery codes, like k7m2p-x9q4r';
export const RECOVERY_CODE_COUNT = 10;

/**
 * Proof of the second factor: a code from the authenticator app, or one of the recovery codes (each works
 * once). Asked at login and before sensitive changes (step-up) once the user has two-factor authentication.
 */
export interface TwoFactorProof {
  code?: string;
  recoveryCode?: string;
}

export interface TwoFactorStatus {
  enabled: boolean;
  /** Recovery codes not used yet (0 when two-factor authentication is off). */
  recoveryCodesLeft: number;
  /** Whether an administrator requires two-factor authentication of every user. */
  required: boolean;
}

export interface StartTwoFactorEnrolmentRequest {
  /** The user's own password, asked again before a second factor is attached to the account. */
  password: string;
}

/** A pending enrolment: shown once, until confirmed with a code. */
export interface TwoFactorEnrolment {
  /** The shared secret in base32, for typing into an app that cannot scan the QR code. */
  secret: string;
  /** `otpauth://totp/...`, what the QR code holds. */
  otpauthUri: string;
  /** The QR code as a `data:image/png;base64,...` URL. */
  qrCodeDataUrl: string;
}

export interface ConfirmTwoFactorEnrolmentRequest {
  code: string;
}

/** Shown once: only their hashes are kept. */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

export interface DisableTwoFactorRequest extends TwoFactorProof {
  password: string;
}

/** Set by administrators: every user must enrol before doing anything else. */
export interface TwoFactorPolicy {
  required: boolean;
}

/** Changing the policy is a step-up: an administrator with two-factor authentication proves it again. */
export interface SetTwoFactorPolicyRequest extends TwoFactorPolicy, TwoFactorProof {}
