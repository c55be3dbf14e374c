import { ApiProperty } from '@nestjs/swagger';
import type { RecoveryCodes, TwoFactorEnrolment, TwoFactorPolicy, TwoFactorStatus } from '@lilux/contracts';

export class TwoFactorStatusDto implements TwoFactorStatus {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ description: 'Recovery codes not used yet' })
  recoveryCodesLeft!: number;

  @ApiProperty({ description: 'Whether an administrator requires two-factor authentication of every user' })
  required!: boolean;
}

export class TwoFactorEnrolmentDto implements TwoFactorEnrolment {
  @ApiProperty({ description: 'The shared secret in base32, to type into an app that cannot scan; shown only now' })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Lilux:alice?issuer=Lilux&secret=…&algorithm=SHA1&digits=6&period=30' })
  otpauthUri!: string;

  @ApiProperty({ description: 'The URI as a QR code, a data:image/png;base64 URL' })
  qrCodeDataUrl!: string;
}

export class RecoveryCodesDto implements RecoveryCodes {
  @ApiProperty({ type: [String], description: 'Ten codes, each good once instead of a code; shown only now, stored hashed' })
  recoveryCodes!: string[];
}

export class TwoFactorPolicyDto implements TwoFactorPolicy {
  @ApiProperty()
  required!: boolean;
}
