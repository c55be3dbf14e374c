/** The one error shape every API failure has. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** For validation failures: each offending field with what is wrong with it. */
  fields?: Record<string, string>;
  /** Why, for the refusals a client answers with a step of its own (asking for a two-factor code). */
  reason?: ApiErrorReason;
}

/**
 * `two_factor_required`: send the request again with a `code` (or `recoveryCode`); `two_factor_invalid`: the one
 * sent was wrong or already used; `two_factor_enrolment_required`: an administrator requires two-factor
 * authentication and this user has not set it up yet.
 */
export type ApiErrorReason = 'two_factor_required' | 'two_factor_invalid' | 'two_factor_enrolment_required';
