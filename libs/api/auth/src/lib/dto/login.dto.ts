import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_BYTES, type LoginRequest } from '@lilux/contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TwoFactorProofDto } from '../two-factor/dto/two-factor-proof.dto';
import { MaxBytes } from './max-bytes.validator';

export class LoginDto extends TwoFactorProofDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxBytes(PASSWORD_MAX_BYTES)
  password!: string;
}
