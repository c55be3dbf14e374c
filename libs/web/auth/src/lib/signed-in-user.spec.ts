import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { User, UserRole } from '@lilux/contracts';
import { SignedInUser } from './signed-in-user';

describe('SignedInUser', () => {
  let signedIn: SignedInUser;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), SignedInUser] });
    signedIn = TestBed.inject(SignedInUser);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const answer = async (role: UserRole) => {
    TestBed.tick();
    const user: User = { id: 'u1', username: 'someone', role, disabled: false, createdAt: '2026-11-26T08:00:00.000Z', updatedAt: '2026-11-26T08:00:00.000Z' };
    backend.expectOne('/api/auth/me').flush(user);
    await TestBed.inject(ApplicationRef).whenStable();
  };

  it('offers neither trading nor the read-only note before the server said who this is', () => {
    TestBed.tick();
    expect([signedIn.canTrade(), signedIn.isReadOnly()]).toEqual([false, false]);
    backend.expectOne('/api/auth/me');
  });

  it.each([
    ['trades as a trader', 'trader', true, false],
    ['trades as an administrator', 'admin', true, false],
    ['only looks as a viewer', 'viewer', false, true],
  ] as const)('%s', async (_case, role, canTrade, isReadOnly) => {
    await answer(role);
    expect([signedIn.canTrade(), signedIn.isReadOnly()]).toEqual([canTrade, isReadOnly]);
  });
});
