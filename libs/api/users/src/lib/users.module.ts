import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrap } from './admin-bootstrap.service';
import { UserEntity } from './user.entity';
import { UserHoldings } from './user-holdings';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController],
  providers: [UsersService, UserHoldings, AdminBootstrap],
  exports: [UsersService, UserHoldings],
})
export class UsersModule {}
