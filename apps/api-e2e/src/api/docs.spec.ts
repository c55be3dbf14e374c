import OpenAPISchemaValidator from 'openapi-schema-validator';
import { request, RunningApi, startApi } from '@lilux/api/testing';

describe('API documentation', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(() => api.stop());

  it('serves Swagger UI at /api/docs without a token', async () => {
    const answer = await request(api.baseUrl, 'GET', '/api/docs');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('swagger-ui');
  });

  it('serves a valid OpenAPI document at /api/docs-json', async () => {
    const answer = await request(api.baseUrl, 'GET', '/api/docs-json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toMatch(/^3\.0\./);
    const { errors } = new OpenAPISchemaValidator({ version: 3 }).validate(answer.body);
    expect(errors).toEqual([]);
  });

  it('documents every route with bearer auth where a token is needed', async () => {
    const { body: document } = await request(api.baseUrl, 'GET', '/api/docs-json');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operations = Object.entries(document.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.map((entry) => entry.route).sort()).toEqual([
      'DELETE /api/accounts/{id}',
      'DELETE /api/alerts/{id}',
      'DELETE /api/auth/sessions',
      'DELETE /api/auth/sessions/{id}',
      'DELETE /api/orders/{id}',
      'DELETE /api/users/{id}',
      'GET /api/accounts',
      'GET /api/alerts',
      'GET /api/audit',
      'GET /api/audit/verify',
      'GET /api/auth/2fa',
      'GET /api/auth/2fa/policy',
      'GET /api/auth/me',
      'GET /api/auth/sessions',
      'GET /api/exchanges',
      'GET /api/health',
      'GET /api/market/status',
      'GET /api/markets',
      'GET /api/notifications',
      'GET /api/notifications/settings',
      'GET /api/ohlcv',
      'GET /api/orders',
      'GET /api/orders/{id}',
      'GET /api/portfolio',
      'GET /api/portfolio/audit',
      'GET /api/portfolio/history',
      'GET /api/ticker',
      'GET /api/trades',
      'GET /api/users',
      'PATCH /api/alerts/{id}',
      'PATCH /api/users/{id}',
      'POST /api/accounts',
      'POST /api/accounts/paper/reset',
      'POST /api/accounts/{id}/check',
      'POST /api/alerts',
      'POST /api/auth/2fa/disable',
      'POST /api/auth/2fa/enrolment',
      'POST /api/auth/2fa/enrolment/confirm',
      'POST /api/auth/2fa/recovery-codes',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/password',
      'POST /api/auth/refresh',
      'POST /api/keys',
      'POST /api/notifications/read-all',
      'POST /api/notifications/settings/test/{channel}',
      'POST /api/notifications/{id}/read',
      'POST /api/orders',
      'POST /api/users',
      'POST /api/users/{id}/sessions/end',
      'POST /login',
      'PUT /api/auth/2fa/policy',
      'PUT /api/notifications/settings',
    ]);
    // The refresh route authenticates with its cookie, not a bearer token.
    const publicRoutes = ['POST /api/auth/login', 'POST /login', 'POST /api/auth/refresh', 'GET /api/health'];
    for (const { route, operation } of operations) {
      expect({ route, secured: operation.security !== undefined }).toEqual({ route, secured: !publicRoutes.includes(route) });
    }
  });
});
