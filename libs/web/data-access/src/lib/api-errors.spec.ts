import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { describeHttpError, errorInterceptor, explainHttpError, FAILURES_SHOWN_BY_PAGE, fieldErrorsOf, reasonOf, SHOWN_NEXT_TO_FIELDS } from './api-errors';
import { Language, provideConsoleLanguage } from './language/language';

describe('errorInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  /** What the snack bar shows, read from the page as a user would see it. */
  const toast = () => document.querySelector('.mat-mdc-simple-snack-bar .mat-mdc-snack-bar-label')?.textContent?.trim() ?? null;
  const fail = async (status: number, body: unknown, context?: HttpContext, headers: Record<string, string> = {}) => {
    const answer = firstValueFrom(http.get('/api/orders', { context }));
    backend.expectOne('/api/orders').flush(body, { status, statusText: 'Failed', headers });
    const error = await answer.catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return error;
  };

  let language: Language;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([errorInterceptor])), provideHttpClientTesting(), provideConsoleLanguage('en')],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    language = TestBed.inject(Language);
    await language.load();
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((container) => container.remove());
  });

  it("shows the server's message for a failure and passes the error on", async () => {
    const error = await fail(409, { statusCode: 409, error: 'Conflict', message: 'the order is filled and can no longer be canceled' });
    expect(toast()).toBe('the order is filled and can no longer be canceled');
    expect(error).toMatchObject({ status: 409 });
  });

  it("words an exchange's technical failure as a sentence, its own text behind Details", async () => {
    const message = 'exchange unreachable: binance GET https://testnet.binance.vision/api/v3/account getaddrinfo ENOTFOUND testnet.binance.vision';
    const error = await fail(503, { statusCode: 503, error: 'Service Unavailable', message });
    const shown = document.querySelector('lx-error-toast');
    expect(shown?.querySelector('[matSnackBarLabel]')?.firstChild?.textContent?.trim()).toBe('The exchange could not be reached.');
    expect(shown?.querySelector('details summary')?.textContent).toBe('Details');
    expect(shown?.querySelector('details code')?.textContent).toBe(
      'binance GET https://testnet.binance.vision/api/v3/account getaddrinfo ENOTFOUND testnet.binance.vision',
    );
    expect(explainHttpError(error, language)).toEqual({
      sentence: 'The exchange could not be reached.',
      detail: 'binance GET https://testnet.binance.vision/api/v3/account getaddrinfo ENOTFOUND testnet.binance.vision',
    });
    const keyRefused = await fail(400, { statusCode: 400, error: 'Bad Request', message: 'the exchange rejected the key: binance {"code":-2015}' });
    expect(explainHttpError(keyRefused, language)).toEqual({
      sentence: 'The exchange refused the API key: check that it is right, still exists and may trade.',
      detail: 'binance {"code":-2015}',
    });
  });

  it('shows a conflict that names a field next to it, as a taken username', async () => {
    const refusal = { statusCode: 409, error: 'Conflict', message: 'username "ada" is already taken', fields: { username: 'is already taken' } };
    const error = await fail(409, refusal, new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true));
    expect(toast()).toBeNull();
    expect(fieldErrorsOf(error, language)).toEqual({ username: 'is already taken' });
  });

  it('leaves field errors to a page that shows them next to the fields, and toasts them otherwise', async () => {
    const refusal = { statusCode: 400, error: 'Bad Request', message: 'qty: is required', fields: { qty: 'is required' } };
    const error = await fail(400, refusal, new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true));
    expect(toast()).toBeNull();
    expect(fieldErrorsOf(error, language)).toEqual({ qty: 'is required' });

    await fail(400, refusal);
    expect(toast()).toBe('qty: is required');
  });

  it('leaves every failure of a request to its page when asked to', async () => {
    await fail(503, { statusCode: 503, message: 'exchange unreachable: timeout' }, new HttpContext().set(FAILURES_SHOWN_BY_PAGE, true));
    expect(toast()).toBeNull();
  });

  it('says nothing on a 401: the session ends and the login page explains', async () => {
    await fail(401, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
    expect(toast()).toBeNull();
  });

  it('leaves a request for a two-factor code, or for enrolment, to the console that answers it', async () => {
    const codeWanted = await fail(403, { statusCode: 403, message: 'two-factor code required', reason: 'two_factor_required' });
    expect(toast()).toBeNull();
    expect(reasonOf(codeWanted)).toBe('two_factor_required');
    await fail(403, { statusCode: 403, message: 'set it up first', reason: 'two_factor_enrolment_required' });
    expect(toast()).toBeNull();

    const forbidden = await fail(403, { statusCode: 403, message: 'this needs the admin role' });
    expect(toast()).toBe('this needs the admin role');
    expect(reasonOf(forbidden)).toBeUndefined();
  });

  it('tells a trader when to try again after too many requests', async () => {
    const error = await fail(429, { statusCode: 429, message: 'ThrottlerException' }, undefined, { 'Retry-After': '17' });
    expect(describeHttpError(error, language)).toBe('Too many requests. Try again in 17 seconds.');
  });

  it("words in French the refusals it knows, the API's English for the others", async () => {
    await language.choose('fr');
    await fail(400, { statusCode: 400, error: 'Bad Request', message: 'qty: is required; price: is taken', fields: { qty: 'is required', price: 'is taken' } });
    expect(toast()).toBe('qty: est obligatoire; price: is taken');
    const throttled = await fail(429, { statusCode: 429, message: 'ThrottlerException' }, undefined, { 'Retry-After': '17' });
    expect(describeHttpError(throttled, language)).toBe('Trop de requêtes. Réessayez dans 17 secondes.');
    const invalid = await fail(403, { statusCode: 403, message: 'that code is wrong', reason: 'two_factor_invalid' });
    expect(describeHttpError(invalid, language)).toBe('Ce code est erroné.');
    const unknown = await fail(503, { statusCode: 503, message: 'market data unavailable: timeout' });
    expect(describeHttpError(unknown, language)).toBe('market data unavailable: timeout');
  });
});
