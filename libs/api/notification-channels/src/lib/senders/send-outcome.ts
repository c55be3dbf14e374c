/** What one attempt to send gave: a failure says whether trying again later may succeed (a 5xx, a timeout). */
export type SendOutcome = { delivered: true } | { delivered: false; retryable: boolean; error: string };

export const DELIVERED: SendOutcome = { delivered: true };

export function failed(error: string, retryable: boolean): SendOutcome {
  return { delivered: false, retryable, error };
}
