import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AccessTokenResponse } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthSession } from './auth-session';
import { authInterceptor } from './auth.interceptor';

const tokenAnswer = (token: string, expiresIn = 900): AccessTokenResponse => ({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };
/** Lets pending promises (a refresh's answer reaching the interceptor) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: AuthSession;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(AuthSession);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => {
    backend.verify();
    session.clear();
  });

  const authorizationOf = (url: string) => backend.expectOne(url).request.headers.get('Authorization');

  it('sends no Authorization header without a session', () => {
    void firstValueFrom(http.get('/api/health'));
    expect(backend.expectOne('/api/health').request.headers.has('Authorization')).toBe(false);
  });

  it('attaches the bearer token to API requests', () => {
    session.store(tokenAnswer('token-123'));
    void firstValueFrom(http.get('/api/auth/me'));
    expect(authorizationOf('/api/auth/me')).toBe('Bearer token-123');
  });

  it('never sends the token to another host', () => {
    session.store(tokenAnswer('token-123'));
    void firstValueFrom(http.get('https://evil.example.com/api/auth/me'));
    expect(backend.expectOne('https://evil.example.com/api/auth/me').request.headers.has('Authorization')).toBe(false);
  });

  it('renews the token once for requests refused together, then retries each with the new one', async () => {
    session.store(tokenAnswer('expired-on-the-server'));
    const answers = Promise.all(['/api/portfolio', '/api/orders', '/api/trades'].map((url) => firstValueFrom(http.get(url))));
    for (const request of backend.match((request) => request.url !== '/api/auth/refresh')) request.flush({ statusCode: 401 }, UNAUTHORIZED);

    const refreshes = backend.match('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].request.method).toBe('POST');
    expect(refreshes[0].request.headers.has('Authorization')).toBe(false);
    refreshes[0].flush(tokenAnswer('renewed'));
    await settle();

    const retried = backend.match(() => true);
    expect(retried.map((request) => [request.request.url, request.request.headers.get('Authorization')])).toEqual([
      ['/api/portfolio', 'Bearer renewed'],
      ['/api/orders', 'Bearer renewed'],
      ['/api/trades', 'Bearer renewed'],
    ]);
    for (const request of retried) request.flush({ ok: request.request.url });
    await expect(answers).resolves.toEqual([{ ok: '/api/portfolio' }, { ok: '/api/orders' }, { ok: '/api/trades' }]);
    expect(session.token()).toBe('renewed');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('retries with a token another request already renewed, without a second refresh', async () => {
    session.store(tokenAnswer('old'));
    const first = firstValueFrom(http.get('/api/portfolio'));
    const late = firstValueFrom(http.get('/api/orders'));
    const [portfolio, orders] = [backend.expectOne('/api/portfolio'), backend.expectOne('/api/orders')];
    portfolio.flush({ statusCode: 401 }, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(tokenAnswer('renewed'));
    await settle();
    backend.expectOne('/api/portfolio').flush({});
    await first;

    orders.flush({ statusCode: 401 }, UNAUTHORIZED);
    await settle();
    backend.expectNone('/api/auth/refresh');
    const retried = backend.expectOne('/api/orders');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer renewed');
    retried.flush([]);
    await expect(late).resolves.toEqual([]);
  });

  it('goes to login, remembering the page, when the session cannot be renewed', async () => {
    session.store(tokenAnswer('revoked-token'));
    const answer = firstValueFrom(http.get('/api/auth/me'));
    backend.expectOne('/api/auth/me').flush({ statusCode: 401 }, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush({ statusCode: 401 }, UNAUTHORIZED);

    await expect(answer).rejects.toMatchObject({ status: 401 });
    expect(session.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });

  it('goes to login when even the renewed token is refused', async () => {
    session.store(tokenAnswer('old'));
    const answer = firstValueFrom(http.get('/api/auth/me'));
    backend.expectOne('/api/auth/me').flush({ statusCode: 401 }, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(tokenAnswer('renewed'));
    await settle();
    backend.expectOne('/api/auth/me').flush({ statusCode: 401 }, UNAUTHORIZED);

    await expect(answer).rejects.toMatchObject({ status: 401 });
    expect(session.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('renews a token about to expire before sending the request', async () => {
    session.store(tokenAnswer('about-to-expire', 2));
    const answer = firstValueFrom(http.get('/api/portfolio'));
    backend.expectNone('/api/portfolio');
    backend.expectOne('/api/auth/refresh').flush(tokenAnswer('renewed'));
    await settle();
    const sent = backend.expectOne('/api/portfolio');
    expect(sent.request.headers.get('Authorization')).toBe('Bearer renewed');
    sent.flush({});
    await answer;
  });

  it('leaves login and refresh alone: no token sent, a 401 is theirs to tell', async () => {
    session.store(tokenAnswer('token-123'));
    const login = firstValueFrom(http.post('/api/auth/login', { username: 'a', password: 'b' }));
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({ statusCode: 401 }, UNAUTHORIZED);
    await expect(login).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
    expect(session.token()).toBe('token-123');
  });

  it('leaves the session alone on other errors', async () => {
    session.store(tokenAnswer('token-123'));
    const answer = firstValueFrom(http.get('/api/users'));
    backend.expectOne('/api/users').flush({ statusCode: 403 }, { status: 403, statusText: 'Forbidden' });

    await expect(answer).rejects.toMatchObject({ status: 403 });
    expect(session.token()).toBe('token-123');
  });
});

describe('AuthSession', () => {
  let backend: HttpTestingController;
  let session: AuthSession;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(AuthSession);
  });

  afterEach(() => {
    backend.verify();
    session.clear();
    jest.useRealTimers();
  });

  it('keeps the token in memory only', () => {
    session.store(tokenAnswer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'));
    expect(session.token()).toBe('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(Object.values({ ...localStorage }).join()).not.toContain('eyJ');
    expect(Object.values({ ...sessionStorage }).join()).not.toContain('eyJ');
  });

  it('restores the session after a reload from the refresh cookie, and drops a token an older console stored', async () => {
    localStorage.setItem('lilux.session', JSON.stringify({ token: 'stored-by-an-old-console', expiresAt: Date.now() + 60_000 }));
    const restored = session.restore();
    expect(localStorage.getItem('lilux.session')).toBeNull();
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.body).toEqual({});
    refresh.flush(tokenAnswer('restored'));
    await restored;
    expect(session.token()).toBe('restored');
  });

  it('stays signed out when there is no session to restore', async () => {
    const restored = session.restore();
    backend.expectOne('/api/auth/refresh').flush({ statusCode: 401 }, UNAUTHORIZED);
    await restored;
    expect(session.isAuthenticated()).toBe(false);
  });

  it('renews the token before it expires, and at least every 14 minutes however long it lives', async () => {
    jest.useFakeTimers();
    session.store(tokenAnswer('first', 900));
    await jest.advanceTimersByTimeAsync(719_000);
    backend.expectNone('/api/auth/refresh');
    await jest.advanceTimersByTimeAsync(1_000);
    backend.expectOne('/api/auth/refresh').flush(tokenAnswer('second', 30 * 24 * 3600));
    await jest.advanceTimersByTimeAsync(0);
    expect(session.token()).toBe('second');

    await jest.advanceTimersByTimeAsync(14 * 60_000 - 1);
    backend.expectNone('/api/auth/refresh');
    await jest.advanceTimersByTimeAsync(1);
    backend.expectOne('/api/auth/refresh').flush(tokenAnswer('third'));
  });
});
