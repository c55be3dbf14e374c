import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import type { ApiError, ApiErrorReason } from '@lilux/contracts';
import { catchError, throwError } from 'rxjs';
import { fieldMessage } from './language/field-messages';
import { Language, type LanguageTexts } from './language/language';
import { Toasts } from './toasts';

/**
 * Set on a request whose refusals the page shows itself, next to the fields they name: a toast would say the
 * same thing twice. Failures that name no field still become a toast.
 */
export const SHOWN_NEXT_TO_FIELDS = new HttpContextToken<boolean>(() => false);

/** Set on a request whose every failure the page shows where it happened (a connection check): never a toast. */
export const FAILURES_SHOWN_BY_PAGE = new HttpContextToken<boolean>(() => false);

/** A failure as a sentence, and the technical text it stands for when the sentence is the console's own. */
export interface ExplainedError {
  sentence: string;
  /** What the exchange or the network said ("getaddrinfo ENOTFOUND testnet.binance.vision"), for a "Details" disclosure. */
  detail: string | null;
}

/**
 * The API's messages that carry a network's or an exchange's own words after a stable English start (see
 * ExchangeUnreachableError, ExchangeKeyRejectedError, MarketDataUnavailableError): a trader reads a sentence, the
 * rest is detail.
 */
const TECHNICAL_MESSAGES: readonly { start: string; key: string }[] = [
  { start: 'exchange unreachable: ', key: 'exchangeUnreachable' },
  { start: 'the exchange rejected the key: ', key: 'keyRejected' },
  { start: 'market data unavailable: ', key: 'marketDataUnavailable' },
];

/** {@link describeHttpError}, with the technical text of an exchange's or a network's failure set apart as detail. */
export function explainHttpError(error: unknown, language: LanguageTexts): ExplainedError {
  const message = error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null)?.message : undefined;
  const technical = typeof message === 'string' ? TECHNICAL_MESSAGES.find(({ start }) => message.startsWith(start)) : undefined;
  if (technical && message) return { sentence: language.t(`errors.technical.${technical.key}`), detail: message.slice(technical.start.length) };
  return { sentence: describeHttpError(error, language), detail: null };
}

/**
 * One sentence a trader can act on, for any failed request, in the console's language. The API speaks English with a
 * stable `reason` and `fields`: the console words those it knows itself and shows the English text of the others.
 */
export function describeHttpError(error: unknown, language: LanguageTexts): string {
  const { t } = language;
  if (!(error instanceof HttpErrorResponse)) return t('errors.generic');
  if (error.status === 0) return t('errors.unreachable');
  if (error.status === 429) {
    const seconds = Number(error.headers.get('Retry-After'));
    return t('errors.tooManyRequests', { seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 });
  }
  const body = error.error as Partial<ApiError> | null;
  if (body && typeof body.message === 'string') {
    if (language.current() === 'en') return body.message;
    if (body.reason) return t(`errors.reason.${body.reason}`);
    const fields = Object.entries(fieldErrorsOf(error, language));
    return fields.length > 0 ? fields.map(([field, message]) => `${field}: ${message}`).join('; ') : body.message;
  }
  return t('errors.serverAnswered', { status: error.status, statusText: error.statusText });
}

/**
 * The fields a refusal names (a 400, or a 409 such as a username already taken), each with what is wrong with it in
 * the console's language; empty for any other failure.
 */
export function fieldErrorsOf(error: unknown, language: LanguageTexts): Record<string, string> {
  return Object.fromEntries(Object.entries(rawFieldErrorsOf(error)).map(([field, message]) => [field, fieldMessage(message, language)]));
}

function rawFieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof HttpErrorResponse) || error.status < 400 || error.status >= 500) return {};
  return (error.error as Partial<ApiError> | null)?.fields ?? {};
}

/** Why the API refused, for the refusals the console answers with a step of its own (asking a two-factor code). */
export function reasonOf(error: unknown): ApiErrorReason | undefined {
  return error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null)?.reason : undefined;
}

/** Refusals the console answers by asking for a code or leading to enrolment: not something to toast. */
const ANSWERED_BY_THE_CONSOLE: (ApiErrorReason | undefined)[] = ['two_factor_required', 'two_factor_enrolment_required'];

/** Turns failed API requests into toasts; a 401 is the auth interceptor's (it logs out), not a toast. */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const toasts = inject(Toasts);
  const language = inject(Language);
  return next(request).pipe(
    catchError((error: unknown) => {
      const hasFields = Object.keys(rawFieldErrorsOf(error)).length > 0;
      const isLogout = error instanceof HttpErrorResponse && error.status === 401;
      const isShownByPage =
        request.context.get(FAILURES_SHOWN_BY_PAGE) ||
        (hasFields && request.context.get(SHOWN_NEXT_TO_FIELDS)) ||
        ANSWERED_BY_THE_CONSOLE.includes(reasonOf(error));
      if (!isLogout && !isShownByPage) toasts.explained(explainHttpError(error, language));
      return throwError(() => error);
    }),
  );
};
