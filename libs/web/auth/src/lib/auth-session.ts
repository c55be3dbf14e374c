import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AccessTokenResponse, LoginRequest, User } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';

/** Where consoles before sessions kept the token, readable by any script in the page; removed on start-up. */
const LEGACY_STORAGE_KEY = 'lilux.session';
/** Renew when this share of the token's life has passed, so a slow answer still lands before it expires. */
const RENEW_AT_SHARE_OF_LIFE = 0.8;
/** However long the server's tokens live, renew at least this often (setTimeout holds no more than 24.8 days). */
const RENEW_AT_LEAST_EVERY_MS = 14 * 60_000;
/** A token this close to its expiry is renewed before a request rather than sent to earn a 401. */
const FRESHNESS_MARGIN_MS = 5_000;
/**
 * Tabs of the console take turns to refresh (Web Locks): the cookie is shared, and two refreshes with the same
 * refresh token look to the server like a stolen one, which ends the session.
 */
export const REFRESH_LOCK = 'lilux.refresh';

interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * The signed-in user's access token, in memory only: no script can read it from storage. The refresh token is in
 * an HttpOnly cookie the page cannot read either; a reload asks the server for a new access token with it.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly current = signal<AccessToken | null>(null);
  private refreshing: Promise<string | null> | null = null;
  private renewal: ReturnType<typeof setTimeout> | undefined;

  readonly token = computed(() => this.current()?.token ?? null);
  readonly isAuthenticated = computed(() => this.token() !== null);

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.renewal));
  }

  /** At start-up: picks up the session of the refresh cookie, if there is one, so a reload stays signed in. */
  async restore(): Promise<void> {
    localStorage.removeItem(LEGACY_STORAGE_KEY);
    await this.refresh();
  }

  async login(credentials: LoginRequest): Promise<void> {
    this.store(await firstValueFrom(this.http.post<AccessTokenResponse>('/api/auth/login', credentials)));
  }

  /** Replaces the token, e.g. with the one a password change returns, and plans its renewal. */
  store(answer: AccessTokenResponse): void {
    const lifeMs = answer.expires_in * 1000;
    this.current.set({ token: answer.access_token, expiresAt: Date.now() + lifeMs });
    clearTimeout(this.renewal);
    this.renewal = setTimeout(() => void this.renew(), Math.min(lifeMs * RENEW_AT_SHARE_OF_LIFE, RENEW_AT_LEAST_EVERY_MS));
  }

  /** Whether the token can be sent as it is. */
  isFresh(): boolean {
    const current = this.current();
    return current !== null && current.expiresAt - Date.now() > FRESHNESS_MARGIN_MS;
  }

  /**
   * A new access token from the refresh cookie, or null when the server refused it (the session is over) or could
   * not be asked. Callers at the same time share one request.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.refreshInTurn().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  currentUser(): Promise<User> {
    return firstValueFrom(this.http.get<User>('/api/auth/me'));
  }

  /** Ends the session on the server (which also clears the cookie), then forgets the token whatever it said. */
  async logout(): Promise<void> {
    try {
      if (this.token()) await firstValueFrom(this.http.post<void>('/api/auth/logout', {}));
    } finally {
      this.clear();
    }
  }

  /** Forgets the token without asking the server, e.g. after the server refused it. */
  clear(): void {
    clearTimeout(this.renewal);
    this.current.set(null);
  }

  /** The session is over: forget it and go to the sign-in page, which brings the user back here. */
  signInAgain(): void {
    this.clear();
    void this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
  }

  private async renew(): Promise<void> {
    if ((await this.refresh()) === null && !this.isAuthenticated()) this.signInAgain();
  }

  private async refreshInTurn(): Promise<string | null> {
    const ask = () => firstValueFrom(this.http.post<AccessTokenResponse>('/api/auth/refresh', {}));
    try {
      // Web Locks exist in secure contexts only (HTTPS, localhost): a console on plain HTTP refreshes unguarded.
      const answer = await (navigator.locks ? navigator.locks.request(REFRESH_LOCK, ask) : ask());
      this.store(answer);
      return answer.access_token;
    } catch (error) {
      // Refused: the session is over. Anything else (the server unreachable) leaves the token as it is.
      if (error instanceof HttpErrorResponse && error.status === 401) this.clear();
      return null;
    }
  }
}
