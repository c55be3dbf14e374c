export * from './lib/dto/user.dto';
export * from './lib/migrations';
export * from './lib/users.module';
export * from './lib/users.service';
export * from './lib/user-holdings';
