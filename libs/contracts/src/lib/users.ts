import type { TwoFactorProof } from './two-factor';

/** `viewer`: sees its own portfolio and the market, changes nothing (the API refuses it every change with 403). */
export const USER_ROLES = ['admin', 'trader', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Whether users of this role may only look: no orders, no cancels, no account or key changes. */
export function isReadOnlyRole(role: UserRole): boolean {
  return role === 'viewer';
}

/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
export const USERNAME_RULE = '3 to 32 characters: letters, digits, ".", "_" or "-", starting with a letter or digit';

export interface User {
  id: string;
  username: string;
  role: UserRole;
  /** A disabled user cannot sign in and none of their tokens works; everything they own stays. */
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserRequest {
  username: string;
  password: string;
  role?: UserRole;
}

/** Body of `PATCH /api/users/:id` (administrators): at least one of the two. */
export interface UpdateUserRequest {
  role?: UserRole;
  disabled?: boolean;
}

/** With the two-factor proof once the user has two-factor authentication (step-up). */
export interface ChangePasswordRequest extends TwoFactorProof {
  currentPassword: string;
  newPassword: string;
}
