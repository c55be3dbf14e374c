import type { TwoFactorProof } from './two-factor';

export const USER_ROLES = ['admin', 'trader'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
export const USERNAME_RULE = '3 to 32 characters: letters, digits, ".", "_" or "-", starting with a letter or digit';

export interface User {
  id: string;
  username: string;
  role: UserRole;
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserRequest {
  username: string;
  password: string;
  role?: UserRole;
}

/** With the two-factor proof once the user has two-factor authentication (step-up). */
export interface ChangePasswordRequest extends TwoFactorProof {
  currentPassword: string;
  newPassword: string;
}
