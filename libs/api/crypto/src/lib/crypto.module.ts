import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CryptoService } from './crypto.service';
import { SecretRotationService } from './secret-rotation.service';

@Module({
  imports: [DiscoveryModule],
  providers: [CryptoService, SecretRotationService],
  exports: [CryptoService, SecretRotationService],
})
export class CryptoModule {}
