import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { User } from '@lilux/contracts';
import { Audited } from '@lilux/api/audit';
import { Roles } from '@lilux/api/shared';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

const LAST_ADMIN = 'Refused: at least one active administrator must remain';

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
  @ApiBadRequestResponse({ description: 'Invalid username or role, or a password that is not 8 to 72 bytes, blank or common' })
  @ApiConflictResponse({ description: 'The username is taken (case-insensitively), also by a deleted user' })
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.users.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List users, deleted ones excepted (administrators only)' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Audited<UpdateUserDto>('user.update', { subjectType: 'user', details: ({ body }) => ({ role: body.role, disabled: body.disabled }) })
  @Patch(':id')
  @ApiOperation({
    summary: "Change a user's role, or disable / enable them (administrators only)",
    description:
      'Every token the user holds stops working at once, on every instance; they sign in again to get the new role. ' +
      'A disabled user gets the same 401 at sign-in as a wrong password.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'An invalid role or disabled, an unknown field, or neither of the two given' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: LAST_ADMIN })
  update(@Param('id') id: string, @Body() body: UpdateUserDto): Promise<User> {
    return this.users.update(id, body);
  }

  @Audited('user.sessions.end', { subjectType: 'user' })
  @Post(':id/sessions/end')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign a user out everywhere: every token they hold stops working (administrators only)' })
  @ApiNoContentResponse({ description: 'Signed out; they may sign in again' })
  @ApiNotFoundResponse({ description: 'No such user' })
  endSessions(@Param('id') id: string): Promise<void> {
    return this.users.endSessions(id);
  }

  @Audited('user.delete', { subjectType: 'user' })
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a disabled user (administrators only)',
    description:
      'A trading tool keeps its history: the user disappears from the list and can never sign in again, but their ' +
      'accounts, orders and fills stay in the ledger under their id, and their name stays taken. Refused (409) ' +
      'unless the user is disabled first, and while they still have open orders or connected exchange accounts: ' +
      'those must be canceled and disconnected, so that nothing keeps trading for someone who is gone.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: `${LAST_ADMIN}; or the user is not disabled; or they still have open orders or exchange accounts` })
  delete(@Param('id') id: string): Promise<void> {
    return this.users.delete(id);
  }
}
