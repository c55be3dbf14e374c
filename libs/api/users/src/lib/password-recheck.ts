import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AttemptCounter } from '@lilux/api/shared';
import { Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { TooManyWrongPasswordsError, UserNotFoundError } from './users.errors';

/** Wrong passwords a signed-in user may type in {@link RECHECK_WINDOW_MS} before every re-check is refused. */
export const RECHECK_LIMIT = 5;
export const RECHECK_WINDOW_MS = 15 * 60_000;

/**
 * Asks a signed-in user for their password again before something sensitive: a new password, exchange keys.
 * Whoever holds a stolen token must not be able to turn that question into a way of guessing the password: after
 * {@link RECHECK_LIMIT} wrong answers in {@link RECHECK_WINDOW_MS}, every re-check of that user, on every route and
 * every instance, answers 429 until the window ends, even with the right password. Right answers are not counted.
 */
@Injectable()
export class PasswordRecheck {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly attempts: AttemptCounter,
  ) {}

  async confirm(userId: string, password: string): Promise<boolean> {
    const key = `password-recheck:${userId}`;
    const { count, resetsInMs } = await this.attempts.add(key, RECHECK_WINDOW_MS);
    if (count > RECHECK_LIMIT) throw new TooManyWrongPasswordsError(Math.max(1, Math.ceil(resetsInMs / 1000)));
    let isWrong = false;
    try {
      const entity = await this.users.findOne({ where: { id: userId }, select: { id: true, passwordHash: true } });
      if (!entity) throw new UserNotFoundError();
      isWrong = !(await this.hasher.matches(password, entity.passwordHash));
      return !isWrong;
    } finally {
      // Counted before it was judged, so that guesses sent at once cannot all pass; only wrong ones stay counted.
      if (!isWrong) await this.attempts.takeBack(key);
    }
  }
}
