import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '@lilux/api/shared';
import { AdminBootstrap } from './admin-bootstrap.service';
import { PasswordHasher } from './password-hasher';
import { PasswordRecheck } from './password-recheck';
import { UserEntity } from './user.entity';
import { UserHoldings } from './user-holdings';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController],
  providers: [
    UsersService,
    UserHoldings,
    AdminBootstrap,
    PasswordRecheck,
    {
      provide: PasswordHasher,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => new PasswordHasher(config.get('PASSWORD_HASH_QUEUE_LIMIT', { infer: true })),
    },
  ],
  exports: [UsersService, UserHoldings],
})
export class UsersModule {}
