import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { User } from '@lilux/contracts';
import { Audited } from '@lilux/api/audit';
import { Roles } from '@lilux/api/shared';
import { CreateUserDto } from './dto/create-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'The caller is not an administrator' })
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Audited<CreateUserDto, User>('user.create', {
    subjectType: 'user',
    subjectId: ({ result }) => result?.id,
    details: ({ body }) => ({ username: body.username, role: body.role ?? 'trader' }),
  })
  @ApiOperation({ summary: 'Create a user (administrators only)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'Invalid username, password or role' })
  @ApiConflictResponse({ description: 'The username is taken (case-insensitively)' })
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.users.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List users (administrators only)' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<User[]> {
    return this.users.list();
  }
}
