import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@lilux/api/shared';
import { UsersService } from './users.service';

/** Makes sure the administrator named in ADMIN_USER exists once the database is migrated. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const username = this.config.get('ADMIN_USER', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    if (password === undefined) {
      this.logger.warn(`ADMIN_PASSWORD is not set: administrator "${username}" is not created`);
      return;
    }
    await this.users.ensureAdmin(username, password);
  }
}
