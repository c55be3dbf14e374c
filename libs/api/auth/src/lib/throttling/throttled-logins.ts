import { Injectable } from '@nestjs/common';
import { attemptedUsername, AuditLog } from '@lilux/api/audit';
import { UsersService } from '@lilux/api/users';
import { LRUCache } from 'lru-cache';
import type { ThrottledRequest } from './login-throttle';

const MINUTE_MS = 60_000;

/**
 * Writes refused logins to the audit log: the first refusal of each limit's key (address and username) in a
 * minute. Refusals cost the attacker no password check, so recording each would let a flood of them flood the log.
 */
@Injectable()
export class ThrottledLogins {
  private readonly recent = new LRUCache<string, true>({ max: 10_000, ttl: MINUTE_MS });

  constructor(
    private readonly audit: AuditLog,
    private readonly users: UsersService,
  ) {}

  async record(request: ThrottledRequest, limitKey: string): Promise<void> {
    if (this.recent.has(limitKey)) return;
    this.recent.set(limitKey, true);
    const username = attemptedUsername(request.body?.username);
    const actorId = username ? await this.users.idOf(username) : null;
    await this.audit.record({ actorId, actorName: username, action: 'auth.login', outcome: 'throttled', address: request.ip });
  }
}
